"""Small transcripts typed into a test: one utterance per text (test helper)."""

from __future__ import annotations

from collections.abc import Iterable

from storage import Store
from storage.models import TranscriptInput, UtteranceInput


def add_transcript(
    store: Store,
    texts: Iterable[str],
    *,
    session: str = "Интервью 1",
    title: str = "int1",
    language: str = "ru",
) -> int:
    """A new session with a one-layer transcript of ``texts``; the transcript's id.

    Each text is one utterance of speaker P1, a second after the one before.
    """
    found = store.sessions.add(session)
    utterances = tuple(UtteranceInput("P1", i * 1000, None, (t,)) for i, t in enumerate(texts))
    return store.transcripts.add(found.id, TranscriptInput(title, (language,), utterances)).id
