"""Saturation after Guest, Namey & Chen (2020): base, runs, thresholds, exact fractions."""

from __future__ import annotations

from fractions import Fraction

import pytest

from analysis.dataset import StudyData
from analysis.saturation import saturation, saturation_from_counts
from analysis.undefined import Undefined
from storage.models import Code, Coder, Coding, Layer, Session, Transcript

# The worked example in docs/statistics.md: new codes per interview, in interview order.
WORKED = [20, 8, 5, 4, 3, 2, 1, 1, 0, 1, 0, 0]


def test_worked_example_rolling() -> None:
    result = saturation_from_counts(WORKED)  # base 4, run 2, thresholds 5% and 0%, rolling
    assert result.base_total == 37
    runs = [(r.first, r.last, r.new, r.ratio) for r in result.runs]
    assert runs[:4] == [
        (5, 6, 5, Fraction(5, 37)),
        (6, 7, 3, Fraction(3, 37)),
        (7, 8, 2, Fraction(2, 37)),  # 5.4 %: above 5 %, although it rounds to "5 %"
        (8, 9, 1, Fraction(1, 37)),
    ]
    assert result.outcome(5).label == "7+2"
    assert result.outcome(0).label == "10+2"
    assert result.label == "7+2"
    assert [s.cumulative for s in result.steps][-1] == 45


def test_worked_example_disjoint() -> None:
    result = saturation_from_counts(WORKED, mode="disjoint")
    assert [(r.first, r.last) for r in result.runs] == [(5, 6), (7, 8), (9, 10), (11, 12)]
    assert result.outcome(5).label == "8+2"
    assert result.outcome(0).label == "10+2"


def test_hand_computed_small_study() -> None:
    # base of 4 = 10 + 6 + 4 + 3 = 23 codes; runs of 2 (rolling):
    # 5-6: 2+1 = 3/23 = 13 %; 6-7: 1+0 = 1/23 = 4.3 % -> saturated at 5+2 for <= 5 %.
    result = saturation_from_counts([10, 6, 4, 3, 2, 1, 0, 1, 0, 0])
    run = result.outcome(5).run
    assert run is not None and run.ratio == Fraction(1, 23)
    assert result.outcome(5).label == "5+2"
    assert result.outcome(0).label == "8+2"
    table = result.to_table()
    assert table.column("Run")[:4] == ["base"] * 4
    assert table.column("Run ÷ base")[5] == Fraction(3, 23)
    assert any("5+2" in n for n in table.notes)


def test_other_base_run_and_threshold() -> None:
    result = saturation_from_counts(WORKED, base=6, run=3, thresholds=["2.5"])
    # base = 20+8+5+4+3+2 = 42; runs 7-9: 2/42, 8-10: 2/42, 9-11: 1/42 (2.38 %)
    assert result.base_total == 42
    assert result.outcome(Fraction(5, 2)).label == "8+3"


def test_not_reached_and_too_few_sessions() -> None:
    result = saturation_from_counts([5, 5, 5, 5, 5, 5, 5])
    assert result.outcome(5).label == "not reached"
    assert result.outcome(5).reason == "no run stayed at or below the threshold"
    short = saturation_from_counts([5, 3, 1, 0, 0])
    assert short.outcome(5).label == "not reached"
    assert "need at least 6" in (short.outcome(5).reason or "")


def test_empty_base_is_undefined() -> None:
    result = saturation_from_counts([0, 0, 0, 0, 0, 0])
    assert isinstance(result.runs[0].ratio, Undefined)
    assert result.outcome(0).label == "not reached"
    assert result.outcome(0).reason == "the base sessions yielded no codes"


def test_bad_parameters() -> None:
    with pytest.raises(ValueError):
        saturation_from_counts([1, 2], base=0)
    with pytest.raises(ValueError):
        saturation_from_counts([1, -2])


def _study(sessions: list[tuple[int, str | None]], coded: dict[int, list[int]]) -> StudyData:
    """Sessions (id, date), each with one layer coded with the given code ids."""
    codes = [Code(1, "t", None, {"en": "Theme"}, is_codable=False)]
    codes += [Code(c, f"c{c}", 1, {"en": f"Code {c}"}) for c in range(10, 40)]
    codings: list[Coding] = []
    for sid, code_ids in coded.items():
        for n, cid in enumerate(code_ids):
            codings.append(Coding(len(codings) + 1, "", cid, sid, n, n + 1, 1, ""))
    return StudyData.build(
        codes=codes,
        codings=codings,
        coders=[Coder(1, "", "A")],
        sessions=[Session(sid, "", "interview", f"S{sid}", date=d) for sid, d in sessions],
        transcripts=[Transcript(sid, "", sid, f"T{sid}", None, "") for sid, _ in sessions],
        layers=[Layer(sid, "", sid, "ru", True, "") for sid, _ in sessions],
    )


def test_new_codes_come_from_codings_in_date_order() -> None:
    data = _study(
        [
            (1, "2022-03-01"),
            (2, "2022-01-01"),
            (3, "2022-02-01"),
            (4, "2022-04-01"),
            (5, "2022-05-01"),
            (6, "2022-06-01"),
            (7, None),
            (8, "2022-07-01"),
        ],
        {
            2: [10, 11, 12, 13],  # first by date
            3: [10, 14, 15],
            1: [16, 17],
            4: [18, 10],
            5: [19],
            6: [10, 11],
            8: [],  # no codings: not coded yet, left out
            7: [20],  # undated: last
        },
    )
    result = saturation(data)
    assert [s.session_id for s in result.steps] == [2, 3, 1, 4, 5, 6, 7]
    assert [s.new for s in result.steps] == [4, 2, 2, 1, 1, 0, 1]
    assert result.steps[1].new_codes == (14, 15)
    assert result.base_total == 9
    assert result.excluded_sessions == (8,)
    # runs: 5-6 -> 1/9 (11 %), 6-7 -> 1/9: not reached at 5 %
    assert result.outcome(5).label == "not reached"
    by_theme = saturation(data, level="theme", base=2, run=2)
    assert [s.new for s in by_theme.steps] == [1, 0, 0, 0, 0, 0, 0]
    assert by_theme.outcome(0).label == "2+2"


def test_explicit_order() -> None:
    data = _study([(1, "2022-01-01"), (2, "2022-01-02")], {1: [10], 2: [10, 11]})
    result = saturation(data, order=[2, 1], base=1, run=1)
    assert [s.new for s in result.steps] == [2, 0]
    assert result.outcome(0).label == "1+1"
