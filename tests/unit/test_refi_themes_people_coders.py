"""REFI-QDA exchange: themes are folders, session roles and consent survive, coders are counted."""

from __future__ import annotations

import zipfile
from pathlib import Path

from export_study import build_study
from lxml import etree
from refi_helpers import NS, assert_valid, read_qdpx, schema

from exports.refi import import_refi, write_qdc, write_qdpx
from storage import Store


def _codable(root: etree._Element, prefix: str) -> dict[str, tuple[str | None, bool]]:
    """Code name → (``isCodable``, has sub-codes)."""
    return {
        str(code.get("name")): (code.get("isCodable"), code.find(f"{prefix}:Code", NS) is not None)
        for code in root.iterfind(f".//{prefix}:Code", NS)
    }


def test_themes_are_exported_as_folders_unless_they_have_codings_of_their_own(
    demo_path: Path, shared_dir: Path, tmp_path: Path
) -> None:
    with Store(demo_path) as store:
        codes = {c.name("en"): c for c in store.codes.all()}
        theme, child = codes["Bureaucracy"], codes["Slow approvals"]
        assert theme.is_codable and child.parent_id == theme.id  # a theme, codable in the model
        folder = store.codes.add({"en": "Loose ends"}, is_codable=False)
        coded_theme = codes["Distrust"]
        layer = store.transcripts.layers()[0]
        store.codings.add(coded_theme.id, layer.id, 0, 5, store.coders.all()[0].id)
        write_qdpx(store, tmp_path / "demo.qdpx")
        write_qdc(store, tmp_path / "demo.qdc")
        assert folder.parent_id is None
    project = assert_valid(read_qdpx(tmp_path / "demo.qdpx")[0], schema(shared_dir, "Project.xsd"))
    codebook = assert_valid(
        (tmp_path / "demo.qdc").read_bytes(), schema(shared_dir, "Codebook.xsd")
    )
    for found in (_codable(project, "q"), _codable(codebook, "c")):
        assert found["Bureaucracy"] == ("false", True)
        assert found["Slow approvals"] == ("true", False)
        assert found["Loose ends"] == ("false", False)
        assert found["Distrust"] == ("true", True)  # it has a coding of its own
        themes = [v for name, v in found.items() if v[1] and name != "Distrust"]
        assert themes and all(v == ("false", True) for v in themes)

    copy = tmp_path / "copy.suhbat"
    with Store.create(copy, languages=("ru", "kk", "en")) as store:
        import_refi(store, tmp_path / "demo.qdpx")
        back = {c.name("en"): c.is_codable for c in store.codes.all()}
    assert back["Bureaucracy"] is False and back["Slow approvals"] is True
    assert back["Distrust"] is True and back["Loose ends"] is False


def test_roles_and_consent_come_back_after_a_round_trip(tmp_path: Path) -> None:
    study = build_study(tmp_path / "study.suhbat")
    with Store(study.path) as store:
        session = store.sessions.all()[0]
        p02 = store.participants.find("P02")
        assert p02 is not None
        store.sessions.link_participant(session.id, p02.id, "respondent", consent=False)
        silent = store.participants.add("OBS")
        store.sessions.link_participant(session.id, silent.id, "observer", consent=True)
        before = _people(store)
        write_qdpx(store, tmp_path / "study.qdpx")
    assert before == {
        ("P01", "respondent", True),
        ("P02", "respondent", False),
        ("MOD", "moderator", True),
        ("OBS", "observer", True),
    }
    copy = tmp_path / "copy.suhbat"
    with Store.create(copy, languages=("ru", "kk", "en")) as store:
        report = import_refi(store, tmp_path / "study.qdpx")
        assert report.warnings == []
        assert _people(store) == before


def _people(store: Store) -> set[tuple[str, str, bool]]:
    codes = {p.id: p.code for p in store.participants.all()}
    return {(codes[s.participant_id], s.role, s.consent) for s in store.sessions.participants()}


OTHER_TOOL = """<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="OtherTool 1.0">
<Users><User guid="11111111-0000-4000-8000-000000000001" name="Ann"/></Users>
<CodeBook><Codes>
<Code guid="11111111-0000-4000-8000-000000000002" name="A" isCodable="true"/>
</Codes></CodeBook>
<Sources><TextSource guid="11111111-0000-4000-8000-000000000003" name="a"
 plainTextPath="internal://a.txt">
<PlainTextSelection guid="11111111-0000-4000-8000-000000000004" startPosition="0"
 endPosition="5" creatingUser="11111111-0000-4000-8000-000000000001">
<Coding guid="11111111-0000-4000-8000-000000000005"
 creatingUser="11111111-0000-4000-8000-000000000001">
<CodeRef targetGUID="11111111-0000-4000-8000-000000000002"/></Coding>
</PlainTextSelection>
<PlainTextSelection guid="11111111-0000-4000-8000-000000000006" startPosition="6"
 endPosition="11">
<Coding guid="11111111-0000-4000-8000-000000000007">
<CodeRef targetGUID="11111111-0000-4000-8000-000000000002"/></Coding>
</PlainTextSelection>
</TextSource></Sources></Project>
"""


def test_the_import_summary_counts_every_coder_it_creates(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "other.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", OTHER_TOOL)
        archive.writestr("sources/a.txt", "Hello world\n")
    before = {c.name for c in store.coders.all()}
    report = import_refi(store, path)
    created = {c.name for c in store.coders.all()} - before
    assert created == {"Ann", "imported (OtherTool 1.0)"}
    assert report.counts["coders"] == len(created) == 2
    assert report.counts["codings"] == 2
    again = import_refi(store, path)  # nothing new the second time
    assert again.counts.get("coders", 0) == 0
