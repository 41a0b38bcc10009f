"""SVG snapshots of the running session and the session picker at 80×24 in en, ru and kk.

A focus group runs (fixed clock) with a short and a long note: the guide's list is
narrow, the long note wraps, every speaker is on the bar, the footer shows ``o``; the
picker shows Status after the title. Update after an intended change with ``pytest
tests/tui/test_live_narrow_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension
from snapshot_helpers import Shot, svg_in_language
from syrupy.assertion import SnapshotAssertion

from storage import Store
from tui.app import SuhbatApp
from tui.screens.live_session import LiveSessionScreen

T0 = 1_700_000_000_000
PAGES = {"live": ("f5", "escape"), "picker": ("f5", "escape", "o")}
"""The keys that show each page: the running session (keys, not the note box), the picker."""


def _shot_of(keys: tuple[str, ...]) -> Shot:
    async def shot(project: Path, size: tuple[int, int]) -> str:
        app = SuhbatApp(project, coder="Aigerim")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press(*keys)
            for _ in range(3):
                await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            return app.export_screenshot(title=app.title, simplify=True)

    return shot


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", ("en", "ru", "kk"))
def test_live_session_at_80_columns(
    language: str,
    page: str,
    demo_path: Path,
    snapshot: SnapshotAssertion,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(LiveSessionScreen, "clock", staticmethod(lambda: T0))
    with Store(demo_path) as store:
        session = store.sessions.find("Focus group Kordai")
        assert session is not None
        store.live.start(
            session.id, guide_id=session.guide_id, speaker="Aigerim", now_ms=T0 - 754_000
        )
        store.live.add_note(session.id, "Сәлеметсіздер ме! [b]Бастайық[/b]", elapsed_ms=4_000)
        store.live.add_note(
            session.id,
            "[00:00:04] Әкімдік жауап бермейді, хаттарымызға екі айдан кейін ғана жауап келеді",
            elapsed_ms=95_000,
        )
    svg = svg_in_language(_shot_of(PAGES[page]), demo_path, (80, 24), language)
    assert snapshot.use_extension(SVGImageExtension) == svg
