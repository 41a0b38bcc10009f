"""The app's language: palette, Textual's own commands and key labels follow it at run time."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandInput, CommandPalette

from i18n import set_language
from i18n.user_settings import stored_language
from tui.app import SuhbatApp
from tui.textual_internals import key_bindings


def _description(app: SuhbatApp, key: str) -> str:
    return key_bindings(app)[key][0].description


async def test_palette_speaks_russian(demo_path: Path) -> None:
    set_language("ru")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Тема оформления", "Выход", "Клавиши", "Снимок экрана"} <= titles
        assert _description(app, "ctrl+p") == "палитра"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Поиск команд…"


async def test_switching_language_relabels_keys_without_restart(demo_path: Path) -> None:
    set_language("en")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        assert _description(app, "ctrl+p") == "palette"
        app.action_set_language("kk")
        await pilot.pause()
        assert _description(app, "ctrl+p") == "палитра"
        assert _description(app, "ctrl+q") == "Шығу"
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Безендіру тақырыбы" in titles
        assert "Тіл: Русский" in titles
        assert stored_language() == "kk"
        app.action_set_language("en")
        await pilot.pause()
        assert _description(app, "ctrl+p") == "palette"
        assert _description(app, "ctrl+q") == "Quit"
