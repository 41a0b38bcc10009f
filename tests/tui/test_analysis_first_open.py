"""The Analysis screen's first open (issue 21): its first table is computed once and shown
with its row count, keys pressed at once with F9 reach the screen, and the options panel
follows the focus when the terminal narrows (a wide screen no longer marks it on focus).
"""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import settle_workers
from textual import events
from textual.widgets import Select, Static

from storage import Store
from tui.app import SuhbatApp
from tui.screens.analysis import AnalysisScreen
from tui.widgets.analysis_options import AnalysisOptions
from tui.widgets.stats_table import StatsTable


def _codes(path: Path) -> int:
    """How many codes the project's frequency table lists (one row per code)."""
    with Store(path) as store:
        return len(store.codes.all())


async def test_the_first_table_is_shown_once_and_says_so(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f9")
        await settle_workers(pilot)
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        table = screen.query_one(StatsTable)
        assert table.table is not None and table.table.key == "frequencies"
        assert table.row_count == _codes(demo_path)
        status = str(screen.query_one("#status", Static).render())
        assert status.startswith(f"{table.row_count} rows")
        # Computed once: showing the screen does not start the same table again.
        assert screen.generation == 1
        assert not any(worker.is_running for worker in app.workers)


async def test_keys_typed_with_f9_reach_the_new_screen(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        # F9 and K arrive together, as from a fast typist: K reaches the new screen and
        # focuses the table list once it is there.
        app.post_message(events.Key("f9", None))
        app.post_message(events.Key("k", "k"))
        await settle_workers(pilot)
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        assert screen.query_one("#kind", Select).has_focus
        await pilot.press("enter", "T", "enter")
        await settle_workers(pilot)
        assert screen.query_one("#kind", Select).value == "saturation"
        table = screen.query_one(StatsTable)
        assert table.table is not None and table.table.key == "saturation"


async def test_options_focused_on_a_wide_screen_stay_shown_when_it_narrows(
    demo_path: Path,
) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f9")
        await settle_workers(pilot)
        screen = app.screen
        options = screen.query_one(AnalysisOptions)
        await pilot.press("k")
        await pilot.pause()
        kind = screen.query_one("#kind", Select)
        assert kind.has_focus
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert options.display and kind.has_focus  # the panel is where the cursor is
        await pilot.press("t")  # to the table: the panel gives its width back
        await pilot.pause()
        assert not options.display and screen.query_one(StatsTable).has_focus
