"""An :class:`analysis.table.Table` as aligned plain text for the terminal.

Title, unit, whether uncoded text counts, the columns (numbers right-aligned,
code-tree rows indented, empty cells for missing or undefined values) and the
notes, which explain every undefined statistic.

Numbers are written for the UI language with :mod:`i18n.formatting` (digit groups,
``0,500`` and ``50,0 %`` in Russian), the same way the TUI's tables show them; the
table's words are already in the reader's language (``to_table(tr)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import repeat
from typing import cast

from analysis.table import Cell, Table, format_cell
from i18n import _, get_language, translations
from i18n.formatting import format_decimal, format_number, format_numbers, format_percent
from tui.commands.table_fit import fit_columns, terminal_columns, wrap_note, wrap_words
from tui.commands.text_width import NARROW_TEXT
from tui.commands.text_width import display_width as display_width

INDENT = "  "


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


def render_table(table: Table, *, digits: int = 3, width: int | None = None) -> str:
    """The whole table as text lines ending in ``\\n``.

    Written column by column: a column of narrow text is measured by its length (a
    disagreement list has 400,000 cells). A table wider than ``width`` columns (default:
    the terminal's, :func:`tui.commands.table_fit.terminal_columns`; none when writing
    to a file or a pipe) gets wrapped headers and, if need be, several column blocks
    (:mod:`tui.commands.table_fit`).
    """
    headers = list(table.columns)
    language = get_language()
    columns = list(zip(*table.rows, strict=True))
    right: list[bool] = []
    texts_of: list[list[str]] = []
    lengths_of: list[list[int] | None] = []
    """Each column's texts' widths; None for narrow text (its lengths)."""
    for i in range(len(headers)):
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
        narrow = NARROW_TEXT.fullmatch("".join(texts)) is not None
        texts_of.append(texts)
        lengths_of.append(None if narrow else list(map(display_width, texts)))
    value_widths = [
        max(lengths if lengths is not None else map(len, texts), default=0)
        for texts, lengths in zip(texts_of, lengths_of, strict=True)
    ]
    available = terminal_columns() if width is None else width
    widths, blocks = fit_columns(headers, value_widths, available)
    padded = [
        _pad_column(texts, lengths, widths[i], right[i])
        for i, (texts, lengths) in enumerate(zip(texts_of, lengths_of, strict=True))
    ]

    out = [table.title, _("Unit: {unit}").format(unit=table.unit)]
    if table.uncoded_text_counts is not None:
        out.append(
            _("Uncoded text counts: yes")
            if table.uncoded_text_counts
            else _("Uncoded text counts: no")
        )
    for block in blocks:
        shown = [widths[i] for i in block]
        aligned = [right[i] for i in block]
        out.append("")
        out.extend(_header_lines([headers[i] for i in block], shown, aligned))
        out.append(_join(["-" * w for w in shown], shown, aligned))
        if not padded:
            out.extend([""] * len(table.rows))
        else:
            cells = zip(*(padded[i] for i in block), strict=True)
            out.extend("  ".join(row).rstrip() for row in cells)
        if not table.rows:
            out.append(_("(no rows)"))
    if table.notes:
        out.append("")
        out.append(_("Notes:"))
        for note in table.notes:
            out.extend(wrap_note(note, available))
    return "\n".join(out) + "\n"


def _pad_column(texts: list[str], lengths: list[int] | None, width: int, right: bool) -> list[str]:
    """A column's texts padded to ``width`` (``lengths``: their widths; None: narrow text)."""
    if lengths is None:
        return list(map(str.rjust if right else str.ljust, texts, repeat(width)))
    return [_pad_to(t, n, width, right) for t, n in zip(texts, lengths, strict=True)]


def _header_lines(headers: list[str], widths: list[int], right: list[bool]) -> list[str]:
    """The header row, on several lines where a header is wider than its column (wrapped
    at spaces and hyphens, the lines of a short header at the bottom)."""
    wrapped = [
        [header] if display_width(header) <= width else wrap_words(header, width)
        for header, width in zip(headers, widths, strict=True)
    ]
    height = max(map(len, wrapped), default=1)
    padded = [[""] * (height - len(lines)) + lines for lines in wrapped]
    return [_join([lines[n] for lines in padded], widths, right) for n in range(height)]


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
