"""The choices of the saturation table, apart from the computation (and its imports).

Requests and command-line options need these names without loading
:mod:`analysis.saturation`, which the other statistics never use.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

SaturationMode = Literal["rolling", "disjoint"]
"""Rolling runs start one session after the previous one; disjoint runs after it ends."""

DEFAULT_THRESHOLDS: tuple[Fraction, ...] = (Fraction(5), Fraction(0))
"""New-information thresholds in percent tried when none is given: 5 % and 0 %."""
