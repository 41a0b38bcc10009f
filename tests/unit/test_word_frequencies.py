"""Word frequencies over a real project: forms together or apart, stop words, groups.

The two transcripts in ``tests/data/words/`` are counted by hand in the comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis.stop_words import shipped_stop_words
from analysis.word_frequencies import (
    WordFrequencyResult,
    word_frequencies,
    words_of,
    words_of_pieces,
)
from exports.project_stop_words import (
    all_stop_words,
    is_customised,
    reset_stop_words,
    save_stop_words,
    stop_words,
)
from exports.study.loading import load_study
from exports.transcript_import import import_transcript
from storage import Store
from storage.text import fold


@pytest.fixture
def project(tmp_path: Path, shared_dir: Path) -> Iterator[Store]:
    """An interview (ru) by P1 and a focus group (kk) with P2 and P3."""
    store = Store.create(tmp_path / "words.suhbat", languages=("ru", "kk", "en"))
    store.participants.add_attribute("gender", "category", allowed=("F", "M"))
    for code, gender in (("P1", "F"), ("P2", "F"), ("P3", "M")):
        store.participants.add(code, attributes={"gender": gender})
    folder = shared_dir / "words"
    import_transcript(store, folder / "interview_words.ru.txt", session="Interview 1")
    import_transcript(
        store, folder / "focus_group_words.kk.txt", session="Focus group 1", kind="focus_group"
    )
    yield store
    store.close()


def counts(result: WordFrequencyResult) -> dict[str, dict[str, int]]:
    return {g.label: {w.word: w.count for w in g.words} for g in result.groups}


def test_forms_of_a_word_count_together_and_stop_words_are_left_out(project: Store) -> None:
    data = load_study(project, with_text=True)
    result = word_frequencies(data, stop_words=all_stop_words(project))
    interview, focus = result.groups
    assert (interview.label, focus.label) == ("interview_words", "focus_group_words")
    # согласование ×2, согласования, согласованию → one row of 4 under the commonest form
    top = interview.words[0]
    assert (top.word, top.count) == ("согласование", 4)
    assert set(top.forms) == {"согласование", "согласования", "согласованию"}
    journalists = next(w for w in interview.words if w.word == "журналисты")
    assert journalists.count == 3  # журналисты ×2, журналистам
    shown = {w.word for w in interview.words}
    assert not shown & {"и", "а", "не", "без", "как", "нет", "ничего"}
    # 24 words spoken, stop words included: 4 per 24 words = 166.7 per 1,000
    assert interview.total_words == 24
    table = result.to_table()
    first = table.records()[0]
    assert first["Per 1,000 words"] == pytest.approx(166.7)
    # Kazakh forms group by the suffix stripper (жаздым, жаздыңыз → жаз-); бірақ, жоқ,
    # мен, де are stop words
    assert counts(result)["focus_group_words"] == {
        "хат": 3,
        "жаздым": 3,
        "әкімдікке": 2,
        "жауап": 2,
        "екі": 1,
        "рет": 1,
    }


def test_surface_forms_count_apart(project: Store) -> None:
    data = load_study(project, with_text=True)
    result = word_frequencies(data, forms="surface", stop_words=all_stop_words(project))
    interview = counts(result)["interview_words"]
    assert interview["согласование"] == 2
    assert interview["согласования"] == 1
    assert interview["журналистам"] == 1


def test_groups_by_session_kind_and_by_attribute(project: Store) -> None:
    data = load_study(project, with_text=True)
    stops = all_stop_words(project)
    by_kind = word_frequencies(data, by="kind", stop_words=stops, top=2)
    tops = {g.label: {w.word for w in g.words} for g in by_kind.groups}
    assert "согласование" in tops["interview"]
    assert tops["focus group"] == {"хат", "жаздым"}  # 3 each
    by_gender = word_frequencies(data, by="attribute", attribute="gender", stop_words=stops)
    groups = counts(by_gender)
    assert list(groups) == ["F", "M", "(missing)"]
    assert groups["M"] == {"хат": 1, "жаздым": 1, "жауап": 1}  # P3 alone
    assert groups["F"]["согласование"] == 3  # P1: three forms; the interviewer has no value
    assert groups["(missing)"]["согласование"] == 1


def test_a_project_keeps_its_own_stop_words(project: Store) -> None:
    path = project.path
    assert stop_words(project, "ru") == shipped_stop_words("ru")
    save_stop_words(project, "ru", "согласование\nЖурналисты, и")
    project.close()
    with Store(path) as again:
        assert is_customised(again, "ru")
        assert stop_words(again, "ru") == {"согласование", "журналисты", "и"}
        data = load_study(again, with_text=True)
        result = word_frequencies(data, forms="surface", stop_words=all_stop_words(again))
        interview = counts(result)["interview_words"]
        assert "согласование" not in interview and "журналисты" not in interview
        assert interview["согласования"] == 1 and interview["а"] == 2  # а counts again
        reset_stop_words(again, "ru")
        assert not is_customised(again, "ru")
        assert stop_words(again, "ru") == shipped_stop_words("ru")


def test_redaction_placeholders_are_not_words() -> None:
    assert words_of("Мы с [NAME] ездили в [PLACE], как-то раз") == [
        "Мы",
        "с",
        "ездили",
        "в",
        "как-то",
        "раз",
    ]


def test_utterances_counted_in_one_pass_give_the_words_of_each() -> None:
    # Utterances are tokenised together (joined by a line break): no word may join or
    # split across their boundaries, a placeholder cut at one stays out, folding stays put.
    texts = [
        "Как-",
        "то [NAME",
        "] Ёлка",
        "\u0301акимат",
        "don'",
        "t ЖУРНАЛИСТЫ]",
        "Straße",
        "",
        "[PLACE]",
        "қазақ",
    ]
    one_by_one = [word for text in texts for word in words_of(fold(text))]
    assert words_of_pieces(texts) == one_by_one
    assert "елка" in one_by_one and "strasse" in one_by_one and "name" not in one_by_one
