"""Dates as the app's tables and lists show them: short, and never ambiguous.

CLDR's short English date is ``7/8/22``: month first, which readers outside the United
States take for 7 August, and a two-digit year. Tables show English dates as
``2022-07-08`` (ISO 8601): numeric and as wide as the Russian and Kazakh
``08.07.2022``, so a column keeps its width when the language changes; other languages
keep their own short form (:func:`i18n.formatting.format_date` with ``short``).
"""

from __future__ import annotations

from datetime import date, datetime

from i18n import get_language
from i18n.formatting import format_date

SHORT_PATTERNS: dict[str, str] = {"en": "yyyy-MM-dd"}
"""Babel date patterns that replace the ``short`` length, per UI language."""


def short_date(value: date | datetime | str | None, *, language: str | None = None) -> str:
    """``value`` as a table shows it: ``2022-07-08`` in English, ``08.07.2022`` in ru/kk.

    Like :func:`i18n.formatting.format_date`: ISO strings are accepted, text that is not
    a full date is returned unchanged, and None gives ``""``.
    """
    code = language or get_language()
    return format_date(value, SHORT_PATTERNS.get(code, "short"), language=code)
