"""A progress callback shared by long-running exports."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while an export runs (units are the exporter's)."""


def no_progress(done: int, total: int) -> None:
    """A :data:`Progress` that ignores every report."""
