"""The Export screen asks before it replaces a file or writes into a folder that holds files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pilot_helpers import export_status, open_export, wait_until
from textual.widgets import Input, Static

from tui.app import SuhbatApp
from tui.dialogs.confirm_modal import ConfirmModal

OLD = b"an earlier export the user wants to keep"


async def test_an_existing_file_is_replaced_only_after_yes(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables.xlsx"
    out.write_bytes(OLD)

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("w")
        screen.query_one("#export-out", Input).value = str(out)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert str(out) in question and "Replace" in question
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen)
        assert not screen.busy
        assert "Nothing was written" in export_status(screen)
        assert out.read_bytes() == OLD

        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: not screen.busy and "Wrote" in export_status(screen))
    assert out.read_bytes() != OLD
    assert "About" in openpyxl.load_workbook(out).sheetnames


async def test_a_folder_with_files_is_asked_about_and_a_new_path_is_not(
    demo_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    keep = folder / "notes.txt"
    keep.write_bytes(OLD)
    fresh = tmp_path / "fresh.xlsx"

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("v")
        screen.query_one("#export-out", Input).value = str(folder)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert str(folder) in question
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert sorted(folder.iterdir()) == [keep]

        await pilot.press("w")
        screen.query_one("#export-out", Input).value = str(fresh)
        await pilot.press("x")  # nothing there: no question
        await wait_until(pilot, lambda: not screen.busy and fresh.exists())
        assert not isinstance(app.screen, ConfirmModal)
    assert keep.read_bytes() == OLD
