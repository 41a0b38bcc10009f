"""Backups in the app: one on open, "back up now" from the palette and the dialog, and a
failure shown as an error."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pilot_helpers import wait_until
from textual.command import CommandPalette
from textual.widgets import DataTable, OptionList, Static

from storage import Store
from storage.backup import list_backups
from tui.app import SuhbatApp
from tui.dialogs.backups_modal import BackupsModal


def _palette_highlights(app: SuhbatApp, label: str) -> bool:
    """Whether the command palette is open with a command named ``label`` highlighted."""
    palette = app.screen
    if not isinstance(palette, CommandPalette):
        return False
    options = palette.query_one(OptionList)
    index = options.highlighted
    return index is not None and label in str(options.get_option_at_index(index).prompt)


async def test_backup_on_open_and_from_the_dialog(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: len(list_backups(demo_path)) == 1)
        assert list_backups(demo_path)[0].reason == "auto"
        await wait_until(pilot, lambda: not app.backups.status.running)

        await pilot.press("ctrl+p")
        await pilot.press(*"Backups")
        await wait_until(pilot, lambda: _palette_highlights(app, "Backups"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, BackupsModal))
        modal = app.screen
        table = modal.query_one(DataTable)
        assert table.row_count == 1
        status = str(modal.query_one("#backups-status", Static).render())
        assert "verified" in status

        await pilot.press("b")
        await wait_until(pilot, lambda: table.row_count == 2)
        assert {b.reason for b in list_backups(demo_path)} == {"auto", "manual"}
        await pilot.press("escape")
        assert not isinstance(app.screen, BackupsModal)
    with Store(demo_path) as store:
        expected = [p.code for p in store.participants.all()]
    for backup in list_backups(demo_path):
        with Store(backup.path) as copy:
            assert [p.code for p in copy.participants.all()] == expected


def test_an_unchanged_project_is_not_backed_up_again(demo_path: Path) -> None:
    async def open_and_close() -> None:
        app = SuhbatApp(demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: not app.backups.status.running)

    for _ in range(3):
        asyncio.run(open_and_close())
    assert len(list_backups(demo_path)) == 1


async def test_a_failed_backup_is_an_error_notification(demo_path: Path) -> None:
    (demo_path.parent / "demo-backups").write_text("a file where the folder should be")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.backups.status.error is not None)
        await wait_until(
            pilot,
            lambda: any(
                "Backup failed" in n.message and "demo-backups" in n.message
                for n in app._notifications
            ),
        )
