"""A project's own stop-word lists, kept in the project file as settings.

Each language's list starts as the one shipped with suhbat
(:func:`analysis.stop_words.shipped_stop_words`); once a user edits it, the project
keeps the edited list (setting ``stop_words.LANG``, one word a line) and uses it for
word frequencies on every machine the project goes to. Resetting drops the setting.
"""

from __future__ import annotations

from collections.abc import Iterable

from analysis.stop_words import parse_stop_words, shipped_stop_words
from storage.store import Store

SETTING_PREFIX = "stop_words."


def _key(language: str) -> str:
    return SETTING_PREFIX + language


def stop_words(store: Store, language: str) -> frozenset[str]:
    """The project's stop words for ``language`` (its own list, or the shipped one)."""
    own = store.get_setting(_key(language))
    return parse_stop_words(own) if own is not None else shipped_stop_words(language)


def all_stop_words(
    store: Store, languages: Iterable[str] | None = None
) -> dict[str, frozenset[str]]:
    """Stop words for each of ``languages`` (default: the project's languages)."""
    wanted = tuple(languages) if languages is not None else store.project().languages
    return {language: stop_words(store, language) for language in wanted}


def is_customised(store: Store, language: str) -> bool:
    """Whether the project keeps its own list for ``language``."""
    return store.get_setting(_key(language)) is not None


def stop_words_text(store: Store, language: str) -> str:
    """The list for ``language`` as text to edit: one word a line, sorted."""
    return "\n".join(sorted(stop_words(store, language)))


def save_stop_words(store: Store, language: str, text: str) -> frozenset[str]:
    """Keep ``text`` (words separated by lines, spaces or commas) as the project's list."""
    words = parse_stop_words(text)
    store.set_setting(_key(language), "\n".join(sorted(words)))
    return words


def reset_stop_words(store: Store, language: str) -> None:
    """Go back to the shipped list for ``language``."""
    store.delete_setting(_key(language))
