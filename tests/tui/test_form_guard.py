"""A changed form asks before Esc discards it, and Ctrl+Q in it asks to save first."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.confirm_modal import ConfirmModal
from tui.dialogs.form_modal import FormModal


def _has(path: Path, code: str) -> bool:
    with Store(path) as store:
        return store.participants.find(code) is not None


async def test_escape_on_a_changed_form_asks_and_no_keeps_it(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormModal)
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, FormModal)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"P77", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        kept = app.screen
        assert isinstance(kept, FormModal)
        assert kept.query_one("#field-code Input", Input).value == "P77"
        await pilot.press("escape", "y")  # discard
        await pilot.pause()
        assert not isinstance(app.screen, FormModal | ConfirmModal)
    assert not _has(demo_path, "P77")


async def test_ctrl_q_in_a_changed_form_saves_then_quits(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "n")
        await pilot.pause()
        await pilot.press(*"P78", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # back to the form, nothing lost
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert not app.is_running or app.return_code is not None
    assert _has(demo_path, "P78")
