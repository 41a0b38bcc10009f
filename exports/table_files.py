"""CSV and XLSX files for any :class:`analysis.table.Table`, for Excel, SPSS or R.

CSV: UTF-8 with a byte-order mark (so Excel detects the encoding of Cyrillic
text; R's readr and pandas skip it), comma-separated, one header row, numbers
written plainly with a dot as decimal separator and full precision (rounded to
six decimals), exact fractions as ``n/d``, empty cells for missing values.

XLSX: one sheet per table with a bold, frozen header row and an autofilter;
numbers stay numbers, text stays text (a value such as ``=1+1`` or ``#N/A`` is
never turned into a formula or an error), code-tree rows are indented, and a
last sheet "About" lists every table's title, unit and notes. Characters that
XML forbids (control characters) are dropped; emoji and Kazakh letters are kept.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from analysis.table import Cell, Table
from exports.file_names import atomic_path, safe_file_stem, unique_path
from exports.report_language import translator
from exports.xml_text import xml_safe

XLSX_CELL_LIMIT = 32_767
"""Excel's maximum number of characters in one cell."""

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_WIDTH_SAMPLE = 300


def csv_cell(cell: Cell) -> str:
    """One cell as CSV text: plain numbers with a dot, fractions as ``n/d``, None empty."""
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
    return str(cell)


def write_csv(table: Table, path: Path, *, bom: bool = True) -> Path:
    """Write ``table`` as CSV to ``path`` (UTF-8, with a BOM unless ``bom`` is false)."""
    with (
        atomic_path(path) as temporary,
        open(temporary, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle,
    ):
        writer = csv.writer(handle)
        writer.writerow(table.columns)
        writer.writerows([csv_cell(cell) for cell in row] for row in table.rows)
    return path


def write_csv_files(tables: Iterable[Table], directory: Path, *, bom: bool = True) -> list[Path]:
    """One CSV per table in ``directory``, named after the table's key."""
    directory.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    return [
        write_csv(t, unique_path(directory, safe_file_stem(t.key, "table"), ".csv", taken), bom=bom)
        for t in tables
    ]


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, no ``[]:*?/\\``)."""
    base = _SHEET_FORBIDDEN.sub("_", xml_safe(name)).strip("' ") or "Sheet"
    base = base[:31]
    candidate = base
    n = 2
    while candidate.casefold() in taken or candidate.casefold() == "history":
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
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
    workbook = Workbook(write_only=True)
    about_title = sheet_title(_("About"), set())
    taken: set[str] = {about_title.casefold()} if about else set()
    titles: list[str] = []
    for table in tables:
        sheet = workbook.create_sheet(sheet_title(table.title or table.key, taken))
        titles.append(sheet.title)
        _write_sheet(sheet, table)
    if about:
        labels = (_("Sheet"), _("Title"), _("Unit"), _("Notes"))
        _write_about(workbook.create_sheet(about_title), tables, titles, labels)
    with atomic_path(path) as temporary:
        workbook.save(str(temporary))
    return path


def _value(cell: Cell) -> str | int | float | None:
    if cell is None:
        return None
    if isinstance(cell, Fraction):
        return f"{cell.numerator}/{cell.denominator}"
    if isinstance(cell, float) and (math.isnan(cell) or math.isinf(cell)):
        return None
    if isinstance(cell, str):
        text = xml_safe(cell)
        if len(text) > XLSX_CELL_LIMIT:
            text = text[: XLSX_CELL_LIMIT - 1] + "…"
        return text
    return cell


def _text_cell(sheet: Any, text: str) -> XlsxCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def _needs_text_cell(value: str) -> bool:
    return value.startswith(("=", "#"))


def _write_sheet(sheet: Any, table: Table) -> None:
    header = [_value(c) for c in table.columns]
    widths = [len(str(h or "")) for h in header]
    for row in table.rows[:_WIDTH_SAMPLE]:
        for i, cell in enumerate(row):
            text = str(_value(cell) or "")
            longest = max((len(line) for line in text.split("\n")), default=0)
            widths[i] = max(widths[i], min(longest, 60))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(6, min(width + 2, 62))
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(table.rows) + 1}"
    head_cells = []
    for value in header:
        head = _text_cell(sheet, str(value or ""))
        head.font = _HEADER_FONT
        head.fill = _HEADER_FILL
        head_cells.append(head)
    sheet.append(head_cells)
    depths = table.row_depths
    wrap = Alignment(wrap_text=True, vertical="top")
    long_columns = {i for i, w in enumerate(widths) if w >= 60}
    for index, row in enumerate(table.rows):
        values: list[str | int | float | XlsxCell | None] = [_value(cell) for cell in row]
        for i, item in enumerate(values):
            if isinstance(item, str) and (_needs_text_cell(item) or i in long_columns):
                text_cell = _text_cell(sheet, item)
                if i in long_columns:
                    text_cell.alignment = wrap
                values[i] = text_cell
        if depths and depths[index] and values:
            first = values[0]
            if isinstance(first, XlsxCell):
                indented = first
            elif isinstance(first, str):
                indented = _text_cell(sheet, first)
            else:
                indented = WriteOnlyCell(sheet, value=first)
            indented.alignment = Alignment(indent=min(depths[index], 15))
            values[0] = indented
        sheet.append(values)


def _write_about(
    sheet: Any,
    tables: Sequence[Table],
    titles: Sequence[str],
    labels: Sequence[str],
) -> None:
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 28
    sheet.column_dimensions["D"].width = 100
    head = []
    for value in labels:
        cell = _text_cell(sheet, value)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        head.append(cell)
    sheet.append(head)
    wrap = Alignment(wrap_text=True, vertical="top")
    for title, table in zip(titles, tables, strict=True):
        notes = _text_cell(sheet, str(_value("\n".join(table.notes)) or ""))
        notes.alignment = wrap
        sheet.append(
            [
                _text_cell(sheet, title),
                _text_cell(sheet, str(_value(table.title) or "")),
                _text_cell(sheet, str(_value(table.unit) or "")),
                notes,
            ]
        )
