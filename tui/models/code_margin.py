"""The coding margin: the names of the codes on each utterance, beside the text.

Like the coding stripes of NVivo or MAXQDA, but with names: each row of an
utterance (its wrapped rows and padding rows) shows one of the codes that touch
it, in the code's colour, cut to the margin's width, with the coding's valence
sign in front when it has one. When an utterance has more codes than rows, its
last row says how many more there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from storage.models import Coding
from storage.valence import valence_symbol
from tui.models.coding_paint import stripe_style

MARGIN_WIDTHS = (14, 8, 0)
"""The widths the margin steps through (0: hidden), widest first."""

MIN_TEXT_WIDTH = 22
"""Below this many columns of text per pane the margin hides itself."""


@dataclass(frozen=True)
class MarginEntry:
    """One code on an utterance: what to print and in which colour."""

    label: str
    color: str


def margin_entries(
    codings: Iterable[Coding],
    first_line: Callable[[Coding], int],
    last_line: Callable[[Coding], int],
    colors: dict[int, str],
    name_of: Callable[[int], str],
) -> dict[int, list[MarginEntry]]:
    """The entries of every line (utterance) that codings touch, one per code and valence.

    ``first_line``/``last_line`` give the utterances a coding starts and ends in, so
    codings of several aligned layers can share one margin.
    """
    entries: dict[int, list[MarginEntry]] = {}
    seen: dict[int, set[tuple[int, int | None]]] = {}
    for coding in codings:
        key = (coding.code_id, coding.valence)
        sign = valence_symbol(coding.valence)
        label = f"{sign} {name_of(coding.code_id)}" if sign else name_of(coding.code_id)
        entry = MarginEntry(label, colors.get(coding.code_id, "#4e79a7"))
        for line in range(first_line(coding), last_line(coding) + 1):
            done = seen.setdefault(line, set())
            if key not in done:
                done.add(key)
                entries.setdefault(line, []).append(entry)
    return entries


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells (with ``…`` when cut) and padded to it."""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    out += "…"
    return out + " " * (width - cell_len(out))


def margin_row(
    entries: Sequence[MarginEntry], row: int, rows: int, width: int, base: Style
) -> list[Segment]:
    """The margin's segments for row ``row`` of an utterance that spans ``rows`` rows."""
    if width <= 0:
        return []
    inner = width - 1
    if row >= len(entries):
        return [Segment(" " * width, base)]
    if row == rows - 1 and len(entries) > rows:
        more = len(entries) - row
        return [Segment(" " + fit(f"+{more}", inner), base)]
    entry = entries[row]
    return [Segment(" ", base), Segment(fit(entry.label, inner), base + stripe_style(entry.color))]


def shown_width(chosen: int, view_width: int, gutters: int, panes: int) -> int:
    """The margin width to use: ``chosen``, or the next narrower width of :data:`MARGIN_WIDTHS`
    that leaves every pane :data:`MIN_TEXT_WIDTH` columns of text (0: none does)."""
    if panes <= 0:
        return 0
    for width in MARGIN_WIDTHS:
        if 0 < width <= chosen and (view_width - gutters - width) // panes >= MIN_TEXT_WIDTH:
            return width
    return 0
