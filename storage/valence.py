"""Valence (sentiment) on a coding: the project's scale and how one key steps through it.

A coding's valence is NULL (none) or an integer: on the three-point scale −1
(negative), 0 (neutral), +1 (positive); on the five-point scale −2…+2. The
scale is a project setting (``valence_scale``: ``"3"`` or ``"5"``, default 3).
"""

from __future__ import annotations

from typing import Literal

from storage.errors import N_, ValidationError

ValenceScale = Literal[3, 5]

SCALE_SETTING = "valence_scale"
"""The ``setting`` key holding the project's valence scale."""

SCALES: dict[int, tuple[int, ...]] = {3: (-1, 0, 1), 5: (-2, -1, 0, 1, 2)}
"""The values each scale allows, lowest first."""


def scale_from_setting(value: str | None) -> ValenceScale:
    """The scale a stored setting names (3 when unset or unknown)."""
    return 5 if value == "5" else 3


def check_valence(valence: int | None, scale: int) -> int | None:
    """``valence`` if the scale allows it (None always does), else a ValidationError."""
    if valence is None or valence in SCALES.get(scale, SCALES[3]):
        return valence
    raise ValidationError(
        N_("Valence {value} is not on this project's scale ({low}…{high})"),
        value=valence,
        low=min(SCALES[scale]),
        high=max(SCALES[scale]),
    )


def next_valence(valence: int | None, scale: int) -> int | None:
    """The value after ``valence`` when a coder presses the valence key.

    None → lowest → … → highest → None, so one key reaches every value and clears it.
    """
    values = SCALES.get(scale, SCALES[3])
    if valence is None or valence not in values:
        return values[0]
    index = values.index(valence)
    return values[index + 1] if index + 1 < len(values) else None


def valence_symbol(valence: int | None) -> str:
    """A short sign for the margin and tables: ``−2``, ``−``, ``0``, ``+``, ``+2``."""
    if valence is None:
        return ""
    if valence == 0:
        return "0"
    sign = "+" if valence > 0 else "−"
    return sign if abs(valence) == 1 else f"{sign}{abs(valence)}"
