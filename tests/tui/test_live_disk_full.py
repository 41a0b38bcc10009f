"""A full disk during live typing: the app keeps running, the note stays on screen with a
banner, and saving succeeds by itself once there is space again.

The disk is filled for real: ``PRAGMA max_page_count`` on the app's connection caps the
project at its current size, so SQLite raises a genuine ``SQLITE_FULL``.
"""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import wait_until
from textual import events
from textual.widgets import DataTable, Input, Static

from storage import Store
from tui.app import SuhbatApp

NOTE = "Айгерим говорит: согласование занимает месяц. " * 400


def _fill_disk(app: SuhbatApp) -> None:
    (pages,) = app.store.conn.execute("PRAGMA page_count").fetchone()
    app.store.conn.execute(f"PRAGMA max_page_count = {int(pages)}")


def _free_disk(app: SuhbatApp) -> None:
    app.store.conn.execute("PRAGMA max_page_count = 1073741823")


def _banner(app: SuhbatApp) -> Static:
    return app.screen.query_one("#disk-full", Static)


async def test_a_full_disk_keeps_the_note_and_saves_it_when_space_returns(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "enter", "y")  # it has a transcript: asked first
        note = app.screen.query_one("#note", Input)
        notes = app.screen.query_one("#notes", DataTable)
        before = notes.row_count
        _fill_disk(app)
        await pilot.press("А", "й")
        note.post_message(events.Paste(NOTE[2:]))
        await pilot.pause()
        assert app.is_running
        assert note.value == NOTE
        banner = _banner(app)
        assert banner.display
        assert "disk is full" in str(banner.render())
        await pilot.press("enter")  # the note cannot be saved: it stays in the box
        await pilot.pause()
        assert app.is_running and note.value == NOTE and banner.display
        assert notes.row_count == before
        await pilot.press("!")  # more typing goes into the box, not to a shell
        assert note.value == NOTE + "!"
        _free_disk(app)
        await wait_until(pilot, lambda: not banner.display)  # the periodic retry saves it
        assert note.value == ""
        assert notes.row_count == before + 1
    with Store(demo_path) as store:
        session = store.live.states("active")[0].session_id
        texts = [n.text for n in store.live.notes(session)]
    assert texts[-1] == (NOTE + "!").strip()


async def test_the_next_key_saves_the_draft_after_space_returns(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "enter", "y")  # it has a transcript: asked first
        note = app.screen.query_one("#note", Input)
        _fill_disk(app)
        note.post_message(events.Paste(NOTE))
        await pilot.pause()
        assert _banner(app).display
        _free_disk(app)
        await pilot.press("x")
        assert not _banner(app).display
        assert note.value == NOTE + "x"
    with Store(demo_path) as store:
        assert store.live.states("active")[0].draft == NOTE + "x"
