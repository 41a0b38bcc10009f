"""Bad input on purpose: mutated real transcripts and REFI-QDA files, imported into a real
project. Each one either imports or fails with a clear SuhbatError naming the file, and
a failure writes nothing: the project's full SQL dump is the same before and after.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzz_mutations import Sample, byte_mutations, rezip, text_mutations, zip_mutations
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.tables import TableKind
from exports.transcript_import import import_transcript
from i18n import set_language, translate_error
from storage import Store, SuhbatError
from storage.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURES = DATA / "fixtures"
REFI_SAMPLES = DATA / "refi-qda" / "samples"
TRANSCRIPTS = [
    "interview_07.ru.txt",
    "focus_group_oskemen.ru.vtt",
    "focus_group_ryskulova.kk.srt",
    "interview_03.ru.docx",
    "focus_group_astana.kk-ru-en.docx",
]
REFI_FILES = [
    "refi-qda-1.5-spec_annexA1_codebook.qdc",
    "openqda-refi-tools_example_codebook.qdc",
    "f4-2025.2.9_valid-document.qde",
    "nvivo-mac15_nvivo_project.qdpx",
    "atlasti23_target-atlas-project.qdpx",
]
XML_TOKENS = [
    "<", ">", "&", "&amp;", "&#0;", "&#xD800;", '"', "'", "/>", "</Project>", "<Code",
    "<!DOCTYPE p [<!ENTITY e SYSTEM 'file:///etc/hostname'>]>", "&e;",
    '<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>', "&b;",
    'guid="not-a-guid"', 'startPosition="-7"', 'endPosition="999999999"',
    'startPosition="abc"', "\x00", "\ufeff", "e\u0301", "👍🏽", "Алматы", "internal://",
    'plainTextPath="../../etc/passwd"', 'plainTextPath="internal://missing.txt"', "\n",
]  # fmt: skip
TEXT_TOKENS = [
    "\n", "\r\n", "\x00", "\ufeff", "[00:00:04]", "00:00:01,000 --> 00:00:00,500", "-->",
    "WEBVTT", "<v P1>", "P1:", ": ", "\u2028", "e\u0301", "Қатысушы", "**", "\t",
]  # fmt: skip


def _dump(path: Path) -> list[str]:
    with Store(path) as store:
        return list(store.conn.iterdump())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project that already holds a transcript and codes, so "unchanged" says much."""
    path = tmp_path_factory.mktemp("fuzz") / "template.suhbat"
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        import_transcript(store, FIXTURES / "interview_07.ru.txt")
        store.codes.add({"en": "Approval", "ru": "Согласование"})
    return path


def _import_checked(
    template: Path, name: str, data: bytes, importer: Callable[[Store, Path], object]
) -> None:
    """Import ``data`` as file ``name`` into a copy of ``template``; check the outcome."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "p.suhbat"
        shutil.copyfile(template, project)
        inbox = Path(folder) / "in"
        inbox.mkdir()
        source = inbox / name
        source.write_bytes(data)
        before = _dump(project)
        with Store(project) as store:
            try:
                importer(store, source)
            except SuhbatError as error:
                failed: SuhbatError | None = error
            else:
                failed = None
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if failed is not None:
            assert _dump(project) == before, f"a failed import changed the project: {failed}"
            _assert_one_line_naming(failed, name)
        # nothing escapes the folder (zip-slip, external paths)
        assert all(p.name.startswith("p.suhbat") or p.name == "in" for p in Path(folder).iterdir())
        assert [p.name for p in inbox.iterdir()] == [name]


def _assert_one_line_naming(error: SuhbatError, name: str) -> None:
    """A reader's error is one line that names the file, in English and when translated."""
    for language in ("en", "ru"):
        set_language(language)
        text = translate_error(error)
        assert name in text, text
        assert "\n" not in text and "\r" not in text, text
    set_language("en")


def _transcript_importer(store: Store, path: Path) -> object:
    return import_transcript(store, path)


def _refi_importer(store: Store, path: Path) -> object:
    from exports.refi.importer import import_refi

    return import_refi(store, path)


# -- mutations ----------------------------------------------------------------------------


def _main_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    for wanted in ("word/document.xml", "project.qde"):
        if wanted in names:
            return wanted
    return next(n for n in names if n.endswith(".qde"))


SETTINGS = settings(
    # the same examples on every run, so CI is reproducible; for a deeper search run
    # with SUHBAT_FUZZ_EXAMPLES=500 (and a random seed: SUHBAT_FUZZ_RANDOM=1)
    max_examples=int(os.environ.get("SUHBAT_FUZZ_EXAMPLES", "10")),
    derandomize=not os.environ.get("SUHBAT_FUZZ_RANDOM"),
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


# -- transcripts --------------------------------------------------------------------------


@pytest.mark.parametrize("name", TRANSCRIPTS)
@SETTINGS
@given(data=st.data())
def test_mutated_transcript_bytes(template: Path, name: str, data: st.DataObject) -> None:
    original = Sample((FIXTURES / name).read_bytes())
    mutated = data.draw(byte_mutations(original))
    _import_checked(template, name, mutated, _transcript_importer)


@pytest.mark.parametrize("name", [n for n in TRANSCRIPTS if not n.endswith(".docx")])
@SETTINGS
@given(data=st.data())
def test_mutated_transcript_text(template: Path, name: str, data: st.DataObject) -> None:
    original = (FIXTURES / name).read_text(encoding="utf-8")
    mutated = data.draw(text_mutations(original, TEXT_TOKENS))
    encoding = data.draw(st.sampled_from(["utf-8", "utf-16", "cp1251"]))
    _import_checked(template, name, mutated.encode(encoding, "replace"), _transcript_importer)


@pytest.mark.parametrize("name", [n for n in TRANSCRIPTS if n.endswith(".docx")])
@SETTINGS
@given(data=st.data())
def test_mutated_docx_xml(template: Path, name: str, data: st.DataObject) -> None:
    original = (FIXTURES / name).read_bytes()
    member = _main_xml(original)
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        xml = archive.read(member).decode("utf-8")
    mutated = data.draw(text_mutations(xml, XML_TOKENS))
    _import_checked(
        template, name, rezip(original, member, mutated.encode("utf-8")), _transcript_importer
    )


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "bad").iterdir()))
def test_every_bad_fixture_fails_cleanly_or_imports(template: Path, name: str) -> None:
    _import_checked(template, name, (FIXTURES / "bad" / name).read_bytes(), _transcript_importer)


# -- REFI-QDA -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in REFI_FILES if not n.startswith("nvivo")])
@SETTINGS
@given(data=st.data())
def test_mutated_refi_bytes(template: Path, name: str, data: st.DataObject) -> None:
    original = Sample((REFI_SAMPLES / name).read_bytes())
    _import_checked(template, name, data.draw(byte_mutations(original)), _refi_importer)


@pytest.mark.parametrize("name", REFI_FILES)
@SETTINGS
@given(data=st.data())
def test_mutated_refi_xml(template: Path, name: str, data: st.DataObject) -> None:
    original = (REFI_SAMPLES / name).read_bytes()
    if name.endswith(".qdpx"):
        member = _main_xml(original)
        with zipfile.ZipFile(io.BytesIO(original)) as archive:
            xml = archive.read(member).decode("utf-8")
        mutated = data.draw(text_mutations(xml, XML_TOKENS)).encode("utf-8")
        payload = rezip(original, member, mutated)
    else:
        text = original.decode("utf-8-sig")
        payload = data.draw(text_mutations(text, XML_TOKENS)).encode("utf-8")
    _import_checked(template, name, payload, _refi_importer)


def _qdpx_with(
    extra: dict[str, bytes], *, base: str = "atlasti23_target-atlas-project.qdpx"
) -> bytes:
    original = (REFI_SAMPLES / base).read_bytes()
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for member, content in extra.items():
            target.writestr(member, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "extra",
    [
        {"../escaped.txt": b"zip-slip"},
        {"/tmp/absolute.txt": b"absolute"},
        {"sources/bomb.txt": b"\0" * (8 * 1024 * 1024)},
    ],
    ids=["zip-slip", "absolute-path", "zip-bomb"],
)
def test_hostile_archives_are_refused_and_write_nothing(
    template: Path, extra: dict[str, bytes]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        payload = _qdpx_with(extra)
        project = Path(folder) / "p.suhbat"
        shutil.copyfile(template, project)
        source = Path(folder) / "hostile.qdpx"
        source.write_bytes(payload)
        before = _dump(project)
        with Store(project) as store, pytest.raises(InputError) as caught:
            _refi_importer(store, source)
        assert "hostile.qdpx" in str(caught.value)
        assert _dump(project) == before
        assert not (Path(folder).parent / "escaped.txt").exists()


@pytest.mark.parametrize(
    "doctype",
    [
        "<!DOCTYPE Project [<!ENTITY xxe SYSTEM 'file:///etc/hostname'>]>",
        '<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    ],
    ids=["external-entity", "entity-expansion"],
)
def test_xml_entities_are_refused(template: Path, doctype: str) -> None:
    qde = (REFI_SAMPLES / "f4-2025.2.9_valid-document.qde").read_text(encoding="utf-8-sig")
    declaration = re.match(r"<\?xml[^>]*\?>\s*", qde)
    head = declaration.group() if declaration else ""
    body = qde[len(head) :]
    entity = "&xxe;" if "xxe" in doctype else "&d;"
    body = re.sub(
        r"(<Project\b[^>]*>)", r"\1" + f"<Description>{entity}</Description>", body, count=1
    )
    payload = (head + doctype + body).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "p.suhbat"
        shutil.copyfile(template, project)
        source = Path(folder) / "entities.qde"
        source.write_bytes(payload)
        before = _dump(project)
        with Store(project) as store, pytest.raises(InputError):
            _refi_importer(store, source)
        assert _dump(project) == before


# -- structure: DOCX, QDPX and XLSX packages ----------------------------------------------
# Members removed, duplicated (an XML element with its GUID, too), renamed, emptied,
# their XML given odd tags and attribute values, or the compressed data corrupted.


def _fuzz(examples: int) -> settings:
    """Settings for the structure and table fuzzing: ``examples`` per case by default."""
    return settings(
        SETTINGS,
        max_examples=int(os.environ.get("SUHBAT_FUZZ_EXAMPLES", str(examples))),
    )


@pytest.fixture(scope="module")
def suhbat_qdpx(template: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A QDPX suhbat wrote: users, codes, a participant, a source with codings and memos."""
    from exports.refi import write_qdpx

    folder = tmp_path_factory.mktemp("qdpx")
    project = folder / "rich.suhbat"
    shutil.copyfile(template, project)
    with Store(project) as store:
        layer = store.transcripts.layers()[0]
        code = store.codes.all()[0]
        for coder, (start, end) in (("aigerim", (0, 40)), ("dana", (20, 90))):
            coding = store.codings.add(code.id, layer.id, start, end, store.coders.get(coder).id)
            store.memos.add("coding", coding.id, f"Заметка {coder}")
        store.participants.add("P1", attributes={"age": "34"})
        store.memos.add("code", code.id, "Определение")
        write_qdpx(store, folder / "rich.qdpx")
    return Sample((folder / "rich.qdpx").read_bytes())


@pytest.mark.parametrize("name", ["atlasti23_target-atlas-project.qdpx", "suhbat"])
@_fuzz(25)
@given(data=st.data())
def test_mutated_qdpx_structure(
    template: Path, suhbat_qdpx: bytes, name: str, data: st.DataObject
) -> None:
    original = suhbat_qdpx if name == "suhbat" else Sample((REFI_SAMPLES / name).read_bytes())
    _import_checked(template, "project.qdpx", data.draw(zip_mutations(original)), _refi_importer)


@_fuzz(20)
@given(data=st.data())
def test_mutated_docx_structure(template: Path, data: st.DataObject) -> None:
    original = Sample((FIXTURES / "interview_03.ru.docx").read_bytes())
    mutated = data.draw(zip_mutations(original))
    _import_checked(template, "interview_03.ru.docx", mutated, _transcript_importer)


# -- tables: CSV and XLSX -----------------------------------------------------------------

TABLES: dict[TableKind, str] = {
    "participants": "participants.csv",
    "sessions": "focus_groups.csv",
    "protocol": "protocol.csv",
    "codebook": "codebook.csv",
}
CSV_TOKENS = [
    ",", ";", "\t", '"', '""', "\n", "\r\n", "\r", "\x00", "\ufeff", "=1+1", "-1", "1e309",
    "2024-13-45", "31.02.2024", "12.03.2024", "main", "probe", "closing", "focus_group", "x" * 300,
    "Қатысушы", "e\u0301", "a/b", "#ff0000", "#12", "участник", "theme", "code",
]  # fmt: skip


def _table_importer(kind: TableKind) -> Callable[[Store, Path], object]:
    from exports.tables import import_table

    def run(store: Store, path: Path) -> object:
        return import_table(store, kind, path)

    return run


def _xlsx(csv_text: str) -> bytes:
    """The rows of a CSV table as an XLSX workbook (numbers as numbers, like Excel)."""
    import csv

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for record in csv.reader(io.StringIO(csv_text)):
        sheet.append([int(c) if c.isdigit() else c for c in record])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return Sample(buffer.getvalue())


@pytest.fixture(scope="module")
def xlsx_tables() -> dict[str, bytes]:
    """Each table fixture as an XLSX workbook."""
    return {
        kind: _xlsx((FIXTURES / name).read_text(encoding="utf-8")) for kind, name in TABLES.items()
    }


@pytest.mark.parametrize("kind", TABLES)
@_fuzz(15)
@given(data=st.data())
def test_mutated_table_text(template: Path, kind: TableKind, data: st.DataObject) -> None:
    original = (FIXTURES / TABLES[kind]).read_text(encoding="utf-8")
    mutated = data.draw(text_mutations(original, CSV_TOKENS))
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r"]))
    payload = mutated.encode(encoding, "replace")
    _import_checked(template, TABLES[kind], payload, _table_importer(kind))


@pytest.mark.parametrize("kind", TABLES)
@_fuzz(8)
@given(data=st.data())
def test_mutated_table_bytes(template: Path, kind: TableKind, data: st.DataObject) -> None:
    original = Sample((FIXTURES / TABLES[kind]).read_bytes())
    _import_checked(
        template, TABLES[kind], data.draw(byte_mutations(original)), _table_importer(kind)
    )


@pytest.mark.parametrize("kind", TABLES)
@_fuzz(20)
@given(data=st.data())
def test_mutated_xlsx_structure(
    template: Path, xlsx_tables: dict[str, bytes], kind: TableKind, data: st.DataObject
) -> None:
    mutated = data.draw(zip_mutations(xlsx_tables[kind]))
    _import_checked(template, f"{kind}.xlsx", mutated, _table_importer(kind))


@pytest.mark.parametrize("kind", ["participants", "codebook"])
@_fuzz(10)
@given(data=st.data())
def test_mutated_xlsx_bytes(
    template: Path, xlsx_tables: dict[str, bytes], kind: TableKind, data: st.DataObject
) -> None:
    mutated = data.draw(byte_mutations(xlsx_tables[kind]))
    _import_checked(template, f"{kind}.xlsx", mutated, _table_importer(kind))


# -- a translation layer ------------------------------------------------------------------


def _translation_importer(store: Store, path: Path) -> object:
    from exports.transcript_import import import_translation

    return import_translation(store, path, store.transcripts.all()[0].title, language="en")


@_fuzz(20)
@given(data=st.data())
def test_mutated_translation(template: Path, data: st.DataObject) -> None:
    original = (FIXTURES / "interview_07.en.txt").read_text(encoding="utf-8")
    mutated = data.draw(text_mutations(original, TEXT_TOKENS)).encode("utf-8")
    _import_checked(template, "interview_07.en.txt", mutated, _translation_importer)
