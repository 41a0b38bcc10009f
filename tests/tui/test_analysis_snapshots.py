"""SVG snapshots of the Analysis screen's code frequencies at 80×24 and 120×40 in en, ru, kk.

Code names are shown whole while the numbers' headers can give way (they wrap, a long
word broken with a hyphen); at 80 columns the options panel is hidden until focused.
Update after an intended change with ``pytest tests/tui/test_analysis_snapshots.py
--snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import settle_workers
from pytest_textual_snapshot import SVGImageExtension
from snapshot_helpers import svg_in_language
from syrupy.assertion import SnapshotAssertion

from tui.app import SuhbatApp

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


async def _shot(project: Path, size: tuple[int, int]) -> str:
    app = SuhbatApp(project, coder="Aigerim")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await settle_workers(pilot)
        await pilot.press("t")  # the table has the focus: no cursor blinking in a field
        await settle_workers(pilot)
        await pilot.wait_for_scheduled_animations()
        return app.export_screenshot(title=app.title, simplify=True)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ("en", "ru", "kk"))
def test_code_frequencies(
    language: str, size: str, demo_path: Path, snapshot: SnapshotAssertion
) -> None:
    svg = svg_in_language(_shot, demo_path, SIZES[size], language)
    assert snapshot.use_extension(SVGImageExtension) == svg
