"""Words whose dictionary form a stemmer cuts too short (Snowball reads the ``-им`` of
``аким`` as an ending) share one key with their forms, in the index and in queries, and
older projects get the corrected keys when they are opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from transcript_data import add_transcript

from storage import Store
from storage.schema import MIGRATIONS, rebuild_word_form_keys
from storage.word_forms import word_key

RUSSIAN_FORMS = {
    "аким": "аким акима акиму акимом акиме акимы акимов акимам акимами акимах",
    "казах": "казах казаха казаху казахом казахе казахи казахов казахам",
    "оралман": "оралман оралмана оралману оралманом оралмане оралманы оралманов",
    "аксакал": "аксакал аксакала аксакалу аксакалом аксакалы аксакалов",
    "ауыл": "ауыл ауыла ауылу ауылом ауыле ауылы",
    "астана": "астана астаны астане астану астаной",
    "исполком": "исполком исполкома исполкому исполкомом",
    "госорган": "госорган госоргана госорганы госорганов госорганам",
    "мажилисмен": "мажилисмен мажилисмена мажилисмену мажилисменом мажилисмены",
    "имам": "имам имама имаму имамом имамы",
    # Snowball already gets these right: the list must not change them.
    "акимат": "акимат акимата акимату акиматом акимате акиматы акиматов",
    "маслихат": "маслихат маслихата маслихату маслихатом маслихате маслихаты",
}
KAZAKH_FORMS = {
    "аудан": "аудан ауданы ауданға ауданның ауданда аудандар ауданының ауданына",
    "кеңес": "кеңес кеңесі кеңеске кеңестің кеңесте",
    "қоғам": "қоғам қоғамы қоғамға қоғамның қоғамда",
    "аким": "аким акимі акимге акимнің",
}


@pytest.mark.parametrize(("language", "forms"), [("ru", RUSSIAN_FORMS), ("kk", KAZAKH_FORMS)])
def test_every_form_of_the_listed_words_shares_one_key(
    language: str, forms: dict[str, str]
) -> None:
    for lemma, words in forms.items():
        keys = {word_key(word, language) for word in words.split()}
        assert keys == {word_key(lemma, language)}, lemma


def test_the_list_leaves_other_words_alone() -> None:
    assert word_key("акимовский", "ru") == "акимовск"
    assert word_key("акиматовский", "ru") == "акиматовск"
    assert word_key("ак", "ru") == "ак"
    assert word_key("госорганизаций", "ru") == word_key("госорганизация", "ru")


def _project(path: Path) -> Store:
    store = Store.create(path, languages=("ru",))
    add_transcript(
        store,
        (
            "Аким приходил к нам весной.",
            "Мы писали акиму, встречались с акимом.",
            "Без подписи акима ничего не делают.",
        ),
    )
    return store


def _forms(store: Store, query: str) -> list[str]:
    return [o.matched for o in store.search.occurrences(query)]


def test_akim_finds_every_form_and_its_forms_find_it(tmp_path: Path) -> None:
    with _project(tmp_path / "p.suhbat") as store:
        everything = ["Аким", "акиму", "акимом", "акима"]
        assert _forms(store, "аким") == everything
        assert _forms(store, "акимом") == everything
        assert _forms(store, '"аким"') == ["Аким"]


def test_an_older_project_gets_its_keys_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "old.suhbat"
    _project(path).close()
    before = MIGRATIONS.index(rebuild_word_form_keys)
    conn = sqlite3.connect(path)  # a file as older versions left it: other keys
    conn.execute("INSERT INTO span_key_fts (span_key_fts) VALUES ('delete-all')")
    conn.execute(f"PRAGMA user_version = {before}")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert _forms(store, "аким") == ["Аким", "акиму", "акимом", "акима"]
