"""A DataTable for thousands of rows: column widths are computed once from plain text.

Textual's DataTable measures every cell of every new row (a Rich measurement per
cell) to size its auto-width columns, which takes about half a second for 1,000
rows × 8 columns. :class:`SizedTable` is given its column widths up front
(:func:`fit_width` computes them from the plain strings with ``cell_len``), so adding
rows measures nothing. It also draws one-line :class:`rich.text.Text` cells directly
(crop, pad, layer the styles) instead of through Rich's general layout, which made
every page of a scroll cost about 1 ms per cell; the output is the same.
:meth:`SizedTable.add_keyed_rows` adds many rows at once: ``DataTable.add_row`` redoes
per row what a batch needs once (the ordered column list twice, the cursor check, the
idle check), about 0.1 ms a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import DuplicateKey, Row, RowKey


def fit_width(label: str, values: Iterable[str], *, cap: int = 32, least: int = 1) -> int:
    """The display width (terminal cells) that fits ``label`` and ``values``, at most ``cap``."""
    width = max(least, cell_len(label))
    for value in values:
        width = max(width, cell_len(value))
        if width >= cap:
            return cap
    return width


class SizedTable(DataTable[object]):
    """A DataTable that skips per-cell measuring when every column has a fixed width."""

    def add_keyed_rows(self, rows: Iterable[tuple[str, Sequence[object]]]) -> list[RowKey]:
        """Add one-line rows ``(key, cells)`` at the bottom, as ``add_row`` would one by one."""
        columns = self.ordered_columns
        width = len(columns)
        was_empty = self.row_count == 0
        keys = []
        for key, cells in rows:
            row_key = RowKey(key)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > width:
                raise ValueError("More values provided than there are columns.")
            self._row_locations[row_key] = len(self.rows)
            self._data[row_key] = {
                column.key: value for column, value in zip_longest(columns, cells)
            }
            self.rows[row_key] = Row(row_key, 1, None, False)
            self._new_rows.add(row_key)
            keys.append(row_key)
        if not keys:
            return keys
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if was_empty and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self._update_count += len(keys)
        self.check_idle()
        return keys

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if self.columns and not any(c.auto_width for c in self.columns.values()):
            new_rows = ()
        super()._update_dimensions(new_rows)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """Render a body cell; one-line Text cells take a direct path (same output)."""
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row = self.rows.get(row_key)
        cell = self._data[row_key].get(column_key) if row is not None else None
        if (
            row is None
            or row.height != 1
            or not isinstance(cell, Text)
            or "\n" in cell.plain
            or "\t" in cell.plain
            or cell.justify not in (None, "default", "left", "right")
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        if cache_key in cache:
            return cache[cache_key]
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            fixed,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = (
            base_style + Style.from_meta({"row": row_index, "column": column_index})
        ) + component_style
        padding = self.cell_padding
        inner = max(0, width - 2 * padding)
        text = cell
        if text.cell_len > inner:
            text = cell.copy()
            text.truncate(inner, overflow="fold")
        console = self.app.console
        segments = list(
            Segment.apply_style(text.render(console, end=""), console.get_style(text.style))
        )
        fill = inner - text.cell_len
        if fill > 0:
            blank = Segment(" " * fill)
            segments = [blank, *segments] if cell.justify == "right" else [*segments, blank]
        side = [Segment(" " * padding)] if padding else []
        line = list(Segment.apply_style([*side, *segments, *side], pre_style, post_style))
        cache[cache_key] = [line]
        return [line]
