"""How codings look in a transcript pane: styled runs per line and colour stripes.

A layer is shown one utterance per line, so a coding ``[start, end)`` of the
layer becomes runs ``(first column, last column, style)`` on the lines it
covers. The shown coder's codings get the code's colour as background; where
codings overlap the innermost one's colour is used and the text is underlined
and bold, so overlaps stay visible. Other coders' codings (when comparing) are
underlined in their code's colour.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rich.style import Style
from textual.color import Color

from storage.models import Coding

Run = tuple[int, int, Style]
"""A styled run of a line: first column, end column (exclusive), style."""

MAX_STRIPES = 3
"""How many coloured stripes the gutter shows per utterance."""


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    color: str
    primary: bool
    length: int


def line_starts(text: str) -> list[int]:
    """Offsets where each line of ``text`` starts."""
    starts = [0]
    find = text.find
    position = find("\n")
    while position != -1:
        starts.append(position + 1)
        position = find("\n", position + 1)
    return starts


def locate(starts: Sequence[int], offset: int) -> tuple[int, int]:
    """(line, column) of a layer offset."""
    line = max(0, bisect_right(starts, offset) - 1)
    return line, offset - starts[line]


@lru_cache(maxsize=512)
def coding_style(color: str, *, overlap: bool = False, primary: bool = True) -> Style:
    """The style of coded text in a code's colour."""
    try:
        base = Color.parse(color)
    except Exception:
        base = Color.parse("#4e79a7")
    if not primary:
        return Style(color=base.rich_color, underline=True)
    background = base.blend(Color(0, 0, 0), 0.25)
    foreground = background.get_contrast_text(1.0)
    return Style(
        bgcolor=background.rich_color,
        color=foreground.rich_color,
        underline=overlap,
        bold=overlap,
    )


@lru_cache(maxsize=512)
def stripe_style(color: str) -> Style:
    """The style of a gutter stripe in a code's colour."""
    try:
        return Style(color=Color.parse(color).rich_color)
    except Exception:
        return Style()


def paint_lines(
    codings: Iterable[Coding],
    starts: Sequence[int],
    colors: dict[int, str],
    primary_coders: set[int] | None = None,
) -> tuple[dict[int, list[Run]], dict[int, list[str]]]:
    """Runs per line and stripe colours per line for ``codings`` of one layer.

    ``primary_coders`` are painted as background (None: all codings are); the
    others are underlined.
    """
    pieces: dict[int, list[_Piece]] = {}
    stripes: dict[int, list[str]] = {}
    for coding in codings:
        color = colors.get(coding.code_id, "#4e79a7")
        primary = primary_coders is None or coding.coder_id in primary_coders
        first, first_col = locate(starts, coding.start)
        last, last_col = locate(starts, coding.end)
        if last > first and last_col == 0:  # ends with a line break: stop at the line end
            last -= 1
            last_col = starts[last + 1] - 1 - starts[last]
        length = coding.end - coding.start
        for line in range(first, last + 1):
            col_start = first_col if line == first else 0
            col_end = last_col if line == last else starts[line + 1] - 1 - starts[line]
            if col_end > col_start:
                pieces.setdefault(line, []).append(
                    _Piece(col_start, col_end, color, primary, length)
                )
            colours = stripes.setdefault(line, [])
            if color not in colours:
                colours.append(color)
    return {line: _runs(row) for line, row in pieces.items()}, stripes


def mirrored_stripes(
    codings: Iterable[Coding], starts: Sequence[int], colors: dict[int, str]
) -> dict[int, list[str]]:
    """Stripe colours per line for codings of *another* layer, by aligned line."""
    stripes: dict[int, list[str]] = {}
    for coding in codings:
        color = colors.get(coding.code_id, "#4e79a7")
        first, _col = locate(starts, coding.start)
        last, last_col = locate(starts, coding.end)
        if last > first and last_col == 0:
            last -= 1
        for line in range(first, last + 1):
            colours = stripes.setdefault(line, [])
            if color not in colours:
                colours.append(color)
    return stripes


def _runs(pieces: list[_Piece]) -> list[Run]:
    if len(pieces) == 1:
        piece = pieces[0]
        return [
            (piece.start, piece.end, coding_style(piece.color, primary=piece.primary)),
        ]
    bounds = sorted({p.start for p in pieces} | {p.end for p in pieces})
    runs: list[Run] = []
    for left, right in pairwise(bounds):
        covering = [p for p in pieces if p.start <= left and p.end >= right]
        if not covering:
            continue
        primary = [p for p in covering if p.primary]
        inner = min(primary or covering, key=lambda p: p.length)
        style = coding_style(inner.color, overlap=len(covering) > 1, primary=bool(primary))
        if primary and len(primary) < len(covering):
            style = style + Style(underline=True)
        runs.append((left, right, style))
    return runs
