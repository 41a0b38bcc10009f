"""Analysis tables fit the terminal: code names whole, numbers in view (issue 18, §5).

At 80×24 the options panel gives the table its width until K or F opens it; the
numbers' headers wrap before a code name is cut, and a name ends in "…" only when
the numbers at their narrowest leave it too little room.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pilot_helpers import open_analysis, settle_workers
from textual.coordinate import Coordinate
from textual.widgets import Select

from i18n import get_language, set_language
from storage import Store
from tui.app import SuhbatApp
from tui.commands.text_table import display_width
from tui.widgets.analysis_options import AnalysisOptions
from tui.widgets.stats_table import CELL_PADDING, StatsTable


def _names_and_widths(table: StatsTable) -> tuple[list[str], list[int]]:
    shown = table.table
    assert shown is not None
    names = [str(table.get_cell_at(Coordinate(r, 0))) for r in range(table.row_count)]
    widths = [column.get_render_width(table) - CELL_PADDING for column in table.ordered_columns]
    return names, widths


@pytest.mark.parametrize("language", ("en", "ru", "kk"))
@pytest.mark.parametrize("size", ((80, 24), (120, 40)))
def test_code_names_get_what_the_numbers_do_not_need(
    demo_path: Path, language: str, size: tuple[int, int]
) -> None:
    before = get_language()
    set_language(language)

    async def scenario() -> None:
        app = SuhbatApp(demo_path, coder="Aigerim")
        async with app.run_test(size=size) as pilot:
            screen = await open_analysis(pilot)
            table = screen.query_one(StatsTable)
            shown = table.table
            assert shown is not None and shown.key == "frequencies"
            names, widths = _names_and_widths(table)
            # Every number column is in view, whole.
            sessions = shown.column_keys.index("Sessions")
            used = sum(w + CELL_PADDING for w in widths[: sessions + 1])
            assert used <= table.scrollable_content_region.width
            for column in range(1, sessions + 1):
                for row in range(table.row_count):
                    cell = str(table.get_cell_at(Coordinate(row, column)))
                    assert display_width(cell) <= widths[column], cell
            # Names are whole but for the longest one at 80 columns.
            whole = [n for n in names if display_width(n) <= widths[0]]
            assert "Fear of responsibility" in [n.strip() for n in whole]
            if size[0] >= 120:
                assert len(whole) == len(names)
            # The first table's numbers are the project's (a real read of the file).
            with Store(demo_path) as store:
                assert len(shown.rows) == len(store.codes.all())

    try:
        asyncio.run(scenario())
    finally:
        set_language(before)


async def test_on_a_narrow_screen_the_options_show_while_focused(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_analysis(pilot)
        options = screen.query_one(AnalysisOptions)
        table = screen.query_one(StatsTable)
        assert not options.display and table.has_focus
        await pilot.press("k")  # the table list: the panel opens on it
        await pilot.pause()
        assert options.display and screen.query_one("#kind", Select).has_focus
        await pilot.press("enter", "T", "enter")  # thematic saturation
        await settle_workers(pilot)
        assert table.table is not None and table.table.key == "saturation"
        assert options.display
        await pilot.press("escape")  # back to the table: the panel gives its width back
        await pilot.pause()
        assert table.has_focus and not options.display
        await pilot.press("f")  # the filters
        await pilot.pause()
        assert options.display and screen.query_one("#filter-coder", Select).has_focus
        await pilot.press("t")
        await pilot.pause()
        assert not options.display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert options.display  # wide enough for both
