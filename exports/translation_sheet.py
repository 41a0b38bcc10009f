"""A transcript as a table for a translator who does not use suhbat, and reading it back.

The table (XLSX, CSV or DOCX) has one row per utterance: its stable id (the
utterance UUID), time, speaker, the original, the target language, the
translation, notes (glossary terms found in the original) and the status columns
(translator, translated, reviewer, reviewed, status). Column names are fixed
English ids so that a file made in any interface language reads back.

Reading back checks every row before anything is written: an unknown id, an
original that changed since export, a wrong language and a missing column are
reported one message per row; nothing is written unless every row is valid
(``partial``: the valid rows are written and the rest reported).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from exports.file_names import atomic_path
from exports.translation_marks import MarkedUtterances
from exports.xlsx_writer import Sheet, write_workbook
from storage.errors import N_, InputError, ValidationError
from storage.media_time import clock
from storage.models import Layer
from storage.store import Store
from storage.text import fold, normalize
from storage.translation_models import GlossaryTerm, TranslationRow

COLUMNS = (
    "id",
    "time",
    "speaker",
    "original",
    "language",
    "translation",
    "notes",
    "translator",
    "translated",
    "reviewer",
    "reviewed",
    "status",
)
"""The columns of a translator's table, in order."""

REQUIRED = ("id", "original", "language", "translation")
"""Columns an imported table must have."""

FORMATS = (".xlsx", ".csv", ".docx")


def row_status(row: TranslationRow) -> str:
    """``untranslated``, ``translated``, ``reviewed`` or ``stale`` (a fixed English id)."""
    if not row.translated:
        return "untranslated"
    if row.status is None:
        return "translated"
    if row.status.stale:
        return "stale"
    return "reviewed" if row.status.is_reviewed else "translated"


def terms_in(original: str, terms: Sequence[GlossaryTerm]) -> list[GlossaryTerm]:
    """Glossary terms whose folded form occurs in the original (stems match inflections)."""
    folded = fold(original)
    return [t for t in terms if fold(t.term) in folded]


def term_note(term: GlossaryTerm) -> str:
    """A glossary term as shown to a translator: «аким» → akim (head of …)."""
    text = f"{term.term} → {term.rendering}"
    return f"{text} — {term.note}" if term.note else text


def sheet_rows(
    store: Store, transcript_id: int, language: str, *, only_marked: bool = False
) -> list[list[str]]:
    """The table's rows (without header) for one transcript and target language."""
    language = language.strip().lower()
    rows = store.translations.rows_into(transcript_id, language)
    original = store.translations.original_layer(transcript_id)
    terms = store.translations.glossary(original.language, language)
    marked = MarkedUtterances(store).of(transcript_id) if only_marked else None
    out = []
    for row in rows:
        if marked is not None and row.utterance_id not in marked:
            continue
        status = row.status
        out.append(
            [
                row.uuid,
                clock(row.start_ms) if row.start_ms is not None else "",
                row.speaker,
                row.original,
                language,
                row.translation,
                "; ".join(term_note(t) for t in terms_in(row.original, terms)),
                status.translator if status else "",
                status.translated if status else "",
                (status.reviewer or "") if status else "",
                (status.reviewed or "") if status else "",
                row_status(row),
            ]
        )
    return out


def write_sheet(
    store: Store,
    transcript_id: int,
    language: str,
    path: Path,
    *,
    only_marked: bool = False,
) -> int:
    """Write the translator's table to ``path`` (.xlsx, .csv or .docx); returns its rows.

    Only reads the project (it may be open read-only); the layer is created on import.
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(N_("{file}: write .xlsx, .csv or .docx"), file=path.name)
    rows = sheet_rows(store, transcript_id, language, only_marked=only_marked)
    with atomic_path(path) as temporary:
        if suffix == ".xlsx":
            widths = (38, 10, 16, 60, 9, 60, 30, 14, 20, 14, 20, 12)
            write_workbook(temporary, [Sheet("translation", COLUMNS, rows, len(rows), widths)])
        elif suffix == ".csv":
            buffer = io.StringIO(newline="")
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows)
            temporary.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
        else:
            _write_docx(temporary, rows)
    return len(rows)


def _write_docx(path: Path, rows: list[list[str]]) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=1 + len(rows), cols=len(COLUMNS))
    table.style = "Table Grid"
    for col, name in enumerate(COLUMNS):
        table.cell(0, col).text = name
    for r, values in enumerate(rows, start=1):
        cells = table.rows[r].cells
        for col, value in enumerate(values):
            if value:
                cells[col].text = value
    document.save(str(path))


# -- reading back ----------------------------------------------------------------------


@dataclass
class SheetImport:
    """What reading a translator's table found and did."""

    file: str
    rows: int = 0
    saved: int = 0
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)


@dataclass(frozen=True)
class _Valid:
    transcript_id: int
    language: str
    utterance_id: int
    text: str
    translator: str


def read_sheet(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header (lower case) and rows (file line, cells by column) of an XLSX, CSV or DOCX table."""
    if path.suffix.lower() == ".docx":
        return _read_docx(path)
    from exports.table_reading import read_rows

    header, rows, _encoding = read_rows(path)
    return [h.strip().lower() for h in header], [
        (row.line, {k.strip().lower(): v for k, v in row.cells.items()}) for row in rows
    ]


def _read_docx(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise InputError(
            N_("{file}: not a Word document ({reason})"), file=path.name, reason=str(error)
        ) from None
    if not document.tables:
        raise InputError(N_("{file}: no table found"), file=path.name)
    table = document.tables[0]
    grid = [[normalize(c.text) for c in row.cells] for row in table.rows]
    header = [h.strip().lower() for h in grid[0]] if grid else []
    rows = [
        (number, dict(zip(header, values, strict=False)))
        for number, values in enumerate(grid[1:], start=2)
    ]
    return header, rows


def import_sheet(
    store: Store, path: Path, *, partial: bool = False, translator: str = ""
) -> SheetImport:
    """Read a translator's table back into the project, matched by utterance id.

    Every row is checked first (see the module docstring). Without ``partial``
    nothing is written when any row is invalid; the errors are in the result.
    """
    name = path.name
    header, rows = read_sheet(path)
    result = SheetImport(name, rows=len(rows))
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        result.errors.append(
            InputError(
                N_("{file}: the column {column!r} is missing"),
                file=name,
                column=", ".join(missing),
            )
        )
        return result
    valid = _validate(store, name, rows, translator, result)
    if result.errors and not partial:
        return result
    by_layer: dict[tuple[int, str, str], list[tuple[int, str]]] = {}
    for v in valid:
        key = (v.transcript_id, v.language, v.translator)
        by_layer.setdefault(key, []).append((v.utterance_id, v.text))
    with store.transaction():
        for (transcript_id, language, who), texts in by_layer.items():
            layer = store.translations.ensure_layer(transcript_id, language)
            saved = store.translations.save_many(layer.id, texts, who)
            result.saved += len(saved)
            result.unchanged += len(texts) - len(saved)
    return result


def _validate(
    store: Store,
    name: str,
    rows: list[tuple[int, dict[str, str]]],
    translator: str,
    result: SheetImport,
) -> list[_Valid]:
    languages = store.project().languages
    utterances = {u.uuid: u for u in store.transcripts.utterances()}
    originals: dict[int, Layer] = {}
    seen: set[str] = set()
    valid: list[_Valid] = []
    for line, cells in rows:
        uuid = cells.get("id", "").strip().lower().strip("{}")
        text = normalize(cells.get("translation", "")).strip()
        if not uuid and not text:
            continue  # an empty row
        utterance = utterances.get(uuid)
        if utterance is None:
            result.errors.append(
                InputError(
                    N_("{file}, line {line}: unknown id {id!r}"), file=name, line=line, id=uuid
                )
            )
            continue
        if uuid in seen:
            result.errors.append(
                InputError(
                    N_("{file}, line {line}: id {id!r} appears twice"),
                    file=name,
                    line=line,
                    id=uuid,
                )
            )
            continue
        seen.add(uuid)
        tid = utterance.transcript_id
        if tid not in originals:
            originals[tid] = store.translations.original_layer(tid)
        original = originals[tid]
        language = cells.get("language", "").strip().lower()
        if language not in languages or language == original.language:
            result.errors.append(
                InputError(
                    N_(
                        "{file}, line {line}: wrong language {language!r}"
                        " (the original is {original})"
                    ),
                    file=name,
                    line=line,
                    language=language,
                    original=original.language,
                )
            )
            continue
        s, e = utterance.spans.get(original.id, (0, 0))
        now = original.text[s:e]
        if " ".join(normalize(cells.get("original", "")).split()) != " ".join(now.split()):
            result.errors.append(
                InputError(
                    N_("{file}, line {line}: the original changed since export; now «{text}»"),
                    file=name,
                    line=line,
                    text=now,
                )
            )
            continue
        if not text:
            result.unchanged += 1
            continue
        who = normalize(cells.get("translator", "")).strip() or translator
        valid.append(_Valid(tid, language, utterance.id, text, who))
    return valid
