"""Concordance lines: every occurrence (several per utterance), context cut to a width,
sorted by the words to the left or right."""

from __future__ import annotations

import pytest
from transcript_data import add_transcript

from analysis.concordance import concordance, sort_lines
from storage import Store
from storage.models import TranscriptInput, UtteranceInput


@pytest.fixture
def project(store: Store) -> Store:
    texts = (
        "Без согласования акимата ничего. Бюджет акимата маленький.",
        "Мы пошли в акимат.\nТам сказали ждать.",
        "Жалоба на акимат района.",
    )
    add_transcript(store, texts, session="Интервью", title="int")
    return store


def test_every_occurrence_with_its_context(project: Store) -> None:
    lines = concordance(project.search.occurrences("акимат"), width=12)
    assert [(line.left, line.keyword, line.right) for line in lines] == [
        ("…огласования", "акимата", "ничего. Бюд…"),
        ("…его. Бюджет", "акимата", "маленький."),
        ("Мы пошли в", "акимат", ". Там сказа…"),
        ("Жалоба на", "акимат", "района."),
    ]
    first = lines[0].occurrence
    layer = project.transcripts.layer(first.layer_id)
    assert layer.text[first.start : first.end] == "акимата"


def test_sorted_by_the_left_or_right_words(project: Store) -> None:
    lines = concordance(project.search.occurrences("акимат"))
    assert [line.left.split()[-1] for line in sort_lines(lines, "left")] == [
        "Бюджет",
        "в",
        "на",
        "согласования",
    ]
    assert [line.right for line in sort_lines(lines, "right")] == [
        "маленький.",
        "ничего. Бюджет акимата маленький.",
        "района.",
        ". Там сказали ждать.",  # the first word to the right is «Там»
    ]


def test_exact_forms_only(project: Store) -> None:
    assert [o.matched for o in project.search.occurrences('"акимат"')] == ["акимат", "акимат"]


def test_a_kazakh_turn_in_a_russian_layer_counts_as_kazakh(store: Store) -> None:
    session = store.sessions.add("Смешанная")
    transcript = store.transcripts.add(
        session.id,
        TranscriptInput(
            title="Смешанная",
            languages=("ru",),
            utterances=(
                UtteranceInput("A", 0, 1000, ("Акимат ответил быстро.",)),
                UtteranceInput("B", 1000, 2000, ("Акимат жауап берді.",)),
            ),
        ),
    )
    (layer,) = store.transcripts.layers(transcript.id)
    second = store.transcripts.utterances(transcript.id)[1]
    store.transcripts.set_utterance_language(layer.id, [second.id], "kk")
    kazakh = store.search.occurrences("акимат", language="kk")
    assert [o.utterance_id for o in kazakh] == [second.id]
    assert [h.utterance_id for h in store.search.hits("акимат", language="kk")] == [second.id]
