"""Text in the language of an exported document, independent of the UI language.

A report may be written in Kazakh while the terminal app runs in English, and an
export running in a background thread must not switch the app's language, so
documents translate their labels through their own catalog.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from io import BytesIO

from i18n import DOMAIN, LANGUAGES, LOCALE_DIR

Translate = Callable[[str], str]
"""A gettext function for one language."""


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    mo = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with open(mo, "rb") as handle:
            return gettext.GNUTranslations(handle)
    if po.exists():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with open(po, "rb") as handle:
            catalog = read_po(handle)
        buffer = BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    return gettext.NullTranslations()


def translator(language: str) -> Translate:
    """The ``_`` of a document written in ``language`` (English when it has no catalog)."""
    if language not in LANGUAGES:
        language = "en"
    return _catalog(language).gettext
