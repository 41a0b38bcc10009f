"""Column widths by content for Word tables, measured by character count.

No font metrics are available without a renderer, so text is measured as its
number of characters times an average character width at the font size
(:data:`CHAR_EM` of an em, more for bold). Each column has a *minimum* width
(its longest word, so no word is ever broken) and a *natural* width (its
longest line unbroken). Tables always span the text width: columns get their
natural width when everything fits, otherwise the space above the minimums is
shared in proportion to what each column would like to have, like a browser's
automatic table layout. When even the minimums do not fit, the whole table is
set in a smaller font; a caller may then turn the page to landscape.

Widths are written three times, because Word and LibreOffice each read a
different one: ``w:tblW`` (the table), ``w:gridCol`` (the grid) and ``w:tcW``
(every cell), with ``w:tblLayout`` fixed so neither application re-fits them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.table import Table

CHAR_EM = 0.62
"""Average width of a character of regular text, in ems.

Calibri is about 0.5; the fonts that stand in for it where it is missing, such
as DejaVu Sans, about 0.6, so tables measured this way fit either.
"""
BOLD_EM = 0.75
"""Average width of a bold character, in ems."""
CELL_PADDING = 2 * 108 + 40
"""Left and right cell margins of Word's table styles plus a little slack, in twips."""
INDENT_TWIPS = 240
"""Left indent of one nesting level of a code tree (12 pt), in twips."""
BODY_PT = 11.0
"""Font size of table text unless the table has to be set smaller."""
LABEL_SHARE = 0.3
"""Most of the text width a label column beside growing text columns takes; longer
labels wrap at spaces (a column is never narrower than its longest word)."""
FONT_SIZES: tuple[float, ...] = (BODY_PT, 10.0, 9.0, 8.0)
"""Font sizes tried in turn until a table's words fit."""


@dataclass(frozen=True)
class TablePlan:
    """How a table is laid out: column widths (twips), font size, and whether words fit."""

    widths: list[int]
    font_pt: float
    fits: bool


def text_width(section: Section) -> int:
    """The width between the margins of ``section``, in twips."""
    width = section.page_width or 0
    left = section.left_margin or 0
    right = section.right_margin or 0
    return int((width - left - right) / 635)


def char_twips(font_pt: float, *, bold: bool = False) -> float:
    """The average width of one character at ``font_pt``, in twips."""
    return font_pt * 20 * (BOLD_EM if bold else CHAR_EM)


def longest_word(text: str) -> int:
    """Characters of the longest word (a run of non-spaces) of ``text``."""
    return max((len(w) for w in text.split()), default=0)


def longest_line(text: str) -> int:
    """Characters of the longest line of ``text``."""
    return max((len(line) for line in text.split("\n")), default=0)


def plan_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: int,
    *,
    grow: Sequence[int] = (),
    bold_first_column: bool = False,
    indents: Sequence[int] = (),
) -> TablePlan:
    """Column widths for ``header`` and ``rows`` spanning ``total`` twips.

    Columns listed in ``grow`` take their natural width last: every other column
    gets its natural width first (as narrow as its longest value allows) and the
    ``grow`` columns share what is left equally.
    """
    for size in FONT_SIZES:
        mins, naturals = _measure(header, rows, size, bold_first_column, indents)
        if sum(mins) <= total:
            return TablePlan(_share(mins, naturals, total, grow), size, True)
    scale = total / max(sum(mins), 1)
    widths = [int(m * scale) for m in mins]
    widths[-1] += total - sum(widths)
    return TablePlan(widths, FONT_SIZES[-1], False)


def column_groups(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: int,
    *,
    bold_first_column: bool = False,
    indents: Sequence[int] = (),
) -> list[list[int]]:
    """Column indexes of one table, or of several when it is too wide even at the smallest font.

    Each group repeats the first column (the row labels) and takes as many of the
    following columns as fit ``total`` twips at the smallest font size.
    """
    if (
        plan_table(header, rows, total, bold_first_column=bold_first_column, indents=indents).fits
        or len(header) < 3
    ):
        return [list(range(len(header)))]
    mins, _naturals = _measure(header, rows, FONT_SIZES[-1], bold_first_column, indents)
    groups: list[list[int]] = []
    current = [0]
    for col in range(1, len(header)):
        if len(current) > 1 and sum(mins[c] for c in current) + mins[col] > total:
            groups.append(current)
            current = [0]
        current.append(col)
    groups.append(current)
    return groups


def _measure(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    size: float,
    bold_first_column: bool,
    indents: Sequence[int],
) -> tuple[list[int], list[int]]:
    bold = char_twips(size, bold=True)
    regular = char_twips(size)
    mins = [longest_word(h) * bold + CELL_PADDING for h in header]
    naturals = [longest_line(h) * bold + CELL_PADDING for h in header]
    for index, row in enumerate(rows):
        indent = indents[index] * INDENT_TWIPS if index < len(indents) else 0
        for col, text in enumerate(row):
            if not text:
                continue
            char = bold if bold_first_column and col == 0 else regular
            extra = CELL_PADDING + (indent if col == 0 else 0)
            mins[col] = max(mins[col], longest_word(text) * char + extra)
            naturals[col] = max(naturals[col], longest_line(text) * char + extra)
    return [math.ceil(m) for m in mins], [math.ceil(n) for n in naturals]


def _share(mins: list[int], naturals: list[int], total: int, grow: Sequence[int]) -> list[int]:
    """Widths at least ``mins`` summing to ``total`` (see :func:`plan_table`)."""
    growing = [c for c in grow if 0 <= c < len(mins)]
    if growing:
        fixed = [c for c in range(len(mins)) if c not in growing]
        widths = list(mins)
        room = total - sum(mins)
        cap = int(total * LABEL_SHARE)
        wants = {c: max(min(naturals[c], cap), mins[c]) - mins[c] for c in fixed}
        given = min(room, sum(wants.values()))
        for c in fixed:
            if sum(wants.values()):
                widths[c] += int(given * wants[c] / sum(wants.values()))
        rest = total - sum(widths[c] for c in fixed)
        floor = max(rest // len(growing), 0)
        for c in growing:
            widths[c] = max(floor, mins[c])
    elif sum(naturals) <= total:
        extra = total - sum(naturals)
        widths = [n + int(extra * n / sum(naturals)) for n in naturals]
    else:
        room = total - sum(mins)
        deltas = [n - m for n, m in zip(naturals, mins, strict=True)]
        widths = [
            m + int(room * d / max(sum(deltas), 1)) for m, d in zip(mins, deltas, strict=True)
        ]
    widths[-1] += total - sum(widths)
    return widths


def apply_widths(table: Table, widths: Sequence[int]) -> None:
    """Fix ``table``'s column widths (twips) in the table, its grid and every cell."""
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    _replace(tbl_pr, "w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"})
    _replace(tbl_pr, "w:tblLayout", {"w:type": "fixed"})
    grid = tbl.tblGrid
    for col, width in zip(grid.gridCol_lst, widths, strict=True):
        col.set(qn("w:w"), str(width))
    for tr in tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths, strict=True):
            tc_pr = tc.get_or_add_tcPr()
            tc_w = tc_pr.get_or_add_tcW()
            tc_w.set(qn("w:w"), str(width))
            tc_w.set(qn("w:type"), "dxa")


_TBL_PR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
)


def _replace(tbl_pr: object, tag: str, attributes: dict[str, str]) -> None:
    """Set the child ``tag`` of ``w:tblPr`` (created in schema order) to ``attributes``."""
    element = tbl_pr.find(qn(tag))  # type: ignore[attr-defined]
    if element is None:
        element = OxmlElement(tag)
        later = {qn(t) for t in _TBL_PR_ORDER[_TBL_PR_ORDER.index(tag) + 1 :]}
        successor = next((c for c in tbl_pr if c.tag in later), None)  # type: ignore[attr-defined]
        if successor is not None:
            successor.addprevious(element)
        else:
            tbl_pr.append(element)  # type: ignore[attr-defined]
    for key, value in attributes.items():
        element.set(qn(key), value)
