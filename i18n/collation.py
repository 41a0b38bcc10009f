"""Language-aware sort keys for names and codes (Kazakh, Russian and Latin alphabets).

Python sorts strings by code point, which puts Kazakh letters after ``я`` (``ә`` is
U+04D9) and capitals before every small letter. :func:`sort_key` orders text the way a
reader of the language expects:

* letters by the language's alphabet, case-insensitively first, small before capital
  only to break ties; accents (Latin ``é``, Russian ``ё``) count after the base letter;
* Kazakh (``kk``): А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч
  Ш Щ Ъ Ы І Ь Э Ю Я, with ``Ё`` a letter of its own;
* Russian (``ru``): the 33 letters, ``ё`` sorting with ``е`` (as in Russian
  dictionaries) and Kazakh letters right after their base letter (``ә`` after ``а``);
* Cyrillic before Latin in ``ru`` and ``kk``, Latin before Cyrillic in ``en``;
* runs of digits by their value, so ``P2`` comes before ``P10``;
* spaces and punctuation before digits, digits before letters.

The tables are written here rather than taken from ICU, which has no light wheel.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
"""The 42 letters of the Kazakh Cyrillic alphabet, in order."""

RUSSIAN_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
"""The 33 letters of the Russian alphabet, in order."""

LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
"""The basic Latin letters, in order."""

_KAZAKH_AFTER_BASE = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "ұ"}
_KAZAKH_AFTER_BASE |= {"һ": "х", "і": "и"}

_SPACE, _PUNCTUATION, _DIGIT, _FIRST_SCRIPT, _SECOND_SCRIPT, _OTHER = range(6)

Weight = tuple[int, int]
SortKey = tuple[tuple[Weight, ...], tuple[int, ...], tuple[int, ...], str]


def _russian_table() -> dict[str, tuple[int, int]]:
    """Russian letters plus Kazakh ones after their base: letter → (primary, secondary)."""
    order: list[str] = [c for c in RUSSIAN_ALPHABET if c != "ё"]
    for letter, base in _KAZAKH_AFTER_BASE.items():
        order.insert(order.index(base) + 1, letter)
    table = {letter: (index, 0) for index, letter in enumerate(order)}
    table["ё"] = (table["е"][0], 1)
    return table


def _kazakh_table() -> dict[str, tuple[int, int]]:
    """Kazakh letters in alphabet order: letter → (primary, secondary)."""
    return {letter: (index, 0) for index, letter in enumerate(KAZAKH_ALPHABET)}


_CYRILLIC_TABLES: dict[str, dict[str, tuple[int, int]]] = {
    "kk": _kazakh_table(),
    "ru": _russian_table(),
    "en": _russian_table(),
}
_LATIN_TABLE = {letter: (index, 0) for index, letter in enumerate(LATIN_ALPHABET)}


class _Collator:
    """Builds sort keys for one language."""

    def __init__(self, language: str) -> None:
        self.cyrillic = _CYRILLIC_TABLES.get(language, _CYRILLIC_TABLES["en"])
        latin_first = language not in ("ru", "kk")
        self.latin_group = _FIRST_SCRIPT if latin_first else _SECOND_SCRIPT
        self.cyrillic_group = _SECOND_SCRIPT if latin_first else _FIRST_SCRIPT

    def letter(self, char: str) -> tuple[Weight, int] | None:
        """Primary weight and accent of a lower-case letter, or None if not a known letter."""
        if char in self.cyrillic:
            primary, secondary = self.cyrillic[char]
            return (self.cyrillic_group, primary), secondary
        if char in _LATIN_TABLE:
            return (self.latin_group, _LATIN_TABLE[char][0]), 0
        return None

    def key(self, text: str) -> SortKey:
        """The sort key of ``text``: (letters and numbers, accents, case, text itself)."""
        text = unicodedata.normalize("NFC", text)
        primary: list[Weight] = []
        accents: list[int] = []
        cases: list[int] = []
        index = 0
        while index < len(text):
            char = text[index]
            if char.isdecimal():
                end = index
                while end < len(text) and text[end].isdecimal():
                    end += 1
                primary.append((_DIGIT, int(text[index:end])))
                index = end
                continue
            index += 1
            if char.isspace():
                if primary and primary[-1] != (_SPACE, 0):
                    primary.append((_SPACE, 0))
                continue
            lower = char.lower()
            cases.append(0 if lower == char else 1)
            found = self.letter(lower) if len(lower) == 1 else None
            if found is None:
                found = self._decomposed(lower)
            weight, accent = found
            primary.append(weight)
            accents.append(accent)
        while primary and primary[-1] == (_SPACE, 0):
            primary.pop()
        return tuple(primary), tuple(accents), tuple(cases), text

    def _decomposed(self, char: str) -> tuple[Weight, int]:
        """Weights of a letter not in the tables: its base letter plus an accent, if any."""
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        if marks:
            found = self.letter(base)
            if found is not None:
                accent = sum(ord(mark) for mark in marks) - 0x2FF
                return found[0], accent
        if unicodedata.category(char).startswith(("P", "S")):
            return (_PUNCTUATION, ord(char)), 0
        return (_OTHER, ord(char)), 0


_COLLATORS: dict[str, _Collator] = {}


def _collator(language: str | None) -> _Collator:
    if language is None:
        from i18n import get_language

        language = get_language()
    if language not in _COLLATORS:
        _COLLATORS[language] = _Collator(language)
    return _COLLATORS[language]


def sort_key(text: str, language: str | None = None) -> SortKey:
    """A key that sorts ``text`` in the order of ``language`` (default: the UI language)."""
    return _collator(language).key(text)


def sort_key_for(language: str | None = None) -> Callable[[str], SortKey]:
    """A one-argument key function for ``sorted``/``list.sort`` in ``language``."""
    collator = _collator(language)
    return collator.key


def sorted_by_name(
    items: Iterable[T], name: Callable[[T], str], language: str | None = None
) -> list[T]:
    """``items`` sorted by ``name(item)`` in the order of ``language``."""
    collator = _collator(language)
    return sorted(items, key=lambda item: collator.key(name(item)))


def sorted_names(names: Iterable[str], language: str | None = None) -> list[str]:
    """``names`` sorted in the order of ``language`` (default: the UI language)."""
    return sorted(names, key=sort_key_for(language))
