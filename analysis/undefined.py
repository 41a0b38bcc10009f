"""An explicit "this statistic is undefined" value.

A statistic that cannot be computed from the data (a κ when only one category
occurs, a saturation ratio when the base has no codes) is reported as
:class:`Undefined` with the reason, never as 0, 1 or NaN.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Undefined:
    """A statistic that has no value for these data; ``reason`` says why (English msgid)."""

    reason: str

    def __str__(self) -> str:
        return f"undefined ({self.reason})"


Statistic = float | Undefined
"""A computed coefficient or an explanation why there is none."""

ExactStatistic = Fraction | Undefined
"""An exact ratio or an explanation why there is none."""
