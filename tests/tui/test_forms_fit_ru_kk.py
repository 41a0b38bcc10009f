"""Fieldwork forms in Russian and Kazakh at 120×40: every label is read in full."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox

from i18n import get_language, set_language
from tui.app import SuhbatApp
from tui.screens.attribute_form import AttributeForm

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def restore_language() -> Iterator[None]:
    """Leave the process-wide UI language as the test found it."""
    before = get_language()
    yield
    set_language(before)


def screen_words(app: SuhbatApp) -> set[str]:
    """Every word the terminal shows now."""
    svg = app.export_screenshot()
    text = html.unescape(" ".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")
    return set(re.findall(r"\w+", text))


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_sensitive_check_box_is_not_clipped(demo_path: Path, language: str) -> None:
    set_language(language)

    async def scenario() -> None:
        app = SuhbatApp(demo_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.push_screen(AttributeForm(app.store))
            await settle(pilot)
            box = app.screen.query_one("#field-sensitive Checkbox", Checkbox)
            label = str(box.label)
            assert re.search("[а-яё]", label)  # in the UI language, not English
            assert box.region.right <= SIZE[0]
            shown = screen_words(app)
            missing = [w for w in re.findall(r"\w+", label) if w not in shown]
            assert missing == []

    asyncio.run(scenario())
