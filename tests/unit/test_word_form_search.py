"""Search finds word forms (ru, kk, en), both Kazakh scripts and look-alike letters;
quotes find one exact form, prefixes and phrases keep working, each hit shows its form."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from transcript_data import add_transcript

from storage import Store
from storage.schema import MIGRATIONS, word_form_index


def _add(store: Store, title: str, language: str, *texts: str) -> int:
    return add_transcript(store, texts, session=title, title=title, language=language)


@pytest.fixture
def project(store: Store) -> Store:
    _add(
        store,
        "Интервью",
        "ru",
        "Согласование занимает три дня.",
        "Без согласования акимата ничего не делают.",
        "Мы ждём согласований проекта в акимате.",
        "Проект согласовали быстро.",
    )
    _add(
        store,
        "Сұхбат",
        "kk",
        "Әкімдікке барып, облысымыздың бюджетін сұрадық.",
        "Azamattar äkımdıkten jauap kütedı.",
        "Бұл шешімді азаматтар білмейді.",
    )
    _add(store, "Interview", "en", "The councils were running late.", "A council decides.")
    return store


def _forms(store: Store, query: str) -> list[str]:
    return [h.snippet[h.match_start : h.match_end] for h in store.search.hits(query)]


def test_a_russian_word_finds_its_forms(project: Store) -> None:
    assert _forms(project, "согласования") == ["Согласование", "согласования", "согласований"]
    assert _forms(project, "акимат") == ["акимата", "акимате"]


def test_a_word_in_quotes_finds_only_that_form(project: Store) -> None:
    assert _forms(project, '"согласования"') == ["согласования"]
    assert _forms(project, '"Согласование"') == ["Согласование"]


def test_prefix_still_matches_the_start_of_words(project: Store) -> None:
    assert _forms(project, "соглас*") == [
        "Согласование",
        "согласования",
        "согласований",
        "согласовали",
    ]


def test_phrases_match_word_forms_in_order(project: Store) -> None:
    assert _forms(project, '"согласование проект"') == ["согласований проекта"]
    assert _forms(project, '"проект согласование"') == []
    assert _forms(project, '="согласований проекта"') == ["согласований проекта"]
    assert _forms(project, '="согласование проекта"') == []


def test_kazakh_forms_with_case_possessive_and_plural(project: Store) -> None:
    assert _forms(project, "әкімдік") == ["Әкімдікке", "äkımdıkten"]
    assert _forms(project, "облыс") == ["облысымыздың"]
    assert _forms(project, "азамат") == ["Azamattar", "азаматтар"]
    assert _forms(project, "шешім") == ["шешімді"]


def test_kazakh_latin_and_cyrillic_find_each_other(project: Store) -> None:
    assert _forms(project, "azamat") == ["Azamattar", "азаматтар"]
    assert _forms(project, "бюджет") == _forms(project, "biudjet") == ["бюджетін"]
    assert _forms(project, "akimat") == ["акимата", "акимате"]


def test_english_uses_snowball(project: Store) -> None:
    assert _forms(project, "council") == ["councils", "council"]
    assert _forms(project, "run") == ["running"]


def test_latin_look_alikes_inside_cyrillic_words_are_found(store: Store) -> None:
    mixed = "соглаcование"  # Latin c
    _add(store, "Набор", "ru", f"Идёт {mixed} с акиматом.")
    assert _forms(store, "согласование") == [mixed]
    layer = store.transcripts.layers(store.search.hits("согласование")[0].transcript_id)[0]
    assert mixed in layer.text  # the stored text is left as typed


def test_edits_keep_the_word_form_index_in_step(project: Store) -> None:
    (hit,) = project.search.hits("шешім")
    project.transcripts.edit_layer_text(hit.layer_id, hit.start, hit.end, "шешімдерді")
    assert _forms(project, "шешім") == ["шешімдерді"]
    project.transcripts.delete(hit.transcript_id)
    assert project.search.hits("шешім") == []


def test_older_projects_get_the_word_form_index(tmp_path: Path) -> None:
    path = tmp_path / "old.suhbat"
    with Store.create(path, languages=("ru",)) as store:
        _add(store, "Интервью", "ru", "Без согласования акимата.")
    before = MIGRATIONS.index(word_form_index)  # the file as that version left it: no index
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE span_key_fts")
    conn.execute(f"PRAGMA user_version = {before}")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert _forms(store, "согласование") == ["согласования"]


def test_kazakh_words_inside_a_russian_layer_are_keyed_as_kazakh(store: Store) -> None:
    _add(store, "Смешанное", "ru", "Там говорят про қызметтерді и акимат.")
    assert _forms(store, "қызмет") == ["қызметтерді"]
    assert _forms(store, "акиматом") == ["акимат"]


def test_an_older_project_is_stemmed_once_on_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.schema as schema

    path = tmp_path / "old.suhbat"
    with Store.create(path, languages=("ru",)) as store:
        _add(store, "Интервью", "ru", "Без согласования акимата.")
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE span_key_fts")
    conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(word_form_index)}")
    conn.commit()
    conn.close()
    fills: list[int] = []
    real = schema._fill_word_form_keys

    def counted(conn: sqlite3.Connection) -> None:
        fills.append(1)
        real(conn)

    monkeypatch.setattr(schema, "_fill_word_form_keys", counted)
    with Store(path) as store:
        assert _forms(store, "согласование") == ["согласования"]
    assert len(fills) == 1
