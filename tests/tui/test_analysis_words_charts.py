"""Analysis screen: word frequencies with the project's stop words, and charts (G).

The chart drawn is checked against the table shown: same labels, same numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import open_analysis, settle_workers
from textual.pilot import Pilot
from textual.widgets import TextArea

from analysis.table import Cell
from exports.project_stop_words import stop_words
from tui.app import SuhbatApp
from tui.dialogs.stop_words_modal import StopWordsModal
from tui.screens.analysis import AnalysisScreen
from tui.widgets.stats_chart import StatsChart
from tui.widgets.stats_table import StatsTable


async def choose_kind(pilot: Pilot[None], typed: str) -> None:
    """Open the table list with K, type the first letter of a name, Enter."""
    await pilot.press("k", "enter", *typed, "enter")
    await settle_workers(pilot)


def words_of(screen: AnalysisScreen) -> list[Cell]:
    table = screen.query_one(StatsTable).table
    assert table is not None and table.key == "words"
    return table.column("Word")


async def test_word_frequencies_follow_the_projects_stop_words(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_analysis(pilot)
        await choose_kind(pilot, "W")
        words = words_of(screen)
        assert words[:2] == ["журналистам", "нужно"]  # interview_r1's top words

        await pilot.press("w")
        modal = app.screen
        assert isinstance(modal, StopWordsModal)
        editor = modal.query_one("#stop-words", TextArea)
        editor.focus()
        await pilot.press(*"нужно", "enter")  # a new first line
        await pilot.press("ctrl+s")
        await settle_workers(pilot)
        assert app.screen is screen
        assert "нужно" in stop_words(app.store, "ru")
        assert "нужно" not in words_of(screen)
        assert words_of(screen)[0] == "журналистам"


async def test_charts_show_the_numbers_of_the_table(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_analysis(pilot)
        table = screen.query_one(StatsTable)
        assert not screen.query(StatsChart)  # made on first use
        await pilot.press("g")
        chart = screen.query_one(StatsChart)
        assert chart.display and not table.display
        assert chart.chart is not None and chart.chart.kind == "bars"
        shown = table.table
        assert shown is not None
        assert list(chart.chart.labels) == [str(c) for c in shown.column("Code")]
        assert list(chart.chart.values) == [float(c or 0) for c in shown.column("Segments")]

        await choose_kind(pilot, "T")  # thematic saturation: the curve follows the table
        curve = chart.chart
        assert curve is not None and curve.kind == "curve"
        assert table.table is not None
        assert list(curve.values) == [float(r[2] or 0) for r in table.table.rows]
        assert curve.threshold == pytest.approx(0.05 * 6)  # 5 % of the base's 6 codes

        await pilot.press("g")
        assert table.display and not chart.display
