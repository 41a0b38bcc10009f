"""All agreement tables in one call, for the CLI, the TUI and the report."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

from analysis.agreement.common import choose_coders
from analysis.agreement.presence import presence_agreement
from analysis.agreement.segments import segment_agreement
from analysis.agreement.unitizing import study_unitizing_alpha
from analysis.dataset import StudyData
from analysis.table import Table
from analysis.wording import ENGLISH, Translator


def agreement_tables(
    data: StudyData,
    coder_ids: Sequence[int] | None = None,
    *,
    threshold: float | int | str | Fraction = 90,
    tr: Translator = ENGLISH,
) -> list[Table]:
    """Code presence, segment overlap and disagreements (per coder pair), and uα.

    With more than two coders, the segment tables are given for every pair.
    """
    coders = choose_coders(data, coder_ids)
    tables = [presence_agreement(data, coders).to_table(tr)]
    for a, b in combinations(coders, 2):
        result = segment_agreement(data, a, b, threshold=threshold)
        tables.append(result.to_table(tr))
        tables.append(result.disagreements_table(tr))
    tables.append(study_unitizing_alpha(data, coders).to_table(tr))
    return tables
