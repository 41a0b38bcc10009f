"""Ctrl+Q while a live session is running asks first (Esc stays); without one it quits
at once. A confirmed quit loses nothing: the notes and the draft are in the project."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import wait_for_screen
from textual.widgets import Input, Static

from i18n import set_language
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.form_modal import FormModal
from tui.dialogs.quit_modal import QuitModal
from tui.screens.live_session import LiveSessionScreen


def start_live(path: Path, title: str) -> int:
    """Start ``title`` live (as Enter on the picker does); its session id."""
    with Store(path) as store:
        session = store.sessions.find(title)
        assert session is not None
        store.live.start(session.id, guide_id=session.guide_id, speaker="Aigerim")
        return session.id


async def test_ctrl_q_in_a_running_session_asks_and_keeps_notes_and_draft(
    demo_path: Path,
) -> None:
    session_id = start_live(demo_path, "Interview R2")
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press(*"Works at the akimat", "enter", *"Half a thou")
        await pilot.press("ctrl+q")
        modal = await wait_for_screen(pilot, QuitModal)
        question = str(modal.query_one("#quit-question", Static).render())
        assert "«Interview R2» is running" in question and "saved" in question
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LiveSessionScreen)
        assert app.screen.query_one("#note", Input).value == "Half a thou"
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, QuitModal)
        await pilot.press("enter")  # Enter on Stay (it has the focus) stays too
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LiveSessionScreen)
        await pilot.press(*"ght", "ctrl+q")
        await wait_for_screen(pilot, QuitModal)
        await pilot.press("tab", "enter")  # Tab to Quit
        await pilot.pause()
        assert app.return_code is not None or not app.is_running
    with Store(demo_path) as store:
        assert [n.text for n in store.live.notes(session_id)] == ["Works at the akimat"]
        state = store.live.state(session_id)
        assert state is not None and state.status == "active"
        assert state.draft == "Half a thought"


async def test_ctrl_q_twice_quits_and_the_question_is_translated(demo_path: Path) -> None:
    start_live(demo_path, "Interview R1")
    set_language("kk")
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1", "ctrl+q")  # any screen: the session is running
        modal = await wait_for_screen(pilot, QuitModal)
        question = str(modal.query_one("#quit-question", Static).render())
        assert "«Interview R1»" in question and "is running" not in question
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is not None or not app.is_running


async def test_ctrl_q_without_a_running_session_quits_at_once(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(app.screen, QuitModal)
        assert app.return_code is not None or not app.is_running
    with Store(demo_path) as store:
        assert store.live.states("active") == []


async def test_ctrl_q_in_a_form_asks_too_while_a_session_runs(demo_path: Path) -> None:
    start_live(demo_path, "Interview R1")
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "n")  # a new participant's form, nothing typed
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, QuitModal)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, FormModal)
