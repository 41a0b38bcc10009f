"""Switching the UI language from the palette redraws every screen, open or opened later.

Screens opened in English before the switch (in other modes) show Kazakh when they are
visited again; screens opened for the first time after it are Kazakh too; what the user
typed into the current screen survives the switch.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from i18n import get_language, set_language, translations
from tui.app import SuhbatApp
from tui.navigation import SCREENS

VISIBLE = {
    "home": ("Sessions", "Transcripts (Enter: open for coding)", "Pseudonym"),
    "participants": ("Pseudonym", "Sessions"),
    "protocol": ("Area", "Kind"),
    "sessions": ("Title", "Location", "Minutes"),
    "live": ("Session", "Guide", "Status"),
    "transcripts": ("At the cursor",),
    "codebook": ("Codings", "Segments", "Participants"),
    "search": ("Speaker", "Transcript"),
    "analysis": ("Filters", "Coder"),
    "export": ("What to export", "Document language", "Save to"),
    "concordance": ("Left context", "Keyword", "Right context"),
}
"""Screen id → English msgids of labels and column headers the screen always shows."""


def _screen_text(app: SuhbatApp) -> str:
    """Everything the terminal shows now, as one string."""
    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


async def _settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_palette_language_switch_redraws_every_screen(demo_path: Path) -> None:
    set_language("en")
    kazakh = translations("kk").gettext

    app = SuhbatApp(demo_path, coder="Aigerim")  # coded here before: not asked again
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("f2", "f3", "f4", "f6", "f7", "f1", "f10"):  # opened in English
            await pilot.press(key)
            await _settle(pilot)
        assert "What to export" in _screen_text(app)
        redact = app.screen.query_one("#export-redact", Input)
        redact.value = "Aigerim, Almaty"  # half-filled form on the current screen

        await pilot.press("ctrl+p")
        await _settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Қазақ", "enter")
        await _settle(pilot)
        assert get_language() == "kk"

        export = app.screen
        assert export.query_one("#export-redact", Input).value == "Aigerim, Almaty"
        for item in SCREENS:
            await pilot.press(item.key)
            await _settle(pilot)
            text = _screen_text(app)
            for msgid in VISIBLE[item.id]:
                label = kazakh(msgid)
                assert label != msgid, f"{msgid!r} has no Kazakh translation"
                assert label in text, f"{item.id}: {label!r} ({msgid}) not shown"
            assert kazakh("Quit") in text, f"{item.id}: footer not in Kazakh"
            for english in ("Quit", "Project home", "What to export", "At the cursor"):
                assert f" {english} " not in text, f"{item.id}: {english!r} still shown"
        await pilot.press("f10")
        await _settle(pilot)
        assert app.screen.query_one("#export-redact", Input).value == "Aigerim, Almaty"

        await pilot.press("f2", "a")  # a dialog first opened after the switch
        await _settle(pilot)
        text = _screen_text(app)
        for msgid in ("Participant attributes", "Close", "New", "Delete"):
            assert kazakh(msgid) in text, f"attributes dialog: {kazakh(msgid)!r} not shown"
        assert " Close " not in text
