"""A DataTable for thousands of rows: column widths are computed once from plain text.

Textual's DataTable measures every cell of every new row (a Rich measurement per
cell) to size its auto-width columns, which takes about half a second for 1,000
rows × 8 columns. :class:`SizedTable` is given its column widths up front
(:func:`fit_width` computes them from the plain strings with ``cell_len``), so adding
rows measures nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


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

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if self.columns and not any(c.auto_width for c in self.columns.values()):
            new_rows = ()
        super()._update_dimensions(new_rows)
