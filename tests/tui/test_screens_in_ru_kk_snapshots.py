"""SVG snapshots of the ten main screens in Russian and Kazakh at 120×40 (the demo project).

One app run per language visits every screen (F1…F10) and takes a screenshot of each,
so that the labels, column headers and footers can be checked for clipping in both
languages. Update after an intended change with ``pytest
tests/tui/test_screens_in_ru_kk_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension
from syrupy.assertion import SnapshotAssertion
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from i18n import get_language, set_language
from tui.app import SuhbatApp
from tui.navigation import SCREENS

SIZE = (120, 40)
LANGUAGES = ("ru", "kk")
SCREEN_IDS = [item.id for item in SCREENS]

Screenshots = dict[tuple[str, str], str]


async def _settle(pilot: Pilot[None]) -> None:
    """Let the screen load, its background workers finish and the footer be laid out."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _tour(project: Path) -> dict[str, str]:
    """A screenshot of each main screen, in the order of the registry."""
    shots: dict[str, str] = {}
    app = SuhbatApp(project, coder="Aigerim")  # a coder who coded the demo before
    async with app.run_test(size=SIZE) as pilot:
        for item in SCREENS:
            await pilot.press(item.key)
            await _settle(pilot)
            screen = app.screen
            for box in screen.query(Input):
                box.cursor_blink = False  # no blinking cursor in a screenshot
            for area in screen.query(TextArea):
                area.cursor_blink = False
            for out in screen.query("#export-out").results(Input):
                out.value = Path(out.value).name  # the temporary folder differs each run
            await _settle(pilot)
            shots[item.id] = app.export_screenshot(title=app.title, simplify=True)
    return shots


class Tours:
    """Screenshots of every main screen, taken on first use, one app run per language."""

    def __init__(self, demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._demo = demo_template
        self._tmp = tmp_path_factory
        self._shots: Screenshots = {}

    def shot(self, language: str, screen: str) -> str:
        """The SVG of ``screen`` in ``language`` (tours that language's screens once)."""
        if (language, screen) not in self._shots:
            self._tour(language)
        return self._shots[(language, screen)]

    def _tour(self, language: str) -> None:
        before = get_language()
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SUHBAT_CONFIG_DIR", str(self._tmp.mktemp("tour-config")))
            project = self._tmp.mktemp(f"tour-{language}") / "demo.suhbat"
            shutil.copyfile(self._demo, project)
            set_language(language)
            try:
                by_screen = asyncio.run(_tour(project))
            finally:
                set_language(before)
        self._shots.update({(language, screen): svg for screen, svg in by_screen.items()})


# All of this module's tests run on one xdist worker (`--dist loadgroup`), so each
# language's tour is made once per test run rather than once per worker.
pytestmark = pytest.mark.xdist_group("ru-kk-screen-tour")


@pytest.fixture(scope="module")
def screenshots(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Tours:
    """Every main screen in ru and kk, each language's tour made when first needed."""
    return Tours(demo_template, tmp_path_factory)


@pytest.mark.parametrize("screen", SCREEN_IDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_main_screen(
    language: str, screen: str, screenshots: Tours, snapshot: SnapshotAssertion
) -> None:
    assert snapshot.use_extension(SVGImageExtension) == screenshots.shot(language, screen)
