"""The key back to the session list (``o``) is shown on the running session's footer and
in the Keys panel, in the UI language, and the footer still fits 120 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from textual.widgets._key_panel import BindingsTable

from i18n import set_language
from storage import Store
from tui.app import SuhbatApp
from tui.widgets.session_picker import SessionPicker

LABELS = {"en": "Session list", "ru": "Список", "kk": "Тізім"}


@pytest.mark.parametrize("language", LABELS)
async def test_the_session_list_key_is_in_the_footer_and_keys_panel(
    demo_path: Path, language: str
) -> None:
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R2")
        assert session is not None
        store.live.start(session.id, guide_id=session.guide_id, speaker="Aigerim")
    set_language(language)
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("escape")  # leave the note box: the single-letter keys are shown
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        keys = {key.key_display: key for key in footer.query(FooterKey)}
        assert keys["o"].description == LABELS[language]
        # every key of the footer is laid out within its width
        used = sum(key.outer_size.width + key.styles.margin.left for key in keys.values())
        assert used <= footer.size.width
        app.action_show_help_panel()
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one(BindingsTable)
        console = Console(width=200, record=True)
        console.print(table.render_bindings_table())
        assert LABELS[language] in console.export_text()
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.query_one(SessionPicker).display
