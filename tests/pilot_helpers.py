"""Helpers for Pilot tests of the terminal app."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot


async def wait_until(pilot: Pilot[None], done: Callable[[], bool], timeout: float = 20) -> None:
    """Let the app run until ``done()`` (imports, exports and backups run in worker threads)."""
    for _ in range(int(timeout / 0.05)):
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")
