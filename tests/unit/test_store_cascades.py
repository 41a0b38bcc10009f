"""Deleting something deletes everything under it, the search index included."""

from __future__ import annotations

from storage import Store
from storage.models import MemoTarget, TranscriptInput, UtteranceInput


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


def test_memos_go_with_what_they_belong_to(store: Store) -> None:
    """A memo on a deleted session, transcript, participant, code or coding is deleted too."""
    person = store.participants.add("R1")
    session = store.sessions.add("Интервью 1")
    transcript = store.transcripts.add(session.id, _transcript("t1", "Согласование занимает дни."))
    layer = store.transcripts.layers(transcript.id)[0].id
    theme = store.codes.add("Бюрократия", is_codable=False)
    code = store.codes.add("Сроки", parent_id=theme.id)
    coding = store.codings.add(code.id, layer, 0, 12, store.coders.get("Дана").id)
    store.memos.add("project", None, "о проекте")
    targets: list[tuple[MemoTarget, int]] = [
        ("participant", person.id),
        ("session", session.id),
        ("transcript", transcript.id),
        ("code", code.id),
        ("coding", coding.id),
    ]
    for target, target_id in targets:
        store.memos.add(target, target_id, f"о {target}")

    store.codings.delete(coding.id)
    assert "о coding" not in [m.text for m in store.memos.all()]
    store.codes.delete(theme.id)
    store.participants.delete(person.id)
    store.sessions.delete(session.id)
    assert [m.text for m in store.memos.all()] == ["о проекте"]


def test_merged_code_keeps_its_memo_and_deleted_text_its_codings_memos(store: Store) -> None:
    session = store.sessions.add("Интервью 1")
    transcript = store.transcripts.add(session.id, _transcript("t1", "Согласование занимает дни."))
    layer = store.transcripts.layers(transcript.id)[0].id
    source, target = store.codes.add("Сроки"), store.codes.add("Время")
    store.memos.add("code", source.id, "про сроки")
    store.codes.merge(source.id, target.id)
    assert [m.text for m in store.memos.all("code", target.id)] == ["про сроки"]
    coding = store.codings.add(target.id, layer, 0, 12, store.coders.get("Дана").id)
    store.memos.add("coding", coding.id, "ключевое слово")
    store.transcripts.edit_layer_text(layer, 0, 13, "")
    assert store.codings.all() == [] and store.memos.all("coding", coding.id) == []
    assert [m.target for m in store.memos.all()] == ["code"]
