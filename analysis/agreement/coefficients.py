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


def _units(ratings: Ratings) -> list[list[Hashable]]:
    if not ratings:
        return []
    width = len(ratings[0])
    if any(len(row) != width for row in ratings):
        raise ValueError("every coder's row must have one rating per unit")
    units = []
    for u in range(width):
        values = [row[u] for row in ratings if row[u] is not None]
        if len(values) >= 2:
            units.append(values)
    return units


def _mean_pairwise_agreement(units: Sequence[Sequence[Hashable]]) -> Fraction:
    """Mean over units of the share of agreeing (ordered) coder pairs."""
    sizes = {len(v) for v in units}
    if sizes == {2}:  # two ratings per unit: a pair agrees or not
        return Fraction(sum(1 for a, b in units if a == b), len(units))
    if len(sizes) == 1:  # every coder rated every unit
        m = sizes.pop()
        same = sum(n * (n - 1) for v in units for n in Counter(v).values())
        return Fraction(same, len(units) * m * (m - 1))
    total = Fraction(0)
    for v in units:
        m = len(v)
        total += Fraction(sum(n * (n - 1) for n in Counter(v).values()), m * (m - 1))
    return total / len(units)


def percent_agreement(ratings: Ratings) -> Statistic:
    """Mean share of agreeing coder pairs per unit, as a proportion (0–1)."""
    units = _units(ratings)
    if not units:
        return Undefined(NO_UNITS)
    return float(_mean_pairwise_agreement(units))


def cohen_kappa(first: Sequence[Hashable | None], second: Sequence[Hashable | None]) -> Statistic:
    """Cohen's κ for two coders over the units both rated."""
    if len(first) != len(second):
        raise ValueError("both coders need one rating per unit")
    pairs = [(a, b) for a, b in zip(first, second, strict=True) if a is not None and b is not None]
    if not pairs:
        return Undefined(N_("the two coders rated no unit in common"))
    n = len(pairs)
    observed = Fraction(sum(1 for a, b in pairs if a == b), n)
    left = Counter(a for a, _ in pairs)
    right = Counter(b for _, b in pairs)
    expected = Fraction(sum(left[k] * right[k] for k in left), n * n)
    if expected == 1:
        return Undefined(ONE_CATEGORY)
    return float((observed - expected) / (1 - expected))


def fleiss_kappa_counts(table: Sequence[Sequence[int]]) -> Statistic:
    """Fleiss' κ from a units × categories table of rating counts (equal row sums)."""
    rows = [list(r) for r in table if sum(r) > 0]
    if not rows:
        return Undefined(NO_UNITS)
    m = sum(rows[0])
    if any(sum(r) != m for r in rows):
        raise ValueError("Fleiss' κ needs the same number of ratings for every unit")
    if m < 2:
        return Undefined(NO_UNITS)
    n = len(rows)
    p_bar = Fraction(sum(sum(x * x for x in r) - m for r in rows), n * m * (m - 1))
    totals = [sum(col) for col in zip(*rows, strict=True)]
    p_e = Fraction(sum(t * t for t in totals), (n * m) ** 2)
    if p_e == 1:
        return Undefined(ONE_CATEGORY)
    return float((p_bar - p_e) / (1 - p_e))


def fleiss_kappa(ratings: Ratings) -> Statistic:
    """Fleiss' κ over the units rated by every coder."""
    if not ratings:
        return Undefined(NO_UNITS)
    coders = len(ratings)
    units = [v for v in _units(ratings) if len(v) == coders]
    if not units:
        return Undefined(N_("no unit was rated by every coder"))
    categories = sorted({v for unit in units for v in unit}, key=repr)
    table = []
    for unit in units:
        counts = Counter(unit)
        table.append([counts[k] for k in categories])
    return fleiss_kappa_counts(table)


def brennan_prediger(ratings: Ratings, categories: int) -> Statistic:
    """Brennan–Prediger κₙ with chance 1/q (PABAK when q = 2)."""
    if categories < 2:
        return Undefined(N_("with fewer than two categories chance agreement is 1"))
    agreement = percent_agreement(ratings)
    if isinstance(agreement, Undefined):
        return agreement
    chance = 1 / categories
    return (agreement - chance) / (1 - chance)


def krippendorff_alpha_nominal(ratings: Ratings) -> Statistic:
    """Krippendorff's α for nominal data (via the ``krippendorff`` package)."""
    units = _units(ratings)
    if not units:
        return Undefined(N_("fewer than two pairable values"))
    if len({v for unit in units for v in unit}) < 2:
        return Undefined(
            N_("only one category occurs among pairable values, so expected disagreement is 0")
        )
    import krippendorff  # with numpy, 0.2 s to import: only the statistics that use it
    import numpy as np

    codes: dict[Hashable, int] = {}
    matrix = np.full((len(ratings), len(ratings[0])), np.nan)
    for c, row in enumerate(ratings):
        for u, value in enumerate(row):
            if value is not None:
                matrix[c, u] = codes.setdefault(value, len(codes))
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
