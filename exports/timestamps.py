"""Media times as text in exported files."""

from __future__ import annotations


def clock(ms: int | None) -> str:
    """Media time as ``hh:mm:ss`` (empty when unknown)."""
    if ms is None:
        return ""
    seconds = max(ms, 0) // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
