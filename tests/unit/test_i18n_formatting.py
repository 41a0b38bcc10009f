"""Dates, numbers, percentages and durations in each UI language (Babel/CLDR)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from i18n import get_language, set_language
from i18n.formatting import (
    format_date,
    format_datetime,
    format_decimal,
    format_duration,
    format_list,
    format_number,
    format_percent,
    language_name,
)

NBSP = "\u00a0"
NNBSP = "\u202f"  # CLDR puts a narrow no-break space before г. and ж.


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """Leave the process-wide UI language as the test found it."""
    before = get_language()
    yield
    set_language(before)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "March 14, 2024"),
        ("ru", f"14 марта 2024{NNBSP}г."),
        # Day first, as the issue asks (CLDR's own Kazakh pattern puts the year first).
        ("kk", f"14 наурыз 2024{NNBSP}ж."),
    ],
)
def test_long_dates_follow_the_language(language: str, expected: str) -> None:
    assert format_date(date(2024, 3, 14), language=language) == expected
    assert format_date("2024-03-14", language=language) == expected


def test_short_dates_use_the_local_numeric_style() -> None:
    assert format_date("2024-03-14", "short", language="ru") == "14.03.2024"
    assert format_date("2024-03-14", "short", language="kk") == "14.03.2024"
    assert format_date("2024-03-14", "short", language="en") == "3/14/24"


def test_dates_default_to_the_ui_language() -> None:
    set_language("ru")
    assert format_date("2024-03-14") == f"14 марта 2024{NNBSP}г."
    set_language("kk")
    assert format_date("2024-03-14") == f"14 наурыз 2024{NNBSP}ж."


def test_partial_or_free_text_dates_are_shown_as_entered() -> None:
    assert format_date("2024-03", language="ru") == "2024-03"
    assert format_date("весна 2024", language="ru") == "весна 2024"
    assert format_date(None, language="ru") == ""


def test_stored_utc_times_are_shown_in_the_requested_zone() -> None:
    moment = datetime(2024, 3, 14, 15, 30, tzinfo=UTC)
    assert (
        format_datetime(moment, language="ru", timezone="UTC") == f"14 мар. 2024{NNBSP}г., 15:30:00"
    )
    assert (
        format_datetime("2024-03-14T15:30:00+00:00", language="ru", timezone="Asia/Almaty")
        == f"14 мар. 2024{NNBSP}г., 20:30:00"
    )


@pytest.mark.parametrize(
    ("language", "number", "decimal", "percent"),
    [
        ("en", "1,234,567", "3.14", "45.6%"),
        ("ru", f"1{NBSP}234{NBSP}567", "3,14", f"45,6{NBSP}%"),
        ("kk", f"1{NBSP}234{NBSP}567", "3,14", "45,6%"),
    ],
)
def test_numbers_use_the_local_separators(
    language: str, number: str, decimal: str, percent: str
) -> None:
    assert format_number(1234567, language=language) == number
    assert format_decimal(3.14159, 2, language=language) == decimal
    assert format_percent(0.456, 1, language=language) == percent


def test_fixed_decimals_keep_trailing_zeros_and_round() -> None:
    assert format_decimal(0.5, 2, language="ru") == "0,50"
    assert format_decimal(2, 1, language="kk") == "2,0"
    assert format_decimal(0.125, language="en") == "0.125"
    assert format_percent(1, language="en") == "100%"


@pytest.mark.parametrize(
    ("language", "hour_and_quarter", "short", "zero"),
    [
        ("en", "1 hr 15 min", "3 min 20 sec", "0 sec"),
        ("ru", "1 ч 15 мин", "3 мин 20 с", "0 с"),
        ("kk", "1 сағ 15 мин", "3 мин 20 с", "0 с"),
    ],
)
def test_durations_in_short_units(
    language: str, hour_and_quarter: str, short: str, zero: str
) -> None:
    assert format_duration(4500, language=language) == hour_and_quarter
    assert format_duration(200, language=language) == short
    assert format_duration(0, language=language) == zero


def test_long_durations_drop_seconds() -> None:
    assert format_duration(2 * 3600 + 5, language="ru") == "2 ч"
    assert format_duration(3600 + 29 * 60 + 40, language="en") == "1 hr 30 min"


def test_lists_use_the_language_conjunction() -> None:
    assert format_list(["ru", "kk", "en"], language="ru") == "ru, kk и en"
    assert format_list(["ru", "kk", "en"], language="en") == "ru, kk, and en"


def test_language_names_in_their_own_language_and_in_another() -> None:
    assert language_name("kk") == "Қазақ тілі"
    assert language_name("ru") == "Русский"
    assert language_name("kk", language="en") == "Kazakh"
    assert language_name("kk", language="ru") == "Казахский"
    assert language_name("xx-unknown") == "xx-unknown"
