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

from collections import defaultdict
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, pairwise
from typing import TypeVar

from analysis.agreement.continuum import (
    Unit,
    UnitizingRow,
    code_rows,
    continuum_notes,
    excluded_notes,
    merge_units,
    study_continuum,
)
from analysis.code_rows import row_of_code
from analysis.dataset import StudyData
from analysis.table import Cell, Table, stat_cell, translated, undefined_notes
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


def _combined_sections(per_category: Mapping[K, list[Unit]], begin: int, end: int) -> list[Section]:
    """Cut the continuum at every unit boundary; a piece's value is the set of its codes."""
    starts: dict[int, list[K]] = defaultdict(list)
    ends: dict[int, list[K]] = defaultdict(list)
    for cat, units in per_category.items():
        for s, e in units:
            starts[s].append(cat)
            ends[e].append(cat)
    active: set[K] = set()
    out: list[Section] = []
    for a, b in pairwise(sorted({begin, end, *starts, *ends})):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        value: Value = frozenset(active)
        if not value and out and not out[-1][2]:
            out[-1] = (out[-1][0], b, GAP)
        else:
            out.append((a, b, value))
    return out


def _observed(
    first: list[Section], second: list[Section], into: dict[tuple[Value, Value], int]
) -> None:
    """Add |g ∩ h| for every intersecting pair of two coders' sections (both orders)."""
    i = j = 0
    while i < len(first) and j < len(second):
        a_begin, a_end, a_value = first[i]
        b_begin, b_end, b_value = second[j]
        shared = min(a_end, b_end) - max(a_begin, b_begin)
        if shared > 0:
            into[(a_value, b_value)] += shared
            into[(b_value, a_value)] += shared
        if a_end <= b_end:
            i += 1
        if b_end <= a_end:
            j += 1


def disagreement(
    sections: Sequence[list[Section]], length: int
) -> tuple[Disagreement, Disagreement]:
    """uα and |uα for every coder's partition of a continuum of ``length`` characters."""
    m = len(sections)
    pairable = m * length
    counts: dict[tuple[Value, Value], int] = defaultdict(int)
    for i, j in combinations(range(m), 2):
        _observed(sections[i], sections[j], counts)
    margins: dict[Value, int] = defaultdict(int)
    within: dict[Value, int] = defaultdict(int)
    for coder in sections:
        for s, e, value in coder:
            size = e - s
            margins[value] += size
            within[value] += size * size if value else size
    denominator = pairable * pairable - sum(within.values())
    agree_observed = Fraction(sum(counts[(v, v)] for v in margins), m - 1)
    agree_expected = Fraction(
        pairable * sum(margins[v] * margins[v] - within[v] for v in margins), denominator
    )
    gap = margins.get(GAP, 0)
    off_observed = Fraction(sum(n for (a, b), n in counts.items() if not a and b), m - 1)
    off_expected = Fraction(pairable * gap * (pairable - gap), denominator)
    units = any(v for v in margins)
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
    combined = [_combined_sections(coder, begin, end) for coder in merged]
    overall, binary = disagreement(combined, length)
    if not any(r.units for r in results):
        none = Undefined(N_("no coder marked any unit"))
        overall = Disagreement(overall.observed, overall.expected, none)
        binary = Disagreement(binary.observed, binary.expected, none)
    return UnitizingAlpha(length, m, tuple(results), overall, binary)


@dataclass(frozen=True)
class UnitizingResult(_OverallAndBinary):
    """uα per code, uα over all codes and |uα for the layers coded by every coder."""

    coder_ids: tuple[int, ...]
    coder_names: tuple[str, ...]
    layer_ids: tuple[int, ...]
    excluded_layers: tuple[int, ...]
    length: int
    rows: tuple[UnitizingRow, ...]
    overall: Disagreement
    binary: Disagreement

    def row(self, code_id: int) -> UnitizingRow:
        """The row for one code."""
        return row_of_code(self.rows, code_id)

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """Per-code uα, then uα over all codes and |uα."""
        _ = tr.gettext
        rows: list[tuple[Cell, ...]] = [
            (r.name, r.units, float(r.observed), float(r.expected), stat_cell(r.alpha))
            for r in self.rows
        ]
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
        layers = len(self.layer_ids)
        notes = [
            _(
                "Definition: Krippendorff's uα family (Content Analysis, 4th ed., 2019); "
                "the 1995/2004 coefficient is a separate table."
            ),
            *continuum_notes(tr, self.coder_names, self.length, layers),
            _("A code's row: uα of that code against all other text."),
            _(
                "All codes: uα with the codes as values; text one coder coded with several "
                "codes counts as one combined value."
            ),
            _("Any code vs. uncoded text: |uα, whatever the code."),
            _("Disagreements are shares of all pairable characters (coders × characters)."),
        ]
        notes.extend(excluded_notes(tr, self.excluded_layers))
        notes.extend(undefined_notes(labelled, tr))
        return Table(
            key="agreement_unitizing",
            title=_("Intercoder agreement: Krippendorff's unitizing α (uα, 2019)"),
            unit=_("characters"),
            columns=translated(tr, COLUMNS),
            column_keys=COLUMNS,
            rows=tuple(rows),
            notes=tuple(notes),
            uncoded_text_counts=True,
            row_depths=tuple([r.depth for r in self.rows] + [0, 0]),
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
