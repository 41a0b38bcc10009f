"""Splitting an utterance in two and joining it with the next: text, codings, undo."""

from __future__ import annotations

import pytest

from storage import ConflictError, Store, ValidationError
from storage.models import Coding
from storage.utterance_cuts import join_separator, split_cut, split_time

ANSWER = "Согласование занимает слишком много времени"


@pytest.fixture
def interview(bilingual_interview: Store) -> Store:
    """interview_07 in Russian with its English translation."""
    return bilingual_interview


def _layer(store: Store, language: str) -> int:
    return next(layer.id for layer in store.transcripts.layers() if layer.language == language)


def _texts(store: Store, language: str) -> list[str]:
    layer_id = _layer(store, language)
    text = store.transcripts.layer(layer_id).text
    return [text[s:e] for s, e in (u.spans[layer_id] for u in store.transcripts.utterances())]


def _code(store: Store, language: str, phrase: str, name: str = "A", memo: str = "") -> Coding:
    layer_id = _layer(store, language)
    start = store.transcripts.layer(layer_id).text.index(phrase)
    code = store.codes.find(name) or store.codes.add(name)
    return store.codings.add(
        code.id, layer_id, start, start + len(phrase), store.coders.get("k").id, memo=memo
    )


def _coded(store: Store) -> list[tuple[str, str]]:
    """(code name, coded text) of every coding, in layer order."""
    names = {c.id: c.name() for c in store.codes.all()}
    texts = {x.id: x.text for x in store.transcripts.layers()}
    return sorted(
        (names[c.code_id], texts[c.layer_id][c.start : c.end]) for c in store.codings.all()
    )


def _answer(store: Store) -> int:
    """Index of the utterance that starts with ``ANSWER`` in the Russian layer."""
    return next(i for i, t in enumerate(_texts(store, "ru")) if t.startswith(ANSWER))


def _split_after(store: Store, index: int, words: str, language: str = "ru") -> tuple[int, int]:
    utterance = store.transcripts.utterances()[index]
    text = _texts(store, language)[index]
    first, second = store.transcripts.split_utterance(
        utterance.id, _layer(store, language), text.index(words) + len(words)
    )
    return first.id, second.id


def test_the_cut_drops_the_white_space_and_refuses_a_blank_part() -> None:
    assert split_cut("Да. Но нет", 3) == (3, 4)
    assert split_cut("Да. Но нет", 4) == (3, 4)
    assert split_cut("слово", 2) == (2, 2)
    for offset in (0, 5, -1, 6):
        with pytest.raises(ValidationError):
            split_cut("слово", offset)
    with pytest.raises(ValidationError):
        split_cut("e\u0301x", 1)  # inside a grapheme cluster (not NFC on purpose)
    assert split_time(1000, 3000, 1, 4) == 1500
    assert split_time(None, 3000, 1, 4) is None
    assert join_separator("a", "b") == " " and join_separator("a", "") == ""


def test_split_makes_two_utterances_in_every_layer(interview: Store) -> None:
    before_ru, before_en = _texts(interview, "ru"), _texts(interview, "en")
    index = _answer(interview)
    original = interview.transcripts.utterances()[index]
    first, second = _split_after(interview, index, "много времени,")
    assert (first, second)[0] == original.id
    ru, en = _texts(interview, "ru"), _texts(interview, "en")
    assert len(ru) == len(en) == len(before_ru) + 1
    assert ru[index] == before_ru[index][: before_ru[index].index(",") + 1]
    assert ru[index + 1].startswith("особенно когда ответ")
    assert en[index] == before_en[index] and en[index + 1] == ""
    assert ru[index + 2 :] == before_ru[index + 1 :]
    utterances = interview.transcripts.utterances()
    new = utterances[index + 1]
    assert new.id == second and new.speaker == original.speaker
    assert original.start_ms == utterances[index].start_ms
    following = utterances[index + 2].start_ms or 0
    assert (original.start_ms or 0) < (new.start_ms or 0) < following
    assert [u.position for u in utterances] == list(range(len(utterances)))


def test_codings_move_with_their_part_and_one_across_the_cut_is_cut_in_two(
    interview: Store,
) -> None:
    _code(interview, "ru", "слишком много", "Time")
    _code(interview, "ru", "перепроверить в других ведомствах", "Check")
    _code(interview, "ru", "Бывает, что отдел", "Later")
    across = _code(interview, "ru", "времени, особенно", "Across", memo="note")
    interview.memos.add("coding", across.id, "a memo on the coding")
    _code(interview, "en", "Coordination takes too long", "En")
    before = _coded(interview)
    _split_after(interview, _answer(interview), "времени,")
    after = _coded(interview)
    assert ("Across", "времени,") in after and ("Across", "особенно") in after
    assert [x for x in after if x[0] != "Across"] == [x for x in before if x[0] != "Across"]
    parts = [c for c in interview.codings.all() if c.code_id == across.code_id]
    assert len(parts) == 2 and all(p.memo == "note" for p in parts)
    assert all(
        [m.text for m in interview.memos.all("coding", p.id)] == ["a memo on the coding"]
        for p in parts
    )


def test_search_finds_the_moved_words_in_the_new_utterance(interview: Store) -> None:
    _first, second = _split_after(interview, _answer(interview), "времени,")
    hits = interview.search.hits("ведомствах")
    assert [h.utterance_id for h in hits] == [second]
    assert interview.search.hits("Согласование")[0].utterance_id != second


def test_split_in_the_translation_leaves_the_original_whole(interview: Store) -> None:
    index = _answer(interview)
    before = _texts(interview, "ru")
    _split_after(interview, index, "takes too long,", language="en")
    assert _texts(interview, "ru")[index] == before[index]
    assert _texts(interview, "ru")[index + 1] == ""
    assert _texts(interview, "en")[index + 1].startswith("especially when")


def test_bad_offsets_and_ids_change_nothing(interview: Store) -> None:
    ru = _layer(interview, "ru")
    before = interview.transcripts.layer(ru).text
    utterance = interview.transcripts.utterances()[_answer(interview)]
    with pytest.raises(ValidationError):
        interview.transcripts.split_utterance(utterance.id, ru, 10_000)
    with pytest.raises(ValidationError):
        interview.transcripts.split_utterance(utterance.id, ru, 0)
    with pytest.raises(ValidationError):
        interview.transcripts.join_utterances(interview.transcripts.utterances()[-1].id)
    assert interview.transcripts.layer(ru).text == before


def test_join_joins_every_layer_with_one_space_and_keeps_codings(interview: Store) -> None:
    index = _answer(interview)
    ru, en = _texts(interview, "ru"), _texts(interview, "en")
    _code(interview, "ru", "Бывает, что отдел", "Second")
    _code(interview, "ru", "слишком много", "First")
    utterances = interview.transcripts.utterances()
    joined = interview.transcripts.join_utterances(utterances[index].id)
    assert _texts(interview, "ru")[index] == ru[index] + " " + ru[index + 1]
    assert _texts(interview, "en")[index] == en[index] + " " + en[index + 1]
    assert len(_texts(interview, "ru")) == len(ru) - 1
    assert ("Second", "Бывает, что отдел") in _coded(interview)
    assert ("First", "слишком много") in _coded(interview)
    assert joined.start_ms == utterances[index].start_ms
    assert joined.end_ms == utterances[index + 1].end_ms
    hits = interview.search.hits("заново")
    assert [h.utterance_id for h in hits] == [joined.id]


def test_join_refuses_two_speakers_unless_forced(interview: Store) -> None:
    first = interview.transcripts.utterances()[0]
    with pytest.raises(ConflictError):
        interview.transcripts.join_utterances(first.id)
    joined = interview.transcripts.join_utterances(first.id, force=True)
    assert joined.speaker == first.speaker


def test_word_times_and_review_marks_follow(interview: Store) -> None:
    index = _answer(interview)
    utterance = interview.transcripts.utterances()[index]
    words = _texts(interview, "ru")[index].split()
    interview.media.set_word_times(
        utterance.id, [(50_000 + 100 * i, 50_090 + 100 * i, w) for i, w in enumerate(words)]
    )
    interview.media.review_utterance(utterance.id)
    first, second = _split_after(interview, index, "времени,")
    assert [w for *_t, w in interview.media.word_times(first)] == words[:5]
    assert interview.media.word_times(second)[0][2] == "особенно"
    assert interview.transcripts.utterances()[index + 1].start_ms == 50_500
    assert {first, second} <= interview.media.reviewed_utterances(utterance.transcript_id)
    interview.transcripts.join_utterances(first)
    assert [w for *_t, w in interview.media.word_times(first)] == words


def test_undo_brings_back_exactly_the_previous_state(interview: Store) -> None:
    interview.history.enable()
    _code(interview, "ru", "времени, особенно", "Across")
    utterance = interview.transcripts.utterances()[_answer(interview)]
    interview.media.set_word_times(utterance.id, [(1, 2, "Согласование")])

    def state() -> tuple[object, ...]:
        return (
            interview.transcripts.utterances(),
            [x.text for x in interview.transcripts.layers()],
            interview.codings.all(),
            interview.media.word_times(utterance.id),
            [(h.utterance_id, h.start) for h in interview.search.hits("особенно")],
        )

    start = state()
    _split_after(interview, _answer(interview), "времени,")
    split = state()
    assert interview.history.undo_steps()[-1].label == "Split utterance"
    interview.history.undo()
    assert state() == start
    interview.history.redo()
    assert state() == split
    interview.transcripts.join_utterances(utterance.id)
    interview.history.undo()
    assert state() == split
    interview.history.undo()
    assert state() == start


def test_translation_status_says_stale_and_untranslated_after_a_split(interview: Store) -> None:
    index = _answer(interview)
    en = _layer(interview, "en")
    utterance = interview.transcripts.utterances()[index]
    interview.translations.save(en, utterance.id, _texts(interview, "en")[index] + " ok", "t")
    first, second = _split_after(interview, index, "времени,")
    statuses = interview.translations.statuses(en)
    assert statuses[first].stale and second not in statuses
    interview.transcripts.join_utterances(first)  # the original is as it was translated
    assert not interview.translations.statuses(en)[first].stale
    interview.transcripts.join_utterances(first)
    assert interview.translations.statuses(en)[first].stale


def test_a_coding_over_several_utterances_stays_on_its_words(interview: Store) -> None:
    ru = _layer(interview, "ru")
    text = interview.transcripts.layer(ru).text
    start = text.index("три дня.\nБывает, что")
    code = interview.codes.add("Across turns")
    coding = interview.codings.add(code.id, ru, start, start + 20, interview.coders.get("k").id)
    index = _answer(interview)
    _split_after(interview, index, "времени,")
    now = interview.codings.get(coding.id)
    assert interview.transcripts.layer(ru).text[now.start : now.end] == "три дня.\nБывает, что"
    interview.transcripts.join_utterances(interview.transcripts.utterances()[index + 1].id)
    now = interview.codings.get(coding.id)
    assert interview.transcripts.layer(ru).text[now.start : now.end] == "три дня. Бывает, что"


def test_marks_and_drafts_follow_a_split_and_a_join(interview: Store) -> None:
    """A split's new part needs translation if the turn did; joining keeps the second
    turn's mark and its unsaved translation, as part of the joined turn's draft."""
    index = _answer(interview)
    en = _layer(interview, "en")
    utterance = interview.transcripts.utterances()[index]
    interview.translations.mark([utterance.id])
    interview.history.enable()
    first, second = _split_after(interview, index, "времени,")
    assert {first, second} <= interview.translations.marked()
    interview.history.undo()
    assert interview.translations.marked() == {utterance.id}

    following = interview.transcripts.utterances()[index + 1]
    saved = _texts(interview, "en")[index]
    interview.translations.mark([utterance.id], marked=False)
    interview.translations.mark([following.id])
    interview.translations.set_draft(en, following.id, "Черновик: the signature comes late.")
    before = (interview.translations.marked(), interview.translations.drafts(en))
    interview.transcripts.join_utterances(utterance.id, force=True)
    assert interview.translations.marked() == {utterance.id}
    assert interview.translations.drafts(en) == {
        utterance.id: saved + " Черновик: the signature comes late."
    }
    interview.history.undo()
    assert (interview.translations.marked(), interview.translations.drafts(en)) == before
    interview.history.redo()
    assert interview.translations.drafts(en)[utterance.id].endswith("comes late.")
