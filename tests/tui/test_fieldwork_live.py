"""The live session screen (F5): questions, speakers, notes stored as typed, crash safety."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pilot_helpers import LIVE_T0, FakeClock, fake_live_clock
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from storage import Store
from storage.models import Question
from tui.app import SuhbatApp
from tui.screens.live_session import LiveSessionScreen

REPO = Path(__file__).resolve().parents[2]
T0 = LIVE_T0


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Replace the live screen's clock with one the test controls."""
    return fake_live_clock(monkeypatch)


def guide_questions(path: Path) -> list[Question]:
    """The demo guide's top-level questions in order."""
    with Store(path) as store:
        return [q for q in store.guides.questions() if q.parent_id is None]


async def type_note(pilot: Pilot[None], text: str) -> None:
    """Type the first keys one by one, then paste the rest (as a terminal pastes)."""
    await pilot.press(*text[:2])
    pilot.app.screen.query_one("#note", Input).post_message(events.Paste(text[2:]))
    await pilot.pause()


def _live(app: SuhbatApp) -> LiveSessionScreen:
    screen = app.screen
    assert isinstance(screen, LiveSessionScreen)
    return screen


def screen_text(app: SuhbatApp, selector: str) -> str:
    """What a Static on the current screen shows."""
    return str(app.screen.query_one(selector, Static).render())


async def test_focus_group_notes_become_a_transcript(demo_path: Path, clock: FakeClock) -> None:
    questions = guide_questions(demo_path)

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        table = app.screen.query_one("#picker-table", DataTable)
        titles = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        # the session has a transcript already: the picker asks first
        await pilot.press(*["down"] * titles.index("Focus group Kordai"), "enter", "y")
        assert "Question 1 of 4" in screen_text(app, "#q-meta")
        # the moderator speaks first in a focus group
        clock.now = T0 + 5_000
        await type_note(pilot, "Tell us [b]about[/b] your day")
        clock.now = T0 + 9_000
        await pilot.press("enter")
        await pilot.press("tab")  # next speaker: P1
        clock.now = T0 + 12_000
        await type_note(pilot, "Я учитель")
        clock.now = T0 + 20_000
        await pilot.press("pagedown")  # next question; the note is saved first
        assert "Question 2 of 4" in screen_text(app, "#q-meta")
        await pilot.press("escape", "4", "i")  # P4 speaks now; i: back in the note box
        clock.now = T0 + 30_000
        await type_note(pilot, "[00:00:04] мен келісемін")
        await pilot.press("escape", "a")  # question 2 answered → question 3
        assert "Question 3 of 4" in screen_text(app, "#q-meta")
        notes = app.screen.query_one("#notes", DataTable)
        assert [notes.get_row_at(i)[3].plain for i in range(notes.row_count)] == [
            "Tell us [b]about[/b] your day",
            "Я учитель",
            "[00:00:04] мен келісемін",
        ]
        clock.now = T0 + 95_000
        await pilot.press("e", "y")
        assert app.screen.query_one("#picker-table", DataTable).display
    with Store(demo_path) as store:
        session = store.sessions.find("Focus group Kordai")
        assert session is not None
        state = store.live.state(session.id)
        assert state is not None and state.status == "ended"
        assert store.live.marks(session.id) == {questions[1].id: "answered"}
        transcript = store.transcripts.get(state.transcript_id or 0)
        assert transcript.title == "Focus group Kordai (live notes)"
        layer = store.transcripts.layers(transcript.id)[0]
        codes = {p.id: p.code for p in store.participants.all()}
        rows = [
            (
                u.speaker,
                codes.get(u.participant_id or 0),
                u.start_ms,
                u.end_ms,
                u.question_id,
                layer.text[u.spans[layer.id][0] : u.spans[layer.id][1]],
            )
            for u in store.transcripts.utterances(transcript.id)
        ]
    assert rows == [
        ("Aigerim", None, 5_000, 12_000, questions[0].id, "Tell us [b]about[/b] your day"),
        ("P1", "P1", 12_000, 30_000, questions[0].id, "Я учитель"),
        ("P4", "P4", 30_000, 95_000, questions[1].id, "[00:00:04] мен келісемін"),
    ]


async def test_language_switch_and_other_languages(demo_path: Path, clock: FakeClock) -> None:
    first = guide_questions(demo_path)[0]

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "enter", "y")  # Interview R1: Russian
        assert screen_text(app, "#q-text") == first.texts["ru"]
        await pilot.press("escape", "д")  # l on a Russian layout: next language
        assert screen_text(app, "#q-text") == first.texts["kk"]
        await pilot.press("v")
        other = screen_text(app, "#q-other")
        assert f"ru: {first.texts['ru']}" in other
        assert f"en: {first.texts['en']}" in other
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R1")
        assert session is not None
        state = store.live.state(session.id)
        assert state is not None and state.language == "kk"


def test_restart_resumes_question_speaker_and_draft(demo_path: Path, clock: FakeClock) -> None:
    questions = guide_questions(demo_path)

    async def first_run() -> None:
        app = SuhbatApp(demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f5", "enter", "y", "pagedown", "pagedown")
            clock.now = T0 + 61_000
            await type_note(pilot, "half a sentence")
            # the app is left without ending the session

    async def second_run() -> None:
        clock.now = T0 + 125_000
        app = SuhbatApp(demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f5")  # straight back into the running session
            assert "Question 3 of 4" in screen_text(app, "#q-meta")
            assert app.screen.query_one("#note", Input).value == "half a sentence"
            assert screen_text(app, "#note-stamp").startswith("[00:01:01] R1")
            assert "00:02:05" in screen_text(app, "#live-bar")
            await type_note(pilot, " and the rest")
            await pilot.press("enter")

    asyncio.run(first_run())
    asyncio.run(second_run())
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R1")
        assert session is not None
        [note] = store.live.notes(session.id)
    assert (note.text, note.elapsed_ms, note.question_id) == (
        "half a sentence and the rest",
        61_000,
        questions[2].id,
    )


async def test_pause_stops_the_clock(demo_path: Path, clock: FakeClock) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "enter", "y", "escape")
        clock.now = T0 + 10_000
        await pilot.press("t")
        clock.now = T0 + 70_000
        await pilot.pause()
        _live(app).tick()
        bar = screen_text(app, "#live-bar")
        assert "00:00:10" in bar and "paused" in bar
        await pilot.press("е")  # t on a Russian layout: resume
        clock.now = T0 + 75_000
        _live(app).tick()
        assert "00:00:15" in screen_text(app, "#live-bar")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_long_session_title_leaves_the_clock_in_view(
    demo_path: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    title = "Фокус-топ: Қызылорда облысы, ауылдық округтер әкімдері мен тұрғындары, " * 2
    with Store(demo_path) as store:
        first = store.sessions.all()[0]
        store.sessions.update(first.id, title=title.strip())
    app = SuhbatApp(demo_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f5", "enter", "y", "escape")
        clock.now = T0 + 65_000
        _live(app).tick()
        await pilot.pause()
        bar = screen_text(app, "#live-bar")
        assert len(bar) <= size[0]
        assert "● 00:01:05" in bar and "Q 1/" in bar
        assert bar.startswith("Фокус-топ: Қызылорда") and "…" in bar


CHILD = textwrap.dedent(
    """
    import asyncio
    import sys
    from pathlib import Path

    from tui.app import SuhbatApp


    async def main(path: str, text: str) -> None:
        app = SuhbatApp(Path(path))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f5", "enter", "y", "pagedown")
            print("READY", flush=True)
            for character in text:
                await pilot.press("space" if character == " " else character)
                print("TYPED", flush=True)
            print("DONE", flush=True)
            await asyncio.sleep(600)


    asyncio.run(main(sys.argv[1], sys.argv[2]))
    """
)


def test_kill_9_mid_note_loses_nothing(demo_path: Path, tmp_path: Path) -> None:
    """A real process is killed with SIGKILL while typing; the file keeps every key."""
    script = tmp_path / "live_child.py"
    script.write_text(CHILD, encoding="utf-8")
    text = "Біз әкімдікпен сөйлестік бірақ жауап болмады"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, str(script), str(demo_path), text],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=REPO,
    )
    typed = 0
    deadline = time.monotonic() + 120
    assert child.stdout is not None
    try:
        for line in child.stdout:
            if line.startswith("TYPED"):
                typed += 1
                if typed == 10:
                    child.send_signal(signal.SIGKILL)  # no chance to clean up
                    break
            assert time.monotonic() < deadline, "the child app did not start"
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    questions = guide_questions(demo_path)
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R1")
        assert session is not None
        state = store.live.state(session.id)
    assert state is not None and state.status == "active"
    # every key reported as handled before the kill is in the file; nothing else is
    assert state.draft.startswith(text[:typed])
    assert text.startswith(state.draft)
    assert state.question_id == questions[1].id
    assert state.draft_ms is not None

    async def reopen() -> None:
        app = SuhbatApp(demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f5")
            assert "Question 2 of 4" in screen_text(app, "#q-meta")
            assert app.screen.query_one("#note", Input).value == state.draft

    asyncio.run(reopen())


def test_notes_taken_in_russian_become_a_transcript_named_in_russian(
    demo_path: Path, clock: FakeClock
) -> None:
    from i18n import _, get_language, set_language

    before = get_language()
    set_language("ru")

    async def scenario() -> None:
        app = SuhbatApp(demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f5")
            table = app.screen.query_one("#picker-table", DataTable)
            titles = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
            await pilot.press(*["down"] * titles.index("Interview R1"), "enter", "y")
            clock.now = T0 + 5_000
            await type_note(pilot, "Расскажите о работе")
            await pilot.press("enter")
            clock.now = T0 + 60_000
            await pilot.press("escape", "у", "д")  # «у» ends (layout twin of e), «д» is yes
            await pilot.pause()

    try:
        asyncio.run(scenario())
        expected = _("{session} (live notes)").format(session="Interview R1")
    finally:
        set_language(before)
    assert expected != "Interview R1 (live notes)"
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R1")
        assert session is not None
        state = store.live.state(session.id)
        assert state is not None and state.status == "ended"
        assert store.transcripts.get(state.transcript_id or 0).title == expected
