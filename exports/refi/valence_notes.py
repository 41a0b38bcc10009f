"""A coding's valence in REFI-QDA: a ``Note`` named ``Valence`` referenced from the coding.

REFI-QDA has no valence (sentiment) on a coding, and variables belong to cases
and sources, not codings; a note is the one place a coding can carry it. The
note's text is the number and its English name (``-1 (negative)``), so other
tools show something readable; reading back takes the signed number at its
start. A suhbat import turns such notes into the coding's valence, not a memo.
"""

from __future__ import annotations

import re

from analysis.valence import valence_name

VALENCE_NOTE = "Valence"
"""The ``name`` of a valence note."""

_NUMBER = re.compile(r"^\s*([+\-−]?\d+)")


def valence_note_text(valence: int) -> str:
    """The note text for ``valence``: ``-1 (negative)``, ``+2 (very positive)``."""
    sign = "+" if valence > 0 else ""
    return f"{sign}{valence} ({valence_name(valence)})"


def parse_valence_note(text: str | None) -> int | None:
    """The valence a note's text gives (−2…+2), or None when it gives none."""
    found = _NUMBER.match(text or "")
    if found is None:
        return None
    value = int(found.group(1).replace("−", "-"))
    return value if -2 <= value <= 2 else None
