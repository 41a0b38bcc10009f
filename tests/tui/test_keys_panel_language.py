"""The Keys panel describes every key in the UI language (no ``cursor-up`` in Russian)."""

from __future__ import annotations

import re
from pathlib import Path

from pilot_helpers import open_coding
from textual.widgets import HelpPanel

from i18n import set_language
from tui.app import SuhbatApp

LATIN_WORD = re.compile(r"\b[a-z]{3,}[a-z-]*\b")


async def test_keys_panel_on_the_coding_screen_is_russian(demo_path: Path) -> None:
    set_language("ru")

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_coding(pilot)
        app.action_show_help_panel()
        for _ in range(3):
            await pilot.pause()
        panel = app.screen.query_one(HelpPanel)
        descriptions = [
            str(binding.description)
            for _node, binding, _enabled, _tooltip in app.screen.active_bindings.values()
            if binding.description
        ]
        assert panel is not None
        english = [d for d in descriptions if LATIN_WORD.search(d) and "vivo" not in d]
        assert english == []
        assert "Курсор вверх" in descriptions
