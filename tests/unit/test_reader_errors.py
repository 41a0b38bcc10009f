"""Damaged and odd inputs: one-line errors naming the file, never a traceback, nothing written.

Duplicate GUIDs in a QDPX import with a notice, KOI8-R text is read as KOI8-R, a
damaged XLSX table fails cleanly, and an error raised by the project's own checks
during an import still says which file was being imported.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzz_mutations import members_of, zipped
from lxml import etree

from exports.refi import import_refi, write_qdpx
from exports.tables import import_table
from exports.transcript_import import import_transcript, import_translation
from i18n import set_language, translate_error
from storage import Store, SuhbatError
from storage.errors import N_, InputError

QDA = "{urn:QDA-XML:project:1.0}"


def _dump(store: Store) -> list[str]:
    return list(store.conn.iterdump())


def _one_line_naming(error: SuhbatError, file: str) -> None:
    for language in ("en", "ru", "kk"):
        set_language(language)
        text = translate_error(error)
        assert text.startswith(file), text
        assert "\n" not in text and "\r" not in text, text
    set_language("en")


# -- duplicate GUIDs in a QDPX ------------------------------------------------------------


@pytest.fixture
def qdpx(store: Store, fixtures_dir: Path, tmp_path: Path) -> bytes:
    """A QDPX suhbat wrote: a user, a code, a participant and a coded transcript."""
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    code = store.codes.add("Согласование")
    layer = store.transcripts.layers()[0]
    store.codings.add(code.id, layer.id, 0, 30, store.coders.get("aigerim").id)
    store.participants.add("P1")
    write_qdpx(store, tmp_path / "study.qdpx")
    return (tmp_path / "study.qdpx").read_bytes()


def _with_copy(qdpx: bytes, tag: str, change: Callable[[etree._Element], None]) -> bytes:
    """``qdpx`` with its first ``tag`` element followed by a copy of it (same GUID)."""
    members = members_of(qdpx)
    for i, (name, content) in enumerate(members):
        if name == "project.qde":
            root = etree.fromstring(content)
            element = next(root.iter(QDA + tag))
            copy = etree.fromstring(etree.tostring(element))
            change(copy)
            element.addnext(copy)
            members[i] = (name, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return zipped(members)


def _fresh(tmp_path: Path, name: str) -> Store:
    return Store.create(tmp_path / name, languages=("ru", "kk", "en"))


def test_two_users_with_one_guid_become_one_coder(qdpx: bytes, tmp_path: Path) -> None:
    path = tmp_path / "users.qdpx"
    path.write_bytes(_with_copy(qdpx, "User", lambda user: user.set("name", "Другой")))
    with _fresh(tmp_path, "users.suhbat") as store:
        report = import_refi(store, path)
        assert [c.name for c in store.coders.all()] == ["aigerim"]
        assert len(store.codings.all()) == 1
    assert any("has the GUID of another user" in str(w) for w in report.warnings)


def test_a_second_source_with_the_same_guid_is_left_out(qdpx: bytes, tmp_path: Path) -> None:
    path = tmp_path / "sources.qdpx"
    path.write_bytes(_with_copy(qdpx, "TextSource", lambda source: source.set("name", "Копия")))
    with _fresh(tmp_path, "sources.suhbat") as store:
        report = import_refi(store, path)
        assert len(store.transcripts.all()) == 1
        assert len(store.codings.all()) == 1
    left_out = (
        "Копия: another source has the same GUID; this one and its 1 coding were not imported"
    )
    assert left_out in [str(w) for w in report.warnings]


def test_two_cases_with_one_guid_become_one_participant(qdpx: bytes, tmp_path: Path) -> None:
    path = tmp_path / "cases.qdpx"
    path.write_bytes(_with_copy(qdpx, "Case", lambda case: case.set("name", "P2")))
    with _fresh(tmp_path, "cases.suhbat") as store:
        import_refi(store, path)
        assert [p.code for p in store.participants.all()] == ["P1"]


# -- KOI8-R -------------------------------------------------------------------------------


def test_a_koi8r_transcript_is_read_as_koi8r(
    store: Store, fixtures_dir: Path, tmp_path: Path
) -> None:
    text = (fixtures_dir / "interview_07.ru.txt").read_text(encoding="utf-8")
    path = tmp_path / "interview_07.ru.txt"
    path.write_bytes(text.encode("koi8_r", errors="replace"))
    report = import_transcript(store, path)
    layer = store.transcripts.layers(report.transcript.id)[0]
    assert layer.encoding == "koi8_r"
    assert "Расскажите, пожалуйста, как обычно проходит день" in layer.text
    assert ("{file}: read as KOI8-R (legacy Cyrillic encoding)", {"file": path.name}) in (
        report.notes
    )


def test_a_koi8r_table_is_read_as_koi8r(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_bytes("участник,должность\nАлия,пресс-секретарь акимата\n".encode("koi8_r"))
    report = import_table(store, "participants", path)
    assert [(p.code, p.attributes) for p in store.participants.all()] == [
        ("Алия", {"должность": "пресс-секретарь акимата"})
    ]
    assert any("KOI8-R" in message for message, _params in report.notes)


@pytest.mark.parametrize("codec", ["cp1251", "kz1048"])
def test_windows_code_pages_are_still_read_as_before(
    store: Store, fixtures_dir: Path, tmp_path: Path, codec: str
) -> None:
    text = (fixtures_dir / "interview_07.ru.txt").read_text(encoding="utf-8")
    path = tmp_path / "interview_07.ru.txt"
    path.write_bytes(text.upper().encode(codec, errors="replace"))  # capitals too
    report = import_transcript(store, path)
    layer = store.transcripts.layers(report.transcript.id)[0]
    assert layer.encoding == codec
    assert "РАССКАЖИТЕ, ПОЖАЛУЙСТА" in layer.text


# -- damaged XLSX tables ------------------------------------------------------------------


def _workbook() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["participant", "gender", "age"])
    sheet.append(["P1", "F", 34])
    sheet.append(["P2", "M", 41])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _without(data: bytes, member: str) -> bytes:
    return zipped([(n, c) for n, c in members_of(data) if n != member])


def _replaced(data: bytes, member: str, content: bytes) -> bytes:
    return zipped([(n, content if n == member else c) for n, c in members_of(data)])


def _shared_string_out_of_range(data: bytes) -> bytes:
    sheet = dict(members_of(data))["xl/worksheets/sheet1.xml"]
    # a shared-string cell pointing past the end of the table of strings
    damaged = sheet.replace(b"<v>34</v>", b"<v>99</v>").replace(b'r="C2"', b'r="C2" t="s"')
    return _replaced(data, "xl/worksheets/sheet1.xml", damaged)


def _corrupt_stream(data: bytes) -> bytes:
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for at in range(start + 5, start + info.compress_size - 5, 7):
        out[at] ^= 0x55
    return bytes(out)


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "no worksheet": lambda d: _without(d, "xl/worksheets/sheet1.xml"),
    "no workbook part": lambda d: _without(d, "xl/workbook.xml"),
    "no relationships": lambda d: _without(d, "xl/_rels/workbook.xml.rels"),
    "worksheet not XML": lambda d: _replaced(d, "xl/worksheets/sheet1.xml", b"<worksheet"),
    "workbook empty": lambda d: _replaced(d, "xl/workbook.xml", b""),
    "string index out of range": _shared_string_out_of_range,
    "corrupt deflate stream": _corrupt_stream,
    "truncated": lambda d: d[: len(d) // 2],
    "old xls": lambda d: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + d,
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_xlsx_table_fails_in_one_line(store: Store, tmp_path: Path, damage: str) -> None:
    path = tmp_path / "participants.xlsx"
    path.write_bytes(DAMAGES[damage](_workbook()))
    before = _dump(store)
    with pytest.raises(InputError) as caught:
        import_table(store, "participants", path)
    _one_line_naming(caught.value, "participants.xlsx")
    assert _dump(store) == before


def test_the_undamaged_workbook_imports(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "participants.xlsx"
    path.write_bytes(_workbook())
    import_table(store, "participants", path)
    assert [(p.code, p.attributes["age"]) for p in store.participants.all()] == [
        ("P1", "34"),
        ("P2", "41"),
    ]


# -- every error of an import is one line naming the file ---------------------------------


def test_the_projects_own_checks_name_the_file_being_imported(
    store: Store, fixtures_dir: Path
) -> None:
    report = import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    translation = fixtures_dir / "interview_07.en.txt"
    import_translation(store, translation, report.transcript.title, language="en")
    before = _dump(store)
    with pytest.raises(SuhbatError) as caught:  # the layer is there already
        import_translation(store, translation, report.transcript.title, language="en")
    _one_line_naming(caught.value, "interview_07.en.txt")
    assert "already has a en layer" in str(caught.value)
    with pytest.raises(SuhbatError) as caught:
        import_translation(store, translation, "no such transcript", language="en")
    _one_line_naming(caught.value, "interview_07.en.txt")
    assert _dump(store) == before


def test_reasons_with_line_breaks_are_shown_on_one_line() -> None:
    error = InputError(
        N_("{file}: not a readable XLSX workbook ({reason})"),
        file="a\nb.xlsx",
        reason=ValueError("line one\nline two\r\n\u2028line three " + "x" * 1000),
    )
    text = str(error)
    assert text.startswith("a b.xlsx: not a readable XLSX workbook (line one line two line three")
    assert "\n" not in text and len(text) < 400
    assert error.file == "a\nb.xlsx"
