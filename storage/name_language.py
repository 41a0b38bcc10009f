"""Which of a project's languages a name is written in, from its script.

A code name is stored per language (``{"ru": "Бюрократия", "en": "Bureaucracy"}``),
so a name typed or imported without a language must be filed under the language it
is in, not the interface's or the project's first: a Russian name under ``en`` would
show in English reports and REFI-QDA exports as if it were English.

Cyrillic with a letter only Kazakh uses (ә, ғ, қ, ң, ө, ұ, ү, һ, і) is Kazakh; other
Cyrillic is Russian (or Kazakh in a project without Russian); Latin is English (or
the first project language written in Latin script). Names with no letters, or in a
script none of the project's languages uses, take ``fallback``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
"""Cyrillic letters Kazakh has and Russian has not."""

CYRILLIC_LANGUAGES = ("ru", "kk", "uk", "be", "ky", "tg", "mn", "sr", "bg", "mk")
"""Language codes written in Cyrillic (the rest are taken as Latin-script languages)."""


def script_of(name: str) -> str | None:
    """``"cyrillic"``, ``"latin"`` or another script name of most letters; None if none."""
    counts: dict[str, int] = {}
    for char in name:
        if not char.isalpha():
            continue
        script = unicodedata.name(char, "").split(" ", 1)[0].lower()
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else None


def name_language(name: str, languages: Sequence[str], fallback: str) -> str:
    """The language of ``languages`` that ``name`` is written in (else ``fallback``)."""
    script = script_of(name)
    if script == "cyrillic":
        cyrillic = [x for x in languages if x in CYRILLIC_LANGUAGES]
        if "kk" in cyrillic and any(c in KAZAKH_LETTERS for c in name):
            return "kk"
        if "ru" in cyrillic:
            return "ru"
        return cyrillic[0] if cyrillic else fallback
    if script == "latin":
        latin = [x for x in languages if x not in CYRILLIC_LANGUAGES]
        if "en" in latin:
            return "en"
        return latin[0] if latin else fallback
    return fallback
