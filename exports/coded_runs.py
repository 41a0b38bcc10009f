"""Split utterance text into pieces at every coding boundary.

A Word comment (or a highlight) can only cover whole runs, so each utterance is
cut into one piece per interval between consecutive segment boundaries; every
piece knows which codings cover it. Offsets are code points into the layer text.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storage.models import Coding


@dataclass(frozen=True)
class Piece:
    """``layer_text[start:end]`` and the ids of the codings that cover all of it."""

    start: int
    end: int
    text: str
    coding_ids: tuple[int, ...]


def split_pieces(layer_text: str, span: tuple[int, int], codings: Iterable[Coding]) -> list[Piece]:
    """Cut the utterance at ``span`` into pieces at the boundaries of ``codings``.

    Codings that do not overlap the span are ignored; those that reach beyond it
    are clipped to it. An empty span gives no pieces.
    """
    start, end = span
    if end <= start:
        return []
    inside = [c for c in codings if c.start < end and c.end > start]
    bounds = {start, end}
    for c in inside:
        bounds.add(max(c.start, start))
        bounds.add(min(c.end, end))
    cuts = sorted(bounds)
    pieces: list[Piece] = []
    for left, right in itertools.pairwise(cuts):
        covering = tuple(c.id for c in inside if c.start <= left and c.end >= right)
        pieces.append(Piece(left, right, layer_text[left:right], covering))
    return pieces


def codings_by_span(
    spans: Sequence[tuple[int, int]], codings: Iterable[Coding]
) -> dict[int, list[Coding]]:
    """For each index into ``spans`` (sorted, non-overlapping), the codings overlapping it."""
    starts = [s for s, _e in spans]
    out: dict[int, list[Coding]] = defaultdict(list)
    for c in codings:
        i = max(bisect.bisect_right(starts, c.start) - 1, 0)
        while i < len(spans) and spans[i][0] < c.end:
            s, e = spans[i]
            if c.start < e and c.end > s:
                out[i].append(c)
            i += 1
    return out
