"""Deleting something deletes everything under it, the search index included."""

from __future__ import annotations

from storage import Store
from storage.models import TranscriptInput, UtteranceInput


def _transcript(title: str, *texts: str) -> TranscriptInput:
    utterances = tuple(
        UtteranceInput("P1", i * 1000, None, (text,)) for i, text in enumerate(texts)
    )
    return TranscriptInput(title, ("ru",), utterances)


def test_deleted_session_leaves_nothing_in_search(store: Store) -> None:
    """A deleted session's words are not found in a transcript imported afterwards."""
    gone = store.sessions.add("Интервью 1")
    store.transcripts.add(gone.id, _transcript("t1", "Согласование занимает три дня."))
    assert store.search.hits("согласование")
    store.sessions.delete(gone.id)
    kept = store.sessions.add("Интервью 2")
    store.transcripts.add(kept.id, _transcript("t2", "Государство не слушает людей."))
    assert store.search.hits("согласование") == []
    assert store.search.count("согласование") == 0
    assert [h.session_title for h in store.search.hits("государство")] == ["Интервью 2"]
    (utterances,) = store.conn.execute("SELECT COUNT(*) FROM utterance").fetchone()
    assert utterances == 1


def test_deleted_transcript_leaves_nothing_in_search(store: Store) -> None:
    """Deleting a transcript removes its utterances from the index, as a session does."""
    session = store.sessions.add("Интервью 1")
    first = store.transcripts.add(session.id, _transcript("t1", "Согласование занимает дни."))
    store.transcripts.delete(first.id)
    store.transcripts.add(session.id, _transcript("t2", "Государство не слушает людей."))
    assert store.search.hits("согласование") == []
