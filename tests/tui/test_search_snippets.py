"""Search snippets fit their column with the match in view and highlighted (80×24)."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import wait_for_search
from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from tui.app import SuhbatApp
from tui.screens.search import SearchScreen


async def test_every_hit_shows_its_match_in_a_narrow_window(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"соглас*")
        await wait_for_search(pilot, screen)
        table = screen.query_one("#hits", DataTable)
        width = table.columns[ColumnKey("hit")].width
        assert len(screen.hits) >= 3
        for row in range(len(screen.hits)):
            cell = table.get_cell_at(Coordinate(row, 1))
            assert isinstance(cell, Text)
            assert len(cell.plain) <= width
            marked = [cell.plain[s.start : s.end] for s in cell.spans]
            assert marked and marked[0].casefold().startswith("соглас")
