"""Helpers for the SVG snapshot tests of screens in en, ru and kk."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path

from i18n import get_language, set_language

Shot = Callable[[Path, tuple[int, int]], Coroutine[object, object, str]]
"""Opens the app on a project at a size and returns its screenshot (SVG)."""


def svg_in_language(shot: Shot, project: Path, size: tuple[int, int], language: str) -> str:
    """``shot`` taken with the UI in ``language`` (the language is set back afterwards)."""
    before = get_language()
    set_language(language)
    try:
        return asyncio.run(shot(project, size))
    finally:
        set_language(before)
