"""The Export screen (F10): choose, export in the background, read the files back."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from docx_dump import style_name
from pilot_helpers import export_status, open_export, wait_until
from textual.widgets import Button, Checkbox, Input, ProgressBar, RadioButton, SelectionList

from tui.app import SuhbatApp


async def test_report_with_progress_bar(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("r")
        assert screen.query_one("#kind-report", RadioButton).value
        assert screen.query_one("#export-out", Input).value.endswith("demo-report.docx")
        screen.query_one("#export-out", Input).value = str(out)
        await pilot.press("x")
        await wait_until(pilot, lambda: not screen.busy and out.exists())
        bar = screen.query_one("#export-progress", ProgressBar)
        assert bar.display and bar.percentage == 1
        assert str(out) in export_status(app.screen)
        assert not screen.query_one("#export-button", Button).disabled
    headings = [p.text for p in docx.Document(str(out)).paragraphs if style_name(p) == "Heading 1"]
    assert "Representative quotes" in headings


async def test_one_file_per_transcript_with_highlights(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "transcripts"

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.click("#codes-highlight")
        await pilot.click("#export-each")
        assert screen.query_one("#export-each", Checkbox).value
        assert screen.query_one("#export-out", Input).value.endswith("demo-transcripts")
        screen.query_one("#export-out", Input).value = str(folder)
        screen.query_one("#export-transcripts", SelectionList).deselect(
            screen.query_one("#export-transcripts", SelectionList).get_option_at_index(0).value
        )
        await pilot.press("x")
        await wait_until(pilot, lambda: not screen.busy and folder.exists())
        await wait_until(pilot, lambda: "Wrote" in export_status(app.screen))
    files = sorted(folder.iterdir())
    assert len(files) == 2  # one transcript was unticked
    for path in files:
        document = docx.Document(str(path))
        assert list(document.comments) == []
        assert any(t.rows[0].cells[0].text == "No." for t in document.tables)  # the legend


async def test_tables_to_excel_and_nothing_ticked(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables.xlsx"

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("w")
        tables = screen.query_one("#export-tables", SelectionList)
        tables.deselect_all()
        await pilot.press("x")
        assert "Tick at least one table" in export_status(app.screen)
        tables.select("segments")
        tables.select("frequencies")
        screen.query_one("#export-out", Input).value = str(out)
        await pilot.press("x")
        await wait_until(pilot, lambda: not screen.busy and out.exists())
    assert openpyxl.load_workbook(out).sheetnames == ["Coded segments", "Code frequencies", "About"]


async def test_error_is_shown_and_nothing_written(demo_path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("c")
        screen.query_one("#export-out", Input).value = str(blocker / "codebook.docx")
        await pilot.press("x")
        await wait_until(pilot, lambda: "Nothing was written" in export_status(app.screen))
        assert not screen.busy
    assert blocker.read_text() == "x"
