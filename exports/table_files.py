"""CSV and XLSX files for any :class:`analysis.table.Table`, for Excel, SPSS or R.

CSV: UTF-8 with a byte-order mark (so Excel detects the encoding of Cyrillic
text; R's readr and pandas skip it), comma-separated, one header row, numbers
written plainly with a dot as decimal separator and full precision (rounded to
six decimals), exact fractions as ``n/d``, empty cells for missing values. A text
that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a
leading ``'`` so that no spreadsheet runs it (:mod:`exports.spreadsheet_text`).

XLSX: one sheet per table with a bold, frozen header row and an autofilter;
numbers stay numbers, text stays text (a value such as ``=1+1`` or ``#N/A`` is
never turned into a formula or an error), code-tree rows are indented, and a
last sheet "About" lists every table's title, unit and notes. A text longer than an
Excel cell holds is cut with a note saying so (see :mod:`exports.xlsx_writer`). Characters that
XML forbids (control characters) are dropped; emoji and Kazakh letters are kept.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path

from analysis.table import Cell, Table
from exports.file_names import atomic_path, safe_file_stem, unique_path
from exports.output_files import ensure_folder
from exports.report_language import translator
from exports.spreadsheet_text import inert_row, inert_text
from exports.xlsx_writer import CUT_NOTE, CutNote, Sheet, XlsxValue, write_workbook
from exports.xml_text import xml_safe
from i18n import translations

SHEET_NAME_LIMIT = 31
"""Excel's maximum length of a sheet name."""

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WIDTH_SAMPLE = 300


def csv_cell(cell: Cell) -> str:
    """One cell as CSV text: plain numbers with a dot, fractions as ``n/d``, None empty;
    a text a spreadsheet would run as a formula gets a leading ``'`` (see
    :mod:`exports.spreadsheet_text`)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, Fraction):
        return f"{cell.numerator}/{cell.denominator}"
    if isinstance(cell, float):
        if math.isnan(cell) or math.isinf(cell):
            return ""
        return repr(round(cell, 6))
    if isinstance(cell, int):
        return str(cell)  # a number, negative or not, is never a formula
    return inert_text(str(cell))


def write_csv(table: Table, path: Path, *, bom: bool = True) -> Path:
    """Write ``table`` as CSV to ``path`` (UTF-8, with a BOM unless ``bom`` is false)."""
    with (
        atomic_path(path) as temporary,
        open(temporary, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle,
    ):
        writer = csv.writer(handle)
        writer.writerow(inert_row(list(table.columns)))
        writer.writerows([csv_cell(cell) for cell in row] for row in table.rows)
    return path


def write_csv_files(tables: Iterable[Table], directory: Path, *, bom: bool = True) -> list[Path]:
    """One CSV per table in ``directory``, named after the table's key."""
    ensure_folder(directory)
    taken: set[str] = set()
    return [
        write_csv(t, unique_path(directory, safe_file_stem(t.key, "table"), ".csv", taken), bom=bom)
        for t in tables
    ]


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in ``…`` when something was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, no ``[]:*?/\\``).

    A colon becomes a dash and other forbidden characters spaces, so a translated title
    such as ``Кодтаушылар келісімі: …`` stays readable; a longer name is cut with ``…``.
    """
    text = xml_safe(name).replace(":", " -")
    base = " ".join(_SHEET_FORBIDDEN.sub(" ", text).split()).strip("' ") or "Sheet"
    base = _cut(base, SHEET_NAME_LIMIT)
    candidate = base
    n = 2
    while candidate.casefold() in taken or candidate.casefold() == "history":
        suffix = f" ({n})"
        candidate = _cut(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
        n += 1
    taken.add(candidate.casefold())
    return candidate


def write_xlsx(
    tables: Sequence[Table], path: Path, *, about: bool = True, language: str = "en"
) -> Path:
    """Write ``tables`` to one workbook at ``path``: a sheet each, plus an "About" sheet.

    ``language`` is the language of the "About" sheet's own labels.
    """
    _ = translator(language)
    about_title = sheet_title(_("About"), set())
    taken: set[str] = {about_title.casefold()} if about else set()
    sheets: list[Sheet] = []
    for table in tables:
        sheets.append(
            Sheet(
                title=sheet_title(table.title or table.key, taken),
                header=[str(_value(c) or "") for c in table.columns],
                rows=(_values(row) for row in table.rows),
                row_count=len(table.rows),
                widths=_widths(table),
                indents=table.row_depths,
            )
        )
    if about:
        rows = [
            [sheet.title, table.title, table.unit, "\n".join(table.notes)]
            for sheet, table in zip(sheets, tables, strict=True)
        ]
        sheets.append(
            Sheet(
                title=about_title,
                header=[_("Sheet"), _("Title"), _("Unit"), _("Notes")],
                rows=rows,
                row_count=len(rows),
                widths=(32, 40, 28, 100),
            )
        )
    with atomic_path(path) as temporary:
        write_workbook(temporary, sheets, cut_note=cut_note(language))
    return path


def cut_note(language: str) -> CutNote:
    """The note that ends a text cut to fit an Excel cell, in ``language``."""
    catalog = translations(language)

    def note(n: int) -> str:
        return catalog.ngettext(*CUT_NOTE, n).format(n=n)

    return note


_PLAIN = frozenset((str, int, type(None)))


def _values(row: Sequence[Cell]) -> list[XlsxValue]:
    """A row's cells as spreadsheet values (texts, whole numbers and blanks as they are)."""
    out: list[XlsxValue] = list(row)  # type: ignore[arg-type]
    for i, cell in enumerate(row):
        if type(cell) not in _PLAIN:
            out[i] = _value(cell)
    return out


def _value(cell: Cell) -> str | int | float | None:
    if cell is None:
        return None
    if isinstance(cell, Fraction):
        return f"{cell.numerator}/{cell.denominator}"
    if isinstance(cell, float) and (math.isnan(cell) or math.isinf(cell)):
        return None
    return cell


def _widths(table: Table) -> list[float]:
    """Column widths from the header and the first rows (6 to 62 characters)."""
    widths = [len(c) for c in table.columns]
    for row in table.rows[:_WIDTH_SAMPLE]:
        for i, cell in enumerate(row):
            text = str(_value(cell) or "")
            longest = max((len(line) for line in text.split("\n")), default=0)
            widths[i] = max(widths[i], min(longest, 60))
    return [max(6, min(w + 2, 62)) for w in widths]
