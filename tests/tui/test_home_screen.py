"""The project home screen: what the demo study holds, and Enter to open a transcript."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from tui.app import SuhbatApp
from tui.screens.home import HomeScreen


async def test_home_lists_sessions_participants_and_transcripts(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        summary = str(screen.query_one("#summary", Static).render())
        assert "3 sessions" in summary and "6 participants" in summary
        sessions = screen.query_one("#sessions", DataTable)
        titles = [str(sessions.get_row_at(i)[0]) for i in range(sessions.row_count)]
        assert titles == ["Interview R1", "Interview R2", "Focus group Kordai"]
        transcripts = screen.query_one("#transcripts", DataTable)
        assert str(transcripts.get_row_at(1)[2]) == "kk + en"
        # The transcripts have the focus, as their caption says: Enter on the second one
        # opens it on the coding screen (the sessions had it, and Enter opened a session).
        assert transcripts.has_focus
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "transcripts"
        model = getattr(app.screen, "model", None)
        assert model is not None
        assert model.transcript.title == "interview_r2"
