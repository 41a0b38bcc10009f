"""The live session picker (F5) of a project with many sessions: every session listed
in a table sized once (no cell measured per row), filled again only when the project changed,
and Enter on a row far down the list starts that session live."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from storage import Store
from tui.app import SuhbatApp
from tui.widgets.session_picker import SessionPicker
from tui.widgets.sized_table import SizedTable

SESSIONS = 120


def many_sessions(path: Path) -> list[str]:
    """A project of ``SESSIONS`` interviews (no transcripts), titles in list order."""
    titles = [f"Интервью {number:03}" for number in range(1, SESSIONS + 1)]
    with Store.create(path, name="many", languages=("ru", "en")) as store, store.transaction():
        for title in titles:
            store.sessions.add(title, date="2025-03-01")
    return titles


def picker_titles(app: SuhbatApp) -> list[str]:
    """The session titles the picker lists, top to bottom."""
    table = app.screen.query_one("#picker-table", SizedTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


async def test_picker_lists_every_session_and_enter_far_down_starts_it(tmp_path: Path) -> None:
    path = tmp_path / "many.suhbat"
    titles = many_sessions(path)
    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert picker_titles(app) == titles
        table = app.screen.query_one("#picker-table", SizedTable)
        # every column has its width up front: adding the rows measures no cell
        assert not any(column.auto_width for column in table.columns.values())
        # back on Home a session is added; the picker lists it when shown again
        await pilot.press("f1")
        app.store.sessions.add("Фокус-группа Кордай", "focus_group")
        await pilot.press("f5")
        await pilot.pause()
        assert picker_titles(app)[-1] == "Фокус-группа Кордай"
        await pilot.press("pagedown", "pagedown", "down")
        await pilot.pause()
        chosen = picker_titles(app)[table.cursor_row]
        assert table.cursor_row > 40
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.query_one(SessionPicker).display  # the live page is shown
    with Store(path) as store:
        session = store.sessions.find(chosen)
        assert session is not None
        state = store.live.state(session.id)
        assert state is not None and state.status == "active"
        started = [s for s in store.sessions.all() if store.live.state(s.id) is not None]
        assert [s.title for s in started] == [chosen]


async def test_the_no_sessions_hint_goes_once_there_is_a_session(tmp_path: Path) -> None:
    path = tmp_path / "empty.suhbat"
    Store.create(path, name="empty", languages=("ru", "en")).close()
    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        hint = app.screen.query_one("#picker-help", Static)
        assert "No sessions yet" in str(hint.render())
        await pilot.press("f4")
        await pilot.pause()
        app.store.sessions.add("Интервью 1", date="2025-03-01")
        await pilot.press("f5")
        await pilot.pause()
        assert picker_titles(app) == ["Интервью 1"]
        assert str(app.screen.query_one("#picker-help", Static).render()).startswith(
            "Choose a session"
        )
