"""Store what speech recognition heard: session, transcript, recording link, machine mark."""

from __future__ import annotations

from pathlib import Path

from exports.media.transcription import ENGINE, Recognition, transcript_input, utterances
from storage import Store
from storage.media_store import MediaFacts, stored_path


def store_recognition(
    store: Store,
    recognition: Recognition,
    media_file: Path,
    facts: MediaFacts,
    *,
    session_title: str | None = None,
    title: str | None = None,
) -> int:
    """Add the recognised transcript to a session (found or made) in one transaction.

    The session is ``session_title`` (default: the recording's name); the recording is
    linked to the new transcript, which is marked as a machine transcript until reviewed.
    Returns the transcript's id.
    """
    name = session_title or media_file.stem
    with store.db.transaction():
        session = store.sessions.find(name) or store.sessions.add(name)
        data = transcript_input(recognition, title or media_file.stem, media_file)
        transcript = store.transcripts.add(session.id, data)
        store.media.link(
            session.id, stored_path(store.path, media_file), facts, transcript_id=transcript.id
        )
        store.media.mark_machine(
            transcript.id, engine=ENGINE, model=recognition.model, language=recognition.language
        )
        _keep_languages_and_word_times(store, transcript.id, recognition)
    return transcript.id


def _keep_languages_and_word_times(
    store: Store, transcript_id: int, recognition: Recognition
) -> None:
    """Each utterance keeps the language it was heard in and its words' times."""
    (layer,) = store.transcripts.layers(transcript_id, with_text=False)
    stored = store.transcripts.utterances(transcript_id)
    by_language: dict[str, list[int]] = {}
    for utterance, turn in zip(stored, utterances(recognition), strict=True):
        if turn.language != layer.language:
            by_language.setdefault(turn.language, []).append(utterance.id)
        if turn.words:
            store.media.set_word_times(
                utterance.id, [(w.start_ms, w.end_ms, w.text) for w in turn.words]
            )
    for language, ids in by_language.items():
        store.transcripts.set_utterance_language(layer.id, ids, language)
