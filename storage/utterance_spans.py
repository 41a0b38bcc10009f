"""Where every utterance lies in every layer, and who speaks it, as columns.

Statistics need, for each coding, the utterances it overlaps and their speakers; they
never read an utterance's speaker label, times or question. Reading those columns only
(one row per span, no :class:`storage.models.Utterance` per turn) takes a fraction of
the time: 80,000 utterances load in about 0.1 s instead of 0.7 s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storage.models import Utterance

SpanRow = tuple[int, int, int, int, int, int | None]
"""``(layer, start, end, utterance, transcript, participant)``."""


@dataclass(frozen=True)
class UtteranceSpans:
    """Every span, sorted by ``(layer, start, end, utterance)``, as parallel columns."""

    layer_ids: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    utterance_ids: tuple[int, ...]
    transcript_ids: tuple[int, ...]
    """The transcript of each span's utterance."""
    participant_ids: tuple[int | None, ...]
    """The participant speaking each span's utterance (None: unresolved or nobody)."""
    speakers: frozenset[tuple[int, int]]
    """``(transcript, participant)`` for every utterance spoken by a participant, spans or not."""

    @classmethod
    def from_rows(
        cls, rows: Iterable[SpanRow], speakers: Iterable[tuple[int, int]]
    ) -> UtteranceSpans:
        """Columns from ``(layer, start, end, utterance, transcript, participant)`` rows
        already sorted by their first four values."""
        layers, starts, ends, utterances, transcripts, participants = tuple(
            zip(*rows, strict=True)
        ) or ((), (), (), (), (), ())
        return cls(layers, starts, ends, utterances, transcripts, participants, frozenset(speakers))

    @classmethod
    def from_utterances(cls, utterances: Iterable[Utterance]) -> UtteranceSpans:
        """The same columns from utterances already read (e.g. a redacted view's)."""
        rows: list[SpanRow] = []
        speakers: set[tuple[int, int]] = set()
        for u in utterances:
            if u.participant_id is not None:
                speakers.add((u.transcript_id, u.participant_id))
            for layer_id, (start, end) in u.spans.items():
                rows.append((layer_id, start, end, u.id, u.transcript_id, u.participant_id))
        rows.sort()  # (layer, start, end, utterance) is unique: the rest is never compared
        return cls.from_rows(rows, speakers)
