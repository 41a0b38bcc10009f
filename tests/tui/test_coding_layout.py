"""Pieces of the coding screen without a running app: wrapping, alignment, painting, matching."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual._wrap import compute_wrap_offsets
from textual.document._document import Document
from textual.geometry import Offset

from storage.models import Code, Coding
from tui.models.code_matching import find_codes, prepare
from tui.models.coding_paint import line_starts, paint_lines
from tui.models.transcript_model import parse_time, snap_in_line
from tui.widgets.aligned_document import AlignedWrappedDocument, wrap_offsets

_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя әіңғүұқөһ ABCxyz,.«»—-!? 😀\u0301\t"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=160), st.integers(min_value=1, max_value=60))
def test_fast_wrap_breaks_where_textual_does(line: str, width: int) -> None:
    assert wrap_offsets(line, width) == compute_wrap_offsets(line, width, 4)


def test_fast_wrap_on_the_fixtures(fixtures_dir: Path) -> None:
    lines = []
    for name in ("interview_07.ru.txt", "interview_07.en.txt", "bad/emoji_combining.txt"):
        lines += (fixtures_dir / name).read_text(encoding="utf-8").splitlines()
    for width in (7, 20, 33, 80):
        for line in lines:
            assert wrap_offsets(line, width) == compute_wrap_offsets(line, width, 4)


def test_padding_keeps_lines_on_the_same_rows() -> None:
    left = AlignedWrappedDocument(Document("один два три четыре\nпять\nшесть семь"))
    right = AlignedWrappedDocument(Document("one\ntwo three four five six\nseven"))
    left.wrap(10)
    right.wrap(10)
    rows = [max(a, b) for a, b in zip(left.natural_rows, right.natural_rows, strict=True)]
    left.set_min_rows(rows)
    right.set_min_rows(rows)
    assert left.height == right.height == sum(rows)
    assert [left.first_row(i) for i in range(3)] == [right.first_row(i) for i in range(3)]
    padding = [y for y in range(left.height) if left.is_padding(y)]
    assert padding and all(left.line_at(y)[0] == 1 for y in padding)
    assert left.offset_to_location(left.location_to_offset((1, 2))) == (1, 2)
    assert left.offset_to_location(Offset(0, padding[0])) == (1, len("пять"))


def _coding(coding_id: int, code_id: int, start: int, end: int, coder: int = 1) -> Coding:
    return Coding(coding_id, "", code_id, 1, start, end, coder, "")


def test_overlapping_codings_paint_the_innermost_colour_and_mark_the_overlap() -> None:
    text = "Согласование занимает слишком много времени\nвторая строка"
    starts = line_starts(text)
    outer = _coding(1, 1, 0, 43)
    inner = _coding(2, 2, 13, 29)
    across = _coding(3, 3, 36, 50)  # runs over the line break
    runs, stripes = paint_lines(
        [outer, inner, across], starts, {1: "#e15759", 2: "#59a14f", 3: "#4e79a7"}
    )
    first = runs[0]
    assert [(a, b) for a, b, _style in first] == [(0, 13), (13, 29), (29, 36), (36, 43)]
    plain, overlap = first[0][2], first[1][2]
    assert not plain.underline and overlap.underline and overlap.bold
    assert str(overlap.bgcolor) != str(plain.bgcolor)  # the inner (green) code shows
    assert [(a, b) for a, b, _style in runs[1]] == [(0, 6)]
    assert stripes[0] == ["#e15759", "#59a14f", "#4e79a7"] and stripes[1] == ["#4e79a7"]


def test_other_coders_codings_are_underlined_only() -> None:
    runs, _stripes = paint_lines(
        [_coding(1, 1, 0, 5, coder=2)], [0], {1: "#e15759"}, primary_coders={1}
    )
    style = runs[0][0][2]
    assert style.underline and style.bgcolor is None


def test_code_finder_matches_any_script_and_the_wrong_layout() -> None:
    codes = [
        Code(1, "a", None, {"ru": "Государство", "en": "State"}, is_codable=False),
        Code(2, "b", 1, {"ru": "Согласование ответов", "en": "Approval"}),
        Code(3, "c", None, {"kk": "Ашықтық"}),
        Code(4, "d", None, {"ru": "Ёлки"}),
    ]
    entries = prepare(codes, "ru")

    def names(query: str) -> list[str]:
        return [e.name for e in find_codes(query, entries)]

    assert names("соглас")[0] == "Согласование ответов"
    assert names("SOGLAS")[0] == "Согласование ответов"  # Latin transliteration
    assert names("cjukfc")[0] == "Согласование ответов"  # typed with the Latin layout on
    assert names("approv")[0] == "Согласование ответов"  # another language's name
    assert names("гос согл") == ["Согласование ответов"]  # the theme's name narrows
    assert names("ashyq") == ["Ашықтық"]
    assert names("елки") == ["Ёлки"]
    assert names("xyzzy") == []


def test_time_parsing_and_snapping_within_a_line() -> None:
    assert parse_time("1:02:03") == 3_723_000
    assert parse_time("02:03") == 123_000
    assert parse_time("45") == 45_000
    assert parse_time("soon") is None
    text = "Ответ 👍🏽 был\nЁ̈ и"
    thumb = text.index("👍")
    assert snap_in_line(text, thumb, thumb + 1) == (thumb, thumb + 2)
    second = text.index("Ё")
    assert snap_in_line(text, second, second + 1) == (second, second + 2)
