"""Round trips: export → import into an empty project → export gives the same project."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_study import Study, build_study
from refi_helpers import dump

from exports.refi import import_refi, write_qdc, write_qdpx
from exports.xml_text import xml_safe
from storage import Store


@pytest.fixture
def study(tmp_path: Path) -> Study:
    built = build_study(tmp_path / "study.suhbat")
    with Store(built.path) as store:
        store.memos.add("code", store.codes.all()[1].id, "Check with team")
        store.memos.add("session", store.sessions.all()[0].id, "Noisy room")
        p01 = store.participants.find("P01")
        assert p01 is not None
        store.memos.add("participant", p01.id, "Talks openly")
    return built


def _reimported(study: Study, tmp_path: Path) -> tuple[Path, Path]:
    first = tmp_path / "first.qdpx"
    with Store(study.path) as store:
        write_qdpx(store, first)
    copy = tmp_path / "copy.suhbat"
    with Store.create(copy, languages=("ru", "kk", "en")) as store:
        report = import_refi(store, first)
        assert report.warnings == []
    return first, copy


def test_export_import_export_gives_the_same_codes_sources_and_codings(
    study: Study, tmp_path: Path
) -> None:
    first, copy = _reimported(study, tmp_path)
    second = tmp_path / "second.qdpx"
    with Store(copy) as store:
        write_qdpx(store, second)
    a, b = dump(first), dump(second)
    assert a["codes"] == b["codes"]
    assert a["sources"] == b["sources"]
    assert a["codings"] == b["codings"]
    assert len(a["codings"]) == 5


def test_the_imported_project_has_the_same_data(study: Study, tmp_path: Path) -> None:
    _first, copy = _reimported(study, tmp_path)
    with Store(study.path) as original, Store(copy) as imported:
        # XML cannot hold control characters: they are the only thing dropped from a memo
        assert {c.uuid: (c.start, c.end, xml_safe(c.memo)) for c in original.codings.all()} == {
            c.uuid: (c.start, c.end, c.memo) for c in imported.codings.all()
        }
        assert {
            la.uuid: (la.language, la.is_original, la.text) for la in original.transcripts.layers()
        } == {
            la.uuid: (la.language, la.is_original, la.text) for la in imported.transcripts.layers()
        }
        code_fields = [
            (c.uuid, c.names, c.description, c.inclusion, c.exclusion, c.example, c.color)
            for c in original.codes.all()
        ]
        assert code_fields == [
            (c.uuid, c.names, c.description, c.inclusion, c.exclusion, c.example, c.color)
            for c in imported.codes.all()
        ]
        assert {c.uuid: c.name for c in original.coders.all()} == {
            c.uuid: c.name for c in imported.coders.all()
        }
        people = {p.uuid: (p.code, p.attributes) for p in original.participants.all()}
        assert people == {p.uuid: (p.code, p.attributes) for p in imported.participants.all()}
        assert all(p.real_name is None for p in imported.participants.all())
        (s1,), (s2,) = original.sessions.all(), imported.sessions.all()
        for field in ("title", "kind", "date", "location", "setting", "region", "interviewer"):
            assert getattr(s1, field) == getattr(s2, field)
        assert s2.duration_min == 90
        turns = [
            (u.participant_id is not None, u.start_ms) for u in original.transcripts.utterances()
        ]
        assert turns == [
            (u.participant_id is not None, u.start_ms) for u in imported.transcripts.utterances()
        ]
        assert [u.speaker for u in imported.transcripts.utterances()] == ["MOD", "P01", "P02"]
        memos = {(m.target, m.text) for m in imported.memos.all()}
        assert {("code", "Check with team"), ("session", "Noisy room")} <= memos
        assert ("participant", "Talks openly") in memos


def test_importing_the_same_file_twice_changes_nothing(study: Study, tmp_path: Path) -> None:
    first, copy = _reimported(study, tmp_path)
    with Store(copy) as store:
        before = store.info()
        memos = len(store.memos.all())
        report = import_refi(store, first)
        assert store.info() == before
        assert len(store.memos.all()) == memos
    assert report.counts.get("codings", 0) == 0
    assert report.counts["codings_known"] == 5
    assert report.counts["sources_known"] == 2


def test_qdc_round_trip_keeps_names_in_every_language(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "codebook.qdc"
    with Store(study.path) as store:
        write_qdc(store, out)
        expected = [
            (c.uuid, c.names, c.inclusion, c.exclusion, c.example, c.is_codable)
            for c in store.codes.all()
        ]
    with Store.create(tmp_path / "codes.suhbat", languages=("ru", "en")) as store:
        import_refi(store, out)
        got = [
            (c.uuid, c.names, c.inclusion, c.exclusion, c.example, c.is_codable)
            for c in store.codes.all()
        ]
        again = import_refi(store, out)
        assert len(store.codes.all()) == 4
    assert got == expected
    assert again.counts.get("codes", 0) == 0 and again.counts["codes_matched"] == 4


def test_a_failure_during_import_leaves_the_project_untouched(
    study: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "first.qdpx"
    with Store(study.path) as store:
        write_qdpx(store, first)
    with Store.create(tmp_path / "target.suhbat") as store:
        store.codes.add("Existing")
        before = (store.info(), [c.uuid for c in store.codes.all()])

        def broken(rows: object) -> int:
            raise RuntimeError("disk full")

        monkeypatch.setattr(store.codings, "add_bulk", broken)
        with pytest.raises(RuntimeError):
            import_refi(store, first)
        assert (store.info(), [c.uuid for c in store.codes.all()]) == before
        assert store.memos.all() == []
