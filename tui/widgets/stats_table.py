"""A DataTable that shows one :class:`analysis.table.Table` and sorts it by any column.

Sorting cycles per column: numbers largest first (text A→Я), then the reverse, then the
table's own order (code-tree order, with sub-codes indented). Empty cells (missing or
undefined values) always sort last. Click a header or press the screen's sort key.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from rich.text import Text
from textual.widgets import DataTable

from analysis.table import Cell, Table
from i18n import _, get_language
from i18n.collation import sort_key
from tui.cells import cell as literal_cell
from tui.commands.text_table import INDENT, cell_text, column_digits

UP = " ▲"
DOWN = " ▼"


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


class StatsTable(DataTable[Text]):
    """Shows a Table; :meth:`sort_by` and header clicks sort it, :meth:`shown` returns it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.table: Table | None = None
        self.order: list[int] = []
        self.sort_column: int | None = None
        self.descending = False

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

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(event.column_index)

    def _fill(self, cursor_column: int | None = None) -> None:
        table = self.table
        assert table is not None
        row_before = self.cursor_row
        self.clear(columns=True)
        for index, name in enumerate(table.columns):
            arrow = ""
            if index == self.sort_column:
                arrow = DOWN if self.descending else UP
            self.add_column(Text(_(name) + arrow), key=f"c{index}")
        digits = [column_digits(name) for name in table.columns]
        indent = self.sort_column is None and bool(table.row_depths)
        for position, index in enumerate(self.order):
            row = table.rows[index]
            cells: list[Text] = []
            for i, value in enumerate(row):
                text = cell_text(value, digits[i])
                if i == 0 and indent:
                    text = INDENT * table.row_depths[index] + text
                if _is_number(value):
                    cells.append(Text(text, justify="right"))
                else:
                    cells.append(literal_cell(text))
            self.add_row(*cells, key=f"r{position}")
        if cursor_column is not None and table.rows:
            self.move_cursor(row=min(row_before, len(table.rows) - 1), column=cursor_column)
