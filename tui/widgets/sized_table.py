"""A DataTable for thousands of rows: column widths are computed once from plain text.

Textual's DataTable measures every cell of every new row (a Rich measurement per
cell) to size its auto-width columns, which takes about half a second for 1,000
rows × 8 columns. :class:`SizedTable` is given its column widths up front
(:func:`fit_width` computes them from the plain strings with ``cell_len``), so adding
rows measures nothing. It also draws one-line :class:`rich.text.Text` cells directly
(crop, pad, layer the styles) instead of through Rich's general layout, which made
every page of a scroll cost about 1 ms per cell; the output is the same.
:meth:`SizedTable.add_keyed_rows` adds many rows at once. The parts that need
DataTable's private names are in :class:`tui.textual_internals.FastDataTable`.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len

from tui.textual_internals import FastDataTable


def fit_width(label: str, values: Iterable[str], *, cap: int = 32, least: int = 1) -> int:
    """The display width (terminal cells) that fits ``label`` and ``values``, at most ``cap``."""
    width = max(least, cell_len(label))
    for value in values:
        width = max(width, cell_len(value))
        if width >= cap:
            return cap
    return width


class SizedTable(FastDataTable):
    """A DataTable that skips per-cell measuring when every column has a fixed width."""
