"""Intercoder agreement: code presence per document, segment overlap, unitizing α.

* :func:`presence_agreement` — per-document code presence: % agreement,
  Cohen's κ, Fleiss' κ, Krippendorff's α (nominal), Brennan–Prediger/PABAK.
* :func:`segment_agreement` — MAXQDA-style segment overlap at a threshold, with
  κ using chance 1/k, and the list of disagreements to discuss.
* :func:`study_unitizing_alpha` — Krippendorff's uα family (2019: uα, |uα) on the
  character continuum; :func:`study_unitizing_alpha_2004` — the 1995/2004 coefficient.

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
from analysis.agreement.continuum import UnitizingRow
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
    study_unitizing_alpha,
    unitizing_alpha,
)
from analysis.agreement.unitizing_2004 import (
    UnitizingAlpha2004,
    UnitizingResult2004,
    study_unitizing_alpha_2004,
    unitizing_alpha_2004,
)

__all__ = [
    "CoefficientSet",
    "Disagreement",
    "PresenceResult",
    "PresenceRow",
    "SegmentAgreementResult",
    "SegmentRow",
    "UnitizingAlpha",
    "UnitizingAlpha2004",
    "UnitizingResult",
    "UnitizingResult2004",
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
    "study_unitizing_alpha_2004",
    "unitizing_alpha",
    "unitizing_alpha_2004",
]
