"""Text in the language of an exported document, independent of the UI language.

A report may be written in Kazakh while the terminal app runs in English, and an
export running in a background thread must not switch the app's language, so
documents translate their labels through their own catalog.
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.wording import Translator
from i18n import translations

Translate = Callable[[str], str]
"""A gettext function for one language."""


def translator(language: str) -> Translate:
    """The ``_`` of a document written in ``language`` (English when it has no catalog)."""
    return translations(language).gettext


def wording(language: str) -> Translator:
    """The catalog of ``language`` as analysis tables take it (``result.to_table(tr)``)."""
    return translations(language)
