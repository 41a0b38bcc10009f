"""Agreement coefficients against published examples and independent libraries."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from analysis.agreement import (
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    fleiss_kappa_counts,
    krippendorff_alpha_nominal,
    percent_agreement,
)
from analysis.undefined import Undefined

N = None

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C:
# 4 observers, 12 units, missing values; nominal alpha = 0.743.
KRIPPENDORFF_2011_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]

# Fleiss (1971) as reproduced on Wikipedia: 10 subjects, 14 raters, 5 categories; kappa = 0.210.
FLEISS_TABLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_krippendorff_2011_nominal_alpha() -> None:
    assert krippendorff_alpha_nominal(KRIPPENDORFF_2011_C) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_2011_two_observers_binary() -> None:
    # Same paper, example B: two observers, binary data, alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha_nominal([a, b]) == pytest.approx(0.095, abs=5e-4)


def test_fleiss_published_example() -> None:
    assert fleiss_kappa_counts(FLEISS_TABLE) == pytest.approx(0.210, abs=5e-4)


def test_fleiss_matches_statsmodels() -> None:
    irr = pytest.importorskip("statsmodels.stats.inter_rater")
    rng = np.random.default_rng(7)
    ratings = rng.integers(0, 3, size=(4, 30))  # 4 coders x 30 units
    ratings[1, :20] = ratings[0, :20]  # some agreement
    table, _ = irr.aggregate_raters(ratings.T)
    expected = irr.fleiss_kappa(table, method="fleiss")
    assert fleiss_kappa(ratings.tolist()) == pytest.approx(expected, abs=1e-12)
    assert fleiss_kappa_counts(FLEISS_TABLE) == pytest.approx(
        irr.fleiss_kappa(np.array(FLEISS_TABLE), method="fleiss"), abs=1e-12
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ([1, 1, 0, 0, 1, 0, 1, 1], [1, 0, 0, 0, 1, 1, 1, 1]),
        (["x", "y", "z", "x", "y"], ["x", "y", "y", "x", "z"]),
        ([0, 1, 0, 1], [1, 0, 1, 0]),
    ],
)
def test_cohen_matches_scikit_learn(a: list[object], b: list[object]) -> None:
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=2, max_size=40))
def test_cohen_matches_scikit_learn_property(pairs: list[tuple[int, int]]) -> None:
    a = [p[0] for p in pairs]
    b = [p[1] for p in pairs]
    ours = cohen_kappa(a, b)
    if isinstance(ours, Undefined):
        assert len(set(a) | set(b)) == 1  # only one category in the data
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert ours == pytest.approx(cohen_kappa_score(a, b), abs=1e-9)


def test_pabak_is_twice_agreement_minus_one() -> None:
    a = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]
    b = [1, 1, 1, 1, 1, 1, 1, 1, 0, 1]
    assert percent_agreement([a, b]) == pytest.approx(0.8)
    assert brennan_prediger([a, b], 2) == pytest.approx(0.6)
    # the kappa paradox: high agreement, low kappa — the two must not be confused
    assert cohen_kappa(a, b) == pytest.approx(-1 / 9)


def test_one_category_everywhere_is_undefined_not_one() -> None:
    everywhere = [[1, 1, 1, 1], [1, 1, 1, 1]]
    for value in (
        cohen_kappa(*everywhere),
        fleiss_kappa(everywhere),
        krippendorff_alpha_nominal(everywhere),
    ):
        assert isinstance(value, Undefined)
        assert "one category" in value.reason
    # observed agreement is still reported, and PABAK is defined
    assert percent_agreement(everywhere) == 1.0
    assert brennan_prediger(everywhere, 2) == 1.0


def test_no_common_units_is_undefined() -> None:
    assert isinstance(cohen_kappa([1, N], [N, 1]), Undefined)
    assert isinstance(percent_agreement([[1, N], [N, 1]]), Undefined)
    assert isinstance(krippendorff_alpha_nominal([[1, N], [N, 2]]), Undefined)


ratings_2xn = st.integers(2, 25).flatmap(
    lambda n: st.lists(st.lists(st.integers(0, 2), min_size=n, max_size=n), min_size=2, max_size=4)
)


@settings(max_examples=30, deadline=None)
@given(ratings_2xn)
def test_identical_coders_agree_perfectly(ratings: list[list[int]]) -> None:
    same = [ratings[0]] * len(ratings)
    assert percent_agreement(same) == 1.0
    assert brennan_prediger(same, 3) == 1.0
    for value in (fleiss_kappa(same), krippendorff_alpha_nominal(same)):
        assert isinstance(value, Undefined) or value == pytest.approx(1.0)
    if len(set(ratings[0])) > 1:
        assert krippendorff_alpha_nominal(same) == pytest.approx(1.0)
        assert cohen_kappa(same[0], same[1]) == pytest.approx(1.0)


@settings(max_examples=30, deadline=None)
@given(ratings_2xn)
def test_coefficients_are_symmetric_in_coders(ratings: list[list[int]]) -> None:
    flipped = list(reversed(ratings))

    def same(x: object, y: object) -> bool:
        if isinstance(x, Undefined) or isinstance(y, Undefined):
            return x == y
        return bool(x == pytest.approx(y, abs=1e-9))

    assert same(percent_agreement(ratings), percent_agreement(flipped))
    assert same(fleiss_kappa(ratings), fleiss_kappa(flipped))
    assert same(krippendorff_alpha_nominal(ratings), krippendorff_alpha_nominal(flipped))
    assert same(cohen_kappa(ratings[0], ratings[1]), cohen_kappa(ratings[1], ratings[0]))


ratings_with_gaps = st.integers(1, 30).flatmap(
    lambda n: st.lists(
        st.lists(st.sampled_from([0, 1, 2, "x", N]), min_size=n, max_size=n), min_size=2, max_size=4
    )
)


@settings(max_examples=60, deadline=None)
@given(ratings_with_gaps)
def test_coefficients_match_their_definitions_unit_by_unit(ratings: list[list[object]]) -> None:
    """Units are counted by their ratings (a presence matrix collapses to a few kinds of
    unit): every coefficient still equals its definition summed unit by unit, and α the
    ``krippendorff`` package's on the raw matrix, missing ratings and mixed types included."""
    import krippendorff

    units = [[row[u] for row in ratings if row[u] is not None] for u in range(len(ratings[0]))]
    units = [v for v in units if len(v) >= 2]
    if not units:
        assert isinstance(percent_agreement(ratings), Undefined)
        return
    shares = [
        sum(a == b for i, a in enumerate(v) for j, b in enumerate(v) if i != j)
        / (len(v) * (len(v) - 1))
        for v in units
    ]
    assert percent_agreement(ratings) == pytest.approx(sum(shares) / len(shares), abs=1e-12)
    alpha = krippendorff_alpha_nominal(ratings)
    values = sorted({v for row in ratings for v in row if v is not None}, key=repr)
    if isinstance(alpha, Undefined):
        assert len({v for unit in units for v in unit}) < 2
        return
    matrix = [[np.nan if v is None else float(values.index(v)) for v in row] for row in ratings]
    expected = krippendorff.alpha(reliability_data=np.array(matrix), level_of_measurement="nominal")
    assert alpha == pytest.approx(expected, abs=1e-12)
