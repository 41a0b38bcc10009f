"""The app on a damaged project: a screen that says so and lists the backups, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from storage.backup import make_backup
from tui.app import SuhbatApp
from tui.screens.cannot_open import CannotOpenScreen

pytestmark = pytest.mark.damages_project


def _texts(app: SuhbatApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


@pytest.mark.parametrize("kind", ["cut", "page", "header"])
async def test_a_damaged_project_opens_on_a_screen_that_says_so(demo_path: Path, kind: str) -> None:
    backup = make_backup(demo_path)
    size = demo_path.stat().st_size
    with open(demo_path, "r+b") as handle:
        if kind == "cut":
            handle.truncate(size // 2)
        elif kind == "page":
            handle.seek(size // 4096 // 2 * 4096)
            handle.write(bytes(range(256)) * 16)
        else:
            handle.write(bytes(100))

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CannotOpenScreen)
        shown = _texts(app)
        assert "is damaged" in shown
        assert str(backup.path) in shown
        assert f"suhbat restore {demo_path} {backup.path}" in shown
        await pilot.press("f2")  # a screen key does nothing here
        assert isinstance(app.screen, CannotOpenScreen)
        await pilot.press("q")
    assert app.return_code == 0
