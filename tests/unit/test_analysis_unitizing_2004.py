"""Krippendorff's 1995/2004 unitizing alpha against his published examples, and its invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.agreement import unitizing_alpha_2004 as unitizing_alpha
from analysis.undefined import Undefined


def test_krippendorff_2004_example() -> None:
    # Krippendorff (2004), Content Analysis, 2nd ed., p. 254: a continuum from 150 to 450,
    # two observers, categories c and k (as used by DKPro Statistics' test suite).
    first = {"c": [(225, 295), (370, 400)], "k": [(180, 240), (300, 350)]}
    second = {"c": [(220, 300), (355, 375), (400, 420)], "k": [(180, 240), (300, 350)]}
    result = unitizing_alpha([first, second], 300, begin=150)
    c, k = result.category("c"), result.category("k")
    assert float(c.observed) == pytest.approx(0.0144, abs=1e-4)
    assert float(c.expected) == pytest.approx(0.0532, abs=1e-4)
    assert c.alpha == pytest.approx(0.7286, abs=1e-4)
    assert k.observed == 0
    assert float(k.expected) == pytest.approx(0.0490, abs=1e-4)
    assert k.alpha == pytest.approx(1.0)
    assert result.alpha == pytest.approx(0.859, abs=1e-3)


def _krippendorff_1995(stretch: int) -> list[dict[str, list[tuple[int, int]]]]:
    # Krippendorff (1995), "On the reliability of unitizing contiguous data", p. 57:
    # four pairs of observers on a 24-unit continuum, one category each (A-D).
    spec = {
        "A": ([(2, 8), (14, 6)], [(4, 4), (15, 2)]),
        "B": ([(0, 18)], [(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)]),
        "C": ([(2, 6), (10, 2), (14, 4), (20, 2)], [(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)]),
        "D": (
            [(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)],
            [(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)],
        ),
    }
    coders: list[dict[str, list[tuple[int, int]]]] = [{}, {}]
    for category, pair in spec.items():
        for coder, units in enumerate(pair):
            coders[coder][category] = [(b * stretch, b * stretch + n * stretch) for b, n in units]
    return coders


def test_krippendorff_1995_observed_disagreement() -> None:
    result = unitizing_alpha(_krippendorff_1995(1), 24)
    observed = {c.category: float(c.observed) for c in result.categories}
    assert observed == pytest.approx(
        {"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715}, abs=1e-5
    )


def test_krippendorff_1995_alpha_on_a_fine_continuum() -> None:
    # The published alphas assume a practically continuous scale.
    result = unitizing_alpha(_krippendorff_1995(50_000), 24 * 50_000)
    alphas = {c.category: c.alpha for c in result.categories}
    assert alphas == pytest.approx({"A": 0.553, "B": -0.926, "C": 0.679, "D": 0.066}, abs=0.02)


def test_unit_inside_a_gap_and_partial_overlap() -> None:
    # Hand computation: continuum 0..10. Coder 1 marks [2,4); coder 2 marks [3,6).
    # Overlapping units: (2-3)^2 + (4-6)^2 = 5, counted for both orderings -> 10.
    # uDo = 10 / (2 * 1 * 10^2) = 1/20.
    result = unitizing_alpha([{"x": [(2, 4)]}, {"x": [(3, 6)]}], 10)
    assert result.category("x").observed * 20 == 1


def test_no_units_at_all_is_undefined() -> None:
    result = unitizing_alpha([{"x": []}, {"x": []}], 10)
    assert isinstance(result.category("x").alpha, Undefined)
    assert isinstance(result.alpha, Undefined)


def test_single_coder_is_undefined() -> None:
    result = unitizing_alpha([{"x": [(1, 2)]}], 10)
    assert isinstance(result.alpha, Undefined)


@st.composite
def unitizations(draw: st.DrawFn) -> tuple[int, list[dict[str, list[tuple[int, int]]]]]:
    length = draw(st.integers(5, 60))
    coders = draw(st.integers(2, 3))
    out: list[dict[str, list[tuple[int, int]]]] = []
    for _ in range(coders):
        per: dict[str, list[tuple[int, int]]] = {}
        for category in ("a", "b"):
            spans = draw(
                st.lists(st.tuples(st.integers(0, length - 1), st.integers(1, 10)), max_size=4)
            )
            per[category] = [(s, min(length, s + n)) for s, n in spans]
        out.append(per)
    return length, out


def _same(x: object, y: object) -> bool:
    if isinstance(x, Undefined) or isinstance(y, Undefined):
        return x == y
    return bool(x == pytest.approx(y, abs=1e-9))


@settings(max_examples=30, deadline=None)
@given(unitizations(), st.integers(1, 10_000))
def test_invariant_under_shifting_all_offsets(
    case: tuple[int, list[dict[str, list[tuple[int, int]]]]], shift: int
) -> None:
    length, coders = case
    moved = [
        {c: [(s + shift, e + shift) for s, e in spans] for c, spans in coder.items()}
        for coder in coders
    ]
    before = unitizing_alpha(coders, length)
    after = unitizing_alpha(moved, length, begin=shift)
    assert _same(before.alpha, after.alpha)
    for a, b in zip(before.categories, after.categories, strict=True):
        assert a.observed == b.observed and a.expected == b.expected


@settings(max_examples=30, deadline=None)
@given(unitizations())
def test_identical_coders_agree_perfectly(
    case: tuple[int, list[dict[str, list[tuple[int, int]]]]],
) -> None:
    length, coders = case
    result = unitizing_alpha([coders[0], coders[0]], length)
    for c in result.categories:
        assert c.observed == 0
        assert isinstance(c.alpha, Undefined) or c.alpha == 1.0


@settings(max_examples=30, deadline=None)
@given(unitizations())
def test_symmetric_in_coders(case: tuple[int, list[dict[str, list[tuple[int, int]]]]]) -> None:
    length, coders = case
    assert _same(
        unitizing_alpha(coders, length).alpha, unitizing_alpha(list(reversed(coders)), length).alpha
    )
