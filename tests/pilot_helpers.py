"""Helpers for Pilot tests of the terminal app."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input

from tui.screens.analysis import AnalysisScreen
from tui.screens.search import SEARCH_LIMIT, SearchScreen
from tui.screens.transcript import TranscriptScreen


async def wait_until(pilot: Pilot[None], done: Callable[[], bool], timeout: float = 20) -> None:
    """Let the app run until ``done()`` (imports, exports and backups run in worker threads)."""
    for _ in range(int(timeout / 0.05)):
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


async def wait_for_search(pilot: Pilot[None], screen: SearchScreen) -> None:
    """Wait until the search screen shows the hits of the query now in its field.

    Typing is debounced: the search runs a moment after the last key, so tests wait for
    its result (what the project's search returns for the whole query) instead of a delay.
    """
    query = screen.query_one("#search-query", Input).value

    def shown() -> bool:
        expected = (
            screen.store.search.hits(query, language=screen.language, limit=SEARCH_LIMIT)
            if query.strip()
            else []
        )
        return screen.hits == expected

    await wait_until(pilot, shown)


async def settle_workers(pilot: Pilot[None]) -> None:
    """Let the app's workers (computations, exports) finish and their results reach the screen."""
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("workers still running")


async def open_analysis(pilot: Pilot[None]) -> AnalysisScreen:
    """Open the analysis screen (F9) and wait for its first table."""
    await pilot.press("f9")
    await settle_workers(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AnalysisScreen)
    return screen


async def open_coding(pilot: Pilot[None]) -> TranscriptScreen:
    """Open the coding screen (F6) and wait until its transcript is shown."""
    await pilot.press("f6")
    screen = pilot.app.screen
    assert isinstance(screen, TranscriptScreen)
    await wait_until(pilot, lambda: screen.model is not None)
    return screen
