"""Word forms of turns in another language than their layer's (code-switching): a turn
marked Russian inside a Kazakh layer is keyed as Russian, when it is indexed and when its
mark changes; a Kazakh turn left unmarked in a Russian layer shows the word it matched,
in search and in the concordance alike."""

from __future__ import annotations

import pytest
from transcript_data import add_transcript

from storage import Store

CLINIC = (
    "Денсаулық сақтау қызметтері туралы не айтасыздар?",
    "Ауылда емхана жоқ, облыс орталығына барамыз.",
    "В поликлинике очереди огромные, поэтому я хожу в частную клинику.",
)
RUSSIAN_TURN = 2


@pytest.fixture
def kazakh(store: Store) -> Store:
    """A Kazakh focus group whose third turn is in Russian (not marked yet)."""
    add_transcript(store, CLINIC, session="Емхана", title="fg", language="kk")
    return store


def _mark_russian(store: Store, language: str | None = "ru") -> None:
    (layer,) = store.transcripts.layers()
    turn = store.transcripts.utterances()[RUSSIAN_TURN]
    store.transcripts.set_utterance_language(layer.id, [turn.id], language)


def _forms(store: Store, query: str, language: str | None = None) -> list[str]:
    return [
        h.snippet[h.match_start : h.match_end] for h in store.search.hits(query, language=language)
    ]


def _occurrences(store: Store, query: str, language: str | None = None) -> list[str]:
    return [o.matched for o in store.search.occurrences(query, language=language)]


def test_a_turn_marked_russian_in_a_kazakh_layer_finds_russian_forms(kazakh: Store) -> None:
    _mark_russian(kazakh)
    assert _forms(kazakh, "поликлиника") == ["поликлинике"]
    assert _forms(kazakh, "поликлиника", "ru") == ["поликлинике"]
    assert _forms(kazakh, "очередь") == _forms(kazakh, "очередь", "ru") == ["очереди"]
    assert _occurrences(kazakh, "частный", "ru") == ["частную"]
    assert [h.language for h in kazakh.search.hits("поликлиника")] == ["ru"]
    assert kazakh.search.count("клиника", language="ru") == 1
    # The Kazakh turns keep their Kazakh keys.
    assert _forms(kazakh, "облыс", "kk") == ["облыс"]


def test_keys_follow_the_mark_and_its_undo(kazakh: Store) -> None:
    assert _forms(kazakh, "очередь") == []  # read as Kazakh while unmarked
    kazakh.history.enable()
    _mark_russian(kazakh)
    assert _forms(kazakh, "очередь") == ["очереди"]
    kazakh.history.undo()
    assert _forms(kazakh, "очередь") == []
    kazakh.history.redo()
    assert _forms(kazakh, "очередь") == ["очереди"]
    _mark_russian(kazakh, None)
    assert _forms(kazakh, "очередь") == []


def test_a_marked_turn_split_and_joined_keeps_russian_keys(kazakh: Store) -> None:
    _mark_russian(kazakh)
    (layer,) = kazakh.transcripts.layers()
    turn = kazakh.transcripts.utterances()[RUSSIAN_TURN]
    start = turn.spans[layer.id][0]
    cut = layer.text.index("поэтому", start) - start
    kazakh.transcripts.split_utterance(turn.id, layer.id, cut)
    assert _forms(kazakh, "очередь", "ru") == ["очереди"]
    assert _forms(kazakh, "частный", "ru") == ["частную"]
    kazakh.transcripts.join_utterances(turn.id)
    assert _forms(kazakh, "частный", "ru") == ["частную"]


def test_edits_and_a_new_layer_language_keep_the_turn_russian(kazakh: Store) -> None:
    _mark_russian(kazakh)
    (layer,) = kazakh.transcripts.layers()
    at = layer.text.index("очереди")
    kazakh.transcripts.edit_layer_text(layer.id, at, at + len("очереди"), "очередей")
    assert _forms(kazakh, "очередь", "ru") == ["очередей"]
    kazakh.transcripts.set_layer_language(layer.id, "en")
    assert _forms(kazakh, "поликлиника", "ru") == ["поликлинике"]


def test_an_unmarked_kazakh_turn_shows_its_word_in_search_and_concordance(store: Store) -> None:
    add_transcript(
        store,
        ("Без подписи акима ничего не делают.", "Облысымыздың әкімдігі бұл мәселені шешпейді."),
        language="ru",
    )
    assert _forms(store, "облыс") == ["Облысымыздың"]
    assert _occurrences(store, "облыс") == ["Облысымыздың"]
    assert _forms(store, "әкімдік") == _occurrences(store, "әкімдік") == ["әкімдігі"]
    for hit in store.search.hits("облыс"):
        assert hit.end > hit.start
