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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.transcript_import import import_transcript
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
            if isinstance(failed, InputError):
                assert name in str(failed)
        # nothing escapes the folder (zip-slip, external paths)
        assert all(p.name.startswith("p.suhbat") or p.name == "in" for p in Path(folder).iterdir())
        assert [p.name for p in inbox.iterdir()] == [name]


def _transcript_importer(store: Store, path: Path) -> object:
    return import_transcript(store, path)


def _refi_importer(store: Store, path: Path) -> object:
    from exports.refi.importer import import_refi

    return import_refi(store, path)


# -- mutations ----------------------------------------------------------------------------


@st.composite
def byte_mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few flips, cuts, insertions or duplicated slices."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "duplicate", "truncate"]))
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if kind == "flip" and out:
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del out[at : at + draw(st.integers(1, 64))]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "duplicate":
            out[at:at] = out[at : at + draw(st.integers(1, 64))]
        else:
            del out[at:]
    return bytes(out)


@st.composite
def text_mutations(draw: st.DrawFn, text: str, tokens: list[str]) -> str:
    """``text`` with tokens of its own syntax inserted, spans cut, or a value replaced."""
    out = text
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "cut", "value"]))
        at = draw(st.integers(0, len(out)))
        if kind == "insert":
            out = out[:at] + draw(st.sampled_from(tokens)) + out[at:]
        elif kind == "cut":
            out = out[:at] + out[at + draw(st.integers(1, 80)) :]
        else:
            values = list(re.finditer(r'="[^"]*"', out))
            if values:
                match = values[draw(st.integers(0, len(values) - 1))]
                replacement = draw(st.sampled_from(["", "-1", "x" * 40, "{ABC}", "\x01", "&"]))
                out = out[: match.start()] + f'="{replacement}"' + out[match.end() :]
    return out


def _rezip(original: bytes, member: str, new: bytes) -> bytes:
    """``original`` zip with ``member`` replaced by ``new``."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, new if info.filename == member else source.read(info))
    return buffer.getvalue()


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
    original = (FIXTURES / name).read_bytes()
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
        template, name, _rezip(original, member, mutated.encode("utf-8")), _transcript_importer
    )


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "bad").iterdir()))
def test_every_bad_fixture_fails_cleanly_or_imports(template: Path, name: str) -> None:
    _import_checked(template, name, (FIXTURES / "bad" / name).read_bytes(), _transcript_importer)


# -- REFI-QDA -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in REFI_FILES if not n.startswith("nvivo")])
@SETTINGS
@given(data=st.data())
def test_mutated_refi_bytes(template: Path, name: str, data: st.DataObject) -> None:
    original = (REFI_SAMPLES / name).read_bytes()
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
        payload = _rezip(original, member, mutated)
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
