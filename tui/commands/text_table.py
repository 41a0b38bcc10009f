"""An :class:`analysis.table.Table` as aligned plain text for the terminal.

Title, unit, whether uncoded text counts, the columns (numbers right-aligned,
code-tree rows indented, empty cells for missing or undefined values) and the
notes, which explain every undefined statistic.

Numbers are written for the UI language with :mod:`i18n.formatting` (digit groups,
``0,500`` and ``50,0 %`` in Russian), the same way the TUI's tables show them; the
table's words are already in the reader's language (``to_table(tr)``).
"""

from __future__ import annotations

import unicodedata
from fractions import Fraction

from analysis.table import Cell, Table, format_cell
from i18n import _, get_language, translations
from i18n.formatting import format_decimal, format_number, format_percent

INDENT = "  "


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters 2, combining marks 0."""
    if text.isascii():  # (most cells: numbers and Latin names)
        return len(text)
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


PERCENT_DIGITS = 1
"""Decimals shown in a percentage."""


def is_percent_column(key: str) -> bool:
    """Whether the column with ``key`` (its English header) holds percentages (0–100)."""
    return "%" in key


def cell_text(
    cell: Cell, digits: int = 3, *, percent: bool = False, language: str | None = None
) -> str:
    """One cell on one line, numbers in ``language`` (default: the UI language).

    Whole numbers get digit groups (``1 234``), other numbers ``digits`` decimals
    (``0,500``), percentages (``percent``: a value from 0 to 100) one decimal and the
    language's percent sign (``50,0 %``); fractions stay ``n/d``; line breaks in user
    text become spaces.
    """
    if isinstance(cell, bool):
        words = translations(language or get_language())
        return words.gettext("yes") if cell else words.gettext("no")
    if isinstance(cell, int):
        return format_number(cell, language=language)
    if isinstance(cell, float):
        if percent:
            return format_percent(cell / 100, PERCENT_DIGITS, language=language)
        return format_decimal(cell, digits, language=language)
    return format_cell(cell, digits).replace("\r", " ").replace("\n", " ")


def row_texts(table: Table, index: int, *, digits: int = 3) -> list[str]:
    """The cells of row ``index`` as :func:`cell_text` writes them (no indent)."""
    percents = [is_percent_column(key) for key in table.column_keys]
    return [
        cell_text(value, digits, percent=percents[i]) for i, value in enumerate(table.rows[index])
    ]


def render_table(table: Table, *, digits: int = 3) -> str:
    """The whole table as text lines ending in ``\\n``."""
    headers = list(table.columns)
    body: list[list[str]] = []
    numeric = [False] * len(headers)
    seen_text = [False] * len(headers)
    for index, row in enumerate(table.rows):
        line = row_texts(table, index, digits=digits)
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

    out = [table.title, _("Unit: {unit}").format(unit=table.unit)]
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
