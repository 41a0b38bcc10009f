"""A layer text redacted so that coded spans and utterance spans can follow it.

The text is redacted one utterance at a time (cut at every utterance boundary), so
a replacement never reaches across two utterances and every boundary stays exact.
:class:`RedactedText` then moves any code-point offset of the original text to the
redacted one, with the rule of :func:`exports.redaction.map_offset`: an offset inside
a replaced name moves to the start of its placeholder, an end offset to its end, so a
coded span that covers part of a name covers the whole placeholder and no fragment
of the name is left. Moving an offset is a binary search, not a scan.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

from exports.redaction import Redactor, Replacement


class RedactedText:
    """A redacted text, what was replaced (original offsets) and the offset mapping."""

    def __init__(self, text: str, replacements: Sequence[Replacement]) -> None:
        self.text = text
        self.replacements: tuple[Replacement, ...] = tuple(replacements)
        self._starts = [r.start for r in self.replacements]
        self._shift_before: list[int] = []
        shift = 0
        for r in self.replacements:
            self._shift_before.append(shift)
            shift += len(r.placeholder) - (r.end - r.start)

    def offset(self, offset: int, *, end: bool = False) -> int:
        """Where ``offset`` of the original text is in :attr:`text` (see the module doc)."""
        i = bisect.bisect_left(self._starts, offset)  # replacements starting before it
        if i == 0:
            return offset
        last = self.replacements[i - 1]
        before = self._shift_before[i - 1]
        if offset < last.end:
            base = last.start + before
            return base + len(last.placeholder) if end else base
        return offset + before + len(last.placeholder) - (last.end - last.start)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span ``[start, end)`` of the original text in the redacted text."""
        return self.offset(start), self.offset(end, end=True)


def redact_text(text: str, boundaries: Iterable[int], redactor: Redactor) -> RedactedText:
    """``text`` redacted piece by piece between ``boundaries`` (utterance starts and ends)."""
    cuts = sorted({0, len(text), *(b for b in boundaries if 0 < b < len(text))})
    pieces: list[str] = []
    replacements: list[Replacement] = []
    for left, right in itertools.pairwise(cuts):
        new, found = redactor.apply(text[left:right])
        pieces.append(new)
        replacements.extend(
            Replacement(r.term, r.kind, r.found, r.start + left, r.end + left, r.placeholder)
            for r in found
        )
    return RedactedText("".join(pieces) if replacements else text, replacements)
