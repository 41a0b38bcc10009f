"""Live session: choosing a speaker keeps the focus; the picker asks before starting a
session that has a transcript; a session that ended without notes can be resumed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.confirm_modal import ConfirmModal
from tui.screens.live_session import LiveSessionScreen


def _row_of(app: SuhbatApp, title: str) -> int:
    table = app.screen.query_one("#picker-table", DataTable)
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)].index(title)


async def test_speaker_key_keeps_focus_so_i_then_types(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)  # Interview R1 has a transcript
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen)
        note = screen.query_one("#note", Input)
        await pilot.press("escape", "1")
        await pilot.pause()
        assert not note.has_focus
        await pilot.press("i", *"Азаматтар")
        await pilot.pause()
        assert note.value == "Азаматтар"  # the i moved to the box, it is not text


async def test_no_answer_leaves_the_session_unstarted(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "enter", "n")
        await pilot.pause()
        assert app.screen.query_one("#picker-table", DataTable).display
    with Store(demo_path) as store:
        assert store.live.states() == []


async def test_a_session_ended_without_notes_is_resumed_after_asking(demo_path: Path) -> None:
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R2")
        assert session is not None
        store.live.start(session.id, now_ms=1_000)
        assert store.live.end(session.id, now_ms=61_000) is None  # no notes: no transcript
        session_id = session.id

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press(*["down"] * _row_of(app, "Interview R2"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, LiveSessionScreen)
        await pilot.press(*"Ещё вопрос", "enter")
        await pilot.pause()
    with Store(demo_path) as store:
        state = store.live.state(session_id)
        assert state is not None and state.status == "active"
        assert [n.text for n in store.live.notes(session_id)] == ["Ещё вопрос"]
