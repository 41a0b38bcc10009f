"""At 80×24 the home screen stacks its tables so that none is cut to a few columns."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tui.app import SuhbatApp


async def test_home_tables_fit_at_80_columns(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for table_id in ("sessions", "transcripts", "participants"):
            table = app.screen.query_one(f"#{table_id}", DataTable)
            assert table.virtual_size.width <= table.scrollable_content_region.width, table_id
