"""Analysis tables in Russian and Kazakh: titles, units, columns, notes and reasons.

Expected words come from the catalogs (the msgid's translation), never from printed
output; the checks are that a translation was used, that no English is left over
besides names from the data and authors' names, and that counts take the right
plural forms.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from english_leftovers import study_texts

from analysis.agreement import agreement_tables
from analysis.agreement.presence import COLUMNS as PRESENCE_COLUMNS
from analysis.cooccurrence import cooccurrence
from analysis.crosstab import code_by_attribute, code_by_session, code_by_session_field
from analysis.dataset import StudyData
from analysis.frequencies import COLUMNS as FREQUENCY_COLUMNS
from analysis.frequencies import code_frequencies
from analysis.profile import participant_profile, session_profile, session_table, summarize_numeric
from analysis.saturation import CODE_COLUMNS, saturation, saturation_from_counts
from analysis.table import Table, format_cell, undefined_notes
from analysis.wording import ENGLISH
from exports.study.loading import load_study
from exports.table_catalog import TableContext, build_tables
from i18n import translations
from storage import Store
from storage.pseudonyms import PeopleNames

LANGUAGES = ("ru", "kk")
# Authors, software and coefficient abbreviations that stay Latin in every language.
LATIN_NAMES = {"Guest", "Namey", "Chen", "Brennan", "Prediger", "MAXQDA", "PABAK"}
WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def demo(demo_template: Path) -> Iterator[StudyData]:
    with Store(demo_template) as store:
        yield load_study(store, language="en", with_text=True)


def data_words(data: StudyData) -> set[str]:
    """Latin words that come from the project itself (code, coder, session, attribute names)."""
    texts = study_texts(data)
    texts += [data.code_path(c) for c in data.codes]
    texts += [data.layer_label(lid) for lid in data.layers]
    return {w for text in texts for w in WORD.findall(text)}


def english_left(table: Table, allowed: set[str]) -> list[str]:
    """Latin words in the table's own wording that are neither data nor names."""
    own = [table.title, table.unit, *table.columns, *table.notes]
    return [w for text in own for w in WORD.findall(text) if w not in allowed | LATIN_NAMES]


def all_tables(data: StudyData, language: str) -> list[Table]:
    tr = translations(language)
    return [
        code_frequencies(data).to_table(tr),
        code_by_attribute(data, "gender").to_table(tr),
        code_by_session_field(data, "setting", unit="participants").to_table(tr),
        code_by_session(data).to_table(tr),
        cooccurrence(data).to_table(tr),
        cooccurrence(data, mode="utterance").to_table(tr),
        participant_profile(data).to_table(tr),
        session_profile(data).to_table(tr),
        session_table(data).to_table(tr),
        saturation(data).to_table(tr),
        *agreement_tables(data, tr=tr),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_is_left_in_any_table(demo: StudyData, language: str) -> None:
    allowed = data_words(demo)
    for table in all_tables(demo, language):
        assert english_left(table, allowed) == [], table.key
    # The English tables do have Latin words in the same places: the check can fail.
    english = code_frequencies(demo).to_table()
    assert english_left(english, allowed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_frequency_table_uses_the_catalog_and_keeps_stable_keys(
    demo: StudyData, language: str
) -> None:
    tr = translations(language)
    table = code_frequencies(demo).to_table(tr)
    english = code_frequencies(demo).to_table()
    assert table.title == tr.gettext("Code frequencies") != english.title
    assert table.columns == tuple(tr.gettext(c) for c in FREQUENCY_COLUMNS)
    assert table.columns != english.columns
    assert table.column_keys == english.columns == FREQUENCY_COLUMNS
    # Picking a column by its key works whatever the language.
    assert table.column("Segments") == english.column("Segments")
    assert table.records()[0].keys() == english.records()[0].keys()
    levels = {str(cell) for cell in table.column("Level")}
    assert levels == {tr.gettext("theme"), tr.gettext("code")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_agreement_tables_are_worded_in_the_language(demo: StudyData, language: str) -> None:
    tr = translations(language)
    presence, segments, _disagreements, unitizing = agreement_tables(demo, tr=tr)
    assert presence.title == tr.gettext("Intercoder agreement: code presence per document")
    assert presence.unit == tr.gettext("documents")
    assert presence.columns == tuple(tr.gettext(c) for c in PRESENCE_COLUMNS)
    assert presence.rows[-1][0] == tr.gettext("All codes (pooled)")
    assert segments.title == tr.gettext("Intercoder agreement: segment overlap")
    assert unitizing.title == tr.gettext(
        "Intercoder agreement: Krippendorff's unitizing α (uα, 2019)"
    )
    assert unitizing.rows[-2][0] == tr.gettext("All codes (uα)")
    assert unitizing.rows[-1][0] == tr.gettext("Any code vs. uncoded text (|uα)")
    for table in (presence, segments, unitizing):
        assert not [note for note in table.notes if "{" in note]  # placeholders filled in


@pytest.mark.parametrize("language", LANGUAGES)
def test_undefined_reasons_are_translated(language: str) -> None:
    tr = translations(language)
    one_value = summarize_numeric("age", ["41"])
    notes = undefined_notes([("SD", one_value.sd)], tr)
    reason = tr.gettext("a standard deviation needs at least two values")
    assert reason != "a standard deviation needs at least two values"
    assert notes == (
        tr.gettext("{label}: undefined — {reason}.").format(label="SD", reason=reason),
    )
    assert format_cell(True, tr=tr) == tr.gettext("yes") != "yes"


def left_out_note(n: int, language: str) -> str:
    result = saturation_from_counts([3, 2, 1, 0, 0, 0])
    table = dataclasses.replace(result, excluded_sessions=tuple(range(n))).to_table(
        translations(language)
    )
    return table.notes[-1]


def test_russian_plural_forms_of_left_out_sessions() -> None:
    tr = translations("ru")
    notes = {n: left_out_note(n, "ru") for n in (1, 2, 5, 21)}
    for n, note in notes.items():
        msg = tr.ngettext(
            "{n} session without codings was left out.",
            "{n} sessions without codings were left out.",
            n,
        )
        assert note == msg.format(n=n)
    # One, few, many: «1 сессия», «2 сессии», «5 сессий»; 21 takes the form of 1.
    assert "1 сессия " in notes[1]
    assert "2 сессии " in notes[2]
    assert "5 сессий " in notes[5]
    assert "21 сессия " in notes[21]


def test_kazakh_keeps_the_noun_singular_after_a_number() -> None:
    notes = {n: left_out_note(n, "kk") for n in (1, 2, 5)}
    assert "1 сессия " in notes[1] and "2 сессия " in notes[2] and "5 сессия " in notes[5]
    english = {n: left_out_note(n, "en") for n in (1, 2)}
    assert english[1].startswith("1 session without") and english[2].startswith("2 sessions")


def test_saturation_verdicts_and_reasons_follow_the_language() -> None:
    tr = translations("ru")
    short = saturation_from_counts([3, 2, 1])
    outcome = short.outcomes[0]
    assert outcome.reason == "3 sessions; a base of 4 and a run of 2 need at least 6"
    reason = outcome.reason_text(tr)
    assert reason is not None and "3 сессии" in reason and "6" in reason
    assert outcome.label_text(tr) == tr.gettext("not reached") != "not reached"
    table = short.to_table(tr)
    assert table.columns == tuple(tr.gettext(c) for c in CODE_COLUMNS)
    assert table.rows[0][4] == tr.gettext("base")


def test_json_and_the_default_stay_english(demo: StudyData) -> None:
    english = code_frequencies(demo).to_table(ENGLISH)
    assert english == code_frequencies(demo).to_table()
    assert english.to_json()["columns"][:3] == ["Code", "Level", "Segments"]
    assert english.title == "Code frequencies"


@pytest.mark.parametrize("language", LANGUAGES)
def test_exported_tables_use_the_export_language(demo: StudyData, language: str) -> None:
    tr = translations(language)
    context = TableContext(PeopleNames.of(demo.participants.values()), language=language)
    tables = {t.key: t for t in build_tables(demo, ["frequencies", "saturation"], context)}
    assert tables["frequencies"].title == tr.gettext("Code frequencies")
    assert tables["saturation"].title == tr.gettext("Thematic saturation")
    assert tables["saturation"].columns[1] == tr.gettext("Session")
