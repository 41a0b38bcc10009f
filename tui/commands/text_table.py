"""An :class:`analysis.table.Table` as aligned plain text for the terminal.

Title, unit, whether uncoded text counts, the columns (numbers right-aligned,
code-tree rows indented, empty cells for missing or undefined values) and the
notes, which explain every undefined statistic.

Numbers are written for the UI language with :mod:`i18n.formatting` (digit groups,
``0,500`` and ``50,0 %`` in Russian), the same way the TUI's tables show them; the
table's words are already in the reader's language (``to_table(tr)``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from fractions import Fraction
from itertools import repeat
from typing import cast

from analysis.table import Cell, Table, format_cell
from i18n import _, get_language, translations
from i18n.formatting import format_decimal, format_number, format_numbers, format_percent

INDENT = "  "


_NARROW = re.compile("[\x00-\u02ff\u0400-\u0482\u048a-\u052f\u2010-\u2027]*")
"""Text of these characters only (Latin, Cyrillic and Kazakh letters, digits,
punctuation, dashes, quotes, ``…``) takes one column a character: none of them is wide
or combining."""


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters 2, combining marks 0."""
    if _NARROW.fullmatch(text):  # most cells: a 50,000-row table has 400,000
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int, *, right: bool) -> str:
    return _pad_to(text, display_width(text), width, right)


PERCENT_DIGITS = 1
"""Decimals shown in a percentage."""


ONE_DECIMAL_COLUMNS = frozenset({"Per 1,000 words"})
"""Column keys whose numbers are rounded to one decimal where they are computed."""


def _decimals(key: str, digits: int) -> int:
    """The decimals of the column with ``key``: one where it is rounded so, else ``digits``."""
    return 1 if key in ONE_DECIMAL_COLUMNS else digits


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
    places = [_decimals(key, digits) for key in table.column_keys]
    return [
        cell_text(value, places[i], percent=percents[i])
        for i, value in enumerate(table.rows[index])
    ]


def render_table(table: Table, *, digits: int = 3) -> str:
    """The whole table as text lines ending in ``\\n``.

    Written column by column: a column of narrow text is measured by its length (a
    disagreement list has 400,000 cells).
    """
    headers = list(table.columns)
    language = get_language()
    columns = list(zip(*table.rows, strict=True))
    widths: list[int] = []
    right: list[bool] = []
    padded: list[list[str]] = []
    for i, header in enumerate(headers):
        values = columns[i] if columns else ()
        percent = is_percent_column(table.column_keys[i])
        kinds = set(map(type, values))
        texts = _column_texts(
            values, kinds, _decimals(table.column_keys[i], digits), percent, language
        )
        if i == 0 and table.row_depths:
            texts = [INDENT * table.row_depths[r] + text for r, text in enumerate(texts)]
        numeric = any(map(_is_number_type, kinds))
        right.append(numeric and all(k is type(None) or _is_number_type(k) for k in kinds))
        narrow = _NARROW.fullmatch("".join(texts)) is not None
        lengths = list(map(len if narrow else display_width, texts))
        widths.append(max(display_width(header), max(lengths, default=0)))
        width, pad_left = widths[-1], right[-1]
        if narrow:
            padded.append(list(map(str.rjust if pad_left else str.ljust, texts, repeat(width))))
        else:
            padded.append(
                [_pad_to(t, n, width, pad_left) for t, n in zip(texts, lengths, strict=True)]
            )
    body = ["  ".join(cells).rstrip() for cells in zip(*padded, strict=True)]
    if not padded:
        body = [""] * len(table.rows)

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
    out.extend(body)
    if not body:
        out.append(_("(no rows)"))
    if table.notes:
        out.append("")
        out.append(_("Notes:"))
        out.extend(f"{INDENT}- {note}" for note in table.notes)
    return "\n".join(out) + "\n"


def _join(cells: list[str], widths: list[int], right: list[bool]) -> str:
    return "  ".join(_pad(text, widths[i], right=right[i]) for i, text in enumerate(cells)).rstrip()


def _pad_to(text: str, width: int, column: int, right: bool) -> str:
    """``text`` (``width`` columns wide) padded to ``column`` columns."""
    gap = " " * max(0, column - width)
    return gap + text if right else text + gap


def _is_number_type(kind: type) -> bool:
    """Whether cells of type ``kind`` are numbers (right-aligned; booleans are words)."""
    return issubclass(kind, int | float | Fraction) and not issubclass(kind, bool)


def _column_texts(
    values: Sequence[Cell], kinds: set[type], digits: int, percent: bool, language: str
) -> list[str]:
    """:func:`cell_text` of a column's cells; a column of plain texts or whole numbers at once."""
    if kinds <= {str, type(None)}:  # texts, None as an empty cell
        texts = cast(list[str], [v or "" for v in values] if type(None) in kinds else list(values))
        joined = "".join(texts)
        if "\n" in joined or "\r" in joined:
            return [text.replace("\r", " ").replace("\n", " ") for text in texts]
        return texts
    if kinds <= {int}:
        return format_numbers(cast(Sequence[int], values), language=language)
    return [_text(value, digits, percent, language) for value in values]


def _text(cell: Cell, digits: int, percent: bool, language: str) -> str:
    """:func:`cell_text`, plain texts and whole numbers first."""
    kind = type(cell)
    if kind is str:
        return cell.replace("\r", " ").replace("\n", " ")  # type: ignore[union-attr]
    if kind is int:
        return format_number(cell, language=language)  # type: ignore[arg-type]
    if cell is None:
        return ""
    return cell_text(cell, digits, percent=percent, language=language)
