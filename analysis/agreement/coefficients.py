"""Agreement coefficients on a coders × units matrix of nominal ratings.

``ratings[c][u]`` is coder ``c``'s category for unit ``u`` (any hashable value),
or ``None`` when that coder did not rate the unit. Each function returns a float
or :class:`~analysis.undefined.Undefined` with the reason — never 0, 1 or NaN
for a coefficient that has no value.

* percent agreement: the mean over units (rated by at least two coders) of the
  share of agreeing coder pairs; for two coders, the share of units they agree on.
* Cohen's κ (two coders): (pₒ − pₑ) / (1 − pₑ), pₑ = Σₖ p₁(k)·p₂(k).
* Fleiss' κ: (P̄ − P̄ₑ) / (1 − P̄ₑ), P̄ₑ = Σₖ pₖ² over all ratings (every unit must
  have the same number of ratings; units with fewer are left out).
* Brennan–Prediger κₙ (PABAK for two categories): (P̄ − 1/q) / (1 − 1/q).
* Krippendorff's α, nominal: computed by the ``krippendorff`` package.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from fractions import Fraction

from analysis.undefined import Statistic, Undefined
from storage.errors import N_

Ratings = Sequence[Sequence[Hashable | None]]

ONE_CATEGORY = N_("only one category occurs in the data, so chance agreement is 1")
NO_UNITS = N_("no unit was rated by at least two coders")


Units = Counter[tuple[Hashable, ...]]
"""Each distinct unit (its ratings in coder order, missing ones left out) and how many
units of the matrix have it: the coefficients here are sums over units of a function of
the unit's ratings, so a 0/1 presence matrix of 10,000 units collapses to four entries."""


def rated_units(ratings: Ratings) -> Units:
    """The units rated by at least two coders, counted by their ratings (see :data:`Units`).

    Pass the result as ``units=`` to the coefficients below to count them only once.
    """
    if not ratings:
        return Counter()
    width = len(ratings[0])
    if any(len(row) != width for row in ratings):
        raise ValueError("every coder's row must have one rating per unit")
    columns: Counter[tuple[Hashable | None, ...]] = Counter(zip(*ratings, strict=True))
    units: Units = Counter()
    for column, n in columns.items():
        values = tuple(v for v in column if v is not None)
        if len(values) >= 2:
            units[values] += n
    return units


def _mean_pairwise_agreement(units: Units) -> Fraction:
    """Mean over units of the share of agreeing (ordered) coder pairs."""
    total = Fraction(0)
    for values, n in units.items():
        m = len(values)
        same = sum(k * (k - 1) for k in Counter(values).values())
        total += Fraction(n * same, m * (m - 1))
    return total / units.total()


def percent_agreement(ratings: Ratings, *, units: Units | None = None) -> Statistic:
    """Mean share of agreeing coder pairs per unit, as a proportion (0–1)."""
    units = rated_units(ratings) if units is None else units
    if not units:
        return Undefined(NO_UNITS)
    return float(_mean_pairwise_agreement(units))


def cohen_kappa(first: Sequence[Hashable | None], second: Sequence[Hashable | None]) -> Statistic:
    """Cohen's κ for two coders over the units both rated."""
    if len(first) != len(second):
        raise ValueError("both coders need one rating per unit")
    pairs = Counter(zip(first, second, strict=True))
    for a, b in [pair for pair in pairs if None in pair]:
        if a is None or b is None:
            del pairs[a, b]
    if not pairs:
        return Undefined(N_("the two coders rated no unit in common"))
    n = pairs.total()
    observed = Fraction(sum(count for (a, b), count in pairs.items() if a == b), n)
    left: Counter[Hashable] = Counter()
    right: Counter[Hashable] = Counter()
    for (a, b), count in pairs.items():
        left[a] += count
        right[b] += count
    expected = Fraction(sum(left[k] * right[k] for k in left), n * n)
    if expected == 1:
        return Undefined(ONE_CATEGORY)
    return float((observed - expected) / (1 - expected))


def fleiss_kappa_counts(table: Sequence[Sequence[int]]) -> Statistic:
    """Fleiss' κ from a units × categories table of rating counts (equal row sums)."""
    rows = [list(r) for r in table if sum(r) > 0]
    if not rows:
        return Undefined(NO_UNITS)
    return _fleiss_kappa(Counter(map(tuple, rows)))


def _fleiss_kappa(table: Counter[tuple[int, ...]]) -> Statistic:
    """Fleiss' κ from distinct rows of rating counts, each with how many units have it."""
    m = sum(next(iter(table)))
    if any(sum(r) != m for r in table):
        raise ValueError("Fleiss' κ needs the same number of ratings for every unit")
    if m < 2:
        return Undefined(NO_UNITS)
    n = table.total()
    p_bar = Fraction(
        sum(k * (sum(x * x for x in r) - m) for r, k in table.items()), n * m * (m - 1)
    )
    totals = [
        sum(k * x for x, k in zip(col, table.values(), strict=True))
        for col in zip(*table, strict=True)
    ]
    p_e = Fraction(sum(t * t for t in totals), (n * m) ** 2)
    if p_e == 1:
        return Undefined(ONE_CATEGORY)
    return float((p_bar - p_e) / (1 - p_e))


def fleiss_kappa(ratings: Ratings, *, units: Units | None = None) -> Statistic:
    """Fleiss' κ over the units rated by every coder."""
    if not ratings:
        return Undefined(NO_UNITS)
    coders = len(ratings)
    units = rated_units(ratings) if units is None else units
    complete = {v: n for v, n in units.items() if len(v) == coders}
    if not complete:
        return Undefined(N_("no unit was rated by every coder"))
    categories = sorted({v for unit in complete for v in unit}, key=repr)
    table: Counter[tuple[int, ...]] = Counter()
    for unit, n in complete.items():
        counts = Counter(unit)
        table[tuple(counts[k] for k in categories)] += n
    return _fleiss_kappa(table)


def brennan_prediger(ratings: Ratings, categories: int, *, units: Units | None = None) -> Statistic:
    """Brennan–Prediger κₙ with chance 1/q (PABAK when q = 2)."""
    if categories < 2:
        return Undefined(N_("with fewer than two categories chance agreement is 1"))
    agreement = percent_agreement(ratings, units=units)
    if isinstance(agreement, Undefined):
        return agreement
    chance = 1 / categories
    return (agreement - chance) / (1 - chance)


def krippendorff_alpha_nominal(ratings: Ratings, *, units: Units | None = None) -> Statistic:
    """Krippendorff's α for nominal data (via the ``krippendorff`` package)."""
    units = rated_units(ratings) if units is None else units
    if not units:
        return Undefined(N_("fewer than two pairable values"))
    if len({v for unit in units for v in unit}) < 2:
        return Undefined(
            N_("only one category occurs among pairable values, so expected disagreement is 0")
        )
    import krippendorff  # with numpy, 0.06 s to import: only the statistics that use it
    import numpy as np

    values = set().union(*map(set, ratings)) - {None}
    codes: dict[Hashable, float] = {value: float(i) for i, value in enumerate(values)}
    codes[None] = np.nan
    matrix = np.array([[codes[value] for value in row] for row in ratings], dtype=float)
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
