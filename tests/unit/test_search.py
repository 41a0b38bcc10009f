"""Search folds case and ё for Cyrillic and Kazakh, supports prefixes and phrases."""

from __future__ import annotations

import pytest
from transcript_data import add_transcript

from storage import Store, ValidationError
from storage.models import TranscriptInput, UtteranceInput
from storage.text import fold


@pytest.fixture
def project(store: Store) -> Store:
    session = store.sessions.add("Фокус-топ", "focus_group")
    texts = [
        ("Модератор", "Как проходит СОГЛАСОВАНИЕ ответов?"),
        ("P1", "Согласование занимает три дня, а ёлки уже стоят."),
        ("Қатысушы 2", "Біз халықпен ашық сөйлескіміз келеді. ҚАЗАҚ тілінде."),
        ("P3", "Государство не слушает людей."),
    ]
    utterances = tuple(
        UtteranceInput(speaker, i * 7000, None, (text,)) for i, (speaker, text) in enumerate(texts)
    )
    store.transcripts.add(session.id, TranscriptInput("fg", ("ru",), utterances))
    return store


def test_fold_is_cyrillic_aware() -> None:
    assert fold("СОГЛАСОВАНИЕ") == fold("согласование") == fold("Согласование")
    assert fold("Ёлки") == "елки"
    assert fold("ҚАЗАҚ ӘҢГІМЕ") == "қазақ әңгіме"


@pytest.mark.parametrize("query", ["согласование", "СОГЛАСОВАНИЕ", "Согласование"])
def test_case_does_not_matter(project: Store, query: str) -> None:
    hits = project.search.hits(query)
    assert [h.speaker for h in hits] == ["Модератор", "P1"]


def test_yo_equals_ye(project: Store) -> None:
    (hit,) = project.search.hits("елки")
    assert hit.snippet[hit.match_start : hit.match_end] == "ёлки"
    assert project.search.hits("ЁЛКИ")[0].utterance_id == hit.utterance_id


def test_kazakh_letters_fold(project: Store) -> None:
    (hit,) = project.search.hits("қазақ")
    assert hit.speaker == "Қатысушы 2"
    assert hit.snippet[hit.match_start : hit.match_end] == "ҚАЗАҚ"


def test_prefix_and_phrase(project: Store) -> None:
    assert len(project.search.hits("соглас*")) == 2
    assert [h.speaker for h in project.search.hits('"не слушает людей"')] == ["P3"]
    assert project.search.hits('"людей не слушает"') == []


def test_hit_has_session_speaker_time_and_exact_offsets(project: Store) -> None:
    hit = project.search.hits("государство")[0]
    layer = project.transcripts.layer(hit.layer_id)
    assert hit.session_title == "Фокус-топ"
    assert hit.start_ms == 21000
    assert layer.text[hit.start : hit.end] == "Государство"


def test_language_filter_and_empty_query(project: Store) -> None:
    assert project.search.hits("согласование", language="kk") == []
    with pytest.raises(ValidationError):
        project.search.hits("  *** ")


def _add(store: Store, title: str, *texts: str) -> int:
    return add_transcript(store, texts, session=title, title=title)


def test_deferred_indexing_finds_everything_and_keeps_the_index_sound(project: Store) -> None:
    with project.transcripts.deferred_indexing():
        first = _add(project, "Первое", "Ёлки у дороги.", "Подпись через три дня.")
        # a search inside the block sees what the block added so far
        assert len(project.search.hits("елки")) == 2
        second = _add(project, "Второе", "Ещё ёлки.", "Ничего.")
        project.transcripts.delete(first)
        third = _add(project, "Третье", "СОГЛАСОВАНИЕ ёлок.")
    assert {h.transcript_id for h in project.search.hits("ёлки")} == {1, second}
    assert project.search.count('"подпись через"') == 0
    assert {h.transcript_id for h in project.search.hits("согласование")} == {1, third}
    project.conn.execute("INSERT INTO span_fts (span_fts) VALUES ('integrity-check')")


def test_an_error_in_a_deferred_block_leaves_the_project_as_it_was(project: Store) -> None:
    before = (project.info(), project.search.hits("ёлки"))
    with pytest.raises(ValidationError), project.transcripts.deferred_indexing():
        _add(project, "Первое", "Ёлки у дороги.")
        _add(project, "Пустое")  # no utterances: refused
    assert (project.info(), project.search.hits("ёлки")) == before
    _add(project, "Потом", "Ёлки потом.")
    assert len(project.search.hits("ёлки")) == 2
    project.conn.execute("INSERT INTO span_fts (span_fts) VALUES ('integrity-check')")


def test_snippets_follow_edits_made_here_and_by_another_connection(project: Store) -> None:
    first = project.search.hits("согласование")[1]
    assert "три дня" in first.snippet
    layer = project.transcripts.layer(first.layer_id)
    start = layer.text.index("три дня")
    project.transcripts.edit_layer_text(layer.id, start, start + len("три"), "пять")
    assert "пять дня" in project.search.hits("согласование")[1].snippet
    with Store(project.path) as other:
        start = other.transcripts.layer(layer.id).text.index("пять дня")
        other.transcripts.edit_layer_text(layer.id, start, start + len("пять дня"), "неделю")
    again = project.search.hits("согласование")[1]
    assert "неделю" in again.snippet
    assert "пять" not in again.snippet
