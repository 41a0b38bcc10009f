"""Editing a layer's text after coding: codings and spans move with the text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from exports.transcript_import import import_transcript
from storage import Store, ValidationError
from storage.models import Coding


@pytest.fixture
def interview(bilingual_interview: Store) -> Store:
    """interview_07 in Russian with its English translation."""
    return bilingual_interview


def _layer(store: Store, language: str) -> int:
    return next(layer.id for layer in store.transcripts.layers() if layer.language == language)


def _code(store: Store, layer_id: int, phrase: str, name: str = "A") -> Coding:
    text = store.transcripts.layer(layer_id).text
    start = text.index(phrase)
    code = store.codes.find(name) or store.codes.add(name)
    return store.codings.add(
        code.id, layer_id, start, start + len(phrase), store.coders.get("k").id
    )


def _coded_text(store: Store, coding: Coding) -> str:
    now = store.codings.get(coding.id)
    return store.transcripts.layer(now.layer_id).text[now.start : now.end]


def _utterance_texts(store: Store, layer_id: int) -> list[str]:
    text = store.transcripts.layer(layer_id).text
    return [text[s:e] for s, e in (u.spans[layer_id] for u in store.transcripts.utterances())]


def test_text_inserted_before_a_coding_shifts_it(interview: Store) -> None:
    ru = _layer(interview, "ru")
    coding = _code(interview, ru, "через три дня")
    where = interview.transcripts.layer(ru).text.index("Журналисту")
    edit = interview.transcripts.edit_layer_text(ru, where, where, "Ну, ")
    assert edit.delta == 4 and edit.moved_codings == 1
    assert _coded_text(interview, coding) == "через три дня"


def test_text_typed_inside_a_coding_widens_it_and_at_its_ends_stays_outside(
    interview: Store,
) -> None:
    ru = _layer(interview, "ru")
    coding = _code(interview, ru, "через три дня")
    start = interview.transcripts.layer(ru).text.index("через три дня")
    interview.transcripts.edit_layer_text(ru, start + len("через"), start + len("через"), " целых")
    assert _coded_text(interview, coding) == "через целых три дня"
    now = interview.codings.get(coding.id)
    interview.transcripts.edit_layer_text(ru, now.end, now.end, " рабочих")  # at the end: outside
    interview.transcripts.edit_layer_text(
        ru, now.start, now.start, "только "
    )  # at the start: outside
    assert _coded_text(interview, coding) == "через целых три дня"
    assert "только через целых три дня рабочих" in interview.transcripts.layer(ru).text


def test_replacing_overlapping_text_keeps_the_coding_on_its_words(interview: Store) -> None:
    ru = _layer(interview, "ru")
    coding = _code(interview, ru, "получаем подпись")
    text = interview.transcripts.layer(ru).text
    start = text.index("мы получаем")
    interview.transcripts.edit_layer_text(ru, start, start + len("мы получаем"), "нам дают")
    assert _coded_text(interview, coding) == "нам дают подпись"


def test_deleting_all_of_a_codings_text_removes_it_and_duplicates_collapse(
    interview: Store,
) -> None:
    ru = _layer(interview, "ru")
    gone = _code(interview, ru, "с нуля")
    short = _code(interview, ru, "всё заново")
    longer = _code(interview, ru, "всё заново, с нуля")
    text = interview.transcripts.layer(ru).text
    start = text.index(", с нуля")
    edit = interview.transcripts.edit_layer_text(ru, start, start + len(", с нуля"), "")
    assert edit.removed_codings == 2
    remaining = interview.codings.all(layer_id=ru)
    assert [c.id for c in remaining] == [short.id]
    assert _coded_text(interview, short) == "всё заново"
    assert gone.id not in {c.id for c in remaining} and longer.id not in {c.id for c in remaining}


def test_spans_of_later_utterances_move_and_other_layers_stay(interview: Store) -> None:
    ru, en = _layer(interview, "ru"), _layer(interview, "en")
    en_before = interview.transcripts.layer(en).text
    texts = _utterance_texts(interview, ru)
    english = _code(interview, en, "three days", name="B")
    later = _code(interview, ru, "Нужны понятные полномочия")
    target = next(i for i, t in enumerate(texts) if "Согласование" in t)

    interview.transcripts.edit_utterance_text(
        interview.transcripts.utterances()[target].id,
        ru,
        texts[target].replace("слишком много", "очень-очень много"),
    )
    after = _utterance_texts(interview, ru)
    assert after[target] == texts[target].replace("слишком много", "очень-очень много")
    assert after[:target] == texts[:target] and after[target + 1 :] == texts[target + 1 :]
    assert interview.transcripts.layer(en).text == en_before
    assert _coded_text(interview, english) == "three days"
    assert _coded_text(interview, later) == "Нужны понятные полномочия"


def test_search_index_follows_the_edit(interview: Store) -> None:
    ru = _layer(interview, "ru")
    start = interview.transcripts.layer(ru).text.index("планёрка")
    interview.transcripts.edit_layer_text(ru, start, start + len("планёрка"), "совещание")
    assert interview.search.hits("совещание")
    assert not interview.search.hits("планерка")
    assert interview.search.hits("мониторинга")  # the rest of the utterance is still found


def test_an_edit_cannot_join_or_split_utterances(interview: Store) -> None:
    ru = _layer(interview, "ru")
    before = interview.transcripts.layer(ru).text
    line_end = before.index("\n")
    with pytest.raises(ValidationError, match="one utterance"):
        interview.transcripts.edit_layer_text(ru, line_end - 1, line_end + 1, "x")
    with pytest.raises(ValidationError, match="one utterance"):
        interview.transcripts.edit_layer_text(ru, 3, 3, "a\nb")
    assert interview.transcripts.layer(ru).text == before


def test_offsets_stay_right_through_emoji_and_combining_marks(
    store: Store, fixtures_dir: Path
) -> None:
    import_transcript(store, fixtures_dir / "bad" / "emoji_combining.txt", language="ru")
    layer = store.transcripts.layers()[0].id
    text = store.transcripts.layer(layer).text
    assert unicodedata.is_normalized("NFC", text)
    emoji = _code(store, layer, "👍🏽", name="emoji")
    kazakh = _code(store, layer, "Қазақша 😀 мәтін", name="kk")
    letter = _code(store, layer, "Ё̈", name="letter")

    start = text.index("café")
    store.transcripts.edit_layer_text(
        store.transcripts.layers()[0].id, start + 3, start + 4, "e\u0301"
    )  # é → e + ◌́
    cafe = store.transcripts.layer(layer).text
    assert unicodedata.is_normalized("NFC", cafe) and "café" in cafe and cafe == text

    store.transcripts.edit_layer_text(layer, 0, 0, "🙂 ")
    assert _coded_text(store, emoji) == "👍🏽"
    assert _coded_text(store, kazakh) == "Қазақша 😀 мәтін"
    assert _coded_text(store, letter) == "Ё̈"


def test_kazakh_edit_inside_a_coding(store: Store, fixtures_dir: Path) -> None:
    import_transcript(store, fixtures_dir / "focus_group_ryskulova.kk.srt")
    layer = store.transcripts.layers()[0].id
    text = store.transcripts.layer(layer).text
    line = next(line for line in text.split("\n") if any(ch in line for ch in "әіңғүұқөһ"))
    first, *rest = line.split()[:3]
    phrase = " ".join([first, *rest])
    coding = _code(store, layer, phrase)
    middle = text.index(phrase) + len(first)
    store.transcripts.edit_layer_text(layer, middle, middle, " өте")
    assert _coded_text(store, coding) == " ".join([first, "өте", *rest])
