"""The words of analysis tables in the reader's language, without importing i18n.

``analysis`` is headless and below ``i18n`` in the layering, so every function that
produces user-visible text (a table's title, unit, column headers, notes, the reason a
statistic is undefined) takes a :class:`Translator` argument ``tr`` that defaults to
:data:`ENGLISH`. The edges pass a real catalog (``i18n.translations(language)``, a
:class:`gettext.NullTranslations`), which satisfies the protocol.

Inside, write ``_ = tr.gettext`` and ``_("Code frequencies")``, and
``tr.ngettext("{n} session", "{n} sessions", n).format(n=n)`` for counts, so that
Babel's default keywords extract the msgids. Never build a msgid with an f-string.

Numbers inside notes are written locale-neutrally (plain integers, a dot in
decimals), the same way the table's cells are (docs/decisions.md).
"""

from __future__ import annotations

import gettext
from fractions import Fraction
from typing import Protocol

from storage.errors import N_


class Translator(Protocol):
    """What analysis needs from a catalog: ``gettext`` and ``ngettext``."""

    def gettext(self, message: str, /) -> str:
        """``message`` in the reader's language."""
        ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        """The form of ``singular``/``plural`` for the count ``n`` in the reader's language."""
        ...


ENGLISH: Translator = gettext.NullTranslations()
"""The msgids themselves: English wording (also what JSON output uses)."""

SESSION_KIND_NAMES: dict[str, str] = {
    "interview": N_("interview"),
    "focus_group": N_("focus group"),
}
"""Session kind → its name in tables (msgid)."""


def plain_number(value: object) -> str:
    """A threshold or percentage for a note: ``5``, ``2.5`` (no digit grouping)."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{float(value):g}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
