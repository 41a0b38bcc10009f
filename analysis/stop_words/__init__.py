"""Stop-word lists shipped with suhbat (ru, kk, en), one folded word a line.

A project may keep its own list per language (see :mod:`exports.project_stop_words`);
these are the defaults it starts from. Lines starting with ``#`` are comments.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from storage.text import fold

SHIPPED_LANGUAGES = ("ru", "kk", "en")
"""The languages with a shipped list; any other language starts with an empty list."""


def parse_stop_words(text: str) -> frozenset[str]:
    """The words of a stop-word list: one or more per line (spaces or commas between),
    ``#`` comments and blank lines ignored, folded (case, ё/е)."""
    words: set[str] = set()
    for line in text.splitlines():
        content = line.split("#", 1)[0]
        for word in content.replace(",", " ").split():
            words.add(fold(word))
    return frozenset(words)


@cache
def shipped_stop_words(language: str) -> frozenset[str]:
    """The shipped list for ``language`` (empty for a language without one)."""
    if language not in SHIPPED_LANGUAGES:
        return frozenset()
    text = resources.files(__name__).joinpath(f"{language}.txt").read_text(encoding="utf-8")
    return parse_stop_words(text)


def shipped_stop_words_text(language: str) -> str:
    """The shipped list as text, one word a line, sorted (what an editor starts from)."""
    return "\n".join(sorted(shipped_stop_words(language)))
