"""The live session picker (F5, then ``o``): the Status column's running clocks tick on
their own while the picker is shown, stop when it is hidden, and stay in view at 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import LIVE_T0, FakeClock, fake_live_clock, wait_until
from textual.pilot import Pilot

from i18n import set_language
from storage import Store
from tui.app import SuhbatApp
from tui.widgets.session_picker import SessionPicker
from tui.widgets.sized_table import SizedTable

T0 = LIVE_T0


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Replace the live screen's clock with one the test controls."""
    return fake_live_clock(monkeypatch)


def start_live(path: Path, title: str) -> None:
    """Start ``title`` live at ``T0`` (as the live screen's Enter does)."""
    with Store(path) as store:
        session = store.sessions.find(title)
        assert session is not None
        store.live.start(session.id, guide_id=session.guide_id, speaker="Aigerim", now_ms=T0)


def status_of(app: SuhbatApp, title: str) -> str:
    """What the picker's Status column shows for the session ``title``."""
    table = app.screen.query_one("#picker-table", SizedTable)
    headers = [str(column.label) for column in table.ordered_columns]
    status = headers.index("Status")
    for row in range(table.row_count):
        cells = table.get_row_at(row)
        if str(cells[0]) == title:
            return str(cells[status])
    raise AssertionError(f"{title} is not listed")


async def open_picker(pilot: Pilot[None]) -> SessionPicker:
    """F5 shows the running session; Esc leaves its note box and ``o`` opens the picker."""
    await pilot.press("f5")
    await pilot.pause()
    await pilot.press("escape", "o")
    await pilot.pause()
    picker = pilot.app.screen.query_one(SessionPicker)
    assert picker.display
    return picker


async def test_the_running_clock_ticks_while_the_picker_is_shown(
    demo_path: Path, clock: FakeClock
) -> None:
    start_live(demo_path, "Interview R2")
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(pilot)
        assert status_of(app, "Interview R2") == "● 00:00:00"
        table = app.screen.query_one("#picker-table", SizedTable)
        await pilot.press("down")
        clock.now = T0 + 5_000
        # nothing else happens: the picker's own timer redraws the clock
        await wait_until(pilot, lambda: status_of(app, "Interview R2") == "● 00:00:05", 4)
        assert table.cursor_row == 1  # the cursor stays where the user put it
        # the command palette over the picker: closed again, the picker is still there
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not picker.ticking
        await pilot.press("escape")
        await pilot.pause()
        assert picker.display and picker.ticking and table.cursor_row == 1
        # another screen: the timer stops, nothing is redrawn in the background
        await pilot.press("f1")
        await pilot.pause()
        assert not picker.ticking
        clock.now = T0 + 9_000
        await pilot.pause(1.3)
        assert status_of_hidden(picker) == "● 00:00:05"
        # the running session's page hides the picker: its timer stops as well
        await pilot.press("f5")
        await pilot.pause()
        assert not picker.display and not picker.ticking
        await pilot.press("escape", "o")
        await pilot.pause()
        assert picker.ticking and status_of(app, "Interview R2") == "● 00:00:09"
        await pilot.press("up", "down", "enter")  # back into the running session
        await pilot.pause()
        assert not picker.display and not picker.ticking
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R2")
        assert session is not None
        state = store.live.state(session.id)
        assert state is not None and state.status == "active" and state.running


def status_of_hidden(picker: SessionPicker) -> str:
    """The Status cell of the one running session, read while its screen is not shown."""
    table = picker.query_one("#picker-table", SizedTable)
    (session_id,) = picker.running
    headers = [str(column.label) for column in table.ordered_columns]
    return str(table.get_row(str(session_id))[headers.index("Status")])


async def test_a_paused_clock_does_not_tick(demo_path: Path, clock: FakeClock) -> None:
    start_live(demo_path, "Interview R2")
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        clock.now = T0 + 3_000
        await pilot.press("escape", "t", "o")  # pause the clock, then the picker
        await pilot.pause()
        picker = app.screen.query_one(SessionPicker)
        assert status_of(app, "Interview R2") == "❚❚ 00:00:03"
        assert not picker.ticking
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R2")
        assert session is not None
        state = store.live.state(session.id)
        assert state is not None and not state.running and state.elapsed_ms == 3_000


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
async def test_status_stays_in_view_at_80_columns(
    demo_path: Path, clock: FakeClock, language: str
) -> None:
    long_title = "Интервью с руководителем пресс-службы областного акимата, часть 2"
    with Store(demo_path) as store:
        guide = store.guides.all()[0]
        session = store.sessions.add(long_title, date="2025-03-01", guide_id=guide.id)
    start_live(demo_path, long_title)
    set_language(language)
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picker(pilot)
        table = app.screen.query_one("#picker-table", SizedTable)
        row = [str(text) for text in table.get_row(str(session.id))]
        status = row.index("● 00:00:00")
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        # the whole Status column is on screen, without scrolling sideways
        assert sum(widths[: status + 1]) <= table.scrollable_content_region.width
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        # wide again: every column, the guide among them, and the status last
        assert len(table.ordered_columns) == 5
        assert str(table.get_row(str(session.id))[4]) == "● 00:00:00"
