"""Word transcripts (``.docx``): speaker paragraphs or a transcript table.

A document with a transcript table (a time column or a named speaker column,
see :mod:`exports.transcripts.docx_table`) is read as a table: one utterance per
row, one text per remaining column. Otherwise its paragraphs are read like a
plain-text transcript: a paragraph starting with a timestamped turn
(``Speaker (00:00:05): text``, ``[00:00:05] Speaker: text``) starts an
utterance; a plain ``Speaker: text`` paragraph does so when the label is bold
(or when the document uses no bold at all); any other paragraph continues the
previous utterance. The title is the document's Title property, else its first
heading, else the first paragraph before the first utterance. Only start
times are written, so ``end_ms`` is the next utterance's start.

The package is checked before python-docx opens it (a ZIP with
``word/document.xml``, bounded unpacked size), and every failure of the
libraries underneath is reported as an :class:`~storage.errors.InputError`.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx

from exports.transcripts.docx_table import find_table_transcript
from exports.transcripts.parsed import ParsedTranscript, one_line
from exports.transcripts.timecodes import timecode_ms
from exports.transcripts.turn_collector import TurnCollector
from exports.transcripts.turn_line import match_turn
from storage.errors import N_, InputError

MAX_UNPACKED_BYTES = 512 * 1024 * 1024
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _check_package(path: Path, file: str) -> None:
    """Refuse what is not a readable, reasonably sized DOCX package, with a clear reason."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE_MAGIC):
        raise InputError(
            N_("{file}: this is an old Word .doc file; save it as .docx and import that"),
            file=file,
        )
    if head.startswith(b"{\\rtf"):
        raise InputError(
            N_("{file}: this is an RTF file; save it as .docx and import that"), file=file
        )
    if not head.startswith(_ZIP_MAGIC):
        raise InputError(N_("{file}: not a Word document (.docx)"), file=file)
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            names = {info.filename for info in infos}
            if "word/document.xml" not in names:
                raise InputError(
                    N_("{file}: a ZIP archive but not a Word document (no word/document.xml)"),
                    file=file,
                )
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise InputError(
                    N_("{file}: the Word document unpacks to more than {limit} MB"),
                    file=file,
                    limit=str(MAX_UNPACKED_BYTES // (1024 * 1024)),
                )
            damaged = package.testzip()
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise InputError(
            N_("{file}: the Word document is damaged or truncated"), file=file
        ) from None
    except Exception as exc:  # NotImplementedError (compression method), …
        raise InputError(
            N_("{file}: the Word document is damaged or truncated ({reason})"),
            file=file,
            reason=str(exc) or type(exc).__name__,
        ) from None
    if damaged is not None:
        raise InputError(
            N_("{file}: the Word document is damaged (bad data in {part})"),
            file=file,
            part=damaged,
        )


def _is_bold(run: Any, paragraph_bold: bool) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    style = run.style
    if style is not None and style.font.bold is not None:
        return bool(style.font.bold)
    return paragraph_bold


def _bold_prefix(paragraph: Any) -> str:
    """Text of the leading bold runs of ``paragraph`` (whitespace-only runs do not end it)."""
    style = paragraph.style
    paragraph_bold = bool(style is not None and style.font.bold)
    prefix: list[str] = []
    for run in paragraph.runs:
        if not run.text.strip() or _is_bold(run, paragraph_bold):
            prefix.append(run.text)
        else:
            break
    return one_line("".join(prefix))


def _is_heading(paragraph: Any) -> bool:
    style = paragraph.style
    name = style.name if style is not None and style.name else ""
    return bool(name == "Title" or name.startswith("Heading"))


def _ms(value: str | None, file: str, paragraph: int) -> int | None:
    if value is None:
        return None
    ms = timecode_ms(value)
    if ms is None:
        raise InputError(
            N_("{file}, paragraph {line}: bad timestamp {value!r}"),
            file=file,
            line=paragraph,
            value=value,
        )
    return ms


def _read_paragraphs(document: Any, file: str, title: str | None) -> ParsedTranscript:
    paragraphs = [(one_line(p.text), p) for p in document.paragraphs]
    uses_bold = any(text and not _is_heading(p) and _bold_prefix(p) for text, p in paragraphs)
    turns = TurnCollector(file)
    for number, (text, paragraph) in enumerate(paragraphs, 1):
        if not text:
            continue
        turn = match_turn(text)
        if turn is not None and not (
            turn.start
            or not turn.speaker
            or not uses_bold
            or turn.speaker in _bold_prefix(paragraph)
        ):
            turn = None
        if turn is None:
            if not turns.has_turns and title is None and _is_heading(paragraph):
                title = text
            else:
                turns.add_line(text)
            continue
        start = _ms(turn.start, file, number)
        end = _ms(turn.end, file, number)
        if start is not None and end is not None and end < start:
            raise InputError(
                N_("{file}, paragraph {line}: the turn ends before it starts ({value!r})"),
                file=file,
                line=number,
                value=f"{turn.start} - {turn.end}",
            )
        turns.start_turn(turn.speaker, start, end, turn.text)
    notes: list[str] = []
    params = {"file": file}
    title, utterances = turns.finish(title, notes, params)
    return ParsedTranscript(
        path=file,
        format="docx-paragraphs",
        encoding="docx",
        title=title,
        columns=("",),
        utterances=utterances,
        notes=tuple(notes),
        note_params=params,
    )


def _read_document(document: Any, file: str) -> ParsedTranscript:
    title = one_line(document.core_properties.title or "") or None
    heading = next(
        (one_line(p.text) for p in document.paragraphs if _is_heading(p) and p.text.strip()),
        None,
    )
    tables = document.tables
    found = find_table_transcript(tables, file=file, title=title or heading, strong_only=True)
    if found is not None:
        return found
    try:
        return _read_paragraphs(document, file, title)
    except InputError:
        found = find_table_transcript(tables, file=file, title=title or heading, strong_only=False)
        if found is None:
            raise
        return found


def read_docx(path: Path, file: str) -> ParsedTranscript:
    """Read the Word transcript at ``path`` (reported as ``file``); see the module docstring."""
    _check_package(path, file)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors, …
        raise InputError(
            N_("{file}: the Word document cannot be opened ({reason})"),
            file=file,
            reason=str(exc) or type(exc).__name__,
        ) from None
    try:
        return _read_document(document, file)
    except InputError:
        raise
    except Exception as exc:  # malformed XML inside a well-formed package
        raise InputError(
            N_("{file}: the Word document cannot be read ({reason})"),
            file=file,
            reason=str(exc) or type(exc).__name__,
        ) from None
