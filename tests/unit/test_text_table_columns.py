"""``suhbat stats`` writes its tables column by column, as it wrote them cell by cell.

A disagreement list has 50,000 rows of eight cells: the text table writes a column of
plain texts or whole numbers at once, measures a column of narrow characters by its
length, and groups digits without Babel's per-call work. The output is the same, in
every UI language, for every kind of cell.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from fractions import Fraction

import pytest
from babel import numbers

from analysis.table import Cell, Table
from i18n import get_language, set_language
from i18n.formatting import babel_locale, format_number, format_numbers
from tui.commands.text_table import (
    INDENT,
    _join,
    cell_text,
    display_width,
    is_percent_column,
    render_table,
)
from tui.commands.text_width import NARROW_TEXT


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    before = get_language()
    yield
    set_language(before)


def reference(table: Table, digits: int = 3) -> str:
    """The table as the cell-by-cell writer wrote it (every cell formatted and measured
    on its own)."""
    headers = list(table.columns)
    percents = [is_percent_column(key) for key in table.column_keys]
    body = []
    numeric = [False] * len(headers)
    seen_text = [False] * len(headers)
    for index, row in enumerate(table.rows):
        line = [cell_text(v, digits, percent=percents[i]) for i, v in enumerate(row)]
        if table.row_depths and line:
            line[0] = INDENT * table.row_depths[index] + line[0]
        for i, cell in enumerate(row):
            number = isinstance(cell, int | float | Fraction) and not isinstance(cell, bool)
            numeric[i] = numeric[i] or number
            seen_text[i] = seen_text[i] or (not number and cell is not None)
        body.append(line)
    right = [numeric[i] and not seen_text[i] for i in range(len(headers))]
    widths = [max([display_width(h), *(display_width(line[i]) for line in body)])
              for i, h in enumerate(headers)]  # fmt: skip
    lines = [_join(headers, widths, right), _join(["-" * w for w in widths], widths, right)]
    return "\n".join(lines + [_join(line, widths, right) for line in body])


TEXTS = ["Бюрократия", "қызмет", "Slow approvals", "", "line\nbreak", "cr\r", "…", "5–9",
         "漢字", "e\u0301", "«ёлки»", " trailing ", "[NAME]"]  # fmt: skip


def random_cell(rng: random.Random, kind: str) -> Cell:
    if rng.random() < 0.15:
        return None
    if kind == "int":
        return rng.choice([0, 7, 1234, 1_234_567, -42])
    if kind == "float":
        return rng.choice([0.5, 66.666, 100.0, -0.2, 12345.678])
    if kind == "text":
        return rng.choice(TEXTS)
    mixed: list[Cell] = [True, False, Fraction(2, 3), 3, "x", 2.5]
    return rng.choice(mixed)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_columns_are_written_as_cell_by_cell(language: str) -> None:
    set_language(language)
    rng = random.Random(21)
    kinds = ["text", "int", "float", "mixed", "text", "int"]
    keys = ("Code", "Segments", "% agreement", "Value", "Text", "Start")
    for trial in range(60):
        rows = tuple(tuple(random_cell(rng, k) for k in kinds) for _ in range(trial % 9))
        depths = tuple(rng.randrange(3) for _ in rows) if trial % 2 else ()
        table = Table("t", "Title", "unit", ("Код", "Σ", "%", "漢", "Text", "Start"), rows,
                      row_depths=depths, column_keys=keys)  # fmt: skip
        written = render_table(table).split("\n")
        assert "\n".join(written[3 : 5 + len(rows)]) == reference(table), (trial, rows)


def test_narrow_characters_take_one_column_each() -> None:
    """Every character the quick measure counts as one column is neither wide nor a mark."""
    narrow = [chr(c) for c in range(0x110000) if NARROW_TEXT.fullmatch(chr(c))]
    assert "ә" in narrow and "…" in narrow and "–" in narrow and "漢" not in narrow
    assert not [
        c
        for c in narrow
        if unicodedata.combining(c) or unicodedata.east_asian_width(c) in ("W", "F")
    ]
    assert display_width("e\u0301漢") == 3


@pytest.mark.parametrize("language", ["en", "ru", "kk", "de", "hi"])
def test_whole_numbers_are_grouped_as_babel_groups_them(language: str) -> None:
    rng = random.Random(language)
    values = [*range(-50, 2000), *(rng.randrange(10**k) for k in range(1, 19) for _ in range(50))]
    expected = [numbers.format_decimal(v, locale=babel_locale(language)) for v in values]
    assert [format_number(v, language=language) for v in values] == expected
    assert format_numbers(values, language=language) == expected
