"""A merge carries a coding's valence both ways, and reports it when both files changed it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from export_study import Study, build_study

from storage import Store
from storage.merge import merge_project
from tui.exchange_reports import merge_lines


@pytest.fixture
def study(tmp_path: Path) -> Study:
    return build_study(tmp_path / "master.suhbat")


def _copy(study: Study, name: str = "dana.suhbat") -> Path:
    target = study.path.with_name(name)
    shutil.copyfile(study.path, target)
    return target


def _valence(path: Path, coding_id: int) -> int | None:
    with Store(path) as store:
        return store.codings.get(coding_id).valence


def _set_valence(path: Path, coding_id: int, valence: int | None) -> None:
    with Store(path) as store:
        store.codings.set_valence(coding_id, valence)


def _merge(into: Path, other: Path) -> tuple[dict[str, int], list[tuple[str, str, str]], str]:
    with Store(into) as store:
        report = merge_project(store, other)
        conflicts = [(c.field, c.kept, c.other) for c in report.conflicts]
        return report.updated, conflicts, "\n".join(merge_lines(report))


@pytest.mark.parametrize("changed_in", ["copy", "master"])
@pytest.mark.parametrize(("before", "after"), [(None, 1), (-1, 0), (1, None)])
def test_a_valence_set_changed_or_cleared_in_one_file_reaches_the_other(
    study: Study, changed_in: str, before: int | None, after: int | None
) -> None:
    coding = study.codings["c1"].id
    _set_valence(study.path, coding, before)
    copy = _copy(study)
    changed, other = (copy, study.path) if changed_in == "copy" else (study.path, copy)
    _set_valence(changed, coding, after)
    # Merged into the file that did not change it: taken; into the other: nothing to do.
    assert _merge(other, changed)[:2] == ({"codings": 1}, [])
    assert _valence(other, coding) == after
    assert _merge(changed, other)[:2] == ({}, [])
    assert _valence(changed, coding) == after
    assert _merge(other, changed)[:2] == ({}, [])


def test_a_valence_changed_in_both_files_is_a_conflict_and_then_converges(study: Study) -> None:
    coding = study.codings["c1"].id
    copy = _copy(study)
    _set_valence(copy, coding, 1)
    _set_valence(study.path, coding, -1)
    updated, conflicts, lines = _merge(study.path, copy)
    assert (updated, conflicts) == ({}, [("valence", "-1", "+1")])
    assert "valence: kept '-1', copy has '+1' (changed in both files)" in lines
    assert _valence(study.path, coding) == -1
    assert _merge(copy, study.path)[1] == []
    assert _valence(copy, coding) == -1
    assert _merge(study.path, copy)[:2] == ({}, [])


def test_a_valence_in_one_file_and_a_memo_in_the_other_are_both_kept(study: Study) -> None:
    coding = study.codings["c1"].id
    copy = _copy(study)
    _set_valence(copy, coding, 0)
    with Store(study.path) as master:
        master.codings.update(coding, memo="ironic")
    assert _merge(study.path, copy)[1] == []
    with Store(study.path) as master:
        merged = master.codings.get(coding)
        assert (merged.valence, merged.memo) == (0, "ironic")
    assert _merge(copy, study.path)[1] == []
    with Store(copy) as other:
        merged = other.codings.get(coding)
        assert (merged.valence, merged.memo) == (0, "ironic")


def test_a_new_coding_comes_with_its_valence_and_widens_the_scale(study: Study) -> None:
    copy = _copy(study)
    with Store(copy) as other:
        other.codings.set_valence_scale(5)
        first = other.codings.all()[0]
        added = other.codings.add(
            first.code_id, first.layer_id, first.end, first.end + 4, other.coders.get("Dana").id
        )
        other.codings.set_valence(added.id, -2)
    _updated, conflicts, lines = _merge(study.path, copy)
    assert conflicts == []
    assert "the scale is now 5 points" in lines
    with Store(study.path) as master:
        (merged,) = [c for c in master.codings.all() if c.uuid == added.uuid]
        assert merged.valence == -2
        assert master.codings.valence_scale() == 5


def test_a_valence_set_before_valence_made_revisions_reaches_the_master(study: Study) -> None:
    """Older versions kept a valence change out of the coding's revisions (the audit has it)."""
    copy = _copy(study)
    for path in (study.path, copy):
        _as_before_valence_revisions(path)
    _set_valence_as_before(copy, study.codings["c3"].id, 1)
    with Store(study.path) as master:
        master.codings.update(study.codings["c2"].id, memo="later")
        master.codings.update(study.codings["c3"].id, memo="also later")
    assert _merge(study.path, copy)[:2] == ({"codings": 1}, [])
    assert _valence(study.path, study.codings["c3"].id) == 1
    assert _merge(copy, study.path)[1] == []
    with Store(copy) as other:
        merged = other.codings.get(study.codings["c3"].id)
        assert (merged.valence, merged.memo) == (1, "also later")
    assert _merge(study.path, copy)[:2] == ({}, [])


def _as_before_valence_revisions(path: Path) -> None:
    """Give a file the coding triggers it had before valence changes were revisions."""
    from storage.schema import MIGRATIONS, VALENCE_REVISIONS, _revision_triggers

    conn = sqlite3.connect(path)
    for event in ("insert", "update", "delete"):
        conn.execute(f"DROP TRIGGER coding_revision_{event}")
    columns = ("code_id", "layer_id", "start", '"end"', "coder_id", "memo")
    conn.executescript(_revision_triggers("coding", columns))
    conn.execute(
        "UPDATE revision_seen SET state = json_remove(state, '$.valence')"
        " WHERE state IS NOT NULL AND uuid IN (SELECT uuid FROM coding)"
    )
    conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(VALENCE_REVISIONS)}")
    conn.commit()
    conn.close()


def _set_valence_as_before(path: Path, coding_id: int, valence: int) -> None:
    """What an older version's ``set_valence`` wrote: the value and an audit entry."""
    from storage.base import utc_now

    conn = sqlite3.connect(path)
    conn.execute("UPDATE coding SET valence = ? WHERE id = ?", (valence, coding_id))
    conn.execute(
        "INSERT INTO audit (at, action, entity, entity_uuid, detail)"
        " SELECT ?, 'update', 'coding', uuid, ? FROM coding WHERE id = ?",
        (utc_now(), f'{{"valence": {valence}}}', coding_id),
    )
    conn.commit()
    conn.close()
