"""A transcript's utterances with a time for every one, as subtitle and ELAN files need.

Imported plain-text transcripts may lack times: a missing start is the previous
utterance's end, a missing end is the next utterance's start (or the start plus
:data:`DEFAULT_MS`), so every turn gets a non-empty interval in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage import Store

DEFAULT_MS = 2000
"""Length given to an utterance whose end is unknown and that has no successor."""


@dataclass(frozen=True)
class TimedTurn:
    """One utterance with times and its text in each requested layer (language → text)."""

    start_ms: int
    end_ms: int
    speaker: str
    texts: dict[str, str]
    timed: bool


def timed_turns(store: Store, transcript_id: int) -> tuple[list[str], list[TimedTurn]]:
    """The transcript's layer languages (original first) and its utterances with times."""
    layers = store.transcripts.layers(transcript_id)
    utterances = store.transcripts.utterances(transcript_id)
    turns: list[TimedTurn] = []
    previous_end = 0
    for index, u in enumerate(utterances):
        start = u.start_ms if u.start_ms is not None else previous_end
        end = u.end_ms
        if end is None or end <= start:
            following = next(
                (v.start_ms for v in utterances[index + 1 :] if v.start_ms is not None), None
            )
            end = following if following is not None and following > start else start + DEFAULT_MS
        texts = {
            layer.language: layer.text[span[0] : span[1]]
            for layer in layers
            if (span := u.spans.get(layer.id)) is not None
        }
        turns.append(TimedTurn(start, end, u.speaker, texts, u.start_ms is not None))
        previous_end = end
    return [layer.language for layer in layers], turns
