"""Typing in translation mode's list: which keys are the translation's text.

Translation mode's commands are single letters with their Russian/Kazakh-layout twins
(``r,к``, ``m,ь`` …). A translator into Kazakh or Russian types with that layout on, so
a sentence typed while the list has the focus («Айтыңызшы…») would otherwise run the
commands its letters are twins of. Here a key typed in the list is text, and starts
the highlighted utterance's translation with it, when

- it is a letter of the target language's script (Cyrillic for ``kk``, ``ru``…), even
  if it is a command's layout twin; or
- it is printable and no key binding.

Latin command keys stay commands; on a Cyrillic target, they (and the command palette)
run the commands.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from functools import cache

from babel.core import get_global


@cache
def script_of(language: str) -> str:
    """The script a language is usually written in (``Cyrl``, ``Latn``…), per CLDR."""
    likely = get_global("likely_subtags")
    tag = str(likely.get(language.replace("-", "_").split("_")[0], ""))
    parts = tag.split("_")
    return parts[1] if len(parts) > 2 else ""


def letter_script(character: str) -> str:
    """``Cyrl`` for a Cyrillic letter, ``Latn`` for a Latin one, else empty."""
    if len(character) != 1 or not character.isalpha():
        return ""
    name = unicodedata.name(character, "")
    if name.startswith("CYRILLIC"):
        return "Cyrl"
    if name.startswith("LATIN"):
        return "Latn"
    return ""


def is_translation_text(
    character: str | None, key: str, language: str, bound_keys: Collection[str]
) -> bool:
    """Whether a key typed in the list is the start of a translation into ``language``.

    ``character`` is what the key types (None for keys that type nothing), ``key`` its
    name, ``bound_keys`` the keys bound where the list is.
    """
    if not character or not character.isprintable():
        return False
    script = letter_script(character)
    if script and script != "Latn" and script == script_of(language):
        return True
    return key not in bound_keys
