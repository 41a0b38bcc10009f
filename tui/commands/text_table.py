"""An :class:`analysis.table.Table` as aligned plain text for the terminal.

Title, unit, whether uncoded text counts, the columns (numbers right-aligned,
code-tree rows indented, empty cells for missing or undefined values) and the
notes, which explain every undefined statistic.
"""

from __future__ import annotations

import unicodedata
from fractions import Fraction

from analysis.table import Cell, Table, format_cell
from i18n import _

INDENT = "  "


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters 2, combining marks 0."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int, *, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _is_number(cell: Cell) -> bool:
    return isinstance(cell, int | float | Fraction) and not isinstance(cell, bool)


def column_digits(header: str, digits: int = 3) -> int:
    """Decimals to show in a column: one for percentages, ``digits`` otherwise."""
    return 1 if "%" in header else digits


def cell_text(cell: Cell, digits: int = 3) -> str:
    """One cell on one line (line breaks in user text become spaces)."""
    return format_cell(cell, digits).replace("\r", " ").replace("\n", " ")


def render_table(table: Table, *, digits: int = 3) -> str:
    """The whole table as text lines ending in ``\\n``."""
    headers = [_(name) for name in table.columns]
    places = [column_digits(name, digits) for name in table.columns]
    body: list[list[str]] = []
    numeric = [False] * len(headers)
    seen_text = [False] * len(headers)
    for index, row in enumerate(table.rows):
        line = [cell_text(cell, places[i]) for i, cell in enumerate(row)]
        if table.row_depths and line:
            line[0] = INDENT * table.row_depths[index] + line[0]
        for i, cell in enumerate(row):
            if _is_number(cell):
                numeric[i] = True
            elif cell is not None:
                seen_text[i] = True
        body.append(line)
    right = [numeric[i] and not seen_text[i] for i in range(len(headers))]
    widths = [display_width(h) for h in headers]
    for line in body:
        for i, text in enumerate(line):
            widths[i] = max(widths[i], display_width(text))

    out = [_(table.title), _("Unit: {unit}").format(unit=_(table.unit))]
    if table.uncoded_text_counts is not None:
        out.append(
            _("Uncoded text counts: yes")
            if table.uncoded_text_counts
            else _("Uncoded text counts: no")
        )
    out.append("")
    out.append(_join(headers, widths, right))
    out.append(_join(["-" * w for w in widths], widths, right))
    out.extend(_join(line, widths, right) for line in body)
    if not body:
        out.append(_("(no rows)"))
    if table.notes:
        out.append("")
        out.append(_("Notes:"))
        out.extend(f"{INDENT}- {note}" for note in table.notes)
    return "\n".join(out) + "\n"


def _join(cells: list[str], widths: list[int], right: list[bool]) -> str:
    return "  ".join(_pad(text, widths[i], right=right[i]) for i, text in enumerate(cells)).rstrip()
