"""Renaming, moving, deleting (undoably) transcripts and setting a layer's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.transcript_import import import_transcript, import_translation
from storage import ConflictError, Store, ValidationError


@pytest.fixture
def coded(store: Store, fixtures_dir: Path) -> Store:
    """interview_07 (ru + en) coded twice, with a memo, and history switched on."""
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    import_translation(store, fixtures_dir / "interview_07.en.txt", "interview_07")
    store.history.enable()
    ru = next(x for x in store.transcripts.layers() if x.language == "ru")
    code = store.codes.add("Бюрократия")
    coder = store.coders.get("aigerim")
    start = ru.text.index("Согласование")
    coding = store.codings.add(code.id, ru.id, start, start + 12, coder.id)
    store.memos.add("coding", coding.id, "важно")
    store.memos.add("transcript", store.transcripts.all()[0].id, "тихий голос")
    return store


def _everything(store: Store) -> tuple[object, ...]:
    """What deleting a transcript takes away: rows of every kind and the search hits."""
    return (
        store.transcripts.all(),
        store.transcripts.layers(),
        store.transcripts.utterances(),
        store.codings.all(),
        store.memos.all(),
        store.search.hits("согласование"),
    )


def test_delete_counts_then_undo_brings_everything_back(coded: Store) -> None:
    transcript = coded.transcripts.all()[0]
    counts = coded.transcripts.deletion_counts(transcript.id)
    assert (counts.layers, counts.codings, counts.memos) == (2, 1, 2)
    assert counts.utterances == len(coded.transcripts.utterances(transcript.id))
    before = _everything(coded)

    coded.transcripts.delete(transcript.id)
    assert coded.transcripts.all() == [] and coded.codings.all() == []
    assert coded.search.hits("согласование") == []
    assert coded.history.undo_steps()[-1].label == "Delete transcript"

    coded.history.undo()
    after = _everything(coded)
    assert after == before

    coded.history.redo()
    assert coded.transcripts.all() == [] and coded.memos.all() == []
    assert coded.search.hits("согласование") == []


def test_rename_and_move(coded: Store) -> None:
    transcript = coded.transcripts.all()[0]
    other = coded.sessions.add("Интервью 8")
    assert coded.transcripts.rename(transcript.id, "  Интервью 7  ").title == "Интервью 7"
    assert coded.transcripts.move(transcript.id, other.id).session_id == other.id
    assert [t.id for t in coded.transcripts.all(other.id)] == [transcript.id]
    with pytest.raises(ValidationError):
        coded.transcripts.rename(transcript.id, "  ")


def test_set_layer_language_refuses_a_taken_or_bad_code(coded: Store) -> None:
    en = next(x for x in coded.transcripts.layers() if x.language == "en")
    assert coded.transcripts.set_layer_language(en.id, "KK").language == "kk"
    with pytest.raises(ConflictError):
        coded.transcripts.set_layer_language(en.id, "ru")
    with pytest.raises(ValidationError):
        coded.transcripts.set_layer_language(en.id, "русский")
    assert coded.transcripts.layer(en.id).language == "kk"
