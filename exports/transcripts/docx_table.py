"""Transcript tables in Word documents: ``time | speaker | original | translation…``.

Columns are recognised by content and header, in any order:

* the *time* column is the one where most filled cells are timestamps
  (``00:00:03``, ``[00:03]``, or a range ``00:00:03 – 00:00:09``);
* the *speaker* column is the one whose header names it (``Speaker``,
  ``Говорящий``, ``Сөйлеуші``, ``Участник`` …), else the first other column of
  short labels (at most four words);
* a column holding only row numbers is ignored;
* every other column is a *text* column, one text per utterance, labelled by
  its header cell (``"Түпнұсқа / Original"``, ``"English"``) or ``""``.

The first row is a header when it holds no timestamp. A table is a *strong*
match when it has a time column or a named speaker column; a table matched only
by the short-label guess is *weak* (a metadata table ``Date | 02.04.2024`` looks
like that) and is used only when the paragraphs hold no transcript. Later
tables with the same columns (a table split across pages) continue the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from exports.transcripts.parsed import (
    ParsedTranscript,
    ParsedUtterance,
    fill_end_times,
    one_line,
)
from exports.transcripts.timecodes import TIMECODE, timecode_ms
from storage.errors import N_, InputError

_TIME_CELL = re.compile(rf"[\[(]?({TIMECODE})(?:\s*[-–—]+>?\s*({TIMECODE}))?[\])]?")
_SPEAKER_HEADERS = (
    "speaker", "who", "name", "role", "говорящ", "спикер", "участник", "респондент",
    "кто", "имя", "роль", "сөйлеуші", "қатысушы", "кім", "аты",
)  # fmt: skip
_MAX_LABEL_CHARS = 40
_MAX_LABEL_WORDS = 4


@dataclass(frozen=True)
class TableLayout:
    """Which column holds what, and whether the first row is a header."""

    has_header: bool
    time: int | None
    speaker: int | None
    texts: tuple[int, ...]
    labels: tuple[str, ...]
    strong: bool


def cell_rows(table: Any) -> list[list[str]]:
    """The table's cell texts (one line each), every row padded to the same width."""
    rows = [[one_line(cell.text) for cell in row.cells] for row in table.rows]
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def _column(rows: Sequence[Sequence[str]], index: int) -> list[str]:
    return [row[index] for row in rows if row[index]]


def _is_time_column(values: list[str]) -> bool:
    return bool(values) and 2 * sum(bool(_TIME_CELL.fullmatch(v)) for v in values) >= len(values)


def _is_label_column(values: list[str]) -> bool:
    return bool(values) and all(
        len(v) <= _MAX_LABEL_CHARS and len(v.split()) <= _MAX_LABEL_WORDS for v in values
    )


def table_layout(rows: list[list[str]]) -> TableLayout | None:
    """Recognise the columns of ``rows``; ``None`` if this is not a transcript table."""
    if not rows or not rows[0]:
        return None
    width = len(rows[0])
    first_has_time = any(_TIME_CELL.fullmatch(v) for v in rows[0])
    sample = rows[1:] if len(rows) > 1 else rows
    time = next((i for i in range(width) if _is_time_column(_column(sample, i))), None)
    header_words = [v.casefold() for v in rows[0]]
    named_speaker = next(
        (
            i
            for i, word in enumerate(header_words)
            if i != time and any(key in word for key in _SPEAKER_HEADERS)
        ),
        None,
    )
    has_header = not first_has_time and (time is not None or named_speaker is not None)
    data = rows[1:] if has_header else rows
    speaker = named_speaker if has_header else None
    numbers = {
        i
        for i in range(width)
        if i not in (time, speaker)
        and (values := _column(data, i))
        and all(v.isascii() and v.isdigit() for v in values)
    }
    if speaker is None:
        candidates = [i for i in range(width) if i not in numbers and i != time]
        if len(candidates) >= 2:
            speaker = next((i for i in candidates[:-1] if _is_label_column(_column(data, i))), None)
    texts = tuple(i for i in range(width) if i not in numbers and i not in (time, speaker))
    if not has_header:
        texts = tuple(i for i in texts if _column(data, i))
    if not texts or (time is None and speaker is None):
        return None
    labels = tuple(rows[0][i] if has_header else "" for i in texts)
    strong = time is not None or named_speaker is not None
    return TableLayout(has_header, time, speaker, texts, labels, strong)


def _times(value: str, file: str, row: int) -> tuple[int | None, int | None]:
    if not value:
        return None, None
    m = _TIME_CELL.fullmatch(value)
    start = timecode_ms(m.group(1)) if m else None
    end = timecode_ms(m.group(2)) if m and m.group(2) else None
    if start is None or (m and m.group(2) and (end is None or end < start)):
        raise InputError(
            N_("{file}, table row {line}: bad timestamp {value!r}"),
            file=file,
            line=row,
            value=value,
        )
    return start, end


def read_table_rows(
    rows: list[list[str]], layout: TableLayout, *, file: str, title: str | None
) -> ParsedTranscript | None:
    """Utterances of the table ``rows`` laid out as ``layout``; ``None`` if no row has text."""
    speakers: list[str] = []
    starts: list[int | None] = []
    ends: list[int | None] = []
    texts: list[tuple[str, ...]] = []
    first = 2 if layout.has_header else 1
    for number, row in enumerate(rows[first - 1 :], first):
        said = tuple(row[i] for i in layout.texts)
        if not any(said):
            continue
        start, end = (
            _times(row[layout.time], file, number) if layout.time is not None else (None, None)
        )
        speakers.append(row[layout.speaker] if layout.speaker is not None else "")
        starts.append(start)
        ends.append(end)
        texts.append(said)
    if not texts:
        return None
    utterances = tuple(
        ParsedUtterance(speaker, start, end, said)
        for speaker, start, end, said in zip(
            speakers, starts, fill_end_times(starts, ends), texts, strict=True
        )
    )
    return ParsedTranscript(
        path=file,
        format="docx-table",
        encoding="docx",
        title=title,
        columns=layout.labels,
        utterances=utterances,
        notes=(),
        note_params={"file": file},
    )


def find_table_transcript(
    tables: Sequence[Any], *, file: str, title: str | None, strong_only: bool
) -> ParsedTranscript | None:
    """The transcript held in the first matching table of ``tables`` and its continuations.

    With ``strong_only``, weak matches (see the module docstring) are passed over.
    """
    grids = [cell_rows(table) for table in tables]
    for index, rows in enumerate(grids):
        layout = table_layout(rows)
        if layout is None or (strong_only and not layout.strong):
            continue
        combined = list(rows)
        for more in grids[index + 1 :]:
            if not more or len(more[0]) != len(rows[0]):
                break
            if layout.has_header and more[0] == rows[0]:
                more = more[1:]
            combined.extend(more)
        parsed = read_table_rows(combined, layout, file=file, title=title)
        if parsed is not None:
            return parsed
    return None
