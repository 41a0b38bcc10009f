"""Dates, numbers, percentages, durations and lists in the UI language, via Babel (CLDR).

Every function takes an optional keyword ``language`` (``en``, ``ru``, ``kk``); without
it the current UI language (:func:`i18n.get_language`) is used. Examples for
14 March 2024 in the long style: ``March 14, 2024`` · ``14 марта 2024 г.`` ·
``14 наурыз 2024 ж.`` (the space before ``г.``/``ж.`` is a narrow no-break space,
U+202F). CLDR's Kazakh patterns put the year first (``2024 ж. 14 наурыз``); suhbat
writes Kazakh dates day first like the Russian ones, see :data:`DATE_PATTERNS`.
Russian and Kazakh use a decimal comma and a no-break space (U+00A0) between digit
groups.

Sorting in a language's alphabet lives in :mod:`i18n.collation`; :func:`sort_key` and
:func:`sorted_names` are re-exported here for convenience.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers
from babel import units as babel_units

from i18n.collation import sort_key, sort_key_for, sorted_by_name, sorted_names

__all__ = [
    "babel_locale",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_duration",
    "format_list",
    "format_number",
    "format_numbers",
    "format_percent",
    "language_name",
    "sort_key",
    "sort_key_for",
    "sorted_by_name",
    "sorted_names",
]

Number = int | float | Decimal

DATE_PATTERNS: dict[str, dict[str, str]] = {
    "kk": {
        "short": "dd.MM.y",
        "medium": "d MMM y\u202f'ж'.",
        "long": "d MMMM y\u202f'ж'.",
        "full": "EEEE, d MMMM y\u202f'ж'.",
    },
}
"""Date patterns that replace CLDR's, per language and length: Kazakh day first
(``14 наурыз 2024 ж.``) and with a four-digit year in the short form (``14.03.2024``,
CLDR has ``14.03.24``), as Kazakh fieldworkers write dates and as in the Russian ones."""


def _language(language: str | None) -> str:
    if language is not None:
        return language
    from i18n import get_language

    return get_language()


def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale of ``language`` (default: the UI language)."""
    return _parsed_locale(_language(language))


@cache
def _parsed_locale(language: str) -> Locale:
    """Each language's locale, parsed once (a table formats thousands of numbers)."""
    return Locale.parse(language)


def _as_date(value: date | datetime | str) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def format_date(
    value: date | datetime | str | None, length: str = "long", *, language: str | None = None
) -> str:
    """A date such as ``14 марта 2024 г.``; ``length`` is short, medium, long or full.

    ``value`` may be an ISO 8601 string as stored in a project; text that is not a full
    ISO date (``2024-03``, ``spring 2024``) is returned unchanged, and None gives ``""``.
    """
    if value is None:
        return ""
    parsed = _as_date(value)
    if parsed is None:
        return str(value)
    if isinstance(parsed, datetime):
        parsed = parsed.date()
    return str(
        babel_dates.format_date(parsed, _date_pattern(length, language), babel_locale(language))
    )


def _date_pattern(length: str, language: str | None) -> str:
    return DATE_PATTERNS.get(_language(language), {}).get(length, length)


def format_datetime(
    value: datetime | str | None,
    length: str = "medium",
    *,
    language: str | None = None,
    timezone: tzinfo | str | None = None,
) -> str:
    """A date and time such as ``14 мар. 2024 г., 15:30:00``.

    Aware values (the project stores UTC) are shown in ``timezone``, by default the
    computer's local zone; naive values are shown as they are. ISO strings are accepted.
    """
    if value is None:
        return ""
    parsed = _as_date(value)
    if parsed is None:
        return str(value)
    if not isinstance(parsed, datetime):
        parsed = datetime.combine(parsed, time())
    zone = babel_dates.get_timezone(timezone) if parsed.tzinfo is not None else None
    locale = babel_locale(language)
    pattern = _date_pattern(length, language)
    if pattern == length:
        return str(babel_dates.format_datetime(parsed, length, tzinfo=zone, locale=locale))
    if zone is not None:
        parsed = parsed.astimezone(zone)
    day = babel_dates.format_date(parsed.date(), pattern, locale)
    clock = babel_dates.format_time(parsed, length, locale=locale)
    return str(locale.datetime_formats[length]).replace("{1}", day).replace("{0}", clock)


def format_number(value: Number, *, language: str | None = None) -> str:
    """A count or other number with the locale's digit grouping: ``1 234 567`` in ru."""
    if type(value) is int and value >= 0:  # counts: tables of 50,000 rows show 100,000
        separator = _group_separator(_language(language))
        if separator is not None:
            return f"{value:,}".replace(",", separator)
    return str(babel_numbers.format_decimal(value, locale=babel_locale(language)))


def format_numbers(values: Iterable[int], *, language: str | None = None) -> list[str]:
    """:func:`format_number` of many whole numbers (a table's column)."""
    separator = _group_separator(_language(language))
    if separator is None:
        return [format_number(value, language=language) for value in values]
    return [
        f"{value:,}".replace(",", separator)
        if value >= 0
        else format_number(value, language=language)
        for value in values
    ]


@cache
def _group_separator(language: str) -> str | None:
    """The digit-group separator when ``language`` writes a whole number ≥ 0 as plain
    ASCII digits in groups of three with nothing around them (en, ru and kk do), so that
    Python's ``{:,}`` with it gives what Babel gives; None for any other pattern."""
    locale = babel_locale(language)
    pattern = locale.decimal_formats[None]
    plain = pattern.grouping == (3, 3) and pattern.prefix[0] == pattern.suffix[0] == ""
    # (Babel writes Latin digits unless asked for the locale's own numbering system)
    return str(babel_numbers.get_group_symbol(locale, numbering_system="latn")) if plain else None


def _fixed(pattern_text: str, value: Number, digits: int, locale: Locale) -> str:
    pattern = babel_numbers.parse_pattern(pattern_text)
    pattern.frac_prec = (digits, digits)
    return str(pattern.apply(value, locale))


def format_decimal(value: Number, digits: int | None = None, *, language: str | None = None) -> str:
    """A decimal number: ``3,14`` in ru and kk; with ``digits``, exactly that many decimals."""
    locale = babel_locale(language)
    if digits is None:
        return str(babel_numbers.format_decimal(value, locale=locale))
    pattern = locale.decimal_formats[None].pattern
    return _fixed(pattern, value, digits, locale)


def format_percent(fraction: Number, digits: int = 0, *, language: str | None = None) -> str:
    """``fraction`` (0.456) as a percentage with ``digits`` decimals: ``45,6 %`` in ru."""
    locale = babel_locale(language)
    pattern = locale.percent_formats[None].pattern
    return _fixed(pattern, fraction, digits, locale)


def format_duration(seconds: Number, *, language: str | None = None) -> str:
    """A duration in short units: ``1 ч 15 мин``, ``1 сағ 15 мин``, ``3 min 20 sec``.

    Hours and minutes from one hour on (seconds rounded away), minutes and seconds
    below an hour.
    """
    locale = babel_locale(language)
    total = round(float(seconds))
    if total >= 3600:
        total = round(total / 60) * 60
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts: list[tuple[int, str]] = []
    if hours:
        parts.append((hours, "duration-hour"))
    if minutes:
        parts.append((minutes, "duration-minute"))
    if secs or not parts:
        parts.append((secs, "duration-second"))
    texts = [
        str(babel_units.format_unit(amount, unit, length="short", locale=locale))
        for amount, unit in parts
    ]
    return str(babel_lists.format_list(texts, style="unit-narrow", locale=locale))


def format_list(items: Iterable[str], *, language: str | None = None) -> str:
    """``a, b и c`` — a list joined the way the language joins lists."""
    return str(babel_lists.format_list(list(items), locale=babel_locale(language)))


def language_name(code: str, *, language: str | None = None) -> str:
    """The name of language ``code`` in ``language``; in its own language if that is None.

    ``language_name("kk")`` is ``Қазақ тілі``; ``language_name("kk", language="en")``
    is ``Kazakh``. Unknown codes are returned unchanged.
    """
    try:
        locale = Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    name = locale.get_display_name(Locale.parse(language) if language else locale)
    if not name:
        return code
    return name[:1].upper() + name[1:]
