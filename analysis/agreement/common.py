"""Pieces shared by the agreement analyses: coder choice, documents, coefficient sets."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.agreement.coefficients import (
    Ratings,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha_nominal,
    percent_agreement,
    rated_units,
)
from analysis.coding_facts import coding_facts
from analysis.dataset import StudyData
from analysis.table import Cell, stat_cell
from analysis.undefined import Statistic, Undefined
from analysis.wording import ENGLISH, Translator
from storage.errors import N_

TWO_CODERS_ONLY = N_("Cohen's κ compares exactly two coders; see Fleiss' κ and Krippendorff's α")


@dataclass(frozen=True)
class CoefficientSet:
    """The presence-agreement coefficients for one code (or pooled over codes)."""

    percent: Statistic
    """Observed agreement as a proportion (0–1)."""
    cohen: Statistic
    fleiss: Statistic
    alpha: Statistic
    brennan_prediger: Statistic
    """Brennan–Prediger κₙ; with two categories (present/absent) this is PABAK."""

    def cells(self) -> tuple[Cell, ...]:
        """Percent agreement in %, then the four chance-corrected coefficients."""
        pct = None if isinstance(self.percent, Undefined) else 100.0 * self.percent
        return (
            pct,
            stat_cell(self.cohen),
            stat_cell(self.fleiss),
            stat_cell(self.alpha),
            stat_cell(self.brennan_prediger),
        )

    def labelled(self, label: str, tr: Translator = ENGLISH) -> list[tuple[str, object]]:
        """``(label, value)`` pairs for :func:`analysis.table.undefined_notes`."""
        _ = tr.gettext
        return [
            (_("{code}, % agreement").format(code=label), self.percent),
            (_("{code}, Cohen's κ").format(code=label), self.cohen),
            (_("{code}, Fleiss' κ").format(code=label), self.fleiss),
            (_("{code}, Krippendorff's α").format(code=label), self.alpha),
            (_("{code}, Brennan–Prediger κ").format(code=label), self.brennan_prediger),
        ]


def coefficient_set(ratings: Ratings, categories: int) -> CoefficientSet:
    """All coefficients for one coders × units matrix with ``categories`` possible values."""
    cohen: Statistic = (
        cohen_kappa(ratings[0], ratings[1]) if len(ratings) == 2 else Undefined(TWO_CODERS_ONLY)
    )
    units = rated_units(ratings)
    return CoefficientSet(
        percent=percent_agreement(ratings, units=units),
        cohen=cohen,
        fleiss=fleiss_kappa(ratings, units=units),
        alpha=krippendorff_alpha_nominal(ratings, units=units),
        brennan_prediger=brennan_prediger(ratings, categories, units=units),
    )


def choose_coders(data: StudyData, coder_ids: Sequence[int] | None) -> tuple[int, ...]:
    """The given coders, or every coder with at least one coding (by id)."""
    if coder_ids is not None:
        return tuple(dict.fromkeys(coder_ids))
    return tuple(sorted({c.coder_id for c in coding_facts(data)}))


def coder_name(data: StudyData, coder_id: int) -> str:
    """A coder's name (or ``#id``)."""
    c = data.coders.get(coder_id)
    return c.name if c is not None else f"#{coder_id}"


def coded_by_all(
    data: StudyData, coders: Sequence[int], key: str
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Documents (``key="transcript"``) or layers (``key="layer"``) every coder has coded.

    Returns ``(included, excluded)``: excluded ones were coded by some but not all
    of the coders, so comparing them would count a not-yet-coded document as
    disagreement.
    """
    who: dict[int, set[int]] = defaultdict(set)
    wanted = set(coders)
    for c in coding_facts(data):
        if c.coder_id in wanted:
            unit = data.layer_transcript[c.layer_id] if key == "transcript" else c.layer_id
            who[unit].add(c.coder_id)
    included = tuple(sorted(u for u, s in who.items() if s == wanted))
    excluded = tuple(sorted(u for u, s in who.items() if s != wanted))
    return included, excluded


def presence_matrix(
    present: set[tuple[int, int]], coders: Sequence[int], units: Sequence[int]
) -> list[list[int]]:
    """A coders × units 0/1 matrix from ``(coder, unit)`` pairs where the code is present."""
    return [[1 if (c, u) in present else 0 for u in units] for c in coders]
