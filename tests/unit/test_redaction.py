"""Redaction lists: Cyrillic case- and declension-tolerant matching, placeholders, report,
offset mapping, and the stored text left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.redaction import (
    RedactionEntry,
    Redactor,
    map_offset,
    participant_entries,
    redaction_report,
    report_csv,
    sensitive_attribute_entries,
)
from storage import InputError, Store

LIST = """\
# people, places and organisations of the Kordai study
NAME: Айгуль Жанбыршыкова => P07
NAME: Семёнов
PLACE: Алматы
PLACE: Кордай
ORG: Акимат города Алматы
ORG: КНБ
NAME: Мира
"""


@pytest.fixture
def redactor(tmp_path: Path) -> Redactor:
    path = tmp_path / "redact.txt"
    path.write_text(LIST, encoding="utf-8")
    return Redactor.from_file(path)


def found(redactor: Redactor, text: str) -> list[tuple[str, str]]:
    return [(r.kind, r.found) for r in redactor.apply(text)[1]]


def test_place_names_are_found_in_every_form(redactor: Redactor) -> None:
    text = (
        "Я живу в Алматы. В Алмате жарко. Алматинская область большая. "
        "Алматыдағы әкімдік. АЛМАТИНСКИЙ говор."
    )
    out, replacements = redactor.apply(text)
    assert out == (
        "Я живу в [PLACE]. В [PLACE] жарко. [PLACE] область большая. "
        "[PLACE] әкімдік. [PLACE] говор."
    )
    assert [r.found for r in replacements] == [
        "Алматы",
        "Алмате",
        "Алматинская",
        "Алматыдағы",
        "АЛМАТИНСКИЙ",
    ]
    assert {r.term for r in replacements} == {"Алматы"}


def test_case_and_yo_do_not_matter(redactor: Redactor) -> None:
    assert found(redactor, "Семенова вызвали, потом СЕМЁНОВУ позвонили.") == [
        ("NAME", "Семенова"),
        ("NAME", "СЕМЁНОВУ"),
    ]


def test_a_word_that_merely_contains_a_name_is_left_alone(redactor: Redactor) -> None:
    assert found(redactor, "Аккордай и Кордайский район") == [("PLACE", "Кордайский")]
    # a short stem takes case endings only: the common word "мир" and "мировой" stay
    assert found(redactor, "Мира пришла, Миры не было; мир и мировой порядок") == [
        ("NAME", "Мира"),
        ("NAME", "Миры"),
    ]


def test_acronyms_match_whole_and_with_a_kazakh_ending(redactor: Redactor) -> None:
    out, _ = redactor.apply("КНБ-ның адамдары, сотрудники КНБ, КНБшник")
    assert out == "[ORG] адамдары, сотрудники [ORG], КНБшник"


def test_the_longest_entry_wins_and_replacements_are_used(redactor: Redactor) -> None:
    out, replacements = redactor.apply(
        "В акимате города Алматы работает Айгуль Жанбыршыкова; Жанбыршыкову знают все."
    )
    assert out == "В [ORG] работает P07; P07 знают все."
    assert [(r.term, r.found) for r in replacements] == [
        ("Акимат города Алматы", "акимате города Алматы"),
        ("Айгуль Жанбыршыкова", "Айгуль Жанбыршыкова"),
        ("Жанбыршыкова", "Жанбыршыкову"),
    ]


def test_the_report_lists_each_form_with_its_count(redactor: Redactor) -> None:
    first = redactor.apply("Алматы, Алмате, Алматы.")[1]
    second = redactor.apply("В КНБ.")[1]
    rows = redaction_report({"interview_1": first, "interview_2": second})
    assert [(r.document, r.kind, r.term, r.found, r.count) for r in rows] == [
        ("interview_1", "PLACE", "Алматы", "Алмате", 1),
        ("interview_1", "PLACE", "Алматы", "Алматы", 2),
        ("interview_2", "ORG", "КНБ", "КНБ", 1),
    ]
    assert report_csv(rows).splitlines() == [
        "document,kind,term,found,count",
        "interview_1,PLACE,Алматы,Алмате,1",
        "interview_1,PLACE,Алматы,Алматы,2",
        "interview_2,ORG,КНБ,КНБ,1",
    ]


def test_offsets_of_codings_move_with_the_redaction(redactor: Redactor) -> None:
    text = "Она из Алматы, работает в КНБ давно."
    out, replacements = redactor.apply(text)
    coded = (text.index("работает"), text.index(" давно"))
    start = map_offset(replacements, coded[0])
    end = map_offset(replacements, coded[1], end=True)
    assert out[start:end] == "работает в [ORG]"
    name = (text.index("Алматы"), text.index("Алматы") + 3)  # part of a redacted word
    assert out[map_offset(replacements, name[0]) : map_offset(replacements, name[1], end=True)] == (
        "[PLACE]"
    )
    assert map_offset(replacements, len(text), end=True) == len(out)


def test_a_csv_list_and_bad_lists(tmp_path: Path) -> None:
    table = tmp_path / "list.csv"
    table.write_text("kind,term,replacement\nplace,Шымкент,\nname,Ерлан,R2\n", encoding="utf-8")
    redactor = Redactor.from_file(table)
    assert redactor.redact("Ерлан из Шымкента") == "R2 из [PLACE]"

    bad = tmp_path / "bad.txt"
    bad.write_text("PLACE: Алматы\nORG: ...\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Redactor.from_file(bad)
    assert caught.value.line == 2 and caught.value.file == str(bad)
    legacy = tmp_path / "cp1251.txt"
    legacy.write_bytes("PLACE: Алматы\n".encode("cp1251"))
    with pytest.raises(InputError, match="UTF-8"):
        Redactor.from_file(legacy)
    with pytest.raises(InputError, match="columns"):
        Redactor.from_file(_write(tmp_path / "x.csv", "a,b\n1,2\n"))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_real_names_become_pseudonyms_and_stored_text_is_unchanged(store: Store) -> None:
    from storage.models import TranscriptInput, UtteranceInput

    store.participants.add_attribute("employer", "text", sensitive=True)
    person = store.participants.add(
        "R1", real_name="Ерлан Кенжебаев", attributes={"employer": "Акимат Кордайского района"}
    )
    session = store.sessions.add("Интервью 1", "interview")
    original = "Меня зовут Ерлан Кенжебаев, я из акимата Кордайского района. Кенжебаева знают."
    transcript = store.transcripts.add(
        session.id,
        TranscriptInput("t", ("ru",), (UtteranceInput("R1", 0, None, (original,)),)),
    )
    redactor = Redactor(
        participant_entries(store.participants.all())
        + sensitive_attribute_entries(store.participants.all(), store.participants.attributes())
    )
    layer = store.transcripts.layers(transcript.id)[0]
    out, _ = redactor.apply(layer.text)
    assert out == "Меня зовут R1, я из [employer]. R1 знают."
    assert store.transcripts.layers(transcript.id)[0].text == original
    assert person.real_name == "Ерлан Кенжебаев"


def test_an_empty_list_changes_nothing() -> None:
    redactor = Redactor([RedactionEntry("   ")])
    assert not redactor
    assert redactor.apply("Алматы") == ("Алматы", [])
