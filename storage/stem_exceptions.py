"""Stems a stemmer cuts too short: a reviewed list of words and the key all their forms get.

Snowball reads the ``-им`` of ``аким`` as an ending and keys it ``ак``, while «акима»,
«акиму», «акимом» keep ``аким``: a search for the dictionary form then misses every other
form, and back. For the words listed here a word that starts with the listed stem and
was stemmed shorter than it gets the listed stem instead (``аким`` → ``аким``; «акимат»,
stemmed ``акимат``, is left alone). Each entry was checked against its forms (see
``tests/unit/test_stem_exceptions.py``): a word is listed only when its stemmer gives
its forms more than one key. Why a list and not a better stemmer: docs/decisions.md,
"Stems the stemmers cut too short". Changing the list changes keys: bump
:data:`storage.word_forms.KEY_VERSION` with a migration that rebuilds the index.
"""

from __future__ import annotations

RUSSIAN = (
    "аким",  # аким → ак (Snowball), акима → аким
    "казах",  # казах → каз
    "оралман",  # оралман, оралмана, оралманы → оралма
    "аксакал",  # аксакал, аксакала → аксака
    "ауыл",  # ауыл, ауыла → ау
    "астан",  # Астана, Астаны → аста; Астане → астан
    "исполком",  # исполком, исполкому → исполк
    "госорган",  # госорган, госоргана, госорганы → госорга
    "мажилисмен",  # мажилисмен, мажилисмена → мажилисм
    "имам",  # имам → им
)
"""Russian words of Kazakhstan fieldwork (administration, society) Snowball over-stems.

Checked and found right without an entry: акимат, маслихат, мажилис, депутат, аул, жуз,
батыр, кандас, округ, область, район, бюджет, чиновник, госслужба, поликлиника."""

KAZAKH = (
    "аудан",  # ауданы → ауда (read as -ны), аудан → аудан
    "кеңес",  # кеңесі → кеңе (read as -сі)
    "қоғам",  # қоғам → қоға (read as -м)
    "аким",  # аким → аки (read as -м), акимі → аким
)
"""Kazakh words whose stem ends like a suffix (the stripper's known misses, see
:mod:`storage.kazakh_stem`), and the Russian spelling of «әкім» in Kazakh text.

Checked and found right without an entry: әкім, әкімдік, әкімшілік, мәслихат, мәжіліс,
облыс, ауыл, депутат, министрлік, қала, бюджет, емхана, кезек, орталық."""


def _by_first_letter(stems: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for stem in stems:
        out[stem[0]] = (*out.get(stem[0], ()), stem)
    return out


_LISTS = {"r": _by_first_letter(RUSSIAN), "k": _by_first_letter(KAZAKH)}


def corrected(word: str, stem: str, family_letter: str) -> str:
    """``stem`` (of folded Cyrillic ``word`` in family ``r`` or ``k``), or the listed stem
    it falls short of."""
    for listed in _LISTS.get(family_letter, {}).get(word[:1], ()):
        if len(stem) < len(listed) and word.startswith(listed) and listed.startswith(stem):
            return listed
    return stem
