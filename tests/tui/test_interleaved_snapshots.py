"""SVG snapshots of the coding screen at 80×24 (layers interleaved) and 120×40 (side by
side) in en, ru and kk, with one Russian turn marked as Kazakh, and at 80×24 with the
translation's pane shown (Tab).

Update after an intended change with ``pytest tests/tui/test_interleaved_snapshots.py
--snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension
from syrupy.assertion import SnapshotAssertion
from textual.widgets import TextArea

from i18n import set_language
from storage import Store
from tui.app import SuhbatApp

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
CASES = [
    *((language, size, "") for language in ("en", "ru", "kk") for size in SIZES),
    ("en", "80x24", "tab"),
]


async def _shot(project: Path, size: tuple[int, int], keys: tuple[str, ...]) -> str:
    app = SuhbatApp(project, coder="Aigerim")
    async with app.run_test(size=size) as pilot:
        await pilot.press("f6")
        for _ in range(5):
            await pilot.pause()
        await pilot.press("j", *"0:47", "enter", *keys)
        for area in app.screen.query(TextArea):
            area.cursor_blink = False
        for _ in range(3):
            await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        return app.export_screenshot(title=app.title, simplify=True)


@pytest.mark.parametrize(("language", "size", "key"), CASES)
def test_coding_screen_narrow_and_wide(
    language: str,
    size: str,
    key: str,
    demo_path: Path,
    tmp_path: Path,
    snapshot: SnapshotAssertion,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUHBAT_CONFIG_DIR", str(tmp_path / "config"))
    with Store(demo_path) as store:  # the Russian turn said at 00:00:47 is in Kazakh
        ru = store.transcripts.layers()[0]
        turn = next(
            u
            for u in store.transcripts.utterances(ru.transcript_id)
            if u.start_ms == 47_000 and ru.id in u.spans
        )
        store.transcripts.set_utterance_language(ru.id, [turn.id], "kk")
    set_language(language)  # the autouse fixture restores the language afterwards
    svg = asyncio.run(_shot(demo_path, SIZES[size], (key,) if key else ()))
    assert snapshot.use_extension(SVGImageExtension) == svg
