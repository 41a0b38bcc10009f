"""Intercoder agreement: code presence per document, segment overlap, unitizing α.

* :func:`presence_agreement` — per-document code presence: % agreement,
  Cohen's κ, Fleiss' κ, Krippendorff's α (nominal), Brennan–Prediger/PABAK.
* :func:`segment_agreement` — MAXQDA-style segment overlap at a threshold, with
  κ using chance 1/k, and the list of disagreements to discuss.
* :func:`study_unitizing_alpha` — Krippendorff's uα on the character continuum.

The coefficient functions in :mod:`analysis.agreement.coefficients` work on any
coders × units matrix of nominal ratings.
"""

from analysis.agreement.coefficients import (
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    fleiss_kappa_counts,
    krippendorff_alpha_nominal,
    percent_agreement,
)
from analysis.agreement.common import CoefficientSet
from analysis.agreement.presence import PresenceResult, PresenceRow, presence_agreement
from analysis.agreement.segments import (
    Disagreement,
    SegmentAgreementResult,
    SegmentRow,
    segment_agreement,
)
from analysis.agreement.tables import agreement_tables
from analysis.agreement.unitizing import (
    UnitizingAlpha,
    UnitizingResult,
    UnitizingRow,
    study_unitizing_alpha,
    unitizing_alpha,
)

__all__ = [
    "CoefficientSet",
    "Disagreement",
    "PresenceResult",
    "PresenceRow",
    "SegmentAgreementResult",
    "SegmentRow",
    "UnitizingAlpha",
    "UnitizingResult",
    "UnitizingRow",
    "agreement_tables",
    "brennan_prediger",
    "cohen_kappa",
    "fleiss_kappa",
    "fleiss_kappa_counts",
    "krippendorff_alpha_nominal",
    "percent_agreement",
    "presence_agreement",
    "segment_agreement",
    "study_unitizing_alpha",
    "unitizing_alpha",
]
