"""Every screen's footer fits a 120-column terminal in English, Russian and Kazakh.

A footer wider than the terminal hides its last keys. The test measures the keys the
footer actually lays out (with Pilot), on every main screen, with the focus on each
widget that can take it (tables, lists and text boxes change the keys shown), and on
the dialogs that have a footer of their own (measured against the dialog's width).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from i18n import set_language
from tui.app import SuhbatApp
from tui.keys.screen_commands import ScreenActionsProvider
from tui.navigation import SCREENS

WIDTH = 120
LANGUAGES = ("en", "ru", "kk")

DIALOGS = {"participants": ("a",), "protocol": ("g",), "sessions": ("p",)}
"""Screen id → keys that open its dialogs with a footer (closed again with Escape)."""


def _footer_line(app: SuhbatApp) -> tuple[int, str]:
    """How many columns the footer's keys need beyond its width, and what they say."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    width = sum(
        key.outer_size.width + key.styles.margin.left + key.styles.margin.right for key in keys
    )
    return width - footer.size.width, " ".join(
        f"{key.key_display} {key.description}" for key in keys
    )


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def _check_focus_states(pilot: Pilot[None], where: str, problems: list[str]) -> None:
    """Measure the footer as shown now and with the focus on each focusable widget.

    Focusing a widget is cheap; the footer is laid out and measured only for each set of
    keys not measured yet on this screen.
    """
    app = pilot.app
    assert isinstance(app, SuhbatApp)
    screen = app.screen
    measured: set[tuple[tuple[str, str], ...]] = set()
    for widget in [app.focused, *screen.focus_chain]:
        if widget is not app.focused:
            screen.set_focus(widget)
        shown = tuple(
            (binding.key, binding.description)
            for (_node, binding, _enabled, _tip) in screen.active_bindings.values()
            if binding.show
        )
        if shown in measured:
            continue
        measured.add(shown)
        await _settle(pilot)
        excess, text = _footer_line(app)
        if excess > 0:
            focused = type(app.focused).__name__ if app.focused else "nothing"
            problems.append(f"{where} (focus: {focused}): {excess} columns too wide: {text}")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_footer_fits_120_columns(language: str, demo_path: Path) -> None:
    set_language(language)
    problems: list[str] = []

    app = SuhbatApp(demo_path, coder="Aigerim")  # coded here before: not asked again
    async with app.run_test(size=(WIDTH, 40)) as pilot:
        for item in SCREENS:
            app.action_open_screen(item.id)
            await _settle(pilot)
            if item.id == "live" and not app.screen.query("#guide-list"):
                await pilot.press("enter")  # start the highlighted session
                await _settle(pilot)
            where = f"[{language}] {item.id}"
            await _check_focus_states(pilot, where, problems)
            for key in DIALOGS.get(item.id, ()):
                base = app.screen
                base.set_focus(next(iter(base.focus_chain), None))
                await pilot.press(key)
                await _settle(pilot)
                assert app.screen is not base, f"{where}: {key} opened no dialog"
                if app.screen.query(Footer):
                    await _check_focus_states(pilot, f"{where} dialog {key}", problems)
                for _attempt in range(3):  # Escape may first leave a text box
                    if app.screen is not base:
                        await pilot.press("escape")
                        await _settle(pilot)
                assert app.screen is base, f"{where}: Escape left dialog {key} open"
    assert not problems, "\n".join(problems)


def test_keys_left_out_of_a_footer_are_in_the_palette() -> None:
    """A screen that hides keys from its footer offers every one of them in the palette."""
    for item in SCREENS:
        screen_class = item.load()
        hidden = [
            binding
            for binding in screen_class.BINDINGS
            if isinstance(binding, Binding) and not binding.show and binding.description
        ]
        if hidden:
            assert ScreenActionsProvider in screen_class.COMMANDS, item.id
