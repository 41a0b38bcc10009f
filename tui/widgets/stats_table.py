"""A DataTable that shows one :class:`analysis.table.Table` and sorts it by any column.

Sorting cycles per column: numbers largest first (text A→Я), then the reverse, then the
table's own order (code-tree order, with sub-codes indented). Empty cells (missing or
undefined values) always sort last. Click a header or press the screen's sort key.

Numbers are right-aligned and written for the UI language (:func:`cell_text`). A
column is as wide as its widest value or its header; a header of several words that is
wider than every value wraps onto a second line, so long Russian and Kazakh headers
(``% участников``) do not make their columns needlessly wide. When the table is still
wider than the widget, the first column (code or variable names) gives up width, down to
:data:`MIN_LABEL_WIDTH`, and long names there end in "…"; if that is not enough, the
columns whose header is wider than their values give up width too (their header lines
end in "…", down to :data:`MIN_HEADER_WIDTH`), so the numbers stay whole and in view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

from rich.text import Text
from textual.widgets import DataTable

from analysis.table import Cell, Table
from i18n import get_language
from i18n.collation import sort_key
from tui.cells import cell as literal_cell
from tui.cells import number_cell
from tui.commands.text_table import INDENT, display_width, row_texts
from tui.textual_internals import FastDataTable

UP = " ▲"
DOWN = " ▼"
MIN_LABEL_WIDTH = 14
"""The first column is never narrowed below this many cells to make the table fit."""
MIN_HEADER_WIDTH = 6
"""A column is never narrowed below this many cells (nor below its values) to fit its header."""
CELL_PADDING = 2
"""Cells a DataTable column adds to its content (one on each side)."""


def label_width(widths: list[int], available: int) -> int | None:
    """The narrower width of the first column that makes ``widths`` fit ``available``.

    None when the table fits (or nothing is known about the space yet); never below
    :data:`MIN_LABEL_WIDTH`, and never wider than the column's own content.
    """
    if not widths or available <= 0:
        return None
    total = sum(widths) + CELL_PADDING * len(widths)
    if total <= available or widths[0] <= MIN_LABEL_WIDTH:
        return None
    return max(MIN_LABEL_WIDTH, widths[0] - (total - available))


def header_fit(
    widths: list[int],
    values: list[int],
    numeric: list[bool],
    available: int,
    headers: Sequence[str] = (),
) -> list[int]:
    """Column widths that keep every number column within ``available`` cells.

    ``widths`` are the columns' widths with their headers, ``values`` the widest value in
    each, ``numeric`` which columns hold numbers. Text columns after the last number
    column (a code's path) may run off to the right; the number columns up to there must
    fit. The widest number column whose header is wider than its values loses a cell at a
    time, never below its values or :data:`MIN_HEADER_WIDTH`, nor, when ``headers`` are
    given, below what shows each header whole (:func:`least_header_width`). The first column (names)
    is left to :func:`label_width`. The result may still be too wide when nothing more
    can give way.
    """
    out = list(widths)
    last = max((i for i, flag in enumerate(numeric) if flag), default=-1)
    if available <= 0 or last < 1:
        return out
    excess = sum(out[: last + 1]) + CELL_PADDING * (last + 1) - available
    floors = [max(value, MIN_HEADER_WIDTH) for value in values]
    for index, header in enumerate(headers):
        floors[index] = max(floors[index], least_header_width(header))
    while excess > 0:
        candidates = [i for i in range(1, last + 1) if numeric[i] and out[i] > floors[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: (out[i], -i))
        out[widest] -= 1
        excess -= 1
    return out


MAX_HEADER_LINES = 3
"""A header narrowed by :func:`header_fit` wraps onto at most this many lines."""


def _hyphenated(word: str, width: int) -> list[str]:
    """``word`` in the fewest pieces of at most ``width`` cells, of about the same length,
    each but the last ending in "-" (``Segm-``, ``ents``)."""
    if display_width(word) <= width or width < 3:
        return [word]
    count = 2
    while -(-len(word) // count) > width - 1:
        count += 1
    size = -(-len(word) // count)
    pieces = [word[i : i + size] for i in range(0, len(word), size)]
    return [piece + "-" for piece in pieces[:-1]] + pieces[-1:]


def wrapped_header(header: str, width: int) -> list[str]:
    """``header`` wrapped at spaces to ``width`` cells, on at most :data:`MAX_HEADER_LINES`.

    A word longer than ``width`` is broken with a hyphen; what would go beyond the last
    line is joined to it (the column cuts it with "…").
    """
    lines: list[str] = []
    for word in header.split():
        for piece in _hyphenated(word, width):
            joined = lines[-1] + " " + piece if lines else piece
            if lines and not lines[-1].endswith("-") and display_width(joined) <= width:
                lines[-1] = joined
            elif len(lines) < MAX_HEADER_LINES:
                lines.append(piece)
            else:
                lines[-1] += piece if lines[-1].endswith("-") else " " + piece
    return lines or [header]


def least_header_width(header: str) -> int:
    """The narrowest column (from :data:`MIN_HEADER_WIDTH`) in which :func:`wrapped_header`
    shows ``header`` whole, on at most :data:`MAX_HEADER_LINES` lines."""
    width = MIN_HEADER_WIDTH
    while width < display_width(header):
        lines = wrapped_header(header, width)
        if len(lines) <= MAX_HEADER_LINES and max(map(display_width, lines)) <= width:
            break
        width += 1
    return width


def header_lines(header: str, content_width: int) -> list[str]:
    """``header`` on one line, or on two when it is wider than ``content_width``.

    Two lines are split at the space that makes the wider line narrowest; a one-word
    header stays whole (a column is never narrower than its header's longest line).
    """
    if display_width(header) <= content_width or " " not in header.strip():
        return [header]
    words = header.split(" ")
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    first, second = min(splits, key=lambda pair: max(map(display_width, pair)))
    return [first, second]


def _is_number(value: Cell) -> bool:
    return isinstance(value, int | float | Fraction) and not isinstance(value, bool)


def sorted_order(table: Table, column: int, *, descending: bool) -> list[int]:
    """Row indices of ``table`` sorted by ``column``; empty cells last in either direction."""
    language = get_language()
    present = [i for i, row in enumerate(table.rows) if row[column] is not None]
    missing = [i for i, row in enumerate(table.rows) if row[column] is None]

    def key(index: int) -> tuple[int, float, object]:
        value = table.rows[index][column]
        if _is_number(value):
            assert value is not None and not isinstance(value, str)
            return (0, float(value), "")
        return (1, 0.0, sort_key(str(value), language))

    return sorted(present, key=key, reverse=descending) + missing


class StatsTable(FastDataTable):
    """Shows a Table; :meth:`sort_by` and header clicks sort it, :meth:`shown` returns it.

    Every column is given its width (computed here from the plain texts), and all rows are
    added in one batch, so filling measures no cell.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.table: Table | None = None
        self.order: list[int] = []
        self.sort_column: int | None = None
        self.descending = False
        self._filled_width = 0

    def show(self, table: Table) -> None:
        """Display ``table`` in its own order (keeps the sort if the columns are the same)."""
        same = self.table is not None and self.table.columns == table.columns
        self.table = table
        if same and self.sort_column is not None:
            self.order = sorted_order(table, self.sort_column, descending=self.descending)
        else:
            self.sort_column = None
            self.order = list(range(len(table.rows)))
        self._fill()

    def sort_by(self, column: int) -> None:
        """Sort by ``column``: first direction, then the other, then the table's own order."""
        table = self.table
        if table is None or not 0 <= column < len(table.columns):
            return
        numeric = any(_is_number(row[column]) for row in table.rows)
        first = numeric  # numbers: largest first; text: alphabetical
        if self.sort_column != column:
            self.sort_column, self.descending = column, first
        elif self.descending == first:
            self.descending = not first
        else:
            self.sort_column = None
        if self.sort_column is None:
            self.order = list(range(len(table.rows)))
        else:
            self.order = sorted_order(table, column, descending=self.descending)
        self._fill(cursor_column=column)

    def shown(self) -> Table | None:
        """The table as displayed: rows in the shown order."""
        table = self.table
        if table is None:
            return None
        depths = tuple(table.row_depths[i] for i in self.order) if table.row_depths else ()
        return replace(table, rows=tuple(table.rows[i] for i in self.order), row_depths=depths)

    def _room(self, row_count: int) -> int:
        """The width the columns may fill.

        The width of a vertical scrollbar is kept free whenever ``row_count`` rows under the
        tallest header, above a horizontal scrollbar (a trailing path column runs off to the
        right), may not fit: the scrollbar appears only once the rows are in, so the
        scrollable region's own width would depend on what was drawn before.
        """
        region = self.content_region
        needed = row_count + MAX_HEADER_LINES + self.styles.scrollbar_size_horizontal
        overflow = needed > region.height
        return region.width - (self.styles.scrollbar_size_vertical if overflow else 0)

    def on_resize(self) -> None:
        """Fit the table again when the space for it changes."""
        if self.table is not None and self._room(len(self.order)) != self._filled_width:
            self._fill(cursor_column=self.cursor_column)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(event.column_index)

    def _fill(self, cursor_column: int | None = None) -> None:
        table = self.table
        assert table is not None
        row_before = self.cursor_row
        self.clear(columns=True)
        indent = self.sort_column is None and bool(table.row_depths)
        rows: list[list[Text]] = []
        widths = [0] * len(table.columns)
        for index in self.order:
            texts = row_texts(table, index)
            if indent and texts:
                texts[0] = INDENT * table.row_depths[index] + texts[0]
            cells: list[Text] = []
            for i, (value, text) in enumerate(zip(table.rows[index], texts, strict=True)):
                widths[i] = max(widths[i], display_width(text))
                cells.append(number_cell(text) if _is_number(value) else literal_cell(text))
            rows.append(cells)
        labels = [header_lines(name, widths[i]) for i, name in enumerate(table.columns)]
        values = widths
        widths = [
            max(w, *map(display_width, lines)) for w, lines in zip(widths, labels, strict=True)
        ]
        self._filled_width = self._room(len(rows))
        numeric = [any(_is_number(row[i]) for row in table.rows) for i in range(len(table.columns))]
        # The names are what the numbers' headers do not need: those give way first.
        fitted = header_fit(widths, values, numeric, self._filled_width, table.columns)
        last = max((i for i, flag in enumerate(numeric) if flag), default=len(widths) - 1)
        narrow = label_width(fitted[: last + 1], self._filled_width)
        if narrow is not None:
            for cells in rows:
                cells[0].no_wrap, cells[0].overflow = True, "ellipsis"
            widths[0] = fitted[0] = narrow
            # Last resort: headers narrower than three lines hold them (cut with "…").
            fitted = header_fit(fitted, values, numeric, self._filled_width)
        for index, name in enumerate(table.columns):
            if index and fitted[index] < widths[index]:
                labels[index] = wrapped_header(name, fitted[index])
        self.header_height = max((len(lines) for lines in labels), default=1)
        for index, lines in enumerate(labels):
            if index == self.sort_column:
                lines = [*lines[:-1], lines[-1] + (DOWN if self.descending else UP)]
            narrowed = narrow is not None if index == 0 else fitted[index] < widths[index]
            width = fitted[index] if index else widths[0]
            if not narrowed:  # as wide as the header with its sort arrow
                width = max(width, *map(display_width, lines))
            self.add_column(
                Text("\n".join(lines), no_wrap=True, overflow="ellipsis"),
                key=f"c{index}",
                width=width,
            )
        self.add_keyed_rows((f"r{position}", cells) for position, cells in enumerate(rows))
        if cursor_column is not None and table.rows:
            self.move_cursor(row=min(row_before, len(table.rows) - 1), column=cursor_column)
