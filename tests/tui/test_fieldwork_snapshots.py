"""SVG snapshots of the fieldwork screens at 120×40 (fixed clock, no cursor in a text box).

Update after an intended change with ``pytest tests/tui/test_fieldwork_snapshots.py
--snapshot-update`` and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storage import Store
from tui.app import SuhbatApp
from tui.screens.live_session import LiveSessionScreen

SIZE = (120, 40)
T0 = 1_700_000_000_000

Compare = Callable[..., bool]


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> int:
    """Freeze the live screen's wall clock."""
    monkeypatch.setattr(LiveSessionScreen, "clock", staticmethod(lambda: T0))
    return T0


def test_participants_screen(snap_compare: Compare, demo_path: Path) -> None:
    with Store(demo_path) as store:
        store.participants.add("[b]P5[/b]", attributes={"role": "[00:00:04] observer"})
    assert snap_compare(SuhbatApp(demo_path), press=["f2"], terminal_size=SIZE)


def test_participant_form_with_inline_errors(snap_compare: Compare, demo_path: Path) -> None:
    async def fill(pilot: Any) -> None:
        await pilot.press("f2", "n")
        form = pilot.app.screen
        form.query_one("#field-code Input").value = "R1"
        form.query_one("#field-attr-1 Input").value = "forty"
        form.query_one("#field-attr-2 Input").value = "Suburban"
        await pilot.press("ctrl+s", "tab", "tab")  # leave the text boxes: no cursor blink

    assert snap_compare(SuhbatApp(demo_path), run_before=fill, terminal_size=SIZE)


def test_protocol_screen_with_kazakh(snap_compare: Compare, demo_path: Path) -> None:
    assert snap_compare(SuhbatApp(demo_path), press=["f3", "down", "down"], terminal_size=SIZE)


def test_sessions_screen(snap_compare: Compare, demo_path: Path) -> None:
    assert snap_compare(SuhbatApp(demo_path), press=["f4", "down", "down"], terminal_size=SIZE)


def test_live_session_in_kazakh(snap_compare: Compare, demo_path: Path, fixed_clock: int) -> None:
    with Store(demo_path) as store:
        session = store.sessions.find("Focus group Kordai")
        assert session is not None
        questions = [q for q in store.guides.questions() if q.parent_id is None]
        people = {p.code: p.id for p in store.participants.all()}
        store.live.start(
            session.id,
            guide_id=session.guide_id,
            language="kk",
            question_id=questions[0].id,
            speaker="Aigerim",
            now_ms=T0 - 754_000,
        )
        store.live.add_note(session.id, "Сәлеметсіздер ме! [b]Бастайық[/b]", elapsed_ms=4_000)
        store.live.mark_question(session.id, questions[0].id, "answered")
        store.live.update(session.id, question_id=questions[1].id, speaker_id=people["P2"])
        store.live.add_note(session.id, "[00:00:04] Әкімдік жауап бермейді", elapsed_ms=95_000)
        store.live.set_draft(session.id, "Біз хат жаздық", now_ms=T0 - 20_000)
    assert snap_compare(SuhbatApp(demo_path), press=["f5", "escape"], terminal_size=SIZE)
