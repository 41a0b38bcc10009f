"""Sorting names and codes in the order of each language's alphabet."""

from __future__ import annotations

import random
from dataclasses import dataclass

from i18n import set_language
from i18n.collation import (
    KAZAKH_ALPHABET,
    RUSSIAN_ALPHABET,
    sort_key,
    sorted_by_name,
    sorted_names,
)

KAZAKH_ORDER = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я"


def test_kazakh_letters_sort_in_alphabet_order() -> None:
    letters = KAZAKH_ORDER.split()
    assert "".join(letters).lower() == KAZAKH_ALPHABET
    shuffled = letters[:]
    random.Random(7).shuffle(shuffled)
    assert sorted_names(shuffled, "kk") == letters
    assert sorted_names([c.lower() for c in shuffled], "kk") == [c.lower() for c in letters]


def test_kazakh_names_put_kazakh_letters_in_their_place() -> None:
    names = ["Үміт", "Ясмин", "Ұлан", "Уахит", "Әсел", "Бауыржан", "Айгүл", "Іңкәр", "Ыбырай"]
    assert sorted_names(names, "kk") == [
        "Айгүл",
        "Әсел",
        "Бауыржан",
        "Уахит",
        "Ұлан",
        "Үміт",
        "Ыбырай",
        "Іңкәр",
        "Ясмин",
    ]
    # Code-point order would put every Kazakh-specific letter after я.
    assert sorted(names)[-1] in {"Әсел", "Ұлан", "Үміт", "Іңкәр"}


def test_russian_order_and_yo_with_ye() -> None:
    letters = list(RUSSIAN_ALPHABET)
    shuffled = letters[:]
    random.Random(3).shuffle(shuffled)
    sorted_letters = sorted_names(shuffled, "ru")
    assert sorted_letters[:6] == ["а", "б", "в", "г", "д", "е"]
    assert sorted_letters[-3:] == ["э", "ю", "я"]
    # As in Russian dictionaries, ё sorts with е: the next letters decide.
    assert sorted_names(["Ёлка", "Елена", "ёжик", "Ежевика"], "ru") == [
        "Ежевика",
        "ёжик",
        "Елена",
        "Ёлка",
    ]
    # and on a tie, е comes before ё.
    assert sorted_names(["всё", "все"], "ru") == ["все", "всё"]


def test_yo_is_a_letter_of_its_own_in_kazakh() -> None:
    assert sorted_names(["Ёлка", "Ерлан", "Жанар"], "kk") == ["Ерлан", "Ёлка", "Жанар"]


def test_case_does_not_decide_before_letters_do() -> None:
    assert sorted_names(["бахыт", "Арман", "арман", "Ақбота", "Ә"], "kk") == [
        "Ақбота",
        "арман",
        "Арман",
        "Ә",
        "бахыт",
    ]


def test_scripts_order_depends_on_the_language() -> None:
    names = ["Zhanar", "Жанар", "alpha", "Арман"]
    assert sorted_names(names, "ru") == ["Арман", "Жанар", "alpha", "Zhanar"]
    assert sorted_names(names, "kk") == ["Арман", "Жанар", "alpha", "Zhanar"]
    assert sorted_names(names, "en") == ["alpha", "Zhanar", "Арман", "Жанар"]


def test_numbers_inside_codes_sort_by_value() -> None:
    assert sorted_names(["P10", "P2", "P1", "P02b"], "en") == ["P1", "P2", "P02b", "P10"]
    assert sorted_names(["Р-12", "Р-3", "Р-100"], "ru") == ["Р-3", "Р-12", "Р-100"]


def test_accented_latin_sorts_with_its_base_letter() -> None:
    assert sorted_names(["Eve", "Émile", "Zoe", "Ellen"], "en") == ["Ellen", "Émile", "Eve", "Zoe"]


def test_default_language_is_the_ui_language() -> None:
    set_language("kk")
    assert sorted(["Ұлан", "Ыбырай", "Уахит"], key=sort_key) == ["Уахит", "Ұлан", "Ыбырай"]


def test_sorting_records_by_a_name_field() -> None:
    @dataclass(frozen=True)
    class Code:
        name: str

    codes = [Code("Қоныс аудару"), Code("Кәсіп"), Code("Әлеуметтік желі"), Code("Отбасы")]
    ordered = sorted_by_name(codes, lambda c: c.name, "kk")
    assert [c.name for c in ordered] == ["Әлеуметтік желі", "Кәсіп", "Қоныс аудару", "Отбасы"]


def test_spaces_separate_words_before_letters_continue() -> None:
    assert sorted_names(["Ана тілі", "Анасы", "Ана"], "kk") == ["Ана", "Ана тілі", "Анасы"]
