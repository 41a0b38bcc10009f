"""Search folds case and ё for Cyrillic and Kazakh, supports prefixes and phrases."""

from __future__ import annotations

import pytest

from storage import Store, ValidationError
from storage.models import TranscriptInput, UtteranceInput
from storage.text import fold


@pytest.fixture
def project(store: Store) -> Store:
    session = store.add_session("Фокус-топ", "focus_group")
    texts = [
        ("Модератор", "Как проходит СОГЛАСОВАНИЕ ответов?"),
        ("P1", "Согласование занимает три дня, а ёлки уже стоят."),
        ("Қатысушы 2", "Біз халықпен ашық сөйлескіміз келеді. ҚАЗАҚ тілінде."),
        ("P3", "Государство не слушает людей."),
    ]
    utterances = tuple(
        UtteranceInput(speaker, i * 7000, None, (text,)) for i, (speaker, text) in enumerate(texts)
    )
    store.add_transcript(session.id, TranscriptInput("fg", ("ru",), utterances))
    return store


def test_fold_is_cyrillic_aware() -> None:
    assert fold("СОГЛАСОВАНИЕ") == fold("согласование") == fold("Согласование")
    assert fold("Ёлки") == "елки"
    assert fold("ҚАЗАҚ ӘҢГІМЕ") == "қазақ әңгіме"


@pytest.mark.parametrize("query", ["согласование", "СОГЛАСОВАНИЕ", "Согласование"])
def test_case_does_not_matter(project: Store, query: str) -> None:
    hits = project.search(query)
    assert [h.speaker for h in hits] == ["Модератор", "P1"]


def test_yo_equals_ye(project: Store) -> None:
    (hit,) = project.search("елки")
    assert hit.snippet[hit.match_start : hit.match_end] == "ёлки"
    assert project.search("ЁЛКИ")[0].utterance_id == hit.utterance_id


def test_kazakh_letters_fold(project: Store) -> None:
    (hit,) = project.search("қазақ")
    assert hit.speaker == "Қатысушы 2"
    assert hit.snippet[hit.match_start : hit.match_end] == "ҚАЗАҚ"


def test_prefix_and_phrase(project: Store) -> None:
    assert len(project.search("соглас*")) == 2
    assert [h.speaker for h in project.search('"не слушает людей"')] == ["P3"]
    assert project.search('"людей не слушает"') == []


def test_hit_has_session_speaker_time_and_exact_offsets(project: Store) -> None:
    hit = project.search("государство")[0]
    layer = project.layer(hit.layer_id)
    assert hit.session_title == "Фокус-топ"
    assert hit.start_ms == 21000
    assert layer.text[hit.start : hit.end] == "Государство"


def test_language_filter_and_empty_query(project: Store) -> None:
    assert project.search("согласование", language="kk") == []
    with pytest.raises(ValidationError):
        project.search("  *** ")
