"""Helpers for Pilot tests of the terminal app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from exports.transcript_import import import_transcript, import_translation
from storage import Store
from tui.dialogs.form_modal import FormField
from tui.screens.analysis import AnalysisScreen
from tui.screens.codebook import CodebookScreen
from tui.screens.export import ExportScreen
from tui.screens.live_session import LiveSessionScreen
from tui.screens.search import SEARCH_LIMIT, SearchScreen
from tui.screens.transcript import TranscriptScreen


async def settle(pilot: Pilot[None], frames: int = 3) -> None:
    """Let the app draw ``frames`` frames (a screen or dialog just opened lays itself out)."""
    for _ in range(frames):
        await pilot.pause()


async def wait_until(pilot: Pilot[None], done: Callable[[], bool], timeout: float = 20) -> None:
    """Let the app run until ``done()`` (imports, exports and backups run in worker threads)."""
    for _ in range(int(timeout / 0.05)):
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


ScreenT = TypeVar("ScreenT", bound=Screen[Any])


async def wait_for_screen(pilot: Pilot[None], kind: type[ScreenT]) -> ScreenT:
    """Let the app run until the screen on top is a ``kind`` (pushed by a key or a worker)."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind))
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


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


def form_errors(pilot: Pilot[None]) -> dict[str, str]:
    """Inline error messages of the open form, by field."""
    return {
        f.field_name: str(f.query_one(".field-error", Static).render())
        for f in pilot.app.screen.query(FormField)
        if f.has_class("-invalid")
    }


async def open_screen(
    pilot: Pilot[None], key: str, kind: type[ScreenT], pauses: int = 0
) -> ScreenT:
    """Press ``key``, let the app draw ``pauses`` frames; the ``kind`` screen it opened."""
    await pilot.press(key)
    for _ in range(pauses):
        await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


async def open_coding(pilot: Pilot[None], pauses: int = 5) -> TranscriptScreen:
    """Open the coding screen (F6) and let it lay out its panes for ``pauses`` frames."""
    return await open_screen(pilot, "f6", TranscriptScreen, pauses)


async def open_codebook(pilot: Pilot[None]) -> CodebookScreen:
    """Open the codebook screen (F7)."""
    return await open_screen(pilot, "f7", CodebookScreen, 1)


async def open_export(pilot: Pilot[None]) -> ExportScreen:
    """Open the export screen (F10)."""
    return await open_screen(pilot, "f10", ExportScreen)


def export_status(screen: Screen[Any]) -> str:
    """The export screen's status line (what was written, or why nothing was)."""
    return str(screen.query_one("#export-status", Static).render())


@contextmanager
def interview_project(
    path: Path,
    fixtures_dir: Path,
    *,
    translated: bool = True,
    languages: tuple[str, ...] = ("ru", "kk", "en"),
) -> Iterator[Store]:
    """A new project "study" at ``path`` holding interview_07, open for more data.

    The Russian transcript is imported, and (unless ``translated`` is false) its English
    translation as a second layer.
    """
    with Store.create(path, name="study", languages=languages) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")
        if translated:
            import_translation(store, fixtures_dir / "interview_07.en.txt", "interview_07")
        yield store


def interview_file(path: Path, fixtures_dir: Path, *, translated: bool = True) -> Path:
    """A closed :func:`interview_project` with nothing added; returns ``path``."""
    with interview_project(path, fixtures_dir, translated=translated):
        pass
    return path


LIVE_T0 = 1_700_000_000_000
"""The wall-clock time (epoch ms) a :class:`FakeClock` starts at."""


class FakeClock:
    """A wall clock the test moves by hand (epoch ms)."""

    def __init__(self) -> None:
        self.now = LIVE_T0

    def __call__(self) -> int:
        return self.now


def fake_live_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Replace the live screen's wall clock with a :class:`FakeClock` the test moves."""
    fake = FakeClock()
    monkeypatch.setattr(LiveSessionScreen, "clock", staticmethod(fake))
    return fake
