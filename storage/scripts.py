"""Writing systems in search keys: Kazakh Latin (2021) ⇄ Cyrillic, and Latin look-alikes.

Kazakh is written in Cyrillic and, more and more, in the Latin alphabet of 2021
(``akımat`` or ``akimat`` for «акимат»). Typed transcripts also have Latin letters
that look Cyrillic (``a o e c p x y``…) inside Cyrillic words. Both are undone for
the search index only; the stored text is never changed.
"""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")

LOOK_ALIKES = str.maketrans(
    {
        "a": "а",
        "A": "А",
        "B": "В",
        "c": "с",
        "C": "С",
        "e": "е",
        "E": "Е",
        "H": "Н",
        "i": "і",
        "I": "І",
        "K": "К",
        "k": "к",
        "M": "М",
        "o": "о",
        "O": "О",
        "p": "р",
        "P": "Р",
        "T": "Т",
        "x": "х",
        "X": "Х",
        "y": "у",
        "Y": "У",
    }
)
"""Latin letters that look like Cyrillic ones, and the Cyrillic letter meant."""

_LATIN_TO_CYRILLIC = {
    "a": "а",
    "ä": "ә",
    "b": "б",
    "c": "с",
    "d": "д",
    "e": "е",
    "f": "ф",
    "g": "г",
    "ğ": "ғ",
    "h": "х",
    "ı": "і",
    "i": "и",
    "j": "ж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "ñ": "ң",
    "o": "о",
    "ö": "ө",
    "p": "п",
    "q": "қ",
    "r": "р",
    "s": "с",
    "ş": "ш",
    "t": "т",
    "u": "у",
    "ū": "ұ",
    "ü": "ү",
    "v": "в",
    "w": "у",
    "x": "х",
    "y": "ы",
    "z": "з",
}
"""Kazakh Latin (2021) → Cyrillic, letter by letter (folded letters)."""

_CYRILLIC_TO_LATIN = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "s",
    "ч": "ş",
    "ш": "ş",
    "щ": "ş",
    "ъ": "",
    "ы": "y",
    "і": "ı",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
"""Kazakh Cyrillic → Latin (2021), folded letters."""

_KAZAKH_CANON = str.maketrans({"й": "и", "щ": "ш", "ч": "ш", "ц": "с", "һ": "х", "ъ": "", "ь": ""})
_CANON_DIGRAPHS = (("я", "иа"), ("ю", "иу"))
_L2C = str.maketrans(_LATIN_TO_CYRILLIC)
_C2L = str.maketrans(_CYRILLIC_TO_LATIN)


def is_cyrillic(word: str) -> bool:
    """Whether ``word`` has a Cyrillic letter."""
    return _CYRILLIC.search(word) is not None


def is_latin(word: str) -> bool:
    """Whether ``word`` has a Latin letter."""
    return _LATIN.search(word) is not None


def is_mixed(word: str) -> bool:
    """Whether ``word`` mixes Cyrillic letters with Latin ones (a typing slip, usually)."""
    return is_cyrillic(word) and is_latin(word)


def unmix(word: str) -> str:
    """``word`` with Latin look-alike letters made Cyrillic if it is a mixed-script word."""
    if not is_mixed(word):
        return word
    return word.translate(LOOK_ALIKES)


_FOLDED_LOOK_ALIKES = str.maketrans(
    {
        "a": "а",
        "b": "в",
        "c": "с",
        "e": "е",
        "h": "н",
        "i": "і",
        "k": "к",
        "m": "м",
        "o": "о",
        "p": "р",
        "t": "т",
        "x": "х",
        "y": "у",
    }
)


def unmix_folded(folded: str) -> str:
    """:func:`unmix` for a folded word (upper-case look-alikes ``B H M T`` are folded too)."""
    if not is_mixed(folded):
        return folded
    return folded.translate(_FOLDED_LOOK_ALIKES)


def kazakh_to_cyrillic(folded: str) -> str:
    """A folded Kazakh word in Latin (2021) letters written in Cyrillic (other letters kept)."""
    return folded.replace("i\u0307", "i").translate(_L2C)


def kazakh_to_latin(folded: str) -> str:
    """A folded Kazakh word in Cyrillic written in the Latin alphabet of 2021."""
    return folded.translate(_C2L)


def kazakh_canonical(folded: str) -> str:
    """A folded Kazakh Cyrillic word with letters Latin spelling cannot tell apart merged.

    ``й → и``, ``ч щ → ш``, ``ц → с``, ``һ → х``, ``я → иа``, ``ю → иу``; hard and
    soft signs dropped. A Cyrillic word and its Latin spelling then have one key.
    """
    out = folded.translate(_KAZAKH_CANON)
    for letter, pair in _CANON_DIGRAPHS:
        out = out.replace(letter, pair)
    return out


def other_script(folded: str) -> str | None:
    """The same folded word in the other script of Kazakh, or None if it has no letters."""
    if is_cyrillic(folded):
        return kazakh_to_latin(folded)
    if is_latin(folded):
        return kazakh_to_cyrillic(folded)
    return None
