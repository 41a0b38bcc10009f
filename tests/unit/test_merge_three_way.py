"""Merges decide against the common past: who changed what, deletions, convergence both ways."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from export_study import Study, build_study, code_id, copy_study
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import Store, SuhbatError
from storage.base import utc_now
from storage.merge import merge_project
from tui.exchange_reports import merge_lines


@pytest.fixture
def study(tmp_path: Path) -> Study:
    return build_study(tmp_path / "master.suhbat")


def _participant(store: Store, code: str) -> int:
    person = store.participants.find(code)
    assert person is not None
    return person.id


def _attribute(store: Store, name: str) -> int:
    return next(a.id for a in store.participants.attributes() if a.name == name)


def test_a_value_changed_only_in_the_master_is_kept_without_a_conflict(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(study.path) as master:
        master.participants.update(_participant(master, "P02"), attributes={"age": "41"})
        report = merge_project(master, copy)
        assert report.conflicts == [] and not report.changed
        assert master.participants.get(_participant(master, "P02")).attributes["age"] == "41"
    with Store(copy) as other:
        back = merge_project(other, study.path)
        assert back.conflicts == [] and back.updated == {"participants": 1}
        assert other.participants.get(_participant(other, "P02")).attributes["age"] == "41"


def test_a_value_changed_in_both_files_is_a_conflict_and_then_converges(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as other:
        other.participants.update(_participant(other, "P02"), attributes={"age": "42"})
    with Store(study.path) as master:
        master.participants.update(_participant(master, "P02"), attributes={"age": "41"})
        (conflict,) = merge_project(master, copy).conflicts
        assert (conflict.name, conflict.field, conflict.kept, conflict.other) == (
            "P02",
            "age",
            "41",
            "42",
        )
    with Store(copy) as other:
        back = merge_project(other, study.path)
        assert back.conflicts == []
        assert other.participants.get(_participant(other, "P02")).attributes["age"] == "41"
    with Store(study.path) as master:
        again = merge_project(master, copy)
        assert not again.changed and again.conflicts == []


def test_different_fields_changed_in_each_file_are_both_kept(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as other:
        other.participants.update(_participant(other, "P02"), attributes={"gender": "F"})
        other.codes.update(code_id(other, "Trust"), color="#123456")
    with Store(study.path) as master:
        master.participants.update(_participant(master, "P02"), attributes={"age": "41"})
        master.codes.update(code_id(master, "Trust"), names={"en": "Trust in officials"})
        report = merge_project(master, copy)
        assert report.conflicts == []
        assert master.participants.get(_participant(master, "P02")).attributes == {
            "gender": "F",
            "age": "41",
        }
        assert master.codes.get(code_id(master, "Trust in officials")).color == "#123456"
    with Store(copy) as other:
        assert merge_project(other, study.path).conflicts == []
        assert other.participants.get(_participant(other, "P02")).attributes["age"] == "41"
        assert other.codes.get(code_id(other, "Trust in officials")).color == "#123456"


def test_an_attribute_definition_changed_in_the_copy_comes_with_its_values(
    study: Study,
) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as other:
        other.participants.update_attribute(
            _attribute(other, "gender"), allowed=["F", "M", "Other"]
        )
        other.participants.update(_participant(other, "P02"), attributes={"gender": "Other"})
    with Store(study.path) as master:
        report = merge_project(master, copy)
        assert report.conflicts == []
        assert report.updated == {"attributes": 1, "participants": 1}
        gender = next(a for a in master.participants.attributes() if a.name == "gender")
        assert gender.allowed == ("F", "M", "Other")
        assert master.participants.get(_participant(master, "P02")).attributes["gender"] == "Other"
        assert "Nothing to merge" not in "\n".join(merge_lines(report))


def test_deletions_in_the_copy_reach_the_master_and_stay_gone(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(study.path) as master:
        memo = master.memos.add("project", None, "Ask about the archive")
    shutil.copyfile(study.path, copy)
    with Store(copy) as other:
        other.codes.delete(code_id(other, "Control by superiors"))
        other.codings.delete(study.codings["c2"].id)
        other.memos.delete(memo.id)
        other.participants.delete_attribute(_attribute(other, "age"))
        other.participants.delete(_participant(other, "MOD"))
    with Store(study.path) as master:
        report = merge_project(master, copy)
        assert master.codes.find("Control by superiors") is None
        assert master.memos.all("project", None) == []
        assert [a.name for a in master.participants.attributes()] == ["gender"]
        assert master.participants.find("MOD") is None
        assert report.deleted["codes"] == 1 and report.deleted["attributes"] == 1
        assert "  delete 1 code" in merge_lines(report)
        codings = {c.uuid for c in master.codings.all()}
    with Store(copy) as other:
        assert {c.uuid for c in other.codings.all()} == codings
        back = merge_project(other, study.path)
        assert not back.changed and back.conflicts == []
    with Store(study.path) as master:
        assert not merge_project(master, copy).changed


def test_a_deletion_in_the_master_wins_over_a_change_in_the_copy(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as other:
        other.codes.update(code_id(other, "Control by superiors"), color="#123456")
    with Store(study.path) as master:
        master.codes.delete(code_id(master, "Control by superiors"))
        report = merge_project(master, copy)
        assert master.codes.find("Control by superiors") is None
        assert any("was deleted in the master" in m for m, _p in report.notes)
    with Store(copy) as other:
        merge_project(other, study.path)
        assert other.codes.find("Control by superiors") is None


def test_a_code_added_in_both_files_is_not_called_deleted(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    for path, coder in ((study.path, "Aigerim Bekova"), (copy, "Dana")):
        with Store(path) as store:
            code = store.codes.add({"en": "WhatsApp"})
            store.codings.add(code.id, study.en_layer, 5, 9, store.coders.get(coder).id)
    with Store(study.path) as master:
        first = merge_project(master, copy)
        second = merge_project(master, copy)
        assert len(master.codings.all(code_id=code_id(master, "WhatsApp"))) == 2
    for report in (first, second):
        lines = "\n".join(merge_lines(report))
        assert "deleted" not in lines, lines
        assert "matched an existing code by name" in lines


def test_a_coding_left_out_says_which_transcript_time_coder_and_text(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as other:
        ru = other.transcripts.layer(study.ru_layer)
        start = ru.text.index("бастық")
        other.codings.add(
            code_id(other, "Control by superiors"),
            ru.id,
            start,
            start + 6,
            other.coders.get("Dana").id,
        )
    with Store(study.path) as master:
        text = master.transcripts.layer(study.ru_layer).text
        for found in reversed([m.start() for m in re.finditer("бастық", text)]):
            master.transcripts.edit_layer_text(study.ru_layer, found, found + 6, "басшы")
        report = merge_project(master, copy)
    lines = merge_lines(report)
    assert "Not merged from the copy:" in lines
    (line,) = [x for x in lines if "бастық" in x]
    assert "'fg_almaty' at 0:00:41" in line
    assert "coder Dana" in line and "Контроль начальства" in line
    assert "its text is not in the master's transcript any more" in line
    assert "kept ''" not in "\n".join(lines)


# -- convergence under random edits ------------------------------------------------------

OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "add_code",
                "rename_code",
                "color",
                "delete_code",
                "add_coding",
                "delete_coding",
                "coding_memo",
                "set_valence",
                "add_memo",
                "edit_memo",
                "delete_memo",
                "extend_category",
                "add_attribute",
                "delete_attribute",
                "set_age",
                "delete_participant",
            ]
        ),
        st.integers(0, 50),
        st.integers(0, 50),
    ),
    max_size=8,
)


def _edit(store: Store, side: str, steps: list[tuple[str, int, int]], en_layer: int) -> None:
    coder = store.coders.get(f"Coder {side}")
    for n, (op, i, j) in enumerate(steps):
        codes = store.codes.all()
        codable = [c for c in codes if c.is_codable]
        codings = store.codings.all()
        memos = store.memos.all("project", None)
        attributes = store.participants.attributes()
        fresh = f"{side}{n}"
        try:
            if op == "add_code":
                store.codes.add({"en": f"code {fresh}"})
            elif op == "rename_code" and codes:
                store.codes.update(codes[i % len(codes)].id, names={"en": f"renamed {fresh}"})
            elif op == "color" and codes:
                store.codes.update(codes[i % len(codes)].id, color=f"#0000{j % 4:02d}")
            elif op == "delete_code" and codes:
                store.codes.delete(codes[i % len(codes)].id)
            elif op == "add_coding" and codable:
                store.codings.add(codable[i % len(codable)].id, en_layer, j, j + 3, coder.id)
            elif op == "delete_coding" and codings:
                store.codings.delete(codings[i % len(codings)].id)
            elif op == "coding_memo" and codings:
                store.codings.update(codings[i % len(codings)].id, memo=f"memo {fresh}")
            elif op == "set_valence" and codings:
                store.codings.set_valence(codings[i % len(codings)].id, (None, -1, 0, 1)[j % 4])
            elif op == "add_memo":
                store.memos.add("project", None, f"note {fresh}")
            elif op == "edit_memo" and memos:
                store.memos.update(memos[i % len(memos)].id, f"note {fresh} edited")
            elif op == "delete_memo" and memos:
                store.memos.delete(memos[i % len(memos)].id)
            elif op == "extend_category":
                gender = next((a for a in attributes if a.name == "gender"), None)
                if gender is not None:
                    store.participants.update_attribute(gender.id, allowed=[*gender.allowed, fresh])
            elif op == "add_attribute":
                store.participants.add_attribute(f"attribute {fresh}", "text")
            elif op == "set_age":
                people = store.participants.all()
                if people and any(a.name == "age" for a in attributes):
                    store.participants.update(
                        people[i % len(people)].id, attributes={"age": str(j) if j % 5 else ""}
                    )
            elif op == "delete_participant":
                people = store.participants.all()
                if people:
                    store.participants.delete(people[i % len(people)].id)
            elif op == "delete_attribute" and attributes:
                store.participants.delete_attribute(attributes[i % len(attributes)].id)
        except SuhbatError:
            pass  # an edit the store refuses (a duplicate coding, say) is no edit


def _content(store: Store) -> tuple[object, ...]:
    codes = {c.id: c for c in store.codes.all()}
    coders = {c.id: c.name for c in store.coders.all()}
    return (
        sorted(
            (
                c.uuid,
                sorted(c.names.items()),
                c.color,
                codes[c.parent_id].uuid if c.parent_id else "",
            )
            for c in codes.values()
        ),
        sorted(
            (
                c.uuid,
                codes[c.code_id].uuid,
                c.layer_id,
                c.start,
                c.end,
                coders[c.coder_id],
                c.memo,
                c.valence,
            )
            for c in store.codings.all()
        ),
        sorted((m.uuid, m.target, m.text) for m in store.memos.all()),
        sorted((a.uuid, a.name, a.type, a.allowed) for a in store.participants.attributes()),
        sorted((p.uuid, sorted(p.attributes.items())) for p in store.participants.all()),
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Study:
    return build_study(tmp_path_factory.mktemp("base") / "base.suhbat")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(a_steps=OPERATIONS, b_steps=OPERATIONS)
def test_merging_both_ways_converges(
    base: Study,
    tmp_path: Path,
    a_steps: list[tuple[str, int, int]],
    b_steps: list[tuple[str, int, int]],
) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        a, b = Path(folder) / "a.suhbat", Path(folder) / "b.suhbat"
        shutil.copyfile(base.path, a)
        shutil.copyfile(base.path, b)
        with Store(a) as store:
            _edit(store, "a", a_steps, base.en_layer)
        with Store(b) as store:
            _edit(store, "b", b_steps, base.en_layer)
        with Store(a) as store:
            merge_project(store, b)
        with Store(b) as store:
            merge_project(store, a)
        with Store(a) as first, Store(b) as second:
            assert _content(first) == _content(second)
            assert not merge_project(first, b).changed
            assert not merge_project(second, a).changed


def _as_before_revisions(path: Path) -> None:
    """Turn a project file back into one written before files had revisions."""
    import sqlite3

    conn = sqlite3.connect(path)
    triggers = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%revision%'"
    ).fetchall()
    for (name,) in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE revision")
    conn.execute("DROP TABLE revision_seen")
    conn.execute("ALTER TABLE span DROP COLUMN language")  # added after revisions
    conn.execute("ALTER TABLE coding DROP COLUMN valence")  # added after revisions
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()


def test_copies_of_a_file_from_before_revisions_share_their_past(study: Study) -> None:
    import sqlite3

    _as_before_revisions(study.path)
    copy = copy_study(study, "dana.suhbat")
    # The master deletes a code while it still has no revisions (an older version of suhbat).
    conn = sqlite3.connect(study.path)
    conn.execute("PRAGMA foreign_keys = ON")
    (gone,) = conn.execute(
        "SELECT id FROM code WHERE names LIKE '%Control by superiors%'"
    ).fetchone()
    conn.execute("DELETE FROM code WHERE id = ?", (gone,))
    conn.execute(
        "INSERT INTO audit (at, action, entity, detail) VALUES (?, 'delete', 'code', ?)",
        (utc_now(), f'{{"id": {gone}, "codes": 1, "codings": 1}}'),
    )
    conn.commit()
    conn.close()
    with Store(copy) as other:
        other.codes.delete(code_id(other, "Slow approvals"))
    with Store(study.path) as master:
        master.participants.update(_participant(master, "P02"), attributes={"age": "41"})
        report = merge_project(master, copy)
        assert report.conflicts == []
        assert master.codes.find("Slow approvals") is None
        assert master.codes.find("Control by superiors") is None
        assert master.participants.get(_participant(master, "P02")).attributes["age"] == "41"
    with Store(copy) as other:
        merge_project(other, study.path)
        assert other.codes.find("Control by superiors") is None
        assert other.participants.get(_participant(other, "P02")).attributes["age"] == "41"
