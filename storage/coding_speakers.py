"""Codings and who speaks where, as rows and columns: what the counting statistics read.

Frequencies, crosstabs, the code × session matrix and saturation need, per coding, its
code, place and coder, and, to attribute it to participants and languages, every
utterance span with its speaker and language; nothing else about a coding or an
utterance. :meth:`storage.code_counts_store.CodeCountsPart.coding_rows` and
:meth:`~storage.code_counts_store.CodeCountsPart.speaker_spans` read exactly that, as
plain rows and parallel columns: no :class:`storage.models.Coding` or
:class:`storage.models.Utterance` per row (for 50,000 codings that is most of the time
such a statistic took).
"""

from __future__ import annotations

from dataclasses import dataclass

CodingRow = tuple[int, int, int, int, int, int]
"""A coding as ``(id, code, layer, start, end, coder)``."""


@dataclass(frozen=True)
class CodingRows:
    """Every coding, in id order, as the rows SQLite returns (no object per coding)."""

    rows: tuple[CodingRow, ...]
    """Each coding as ``(id, code, layer, start, end, coder)``, in id order."""


@dataclass(frozen=True)
class SpeakerSpans:
    """Every utterance span, sorted by ``(layer, start, end)``, with speaker and language."""

    layer_ids: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    participant_ids: tuple[int | None, ...]
    """The participant speaking the span's utterance (None: unresolved or nobody)."""
    languages: tuple[str | None, ...]
    """The utterance's own language in that layer (None: the layer's language)."""
    transcript_speakers: frozenset[tuple[int, int]]
    """``(transcript, participant)`` for every utterance spoken by a participant."""
