"""SVG snapshots of the Coded passages screen at 80×24 and 120×40 in en, ru and kk.

The demo project's theme «Bureaucracy» with its sub-codes, context shown, one
coding rated negative. Update after an intended change with ``pytest
tests/tui/test_passages_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pilot_helpers import settle_workers
from pytest_textual_snapshot import SVGImageExtension
from snapshot_helpers import svg_in_language
from syrupy.assertion import SnapshotAssertion
from textual.widgets import Input

from storage import Store
from tui.app import SuhbatApp
from tui.screens.passages import PassagesScreen

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


async def _shot(project: Path, size: tuple[int, int]) -> str:
    app = SuhbatApp(project, coder="Aigerim")
    async with app.run_test(size=size) as pilot:
        with Store(project) as store:
            theme = store.codes.find("Bureaucracy")
            assert theme is not None
        await pilot.pause()
        app.push_screen(PassagesScreen(theme.id))
        for _ in range(4):
            await pilot.pause()
        await settle_workers(pilot)  # the passages are found in a worker
        await pilot.press("x")
        for box in app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        return app.export_screenshot(title=app.title, simplify=True)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ("en", "ru", "kk"))
def test_coded_passages_screen(
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
    with Store(project) as store:
        first = store.codings.all()[0]
        store.codings.set_valence(first.id, -1)
    svg = svg_in_language(_shot, project, SIZES[size], language)
    assert snapshot.use_extension(SVGImageExtension) == svg
