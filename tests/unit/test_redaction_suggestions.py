"""Redaction suggestions: what the finders find in a real project, decisions, the list written.

Precision and recall are measured on the hand-labelled sentences in
``tests/data/redaction/labelled_names.txt`` (figures in docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from name_labels import Score, read_labelled, score, total

from exports.redaction import Redactor
from exports.redaction_suggestions import (
    layer_mentions,
    load_decisions,
    record_decisions,
    suggest_redactions,
    write_accepted,
)
from exports.transcript_import import import_transcript
from storage import Store

NAMES = ["Айгуль Жанбыршыкова", "Серік Омаров"]
"""The participants' real names the labelled sentences assume."""


@pytest.fixture
def named(tmp_path: Path, shared_dir: Path) -> Iterator[Store]:
    """A project with a participant's real name and a Russian interview full of names."""
    store = Store.create(tmp_path / "names.suhbat", languages=("ru", "kk", "en"))
    store.participants.add("P07", real_name="Айгуль Жанбыршыкова")
    import_transcript(
        store, shared_dir / "redaction" / "interview_names.ru.txt", session="Interview 7"
    )
    yield store
    store.close()


def test_precision_and_recall_on_the_labelled_sentences(shared_dir: Path) -> None:
    by_language: dict[str, list[Score]] = {}
    for item in read_labelled(shared_dir / "redaction" / "labelled_names.txt"):
        found = layer_mentions(item.text, item.language, NAMES)
        by_language.setdefault(item.language, []).append(
            score(list(item.names), [(m.start, m.end) for m in found])
        )
    russian, kazakh = total(by_language["ru"]), total(by_language["kk"])
    assert russian.names == 20 and kazakh.names == 10
    # Figures recorded in docs/decisions.md: ru P 0.95 R 1.00, kk P 1.00 R 0.90.
    assert russian.precision >= 0.9 and russian.recall >= 0.9
    assert kazakh.precision >= 0.85 and kazakh.recall >= 0.8


def test_suggestions_group_forms_and_name_the_finder(named: Store) -> None:
    found = {s.term: s for s in suggest_redactions(named)}
    kasymov = found["Ерлан Касымов"]
    assert (kasymov.kind, kasymov.count, kasymov.sources) == ("NAME", 2, ("ner",))
    assert kasymov.documents == ("interview_names",)
    assert "Главный редактор Ерлан Касымов" in kasymov.example
    own = found["Айгуль Жанбыршыкова"]
    assert own.sources == ("participant",) and own.replacement == "P07"
    assert found["КНБ"].kind == "ORG"
    assert "Алматинской области" in found
    # Nothing was written to the project by suggesting.
    assert load_decisions(named) == {}


def test_decisions_are_kept_and_decided_terms_not_suggested_again(named: Store) -> None:
    found = {s.term: s for s in suggest_redactions(named)}
    record_decisions(named, {found["КНБ"].key: "rejected", found["Ерлан Касымов"].key: "accepted"})
    again = {s.term for s in suggest_redactions(named)}
    assert "КНБ" not in again and "Ерлан Касымов" not in again
    everything = {s.term: s for s in suggest_redactions(named, include_decided=True)}
    assert everything["КНБ"].decision == "rejected"
    record_decisions(named, {found["КНБ"].key: None})
    assert "КНБ" in {s.term for s in suggest_redactions(named)}


def test_accepted_suggestions_become_a_list_that_redacts(named: Store, tmp_path: Path) -> None:
    found = {s.term: s for s in suggest_redactions(named)}
    listing = tmp_path / "study.redactions.txt"
    listing.write_text("# our list\nPLACE: Алматы\n", encoding="utf-8")
    chosen = [found["Ерлан Касымов"], found["КНБ"], found["Айгуль Жанбыршыкова"]]
    added = write_accepted(listing, chosen)
    assert [e.term for e in added] == ["Ерлан Касымов", "КНБ", "Айгуль Жанбыршыкова"]
    text = listing.read_text(encoding="utf-8")
    assert text == (
        "# our list\nPLACE: Алматы\nNAME: Ерлан Касымов\nORG: КНБ\n"
        "NAME: Айгуль Жанбыршыкова => P07\n"
    )
    assert write_accepted(listing, chosen) == []  # not added twice
    redactor = Redactor.from_file(listing)
    assert redactor.redact("Касымову звонили из КНБ.") == "[NAME] звонили из [ORG]."
    listed = {s.term: s.listed for s in suggest_redactions(named, existing=redactor.entries)}
    assert listed["КНБ"] and not listed["Кордай"]


def test_kazakh_capitalised_words() -> None:
    text = "Біз Серікбаев Асқармен сөйлестік. Алматы қаласының әкімдігі жауап бермеді. Бұл жақсы."
    found = [(m.text, m.kind) for m in layer_mentions(text, "kk", [])]
    assert found == [("Серікбаев Асқармен", "NAME"), ("Алматы", "PLACE")]
