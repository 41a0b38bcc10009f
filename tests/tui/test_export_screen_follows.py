"""The Export screen (F10) keeps up with the user: the document language follows a UI
language switch until the user picks one, and a result line belongs to its export kind."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import open_export, wait_until
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from i18n import set_language
from tui.app import SuhbatApp
from tui.screens.export import ExportScreen


def document_language(app: SuhbatApp) -> object:
    return app.screen.query_one("#export-language", Select).value


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()


async def pick_language(pilot: Pilot[None], steps_down: int) -> None:
    """Open the document-language list with the keyboard and pick an entry below the current."""
    pilot.app.screen.query_one("#export-language", Select).focus()
    await pilot.press("enter")
    await pilot.press(*["down"] * steps_down, "enter")
    await settle(pilot)


async def test_document_language_follows_ui_switch_until_picked(demo_path: Path) -> None:
    set_language("en")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert document_language(app) == "en"
        app.action_set_language("ru")
        await settle(pilot)
        assert document_language(app) == "ru"
        app.action_set_language("kk")
        await settle(pilot)
        assert document_language(app) == "kk"
        # Picked by the user (the list is en, ru, kk): it stays whatever the UI shows.
        app.action_set_language("ru")
        await settle(pilot)
        await pick_language(pilot, 1)  # ru → kk
        assert document_language(app) == "kk"
        app.action_set_language("en")
        await settle(pilot)
        assert document_language(app) == "kk"
        app.action_set_language("ru")
        await settle(pilot)
        assert document_language(app) == "kk"


async def test_choosing_another_kind_clears_the_last_result(
    demo_path: Path, tmp_path: Path
) -> None:
    set_language("ru")
    out = tmp_path / "ru-transcripts.docx"

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        status = screen.query_one("#export-status", Static)
        screen.query_one("#export-out", Input).value = str(out)
        await pilot.press("x")
        await wait_until(pilot, lambda: not screen.busy and out.exists())
        await wait_until(pilot, lambda: str(out) in str(status.render()))
        await pilot.press("с")  # Codebook, on the Russian layout
        await settle(pilot)
        assert screen.kind == "codebook"
        assert str(out) not in str(status.render())
        assert str(status.render()).strip() == ""
