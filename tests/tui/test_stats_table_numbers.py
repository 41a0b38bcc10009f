"""Analysis tables in ru/kk: numbers in the UI language's format, headers never cut.

The same table is shown by the F9 screen's StatsTable and printed by ``suhbat stats``
(tui.commands.text_table): both write ``1 234``, ``0,500`` and ``50,0 %`` in Russian.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import cast

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate

from analysis.table import Table
from i18n import set_language, translations
from tui.app import SuhbatApp
from tui.commands.text_table import display_width, render_table
from tui.screens.analysis import AnalysisScreen
from tui.widgets.stats_table import MIN_LABEL_WIDTH, StatsTable, label_width

NBSP = "\u00a0"


def sample(language: str) -> Table:
    """A small table worded in ``language`` (as ``to_table(tr)`` makes them)."""
    tr = translations(language)
    keys = ("Code", "Segments", "% of participants", "Cohen's κ")
    return Table(
        key="sample",
        title=tr.gettext("Code frequencies"),
        unit=tr.gettext("segments"),
        columns=tuple(tr.gettext(k) for k in keys),
        column_keys=keys,
        rows=(("Bureaucracy", 12345, 2.5, 0.5), ("Distrust", 7, 100.0, None)),
    )


class TableApp(App[None]):
    def __init__(self, table: Table) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield StatsTable(id="stats")

    def on_mount(self) -> None:
        self.query_one(StatsTable).show(self.table)


def shown_cells(language: str) -> tuple[list[str], list[list[Text]], list[int]]:
    """Headers, cells and column widths of the sample as StatsTable shows it."""
    set_language(language)

    async def scenario() -> tuple[list[str], list[list[Text]], list[int]]:
        app = TableApp(sample(language))
        async with app.run_test(size=(100, 20)) as pilot:
            await pilot.pause()
            table = app.query_one(StatsTable)
            columns = list(table.columns.values())
            headers = [str(c.label) for c in columns]
            cells = [
                [cast(Text, table.get_cell_at(Coordinate(r, c))) for c in range(4)]
                for r in range(2)
            ]
            widths = [c.content_width for c in columns]
            return headers, cells, widths

    return asyncio.run(scenario())


def test_russian_numbers_have_digit_groups_decimal_commas_and_percent_signs() -> None:
    _headers, cells, _widths = shown_cells("ru")
    assert [str(c) for c in cells[0]] == [
        "Bureaucracy",
        f"12{NBSP}345",
        f"2,5{NBSP}%",
        "0,500",
    ]
    assert [str(c) for c in cells[1]] == ["Distrust", "7", f"100,0{NBSP}%", ""]
    assert all(c.justify == "right" for c in cells[0][1:])


def test_english_numbers_keep_english_conventions() -> None:
    _headers, cells, _widths = shown_cells("en")
    assert [str(c) for c in cells[0][1:]] == ["12,345", "2.5%", "0.500"]


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_header_fits_its_column(language: str) -> None:
    headers, _cells, widths = shown_cells(language)
    tr = translations(language)
    assert [" ".join(h.split("\n")) for h in headers] == list(sample(language).columns)
    assert tr.gettext("% of participants") != "% of participants"
    for header, width in zip(headers, widths, strict=True):
        assert max(len(line) for line in header.split("\n")) <= width, header


def test_stats_text_output_formats_numbers_like_the_screen() -> None:
    set_language("ru")
    lines = render_table(sample("ru")).splitlines()
    row = next(line for line in lines if line.startswith("Bureaucracy"))
    assert f"12{NBSP}345" in row and f"2,5{NBSP}%" in row and row.endswith("0,500")
    distrust = next(line for line in lines if line.startswith("Distrust"))
    # Right-aligned: the percentage ends where the column's header and other values end.
    assert distrust.index(f"100,0{NBSP}%") + len(f"100,0{NBSP}%") == row.index(f"2,5{NBSP}%") + len(
        f"2,5{NBSP}%"
    )


async def test_f9_in_kazakh_shows_percentages_with_a_decimal_comma(demo_path: Path) -> None:
    # The demo has 6 participants; 3 of them speak in segments coded Bureaucracy: 50 %.
    set_language("kk")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f9")
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if not any(w.is_running for w in app.workers):
                break
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        table = screen.query_one(StatsTable)
        shown = table.table
        assert shown is not None
        first = shown.column_keys.index("Code")
        share = shown.column_keys.index("% of participants")
        row = next(i for i, r in enumerate(shown.rows) if r[first] == "Bureaucracy")
        assert str(table.get_cell_at(Coordinate(row, share))) == "50,0%"
        # the numbers are in view, and so are the code names: the numbers' long
        # Kazakh headers wrap (a word broken with a hyphen) rather than cut a name
        widths = [column.get_render_width(table) for column in table.columns.values()]
        sessions = shown.column_keys.index("Sessions")
        assert sum(widths[: sessions + 1]) <= table.scrollable_content_region.width
        names = [str(table.get_cell_at(Coordinate(i, first))) for i in range(len(shown.rows))]
        assert "Hostility towards officials" in [r[first] for r in shown.rows]
        assert max(display_width(n) for n in names) <= widths[first] - 2
        header = str(table.ordered_columns[share].label)
        assert "-\n" in header
        assert header.replace("-\n", "").replace("\n", " ") == shown.columns[share]


def test_the_label_column_narrows_only_as_far_as_needed() -> None:
    assert label_width([20, 5, 5], 100) is None
    assert label_width([20, 5, 5], 0) is None
    assert label_width([30, 10, 10], 50) == 30 - (30 + 10 + 10 + 6 - 50)
    assert label_width([30, 50, 50], 60) == MIN_LABEL_WIDTH
    assert label_width([MIN_LABEL_WIDTH, 90], 40) is None


def test_number_cells_follow_the_ui_language() -> None:
    from tui.cells import number_cell

    set_language("ru")
    assert str(number_cell(1234)) == f"1{NBSP}234"
    assert str(number_cell(2.5)) == "2,5"
    assert str(number_cell(f"1{NBSP}234")) == f"1{NBSP}234"
    assert number_cell(7).justify == "right"
    set_language("en")
    assert str(number_cell(1234)) == "1,234"
