"""Krippendorff's unitizing α family (uα, |uα) on the character continuum.

The current definition (Krippendorff 2019, *Content Analysis*, 4th ed., ch. 12;
Krippendorff, Mathet, Bouvry & Widlöcher 2016, "On the reliability of unitizing
textual continua: Further developments", *Quality & Quantity* 50). Each of the
m coders divides the continuum of length L into *sections*: units carrying a
value (the code) and gaps (no value, ∅). Every character of every coder is a
pairable value, so there are l·· = mL of them.

Observed coincidences, over ordered pairs of coders i ≠ j and their sections g,
h with values c and k::

    l_ck = 1/(m − 1) · Σᵢ Σ_{j≠i} Σ_g Σ_h |g ∩ h|

with margins l_c· (the characters all coders gave value c). Expected
coincidences leave out the pairs inside one unit (l² for a unit of length l)
and a gap character's pair with itself (l for a gap of length l)::

    e_ck = l·· · (l_c· l_·k − [c = k] · S_c) / (l··² − Σ_c S_c)

with S_c the sum of those terms over the sections of value c. Then, with the
nominal difference,

* uα  = 1 − (l·· − Σ_c l_cc) / (l·· − Σ_c e_cc)   (units, gaps and values);
* |uα = 1 − l_∅R / e_∅R, where R joins every value other than ∅ (coded
  against uncoded text, whatever the code).

Codes may overlap in a qualitative project, so per code the coefficient is uα
of that code against all other text (two values: the code and ∅, where uα and
|uα coincide), and over all codes a character's value is the set of codes a
coder applied there (one value per combination; without overlaps this is
plain uα over the codes). All sums are exact fractions until the final float.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Any, TypeVar

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

ALL_CODES = N_("All codes (uα)")
"""The label of the row over all codes as categories (msgid)."""
ANY_CODE = N_("Any code vs. uncoded text (|uα)")
"""The label of the row of coded against uncoded text (msgid)."""
COLUMNS = (
    N_("Code"),
    N_("Units"),
    N_("Observed disagreement"),
    N_("Expected disagreement"),
    "uα (2019)",
)
"""Column keys (English msgids) of the unitizing-α table; the last names the definition, so
that a CSV file without the table's notes still says which coefficient it holds."""

K = TypeVar("K", bound=Hashable)
Value = frozenset[Hashable]
Section = tuple[int, int, Value]  # begin, end, value (empty: a gap)
GAP: Value = frozenset()


@dataclass(frozen=True)
class Disagreement:
    """Observed and expected disagreement (shares of the pairable values) and α."""

    observed: Fraction
    expected: Fraction
    alpha: Statistic


@dataclass(frozen=True)
class CategoryAlpha:
    """uα of one category (code) against all other text."""

    category: Hashable
    units: int
    result: Disagreement

    @property
    def alpha(self) -> Statistic:
        """The category's uα."""
        return self.result.alpha


class _OverallAndBinary:
    """uα over all categories and |uα, from a result's ``overall`` and ``binary``."""

    overall: Disagreement
    binary: Disagreement

    @property
    def alpha(self) -> Statistic:
        """uα over all categories (codes)."""
        return self.overall.alpha

    @property
    def binary_alpha(self) -> Statistic:
        """|uα: coded against uncoded text."""
        return self.binary.alpha


@dataclass(frozen=True)
class UnitizingAlpha(_OverallAndBinary):
    """uα per category, uα over all categories, and |uα, for one continuum."""

    length: int
    coders: int
    categories: tuple[CategoryAlpha, ...]
    overall: Disagreement
    binary: Disagreement

    def category(self, category: Hashable) -> CategoryAlpha:
        """The result for one category."""
        for c in self.categories:
            if c.category == category:
                return c
        raise KeyError(category)


def _binary_sections(
    units: Sequence[Unit], category: Hashable, begin: int, end: int
) -> list[Section]:
    value: Value = frozenset([category])
    out: list[Section] = []
    pos = begin
    for s, e in units:
        if s > pos:
            out.append((pos, s, GAP))
        out.append((s, e, value))
        pos = e
    if pos < end:
        out.append((pos, end, GAP))
    return out


def _combined_partitions(
    coders: Sequence[Mapping[K, list[Unit]]], begin: int, end: int
) -> tuple[list[tuple[Any, Any]], int | None, bool]:
    """Every coder's continuum cut at each of their unit boundaries, as arrays of piece ends
    and value ids: a piece's value is the set of codes covering it (one id for one set,
    whoever coded it), and consecutive uncoded pieces make one gap. Also the gap's id and
    whether any piece is coded."""
    import numpy as np

    categories = list(dict.fromkeys(cat for coder in coders for cat in coder))
    covers: list[Any] = []
    ends: list[Any] = []
    for coder in coders:
        points = [begin, end, *(x for units in coder.values() for unit in units for x in unit)]
        bounds = np.unique(np.array(points, dtype=np.int64))
        starts = bounds[:-1]
        covered = np.zeros((len(categories) or 1, len(starts)), dtype=bool)
        for row, cat in enumerate(categories):
            units = coder.get(cat)
            if units:
                first = np.array([u[0] for u in units], dtype=np.int64)
                last = np.array([u[1] for u in units], dtype=np.int64)
                at = np.searchsorted(first, starts, side="right") - 1
                covered[row] = (at >= 0) & (starts < last[np.maximum(at, 0)])
        gap: Any = ~covered.any(axis=0)
        keep = ~(gap & np.append(gap[1:], False))  # a gap followed by a gap joins it
        covers.append(np.packbits(covered[:, keep], axis=0).T)
        ends.append(bounds[1:][keep])
    packed = np.concatenate(covers)
    if packed.shape[1] <= 8:  # up to 64 codes: one number per set, far quicker to sort
        keys = np.pad(packed, ((0, 0), (0, 8 - packed.shape[1]))).view(np.uint64).reshape(-1)
        values, inverse = np.unique(keys, return_inverse=True)
        coded = values != 0
    else:
        values, inverse = np.unique(packed, axis=0, return_inverse=True)
        coded = values.any(axis=1)
    inverse = inverse.reshape(-1)
    gaps = np.flatnonzero(~coded)
    cuts = np.cumsum([len(e) for e in ends])[:-1]
    arrays = list(zip(ends, np.split(inverse, cuts), strict=True))
    return arrays, int(gaps[0]) if len(gaps) else None, bool(coded.any())


def _pair_lengths(
    first: tuple[Any, Any], second: tuple[Any, Any], begin: int
) -> tuple[Any, Any, Any]:
    """For two partitions of one continuum (section ends, value ids): the value ids of both
    on every piece between consecutive cuts of either, and the pieces' lengths."""
    import numpy as np

    cuts = np.union1d(first[0], second[0])
    lengths = np.diff(cuts, prepend=begin)
    return (
        first[1][np.searchsorted(first[0], cuts)],
        second[1][np.searchsorted(second[0], cuts)],
        lengths,
    )


def disagreement(
    sections: Sequence[list[Section]], length: int
) -> tuple[Disagreement, Disagreement]:
    """uα and |uα for every coder's partition of a continuum of ``length`` characters.

    Vectorised: each coder's sections become arrays of ends and value ids, and the
    characters two coders share are summed per pair of values over the pieces between
    the cuts of both (exact integers throughout).
    """
    import numpy as np

    ids: dict[Value, int] = {}
    arrays = []
    for coder in sections:
        ends = np.fromiter((e for _s, e, _v in coder), dtype=np.int64, count=len(coder))
        values = np.fromiter(
            (ids.setdefault(v, len(ids)) for _s, _e, v in coder), dtype=np.int64, count=len(coder)
        )
        arrays.append((ends, values))
    begin = sections[0][0][0] if sections and sections[0] else 0
    return _disagreement(arrays, ids.get(GAP), any(v for v in ids), begin, length)


def _disagreement(
    arrays: Sequence[tuple[Any, Any]], gap: int | None, units: bool, begin: int, length: int
) -> tuple[Disagreement, Disagreement]:
    """:func:`disagreement` of partitions given as (section ends, value ids) arrays."""
    import numpy as np

    m = len(arrays)
    pairable = m * length
    n = 1 + max((int(values.max()) for _ends, values in arrays if len(values)), default=0)
    same = 0  # characters both coders of a pair gave one value, over both orders
    coded_against_gap = 0  # a gap of one coder against a value of the other, both orders
    for i, j in combinations(range(m), 2):
        a, b, lengths = _pair_lengths(arrays[i], arrays[j], begin)
        same += 2 * int(lengths[a == b].sum())
        if gap is not None:
            coded_against_gap += int(lengths[(a == gap) != (b == gap)].sum())
    margins = np.zeros(n, dtype=np.int64)
    within = np.zeros(n, dtype=np.int64)
    for ends, values in arrays:
        sizes = np.diff(ends, prepend=begin)
        np.add.at(margins, values, sizes)
        np.add.at(within, values, sizes * sizes)
    if gap is not None:  # a gap character pairs with itself only once
        within[gap] = margins[gap]
    margin = [int(x) for x in margins]
    inside = [int(x) for x in within]
    denominator = pairable * pairable - sum(inside)
    agree_observed = Fraction(same, m - 1)
    agree_expected = Fraction(
        pairable * sum(x * x - w for x, w in zip(margin, inside, strict=True)), denominator
    )
    gaps = margin[gap] if gap is not None else 0
    off_observed = Fraction(coded_against_gap, m - 1)
    off_expected = Fraction(pairable * gaps * (pairable - gaps), denominator)
    overall = _alpha(
        Fraction(pairable) - agree_observed, Fraction(pairable) - agree_expected, pairable, units
    )
    binary = _alpha(2 * off_observed, 2 * off_expected, pairable, units)
    return overall, binary


def _alpha(observed: Fraction, expected: Fraction, pairable: int, units: bool) -> Disagreement:
    alpha: Statistic
    if not units:
        alpha = Undefined(N_("no coder marked a unit of this code"))
    elif expected == 0:
        alpha = Undefined(N_("expected disagreement is 0"))
    else:
        alpha = float(1 - observed / expected)
    return Disagreement(observed / pairable, expected / pairable, alpha)


def unitizing_alpha(
    units: Sequence[Mapping[K, Sequence[Unit]]],
    length: int,
    *,
    begin: int = 0,
) -> UnitizingAlpha:
    """uα family for ``units[coder][category] = [(begin, end), …]`` on ``[begin, begin + length)``.

    One coder's overlapping spans of a category are merged into one unit; adjacent
    spans stay separate units.
    """
    m = len(units)
    if m < 2 or length <= 0:
        reason = N_("uα needs two or more coders") if m < 2 else N_("the continuum is empty")
        nothing = Disagreement(Fraction(0), Fraction(0), Undefined(reason))
        return UnitizingAlpha(length, m, (), nothing, nothing)
    end = begin + length
    categories = list(dict.fromkeys(cat for coder in units for cat in coder))
    merged = [
        {
            cat: merge_units([(max(s, begin), min(e, end)) for s, e in coder.get(cat, ())])
            for cat in categories
        }
        for coder in units
    ]
    results: list[CategoryAlpha] = []
    for cat in categories:
        sections = [_binary_sections(coder[cat], cat, begin, end) for coder in merged]
        result, _binary = disagreement(sections, length)
        results.append(CategoryAlpha(cat, sum(len(coder[cat]) for coder in merged), result))
    combined, gap, coded = _combined_partitions(merged, begin, end)
    overall, binary = _disagreement(combined, gap, coded, begin, length)
    if not any(r.units for r in results):
        none = Undefined(N_("no coder marked any unit"))
        overall = Disagreement(overall.observed, overall.expected, none)
        binary = Disagreement(binary.observed, binary.expected, none)
    return UnitizingAlpha(length, m, tuple(results), overall, binary)


@dataclass(frozen=True)
class UnitizingResult(ContinuumResult, _OverallAndBinary):
    """uα per code, uα over all codes and |uα for the layers coded by every coder."""

    overall: Disagreement
    binary: Disagreement

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """Per-code uα, then uα over all codes and |uα."""
        _ = tr.gettext
        rows = self.code_cells()
        units = sum(r.units for r in self.rows)
        all_codes, any_code = _(ALL_CODES), _(ANY_CODE)
        for label, result in ((all_codes, self.overall), (any_code, self.binary)):
            rows.append(
                (
                    label,
                    units,
                    float(result.observed) if self.rows else None,
                    float(result.expected) if self.rows else None,
                    stat_cell(result.alpha),
                )
            )
        labelled: list[tuple[str, object]] = [
            (_("{code}, uα").format(code=r.name), r.alpha) for r in self.rows
        ]
        labelled.append((all_codes, self.alpha))
        labelled.append((any_code, self.binary_alpha))
        return self.table(
            tr,
            key="agreement_unitizing",
            title=_("Intercoder agreement: Krippendorff's unitizing α (uα, 2019)"),
            columns=COLUMNS,
            rows=rows,
            definition=_(
                "Definition: Krippendorff's uα family (Content Analysis, 4th ed., 2019); "
                "the 1995/2004 coefficient is a separate table."
            ),
            explanations=(
                _("A code's row: uα of that code against all other text."),
                _(
                    "All codes: uα with the codes as values; text one coder coded with several "
                    "codes counts as one combined value."
                ),
                _("Any code vs. uncoded text: |uα, whatever the code."),
                _("Disagreements are shares of all pairable characters (coders × characters)."),
            ),
            labelled=labelled,
        )


def study_unitizing_alpha(
    data: StudyData,
    coder_ids: Sequence[int] | None = None,
    *,
    codes: Collection[int] | None = None,
) -> UnitizingResult:
    """The uα family per code and over all codes on the layers every coder has coded."""
    cont = study_continuum(data, coder_ids, codes=codes)
    result = unitizing_alpha(cont.units, cont.length)
    found = {
        c.category: (c.units, c.result.observed, c.result.expected, c.alpha)
        for c in result.categories
    }
    return UnitizingResult(*cont.described(), code_rows(data, found), result.overall, result.binary)
