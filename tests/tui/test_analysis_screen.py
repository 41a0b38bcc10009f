"""The Analysis screen (F9): choose tables with the keyboard, sort, filter, export and read back.

Numbers are derived by hand from the demo's CSV files (exports/demo_data).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from pilot_helpers import open_analysis, settle_workers
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from exports.demo import demo_data_dir
from tui.app import SuhbatApp
from tui.screens.analysis import AnalysisScreen
from tui.widgets.stats_table import StatsTable

SIZE = (120, 40)
Compare = Callable[..., bool]


def shown(screen: AnalysisScreen) -> StatsTable:
    return screen.query_one(StatsTable)


def text(screen: AnalysisScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def row_texts(table: StatsTable, column: int) -> list[str]:
    return [str(table.get_cell_at(Coordinate(r, column))).strip() for r in range(table.row_count)]


async def choose_kind(pilot: Pilot[None], typed: str) -> None:
    """Open the table list with K, type the first letter of a name, Enter — as a user does."""
    await pilot.press("k", "enter", *typed, "enter")
    await settle_workers(pilot)


def aigerim_codings_per_theme() -> Counter[str]:
    with open(demo_data_dir() / "codings.csv", encoding="utf-8") as handle:
        return Counter(
            row["code"].split("/")[0] for row in csv.DictReader(handle) if row["coder"] == "Aigerim"
        )


async def test_saturation_and_agreement_are_chosen_and_shown(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(pilot)
        table = shown(screen)
        assert text(screen, "#table-title") == "Code frequencies"
        assert "participants" in text(screen, "#table-unit")
        assert "not sums of the rows below" in text(screen, "#notes")

        await choose_kind(pilot, "T")
        assert table.table is not None and table.table.key == "saturation"
        # New codes by date: R1 3, R2 3, the focus group 0 — too few for base 4 + run 2.
        assert row_texts(table, 2) == ["3", "3", "0"]
        verdict = text(screen, "#verdict")
        assert "Saturation not reached (base 4, run 2, threshold ≤5%, rolling)" in verdict

        counts = screen.query_one("#counts", Input)
        counts.focus()
        counts.value = "9,12,7,3,2,1,0,1,0,0"
        await pilot.press("enter")
        await settle_workers(pilot)
        assert table.row_count == 10
        verdict = text(screen, "#verdict")
        # Base 31 codes; run 6–7 adds 1 (1/31 ≤ 5 %), run 9–10 adds 0.
        assert "Saturation reached at 5+2 (base 4, run 2, threshold ≤5%, rolling)" in verdict
        assert "Saturation reached at 8+2 (base 4, run 2, threshold ≤0%, rolling)" in verdict
        assert row_texts(table, 6)[6] == "1/31"

        await pilot.press("escape")  # leave the text box for the table
        await choose_kind(pilot, "I")
        assert table.table is not None and table.table.key == "agreement_presence"
        assert "uncoded text counts" in text(screen, "#table-unit")
        assert "table 1 of 3" in text(screen, "#table-title")
        names = row_texts(table, 0)
        assert names[-1] == "All codes (pooled)"
        fear = names.index("Fear of responsibility")
        # Both coders in R1 and the focus group, neither in R2: 100 % agreement.
        percent = table.table.columns.index("% agreement")
        assert row_texts(table, percent)[fear] == "100.0%"
        await pilot.press("n")
        assert table.table.key == "agreement_segments"
        assert "table 2 of 3" in text(screen, "#table-title")
        digital_divide = row_texts(table, 0).index("Digital divide")
        assert row_texts(table, 1)[digital_divide] == "2"  # same span by both coders
        # The third table is the current uα family, and says so; the 1995/2004
        # coefficient is a choice of its own, named as such.
        await pilot.press("n")
        assert table.table.key == "agreement_unitizing"
        assert "(uα, 2019)" in text(screen, "#table-title")
        assert "uα family" in text(screen, "#notes")
        assert row_texts(table, 0)[-2:] == ["All codes (uα)", "Any code vs. uncoded text (|uα)"]
        screen.query_one("#agreement-kind", Select).value = "unitizing-2004"
        await settle_workers(pilot)
        assert table.table.key == "agreement_unitizing_2004"
        assert "1995/2004 definition" in text(screen, "#table-title")
        assert table.table.columns[-1] == "uα (2004)"


async def test_sort_filter_and_export_what_is_shown(demo_path: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "frequencies.csv"
    xlsx_file = tmp_path / "frequencies.xlsx"

    app = SuhbatApp(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(pilot)
        table = shown(screen)
        assert table.table is not None
        codings = table.table.columns.index("Codings")

        await pilot.press("t", *["right"] * codings, "s")
        assert row_texts(table, 0)[0] == "Bureaucracy"  # 10 codings, the most
        assert row_texts(table, codings)[:3] == ["10", "7", "6"]
        await pilot.press("s")  # fewest first
        assert row_texts(table, codings)[0] == "3"
        await pilot.press("s")  # back to the code tree
        assert row_texts(table, 0)[:2] == ["Bureaucracy", "Slow approvals"]
        assert str(table.get_cell_at(Coordinate(1, 0))) == "  Slow approvals"  # indented

        await pilot.press("s")  # most codings first again, then export that order
        await pilot.press("e")
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        assert path.value.endswith("demo-frequencies.csv")
        path.value = str(csv_file)
        await pilot.press("enter")
        await settle_workers(pilot)
        assert csv_file.exists()
        with open(csv_file, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][:4] == ["Code", "Level", "Segments", "Codings"]
        assert [r[3] for r in rows[1:4]] == ["10", "7", "6"]
        assert rows[1][0] == "Bureaucracy"

        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(xlsx_file)
        await pilot.press("enter")
        await settle_workers(pilot)
        sheet = openpyxl.load_workbook(xlsx_file).worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
        assert values[0][3] == "Codings"
        assert values[1][0] == "Bureaucracy" and values[1][3] == 10

        # Filter: only Aigerim's codings.
        screen.query_one("#filter-coder", Select).value = "Aigerim"
        await settle_workers(pilot)
        expected = aigerim_codings_per_theme()
        by_name = dict(zip(row_texts(table, 0), row_texts(table, codings), strict=True))
        for theme, count in expected.items():
            assert by_name[theme] == str(count)

        # A bad condition is explained, not crashed on.
        where = screen.query_one("#filter-where", Input)
        where.focus()
        where.value = "nosuch=1"
        await pilot.press("enter")
        await settle_workers(pilot)
        assert "No participant attribute called 'nosuch'" in text(screen, "#status")


def test_analysis_screen_snapshot(snap_compare: Compare, demo_path: Path) -> None:
    async def open_saturation(pilot: Any) -> None:
        await pilot.press("f9")
        await settle_workers(pilot)
        await choose_kind(pilot, "T")
        await pilot.press("t")  # focus the table: no cursor blinking in a text box
        await settle_workers(pilot)

    assert snap_compare(SuhbatApp(demo_path), run_before=open_saturation, terminal_size=SIZE)


async def test_exporting_a_table_over_an_existing_file_asks_first(
    demo_path: Path, tmp_path: Path
) -> None:
    from tui.dialogs.confirm_modal import ConfirmModal

    existing = tmp_path / "frequencies.csv"
    existing.write_text("keep me\n", encoding="utf-8")

    async def export_over(pilot: Pilot[None], app: SuhbatApp, answer: str) -> None:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(existing)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press(answer)
        await settle_workers(pilot)

    app = SuhbatApp(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(pilot)
        shown(screen).focus()
        await export_over(pilot, app, "n")
        assert existing.read_text(encoding="utf-8") == "keep me\n"
        assert "Nothing was written." in text(screen, "#status")
        await export_over(pilot, app, "y")
        assert existing.read_text(encoding="utf-8-sig").startswith("Code,")
