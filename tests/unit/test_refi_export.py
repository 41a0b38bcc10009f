"""QDPX and QDC export: valid against the REFI-QDA schemas, clean files, faithful offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_study import REAL_NAMES, SPEAKER_LABELS, Study, build_study
from lxml import etree
from refi_helpers import NS, assert_valid, read_qdpx, schema
from xml_values import attribute, number

from exports.output_files import OutputError
from exports.refi import write_qdc, write_qdpx
from storage import Store, ValidationError

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture
def study(tmp_path: Path) -> Study:
    """The export study, with memos everywhere and a sensitive attribute."""
    built = build_study(tmp_path / "study.suhbat")
    with Store(built.path) as store:
        store.participants.add_attribute("phone", "text", sensitive=True)
        p01 = store.participants.find("P01")
        assert p01 is not None
        store.participants.update(p01.id, attributes={"phone": "+7 701 000 00 00"})
        store.memos.add("project", None, "Project memo")
        store.memos.add("participant", p01.id, "Talks openly")
        session = store.sessions.all()[0]
        store.memos.add("session", session.id, "Noisy room")
        store.memos.add("transcript", built.transcript_id, "Checked twice")
        store.memos.add("code", store.codes.all()[1].id, "Check with team")
        store.memos.add("coding", built.codings["c2"].id, "Strong quote")
    return built


def test_qdpx_is_valid_utf8_without_bom_or_crlf(
    study: Study, shared_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "study.qdpx"
    with Store(study.path) as store:
        report = write_qdpx(store, out)
    xml, texts = read_qdpx(out)
    root = assert_valid(xml, schema(shared_dir, "Project.xsd"))
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    for data in [xml, *(t.encode("utf-8") for t in texts.values())]:
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\r" not in data
    sources = root.findall(".//q:TextSource", NS)
    assert len(sources) == 2 == report.counts["sources"]
    for source in sources:
        path = source.get("plainTextPath")
        assert path == f"internal://{source.get('guid')}.txt"
        assert f"sources/{source.get('guid')}.txt" in texts


def test_every_guid_is_a_lowercase_uuid_and_unique(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    with Store(study.path) as store:
        write_qdpx(store, out)
    root = etree.fromstring(read_qdpx(out)[0])
    guids = [attribute(e, "guid") for e in root.iter() if e.get("guid") is not None]
    assert all(GUID.match(g) for g in guids)
    assert len(guids) == len(set(guids))
    declared = set(guids)
    refs = [e.get("targetGUID") for e in root.iter() if e.get("targetGUID") is not None]
    assert refs and all(r in declared for r in refs)


def test_texts_read_like_transcripts_under_pseudonyms(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    with Store(study.path) as store:
        write_qdpx(store, out)
        ru = store.transcripts.layer(study.ru_layer)
    xml, texts = read_qdpx(out)
    text = texts[f"sources/{ru.uuid}.txt"]
    lines = text.split("\n")
    assert lines[0].startswith("[00:00:04] MOD: Что вы думаете")
    assert lines[1].startswith("[00:00:11] P01: Согласование")
    assert lines[2].startswith("[00:00:41] P02: Біз халықпен")
    archive = xml.decode("utf-8") + "".join(texts.values())
    for name in (*REAL_NAMES, *SPEAKER_LABELS):
        assert name not in archive


def test_selections_cover_exactly_the_coded_text(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    with Store(study.path) as store:
        write_qdpx(store, out)
        codings = {c.uuid: c for c in store.codings.all()}
        layers = {la.uuid: la for la in store.transcripts.layers()}
    xml, texts = read_qdpx(out)
    root = etree.fromstring(xml)
    seen = 0
    for source in root.iterfind(".//q:TextSource", NS):
        text = texts[f"sources/{source.get('guid')}.txt"]
        layer = layers[attribute(source, "guid")]
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = number(selection, "startPosition"), number(selection, "endPosition")
            exported = text[start:end]
            for element in selection.iterfind("q:Coding", NS):
                coding = codings[attribute(element, "guid")]
                stored = layer.text[coding.start : coding.end]
                # a coding across an utterance boundary spans the next line's prefix
                assert re.sub(r"\n\[[^\]]+\] [^:\n]+: ", "\n", exported) == stored
                seen += 1
    assert seen == len(codings) == 5


def test_each_coding_keeps_its_coder_and_time(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    with Store(study.path) as store:
        write_qdpx(store, out)
        coders = {c.id: c for c in store.coders.all()}
        c2 = store.codings.get(study.codings["c2"].id)
    root = etree.fromstring(read_qdpx(out)[0])
    users = {u.get("guid"): u.get("name") for u in root.iterfind(".//q:User", NS)}
    assert set(users.values()) == {"Aigerim Bekova", "Daniyar"}
    element = root.find(f".//q:Coding[@guid='{c2.uuid}']", NS)
    assert element is not None
    assert users[element.get("creatingUser")] == coders[c2.coder_id].name
    assert element.get("creationDateTime") == "2024-04-02T10:00:00+00:00"


def test_cases_carry_attributes_and_their_own_speech(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    with Store(study.path) as store:
        report = write_qdpx(store, out)
    xml, texts = read_qdpx(out)
    root = etree.fromstring(xml)
    variables = {v.get("guid"): v for v in root.iterfind(".//q:Variable", NS)}
    names = {v.get("name") for v in variables.values()}
    assert {"gender", "age", "Session", "Session date", "Location", "Language"} <= names
    assert "phone" not in names
    assert any("phone" in w.text() for w in report.warnings)
    selections = {s.get("guid"): s for s in root.iterfind(".//q:PlainTextSelection", NS)}
    source_of = {
        s.get("guid"): src.get("guid")
        for src in root.iterfind(".//q:TextSource", NS)
        for s in src.iterfind("q:PlainTextSelection", NS)
    }
    case = root.find(".//q:Case[@name='P01']", NS)
    assert case is not None
    values = {
        variables[attribute(v.find("q:VariableRef", NS), "targetGUID")].get("name"): v[1].text
        for v in case.iterfind("q:VariableValue", NS)
    }
    assert values == {"gender": "F", "age": "30"}
    assert case.find("q:VariableValue/q:IntegerValue", NS) is not None
    refs = [r.get("targetGUID") for r in case.iterfind("q:SelectionRef", NS)]
    assert len(refs) == 2  # one per layer
    for ref in refs:
        selection = selections[ref]
        text = texts[f"sources/{source_of[ref]}.txt"]
        spoken = text[number(selection, "startPosition") : number(selection, "endPosition")]
        assert spoken.startswith(("Согласование", "Approval"))
        assert "\n" not in spoken


def test_sensitive_attributes_only_when_asked(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    with Store(study.path) as store:
        write_qdpx(store, out, include_sensitive=True)
    assert "+7 701 000 00 00" in read_qdpx(out)[0].decode("utf-8")


def test_memos_become_notes_where_other_tools_show_them(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    with Store(study.path) as store:
        write_qdpx(store, out)
    root = etree.fromstring(read_qdpx(out)[0])
    notes = {
        n.findtext("q:PlainTextContent", namespaces=NS): n.get("guid")
        for n in root.iterfind(".//q:Note", NS)
    }
    assert {
        "Project memo",
        "Talks openly",
        "Noisy room",
        "Checked twice",
        "Check with team",
        "Strong quote",
    } <= set(notes)
    project_refs = [r.get("targetGUID") for r in root.findall("q:NoteRef", NS)]
    assert notes["Project memo"] in project_refs
    link = root.find(".//q:Link", NS)
    assert link is not None and link.get("originGUID") == notes["Talks openly"]
    assert (
        root.find(f".//q:Code/q:NoteRef[@targetGUID='{notes['Check with team']}']", NS) is not None
    )
    assert (
        root.find(f".//q:Coding/q:NoteRef[@targetGUID='{notes['Strong quote']}']", NS) is not None
    )
    # a control character cannot be written to XML and is dropped; the rest is kept
    assert any(t and t.startswith("Ключевая цитата <важно> & конец") for t in notes)


def test_qdc_is_valid_and_keeps_what_refi_has_no_field_for(
    study: Study, shared_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "codebook.qdc"
    with Store(study.path) as store:
        write_qdc(store, out)
    data = out.read_bytes()
    root = assert_valid(data, schema(shared_dir, "Codebook.xsd"))
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
    codes = {c.get("name"): c for c in root.iterfind(".//c:Code", NS)}
    assert set(codes) == {"Бюрократия", "Долгое согласование", "Доверие", "Контроль начальства"}
    assert codes["Бюрократия"].get("isCodable") == "false"
    slow = codes["Долгое согласование"]
    assert slow.getparent() is codes["Бюрократия"]
    description = slow.findtext("c:Description", namespaces=NS)
    assert description is not None
    assert description.startswith("Answers wait for sign-off by several levels.")
    assert "Inclusion criteria: Delays caused by approval chains." in description
    assert "Exclusion criteria: Delays caused by lack of staff." in description
    assert "Name (en): Slow approvals" in description


def test_empty_project_exports_a_valid_qdpx_but_no_qdc(
    store: Store, shared_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "empty.qdpx"
    write_qdpx(store, out)
    assert_valid(read_qdpx(out)[0], schema(shared_dir, "Project.xsd"))
    with pytest.raises(ValidationError):
        write_qdc(store, tmp_path / "empty.qdc")
    assert not (tmp_path / "empty.qdc").exists()


def test_a_failed_export_leaves_nothing_behind(study: Study, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("x")
    before = sorted(p.name for p in tmp_path.iterdir())
    with Store(study.path) as store, pytest.raises(OutputError, match="taken: "):
        write_qdpx(store, target)  # a directory cannot be replaced by the archive
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_the_export_says_what_refi_qda_cannot_carry(study: Study, tmp_path: Path) -> None:
    with Store(study.path) as store:
        quiet = write_qdpx(store, tmp_path / "before.qdpx")
        store.sessions.add("Фокус-группа Тараз", "focus_group")
        (first, *_rest) = store.transcripts.utterances(study.transcript_id)
        store.transcripts.set_utterance_language(study.ru_layer, [first.id], "kk")
        report = write_qdpx(store, tmp_path / "after.qdpx")
    said = [w.text() for w in report.warnings]
    assert not any("Тараз" in w.text() or "code-switching" in w.text() for w in quiet.warnings)
    assert any("without a transcript" in w and "Фокус-группа Тараз" in w for w in said)
    assert any("code-switching" in w for w in said)
