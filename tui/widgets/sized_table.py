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

from collections.abc import Iterable, Sequence

from rich.cells import cell_len

from tui.cells import clipped_cell, number_cell
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


def fill_table(
    table: SizedTable,
    headers: Sequence[str],
    rows: Sequence[tuple[str, Sequence[str]]],
    *,
    caps: Sequence[int],
    numeric: Iterable[int] = (),
    bold: Iterable[int] = (),
) -> None:
    """Replace the table's columns and rows: ``rows`` are ``(key, texts)``.

    Each column is as wide as its widest text, at most its cap, and never narrower than
    its header (a longer text ends in "…"); columns in ``numeric`` are right-aligned
    numbers, those in ``bold`` are bold. User text is never markup.
    """
    right = set(numeric)
    emphasised = set(bold)
    styles = ["bold" if index in emphasised else "" for index in range(len(headers))]
    table.clear(columns=True)
    for index, (header, cap) in enumerate(zip(headers, caps, strict=True)):
        width = fit_width(header, (texts[index] for _key, texts in rows), cap=cap)
        table.add_column(header, width=max(width, cell_len(header)))
    table.add_keyed_rows(
        (
            key,
            [
                number_cell(text) if index in right else clipped_cell(text, style=styles[index])
                for index, text in enumerate(texts)
            ],
        )
        for key, texts in rows
    )
