"""The choices of the word-frequency table, apart from the counting (and its imports).

Menus and command-line options need these names without loading the word counter
(:mod:`analysis.word_frequencies`, which compiles its word pattern on import).
"""

from __future__ import annotations

from typing import Literal

WordsBy = Literal["transcript", "kind", "attribute"]
WordForms = Literal["lemma", "surface"]
WORDS_BY: tuple[WordsBy, ...] = ("transcript", "kind", "attribute")
WORD_FORMS: tuple[WordForms, ...] = ("lemma", "surface")
DEFAULT_TOP = 20
"""How many words per group a table shows unless asked for more or fewer."""
