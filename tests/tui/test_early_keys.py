"""Keys typed while a dialog is still opening end up in its text box, not lost."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import open_coding
from textual import events
from textual.widgets import Input

from tui.app import SuhbatApp
from tui.dialogs.coding_dialogs import TextPrompt


async def test_time_typed_right_after_j_reaches_the_box(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coding(pilot)
        screen.action_jump_time()  # the dialog is pushed; the keys come at once
        for character in "1:20":
            app.post_message(events.Key(character, character))
        for _ in range(4):
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TextPrompt)
        assert dialog.query_one(Input).value == "1:20"
