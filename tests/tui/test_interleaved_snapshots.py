"""SVG snapshots of the coding screen at 80×24 (layers interleaved) and 120×40 (side by
side) in en, ru and kk, with one Russian turn marked as Kazakh.

Update after an intended change with ``pytest tests/tui/test_interleaved_snapshots.py
--snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension
from syrupy.assertion import SnapshotAssertion
from textual.widgets import TextArea

from i18n import get_language, set_language
from storage import Store
from tui.app import SuhbatApp

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


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


def _mark_kazakh(project: Path) -> None:
    """Mark the Russian turn said at 00:00:47 as Kazakh (code-switching)."""
    with Store(project) as store:
        ru = store.transcripts.layers()[0]
        turn = next(
            u
            for u in store.transcripts.utterances(ru.transcript_id)
            if u.start_ms == 47_000 and ru.id in u.spans
        )
        store.transcripts.set_utterance_language(ru.id, [turn.id], "kk")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ("en", "ru", "kk"))
def test_coding_screen_narrow_and_wide(
    language: str,
    size: str,
    demo_template: Path,
    tmp_path: Path,
    snapshot: SnapshotAssertion,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUHBAT_CONFIG_DIR", str(tmp_path / "config"))
    project = tmp_path / "demo.suhbat"
    shutil.copyfile(demo_template, project)
    _mark_kazakh(project)
    before = get_language()
    set_language(language)
    try:
        svg = asyncio.run(_shot(project, SIZES[size], ()))
    finally:
        set_language(before)
    assert snapshot.use_extension(SVGImageExtension) == svg


def test_coding_screen_narrow_with_the_translation_in_focus(
    demo_template: Path,
    tmp_path: Path,
    snapshot: SnapshotAssertion,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUHBAT_CONFIG_DIR", str(tmp_path / "config"))
    project = tmp_path / "demo.suhbat"
    shutil.copyfile(demo_template, project)
    _mark_kazakh(project)
    svg = asyncio.run(_shot(project, SIZES["80x24"], ("tab",)))
    assert snapshot.use_extension(SVGImageExtension) == svg
