"""Krippendorff's 1995/2004 unitizing α (uα₂₀₀₄) on the character continuum.

This is the older definition, kept under its own name; the default is the
uα family of :mod:`analysis.agreement.unitizing` (Krippendorff 2019).

Every compared layer is laid end to end into one continuum of characters (code
points). For each code, each coder divides the continuum into *units* (the
characters they coded with that code; overlapping codings of one coder are
merged) and *gaps* (everything else) — so uncoded text counts. With sections
``g`` (begin b, length l) of coder i and ``h`` of coder j, the difference is

* both units and overlapping: δ² = (b_g − b_h)² + (e_g − e_h)², e = b + l;
* a unit lying entirely inside the other coder's gap: δ² = l²(unit);
* otherwise 0.

For m coders and continuum length L (Krippendorff 1995; 2004, §12.7; the
computation follows DKPro Statistics' implementation):

    uDo = Σᵢ Σ_{j≠i} Σ_g Σ_h δ²(g, h) / (m(m − 1) L²)
    uDe = (2/L) Σ_units [ (N − 1)·(2l³ − 3l² + l)/3 + l² Σ_{gaps γ ≥ l} (γ − l + 1) ]
          / (mL(mL − 1) − Σ_units l(l − 1))
    uα  = 1 − uDo / uDe

where N is the number of units of the code (all coders) and the gaps are all
coders' gaps for the code. The α over all codes is 1 − Σ uDo / Σ uDe. All
sums are exact integers; the ratios are exact fractions until the final float.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate, combinations
from typing import TypeVar

from analysis.agreement.continuum import (
    ContinuumResult,
    Unit,
    code_rows,
    merge_units,
    study_continuum,
)
from analysis.dataset import StudyData
from analysis.table import Table, stat_cell
from analysis.undefined import Statistic, Undefined
from analysis.wording import ENGLISH, Translator
from storage.errors import N_

ALL_CODES = N_("All codes")
"""The label of the row over all codes (msgid)."""
COLUMNS = (
    N_("Code"),
    N_("Units"),
    N_("Observed disagreement"),
    N_("Expected disagreement"),
    N_("uα (2004)"),
)
"""Column keys (English msgids) of the 1995/2004 unitizing-α table."""

K = TypeVar("K", bound=Hashable)
Section = tuple[int, int, bool]  # begin, end, is_unit


@dataclass(frozen=True)
class CategoryAlpha2004:
    """uα for one category (code) with its observed and expected disagreement."""

    category: Hashable
    observed: Fraction
    expected: Fraction
    units: int
    alpha: Statistic


@dataclass(frozen=True)
class UnitizingAlpha2004:
    """uα per category and over all categories for one continuum."""

    length: int
    coders: int
    categories: tuple[CategoryAlpha2004, ...]
    alpha: Statistic

    def category(self, category: Hashable) -> CategoryAlpha2004:
        """The result for one category."""
        for c in self.categories:
            if c.category == category:
                return c
        raise KeyError(category)


def _sections(units: Sequence[Unit], begin: int, end: int) -> list[Section]:
    out: list[Section] = []
    pos = begin
    for s, e in units:
        if s > pos:
            out.append((pos, s, False))
        out.append((s, e, True))
        pos = e
    if pos < end:
        out.append((pos, end, False))
    return out


def _delta(a: Section, b: Section) -> int:
    a_begin, a_end, a_unit = a
    b_begin, b_end, b_unit = b
    if a_unit and b_unit:
        return (a_begin - b_begin) ** 2 + (a_end - b_end) ** 2
    if a_unit and b_begin <= a_begin and a_end <= b_end:
        return (a_end - a_begin) ** 2
    if b_unit and a_begin <= b_begin and b_end <= a_end:
        return (b_end - b_begin) ** 2
    return 0


def _observed_sum(first: list[Section], second: list[Section]) -> int:
    """Σ δ² over every overlapping pair of sections of two coders (each pair once)."""
    total = 0
    i = j = 0
    while i < len(first) and j < len(second):
        total += _delta(first[i], second[j])
        a_end, b_end = first[i][1], second[j][1]
        if a_end <= b_end:
            i += 1
        if b_end <= a_end:
            j += 1
    return total


def unitizing_alpha_2004(
    units: Sequence[Mapping[K, Sequence[Unit]]],
    length: int,
    *,
    begin: int = 0,
) -> UnitizingAlpha2004:
    """uα for ``units[coder][category] = [(begin, end), …]`` on ``[begin, begin + length)``."""
    m = len(units)
    categories = list(dict.fromkeys(cat for coder in units for cat in coder))
    results: list[CategoryAlpha2004] = []
    if m < 2 or length <= 0:
        reason = N_("uα needs two or more coders") if m < 2 else N_("the continuum is empty")
        return UnitizingAlpha2004(length, m, (), Undefined(reason))
    end = begin + length
    sum_observed = Fraction(0)
    sum_expected = Fraction(0)
    for cat in categories:
        per_coder = [
            merge_units([(max(s, begin), min(e, end)) for s, e in coder.get(cat, ())])
            for coder in units
        ]
        sections = [_sections(u, begin, end) for u in per_coder]
        observed_sum = sum(
            _observed_sum(sections[i], sections[j]) for i, j in combinations(range(m), 2)
        )
        observed = Fraction(2 * observed_sum, m * (m - 1) * length * length)
        lengths = [e - s for u in per_coder for s, e in u]
        gaps = sorted(e - s for sec in sections for s, e, is_unit in sec if not is_unit)
        suffix = [*reversed(list(accumulate(reversed(gaps)))), 0]
        n_units = len(lengths)
        numerator = 0
        for ell in lengths:
            k = bisect.bisect_left(gaps, ell)
            fitting = len(gaps) - k
            within = suffix[k] - fitting * (ell - 1)
            numerator += (n_units - 1) * (ell * (ell - 1) * (2 * ell - 1) // 3)
            numerator += ell * ell * within
        denominator = length * (m * length * (m * length - 1) - sum(x * (x - 1) for x in lengths))
        expected = Fraction(2 * numerator, denominator) if denominator else Fraction(0)
        alpha: Statistic
        if n_units == 0:
            alpha = Undefined(N_("no coder marked a unit of this code"))
        elif expected == 0:
            alpha = Undefined(N_("expected disagreement is 0"))
        else:
            alpha = float(1 - observed / expected)
        sum_observed += observed
        sum_expected += expected
        results.append(CategoryAlpha2004(cat, observed, expected, n_units, alpha))
    overall: Statistic = (
        float(1 - sum_observed / sum_expected)
        if sum_expected
        else Undefined(N_("no coder marked any unit"))
    )
    return UnitizingAlpha2004(length, m, tuple(results), overall)


@dataclass(frozen=True)
class UnitizingResult2004(ContinuumResult):
    """uα per code and over all codes for the layers coded by every coder."""

    alpha: Statistic

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """Per-code uα with the overall value last."""
        _ = tr.gettext
        rows = self.code_cells()
        all_codes = _(ALL_CODES)
        rows.append((all_codes, sum(r.units for r in self.rows), None, None, stat_cell(self.alpha)))
        labelled: list[tuple[str, object]] = [
            (_("{code}, uα (2004)").format(code=r.name), r.alpha) for r in self.rows
        ]
        labelled.append((_("{code}, uα (2004)").format(code=all_codes), self.alpha))
        return self.table(
            tr,
            key="agreement_unitizing_2004",
            title=_("Intercoder agreement: Krippendorff's unitizing α, 1995/2004 definition"),
            columns=COLUMNS,
            rows=rows,
            definition=_(
                "Definition: Krippendorff's 1995/2004 unitizing α (Content Analysis, 2nd ed., "
                "2004, §12.7), kept for comparison with older studies; the current uα "
                "(Krippendorff 2019) gives different values on the same data."
            ),
            explanations=(
                _("All codes: 1 − Σ observed / Σ expected disagreement (Krippendorff)."),
            ),
            labelled=labelled,
        )


def study_unitizing_alpha_2004(
    data: StudyData,
    coder_ids: Sequence[int] | None = None,
    *,
    codes: Collection[int] | None = None,
) -> UnitizingResult2004:
    """The 1995/2004 uα per code on the layers every coder has coded, laid end to end."""
    cont = study_continuum(data, coder_ids, codes=codes)
    result = unitizing_alpha_2004(cont.units, cont.length)
    found = {c.category: (c.units, c.observed, c.expected, c.alpha) for c in result.categories}
    return UnitizingResult2004(*cont.described(), code_rows(data, found), result.alpha)
