"""The message catalogs: up to date with the code, complete, consistent, compilable.

When a test here fails after you added or changed a user-visible string, run
``python -m i18n.catalogs update`` and translate the new entries (docs/translating.md).
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from i18n import _, set_language, translations
from i18n.catalog_checks import (
    TRANSLATED_LANGUAGES,
    placeholder_mismatches,
    placeholders,
    plural_problems,
    template_drift,
    untranslatable_calls,
    untranslated,
)
from i18n.extraction import catalog_path, compile_catalogs, read_catalog

HOW_TO_FIX = "run `python -m i18n.catalogs update`, then translate (docs/translating.md):\n"


def test_template_holds_exactly_the_msgids_in_the_code() -> None:
    problems = template_drift()
    assert not problems, HOW_TO_FIX + "\n".join(problems)


def test_no_text_is_formatted_before_it_is_looked_up() -> None:
    problems = untranslatable_calls()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalog_is_fully_translated(language: str) -> None:
    problems = untranslated(language)
    assert not problems, HOW_TO_FIX + "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_placeholders_and_markup_match_the_msgid(language: str) -> None:
    problems = placeholder_mismatches(language)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("language", "forms"), [("en", 2), ("ru", 3), ("kk", 2)])
def test_plural_forms_follow_cldr(language: str, forms: int) -> None:
    assert get_plural(language).num_plurals == forms
    assert read_catalog(catalog_path(language), language).num_plurals == forms
    problems = plural_problems(language)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("header", "right"),
    [
        # Babel 2.18 and 2.19 write Russian's rule differently; both are the same rule.
        (
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);",
            True,
        ),
        (
            "nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && "
            "n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;",
            True,
        ),
        ("nplurals=2; plural=(n != 1);", False),
        # "12 файла" would be wrong: 12-14 take the third form.
        (
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);",
            False,
        ),
    ],
)
def test_plural_header_is_compared_with_cldr_by_value(
    tmp_path: Path, header: str, right: bool
) -> None:
    po = tmp_path / "suhbat.po"
    text = catalog_path("ru").read_text(encoding="utf-8")
    start = text.index('"Plural-Forms:')
    end = text.index('\\n"\n', start) + len('\\n"\n')
    po.write_text(text[:start] + f'"Plural-Forms: {header}\\n"\n' + text[end:], encoding="utf-8")
    problems = [p for p in plural_problems("ru", po) if "Plural-Forms" in p]
    assert (not problems) is right


def test_placeholder_check_sees_fields_conversions_and_markup() -> None:
    assert set(placeholders("{file}, line {line}: {value!r}")) == {
        "{file}",
        "{line}",
        "{value!r}",
    }
    assert set(placeholders("Press [b]{key}[/b]")) == {"[b]", "{key}", "[/b]"}
    assert placeholders("{a} and {a}")["{a}"] == 2


def test_compiled_catalogs_apply_russian_plural_rules(tmp_path: Path) -> None:
    compile_catalogs(("ru", "kk"), directory=tmp_path)
    ru = gettext.translation("suhbat", tmp_path, ["ru"])
    kk = gettext.translation("suhbat", tmp_path, ["kk"])
    plural_messages = [
        m for m in read_catalog(catalog_path("ru"), "ru") if isinstance(m.id, (list, tuple))
    ]
    assert plural_messages, "the code should have at least one ngettext message"
    for message in plural_messages:
        assert isinstance(message.id, (list, tuple)) and isinstance(message.string, (list, tuple))
        singular, plural = message.id
        one, few, many = message.string
        # 1, 21, 101 → one; 2–4, 22 → few; 0, 5–20, 11–14, 25 → many
        for n, expected in [(1, one), (21, one), (101, one), (2, few), (4, few), (22, few)]:
            assert ru.ngettext(singular, plural, n) == expected
        for n in (0, 5, 11, 12, 14, 19, 25, 100):
            assert ru.ngettext(singular, plural, n) == many
        kk_message = read_catalog(catalog_path("kk"), "kk").get(message.id)
        assert kk_message is not None and isinstance(kk_message.string, (list, tuple))
        kk_forms = kk_message.string
        assert kk.ngettext(singular, plural, 1) == kk_forms[0]
        assert kk.ngettext(singular, plural, 7) == kk_forms[1]


def test_interface_language_switches_at_run_time() -> None:
    set_language("ru")
    assert _("Interface language: {language}") == "Язык интерфейса: {language}"
    set_language("kk")
    assert _("Interface language: {language}") == "Интерфейс тілі: {language}"
    set_language("en")
    assert _("Interface language: {language}") == "Interface language: {language}"


def test_a_document_language_is_independent_of_the_ui_language() -> None:
    set_language("ru")
    assert translations("kk").gettext("Participants") == "Қатысушылар"
    assert translations("xx").gettext("Participants") == "Participants"
    assert _("Participants") == "Участники"
