"""Importing the real REFI-QDA files of other tools (``tests/data/refi-qda/samples``)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from exports.refi import import_refi, is_refi_file
from storage import Store


@pytest.fixture(scope="module")
def samples(shared_dir: Path) -> Path:
    return shared_dir / "refi-qda" / "samples"


def _import(store: Store, path: Path) -> list[str]:
    report = import_refi(store, path)
    return [w.text() for w in report.warnings]


def _count_codes(xml: bytes) -> int:
    return sum(1 for e in etree.fromstring(xml).iter() if etree.QName(e).localname == "Code")


def test_every_sample_is_recognised_by_content(samples: Path, fixtures_dir: Path) -> None:
    found = [p for p in samples.rglob("*") if p.suffix in (".qdpx", ".qdc", ".qde")]
    assert len(found) == 8
    assert all(is_refi_file(p) for p in found)
    assert not is_refi_file(fixtures_dir / "interview_07.ru.txt")
    assert not is_refi_file(fixtures_dir / "interview_03.ru.docx")  # a zip, but no .qde


def test_atlas_ti_users_with_upper_case_guids(store: Store, samples: Path) -> None:
    assert _import(store, samples / "atlasti23_blank-atlas-project.qdpx") == []
    coders = {c.uuid: c.name for c in store.coders.all()}
    assert coders == {
        "088b08ac-d5cd-4adb-8b71-b4f3459c177f": "Enric Llagostera",
        "c32a2bd5-537f-4838-8b17-df9efbafdf4b": "ATLAS.ti",
    }


def test_atlas_ti_nested_codebook(store: Store, samples: Path) -> None:
    _import(store, samples / "atlasti23_target-atlas-project.qdpx")
    codes = {c.uuid: c for c in store.codes.all()}
    parent = codes["a182cd3a-d83c-4d8c-bc80-26d9103ec6d6"]
    assert parent.name() == "Commits"
    children = sorted(c.name() for c in codes.values() if c.parent_id == parent.id)
    assert children == ["2022-02-11T10:39:25Z cdbfd92", "2022-05-10T02:05:59Z 19e4dce"]


def test_nvivo_project_with_empty_texts(store: Store, samples: Path) -> None:
    path = samples / "nvivo-mac15_nvivo_project.qdpx"
    warnings = _import(store, path)
    with zipfile.ZipFile(path) as archive:
        assert len(store.codes.all()) == _count_codes(archive.read("project.qde"))
    assert {c.name for c in store.coders.all()} == {"chrisp", "cp"}
    assert len(store.transcripts.all()) == 2
    assert all(layer.text == "" for layer in store.transcripts.layers())
    assert sum("the text is empty" in w for w in warnings) == 2


def test_f4_project_whose_texts_are_missing(store: Store, samples: Path) -> None:
    warnings = _import(store, samples / "f4-2025.2.9_valid-document.qde")
    (code,) = store.codes.all()
    assert code.name() == "Dies ist ein Test-Code"
    assert code.description == "Dies ist der Kommentar vom Test-Code"
    assert code.color == "#044b9b"
    assert store.transcripts.all() == [] and store.codings.all() == []
    assert any("Interview 60mins" in w and "2 codings" in w for w in warnings)
    assert any("3 notes" in w for w in warnings)


def test_hand_authored_project_with_every_element(store: Store, samples: Path) -> None:
    warnings = " | ".join(_import(store, samples / "qdpx-toolkit_hand_authored" / "project.qde"))
    for lost in ("picture", "PDF", "audio selection", "video selection", "graph", "set"):
        assert lost in warnings
    assert "code applied to whole cases" in warnings
    codes = {c.id: c.name() for c in store.codes.all()}
    by_title = {t.title: t for t in store.transcripts.all()}
    text_layer = store.transcripts.layers(by_title["Interview 1.txt"].id)[0]
    got = sorted(
        (codes[c.code_id], text_layer.text[c.start : c.end])
        for c in store.codings.all(layer_id=text_layer.id)
    )
    assert got == [("Diet", "health are clo"), ("Health", "Diet and health")]
    (audio,) = [t for t in store.transcripts.all() if t.title != "Interview 1.txt"]
    audio_layer = store.transcripts.layers(audio.id)[0]
    (coding,) = store.codings.all(layer_id=audio_layer.id)
    assert audio_layer.text[coding.start : coding.end] == "Diet and health are "
    (person,) = store.participants.all()
    assert person.code == "Participant 1"
    assert person.attributes == {"Age": "34", "Consented": "true"}
    assert person.notes == "A pseudonymised interview participant."
    assert all(
        u.participant_id == person.id
        for u in store.transcripts.utterances(text_layer.transcript_id)
    )
    memos = [m.text for m in store.memos.all()]
    assert "Remember to follow up on diet-related comments." in memos[0]
    assert any("«Diet and health»\n\nRemember" in m for m in memos)


def test_spec_codebook_with_braced_guids(store: Store, samples: Path) -> None:
    assert _import(store, samples / "refi-qda-1.5-spec_annexA1_codebook.qdc") == []
    codes = {c.uuid: c for c in store.codes.all()}
    assert len(codes) == 6
    topics = codes["5215cc69-b628-4e02-afb9-9beeaee55808"]
    assert topics.name() == "Topics" and not topics.is_codable
    economy = codes["d7aa29da-519b-4946-9b90-253b6db8fd0a"]
    assert economy.color == "#ffff00"
    assert economy.description == "Anything about jobs or taxes or business"
    assert codes["9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520"].name() == "Values"


def test_taguette_codebook_with_an_invalid_empty_sets(store: Store, samples: Path) -> None:
    warnings = _import(store, samples / "taguette-1.5.2_tests-expected_codebook.qdc")
    assert any("<Sets/>" in w for w in warnings)
    names = {c.uuid: c.name() for c in store.codes.all()}
    assert names["0d62985d-b147-5d01-a9b5-cae5dcd98342"] == "interesting"
    assert "interesting\\places" in names.values()


def test_openqda_codebook_with_ids_that_are_not_guids(store: Store, samples: Path) -> None:
    path = samples / "openqda-refi-tools_example_codebook.qdc"
    warnings = _import(store, path)
    assert len(store.codes.all()) == _count_codes(path.read_bytes()) == 44
    assert any("not GUIDs" in w and "'c001'" in w for w in warnings)
    assert any("Negativ/Aufgeregt" in w for w in warnings)
    parents = [c for c in store.codes.all() if c.parent_id is None]
    assert len(parents) == 4 and "Negativ∕Aufgeregt" in {c.name() for c in parents}
    uuids = sorted(c.uuid for c in store.codes.all())
    import_refi(store, path)
    assert sorted(c.uuid for c in store.codes.all()) == uuids


@pytest.mark.parametrize(
    "root",
    [
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{codes}</Codes></CodeBook>',
        '<qda:CodeBook xmlns:qda="urn:QDA-XML:codebook:1.0"><qda:Codes>{qcodes}</qda:Codes>'
        "</qda:CodeBook>",
        "<CodeBook><Codes>{codes}</Codes></CodeBook>",
        '<CodeBook xmlns="urn:QDA-XML:project:1.0"><Codes>{codes}</Codes></CodeBook>',
    ],
)
def test_namespaces_as_tools_write_them(store: Store, tmp_path: Path, root: str) -> None:
    code = (
        '<{p}Code guid="{{ABCDEF01-2345-6789-ABCD-EF0123456789}}" name="Trust" isCodable="true"/>'
    )
    path = tmp_path / "codes.qdc"
    path.write_text(
        root.format(codes=code.format(p=""), qcodes=code.format(p="qda:")), encoding="utf-8"
    )
    import_refi(store, path)
    (imported,) = store.codes.all()
    assert (imported.uuid, imported.name()) == ("abcdef01-2345-6789-abcd-ef0123456789", "Trust")
