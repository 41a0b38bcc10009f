"""Renaming, moving, deleting (undoably) transcripts and setting a layer's language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exports.media.probe import probe
from exports.transcript_import import import_transcript, import_translation
from storage import ConflictError, Store, ValidationError
from storage.media_store import stored_path

SPEECH = Path(__file__).resolve().parents[1] / "data" / "media" / "speech_en.m4a"


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


def _hanging_on(store: Store, transcript_id: int) -> tuple[object, ...]:
    """What hangs on a transcript's utterances and would go with it."""
    utterances = [u.id for u in store.transcripts.utterances(transcript_id)]
    en = next(x for x in store.transcripts.layers(transcript_id) if x.language == "en")
    return (
        [store.media.word_times(u) for u in utterances],
        store.media.reviewed_utterances(transcript_id),
        store.media.machine(transcript_id),
        store.media.for_transcript(transcript_id),
        store.translations.statuses(en.id),
        store.translations.drafts(en.id),
        store.translations.marked(transcript_id),
    )


def test_undoing_a_deletion_brings_back_what_hangs_on_the_utterances(
    coded: Store, tmp_path: Path
) -> None:
    """Word times, review marks, translation status, drafts and marks, the machine mark
    and the linked recording all come back with the transcript, and go again on redo."""
    transcript = coded.transcripts.all()[0]
    first, second = coded.transcripts.utterances(transcript.id)[:2]
    en = next(x for x in coded.transcripts.layers() if x.language == "en")
    coded.media.set_word_times(first.id, [(0, 400, "Согласование"), (400, 900, "идёт")])
    coded.media.mark_machine(transcript.id, engine="whisper", model="small", language="ru")
    coded.media.review_utterance(first.id)
    coded.translations.save(en.id, first.id, "Approval is under way.", "Dana")
    coded.translations.set_draft(en.id, second.id, "Черновик перевода")
    coded.translations.mark([first.id, second.id])
    recording = tmp_path / "интервью 7.m4a"
    shutil.copy(SPEECH, recording)
    coded.media.link(
        transcript.session_id, stored_path(coded.path, recording), probe(recording),
        transcript_id=transcript.id,
    )  # fmt: skip
    before = _hanging_on(coded, transcript.id)
    assert all(before)

    coded.transcripts.delete(transcript.id)
    assert coded.media.machine(transcript.id) is None
    assert coded.media.for_transcript(transcript.id) is None
    coded.history.undo()
    assert _hanging_on(coded, transcript.id) == before
    coded.history.redo()
    assert coded.media.word_times(first.id) == [] and coded.translations.marked() == set()
    coded.history.undo()
    assert _hanging_on(coded, transcript.id) == before


def test_undoing_the_deletion_of_a_live_sessions_transcript_links_it_again(store: Store) -> None:
    session = store.sessions.add("Фокус-группа, Шымкент")
    store.history.enable()
    store.live.start(session.id, now_ms=0)
    store.live.add_note(session.id, "Участники опоздали", elapsed_ms=1_000)
    made = store.live.end(session.id, now_ms=60_000)
    assert made is not None
    store.transcripts.delete(made.id)
    assert store.live.state(session.id).transcript_id is None  # type: ignore[union-attr]
    store.history.undo()
    assert store.live.state(session.id).transcript_id == made.id  # type: ignore[union-attr]
    (layer,) = store.transcripts.layers(made.id)
    assert layer.text == "Участники опоздали"
