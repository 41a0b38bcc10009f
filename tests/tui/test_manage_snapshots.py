"""SVG snapshots of the Speakers, Memos and Autocode preview screens, 80×24 and 120×40, en/ru/kk.

Update after an intended change with ``pytest tests/tui/test_manage_snapshots.py
--snapshot-update`` and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from i18n import set_language
from storage import Store
from storage.autocoding import Rule, plan
from tui.app import SuhbatApp
from tui.dialogs.autocode_dialog import AutocodePreview

Compare = Callable[..., bool]

SIZES = [(80, 24), (120, 40)]
LANGUAGES = ["en", "ru", "kk"]


@pytest.fixture
def fixed_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memo dates as on one fixed day (the demo's memos are written when it is built)."""
    monkeypatch.setattr("tui.dialogs.memos.short_date", lambda *_a, **_k: "14.03.2024")


def _project(demo_path: Path) -> Path:
    with Store(demo_path) as store:
        code = store.codes.all()[0]
        store.memos.add("code", code.id, "Check the definition with the team", author="Aigerim")
    return demo_path


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen", ["speakers", "memos", "autocode"])
def test_manage_screens(
    snap_compare: Compare,
    demo_path: Path,
    fixed_dates: None,
    screen: str,
    language: str,
    size: tuple[int, int],
) -> None:
    set_language(language)
    path = _project(demo_path)

    async def open_screen(pilot: Any) -> None:
        await pilot.pause()
        if screen == "speakers":
            await pilot.press("s")
        elif screen == "memos":
            await pilot.press("o")
        else:
            store = pilot.app.store
            passages = plan(store, Rule("speaker", "R1"))
            titles = {t.id: t.title for t in store.transcripts.all()}
            pilot.app.push_screen(AutocodePreview("Autocode with «Trust»", passages, titles))
        await pilot.pause()

    assert snap_compare(
        SuhbatApp(path, coder="Aigerim"), run_before=open_screen, terminal_size=size
    )
