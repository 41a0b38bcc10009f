"""Media times (milliseconds into a recording) as ``hh:mm:ss``: the one formatter."""

from __future__ import annotations


def clock(ms: int | None, *, hour_digits: int = 2) -> str:
    """``ms`` as ``hh:mm:ss`` (``h:mm:ss`` with ``hour_digits=1``); empty when unknown.

    Negative times count as zero; fractions of a second are dropped.
    """
    if ms is None:
        return ""
    seconds = max(ms, 0) // 1000
    return f"{seconds // 3600:0{hour_digits}d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
