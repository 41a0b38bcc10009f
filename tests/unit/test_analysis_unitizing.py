"""Krippendorff's uα family (2019) against a character-by-character reference computation.

The reference below follows the published definition literally (Krippendorff 2019,
Content Analysis, 4th ed., ch. 12; Krippendorff, Mathet, Bouvry & Widlöcher 2016):
every character of every coder is a pairable value; observed coincidences pair each
character of coder i with the same character of every other coder (weight 1/(m − 1));
expected coincidences pair every pairable value with every other one, except pairs
of characters inside the same unit of one coder and a gap character with itself.
It shares no code with :mod:`analysis.agreement.unitizing`.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.agreement import unitizing_alpha, unitizing_alpha_2004
from analysis.undefined import Undefined

Coders = list[dict[str, list[tuple[int, int]]]]

ISSUE_EXAMPLE: Coders = [
    {"A": [(0, 10)], "B": [(15, 25)]},
    {"A": [(2, 10), (25, 28)], "B": [(15, 22)]},
]


def _characters(coder: dict[str, list[tuple[int, int]]], length: int) -> list[tuple[str, int]]:
    """(value, unit id) per character; a gap character gets value '' and its own id."""
    out = [("", -1 - p) for p in range(length)]
    for n, (cat, spans) in enumerate(sorted(coder.items())):
        for k, (s, e) in enumerate(spans):
            for p in range(s, e):
                out[p] = (cat, n * 1000 + k)
    return out


def reference(coders: Coders, length: int, value_of: str | None = None) -> tuple[float, float]:
    """(uα, |uα) from the definition; ``value_of`` keeps one category (the rest is gap)."""
    if value_of is not None:
        coders = [{value_of: c.get(value_of, [])} for c in coders]
    m = len(coders)
    chars = [_characters(c, length) for c in coders]
    observed: Counter[tuple[str, str]] = Counter()
    for i in range(m):
        for j in range(m):
            if i != j:
                for p in range(length):
                    observed[(chars[i][p][0], chars[j][p][0])] += 1
    values = [(i, v, unit) for i in range(m) for v, unit in chars[i]]
    pairs: Counter[tuple[str, str]] = Counter()
    for a, (i, va, ua) in enumerate(values):
        for b, (j, vb, ub) in enumerate(values):
            if a == b or (i == j and ua == ub):
                continue
            pairs[(va, vb)] += 1
    total_pairs = sum(pairs.values())
    n = m * length
    o = {k: Fraction(v, m - 1) for k, v in observed.items()}
    e = {k: Fraction(n * v, total_pairs) for k, v in pairs.items()}
    do = n - sum(v for (a, b), v in o.items() if a == b)
    de = n - sum(v for (a, b), v in e.items() if a == b)
    bar_do = sum(v for (a, b), v in o.items() if (a == "") != (b == ""))
    bar_de = sum(v for (a, b), v in e.items() if (a == "") != (b == ""))
    nan = float("nan")
    return (
        float(1 - do / de) if de else nan,
        float(1 - bar_do / bar_de) if bar_de else nan,
    )


def test_issue_example_uses_the_2019_definition() -> None:
    # One 30-character document, two coders, codes A and B.
    result = unitizing_alpha(ISSUE_EXAMPLE, 30)
    u, bar = reference(ISSUE_EXAMPLE, 30)
    assert result.alpha == pytest.approx(u, abs=1e-12)
    assert result.binary_alpha == pytest.approx(bar, abs=1e-12)
    assert result.alpha == pytest.approx(0.6361, abs=1e-4)
    assert result.binary_alpha == pytest.approx(0.4807, abs=1e-4)
    for cat in ("A", "B"):
        assert result.category(cat).alpha == pytest.approx(reference(ISSUE_EXAMPLE, 30, cat)[0])
    assert result.category("A").alpha == pytest.approx(0.6553, abs=1e-4)
    assert result.category("B").alpha == pytest.approx(0.7669, abs=1e-4)


def test_same_values_as_a_maintained_implementation() -> None:
    # Computed with the PyPI package krippendorff-unitized-alpha 0.1.0 (an implementation
    # of Krippendorff et al. 2016), outside this project: it agreed with unitizing_alpha on
    # 299 random unitizations (2-4 coders, 3 codes) to 1e-15.
    assert unitizing_alpha(ISSUE_EXAMPLE, 30).alpha == pytest.approx(0.636099469125454, abs=1e-12)
    three: Coders = [
        {"A": [(0, 8), (30, 36)], "B": [(12, 20)]},
        {"A": [(2, 8), (31, 40)], "B": [(14, 20), (20, 24)]},
        {"A": [(0, 10)], "B": [(12, 18)]},
    ]
    assert unitizing_alpha(three, 40).alpha == pytest.approx(0.43813415801487376, abs=1e-12)
    assert unitizing_alpha(three, 40).alpha == pytest.approx(reference(three, 40)[0], abs=1e-12)


def test_the_2004_coefficient_keeps_its_own_name_and_value() -> None:
    assert unitizing_alpha_2004(ISSUE_EXAMPLE, 30).alpha == pytest.approx(0.8439, abs=1e-4)


def test_one_category_uα_equals_bar_uα() -> None:
    result = unitizing_alpha([{"x": [(2, 4)]}, {"x": [(3, 6)]}], 10)
    assert result.alpha == pytest.approx(result.binary_alpha)
    assert result.alpha == pytest.approx(reference([{"x": [(2, 4)]}, {"x": [(3, 6)]}], 10)[0])


def test_no_units_and_one_coder_are_undefined() -> None:
    none = unitizing_alpha([{"x": []}, {"x": []}], 10)
    assert isinstance(none.alpha, Undefined) and isinstance(none.binary_alpha, Undefined)
    assert isinstance(none.category("x").alpha, Undefined)
    assert isinstance(unitizing_alpha([{"x": [(1, 2)]}], 10).alpha, Undefined)


@st.composite
def partitions(draw: st.DrawFn) -> tuple[int, Coders]:
    """Coders whose units do not overlap one another (the setting of the definition)."""
    length = draw(st.integers(4, 24))
    coders: Coders = []
    for _ in range(draw(st.integers(2, 3))):
        cuts = sorted(draw(st.sets(st.integers(0, length), max_size=6)) | {0, length})
        coder: dict[str, list[tuple[int, int]]] = {"a": [], "b": []}
        for s, e in pairwise(cuts):
            value = draw(st.sampled_from(["", "a", "b"]))
            if value and e > s:
                coder[value].append((s, e))
        coders.append(coder)
    return length, coders


@settings(max_examples=60, deadline=None)
@given(partitions())
def test_matches_the_reference_on_random_unitizations(case: tuple[int, Coders]) -> None:
    length, coders = case
    result = unitizing_alpha(coders, length)
    u, bar = reference(coders, length)
    for mine, theirs in ((result.alpha, u), (result.binary_alpha, bar)):
        if isinstance(mine, Undefined):
            assert theirs != theirs or not any(c["a"] or c["b"] for c in coders)
        else:
            assert mine == pytest.approx(theirs, abs=1e-9)
    for cat in ("a", "b"):
        alpha, theirs = result.category(cat).alpha, reference(coders, length, cat)[0]
        if isinstance(alpha, Undefined):
            assert theirs != theirs or not any(c[cat] for c in coders)
        else:
            assert alpha == pytest.approx(theirs, abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(partitions())
def test_identical_coders_agree_perfectly(case: tuple[int, Coders]) -> None:
    length, coders = case
    result = unitizing_alpha([coders[0], coders[0]], length)
    assert result.overall.observed == 0
    assert isinstance(result.alpha, Undefined) or result.alpha == pytest.approx(1.0)
