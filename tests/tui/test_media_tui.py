"""Recordings in the app: transcribe a recording from the Home screen, driven from the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import wait_for_screen, wait_until
from textual.pilot import Pilot
from textual.widgets import Static

from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.transcribe_modal import TranscribeModal
from tui.screens.transcript import TranscriptScreen

MEDIA = Path(__file__).resolve().parents[1] / "data" / "media"

pytestmark = pytest.mark.xdist_group("speech")


async def test_transcribe_dialog_makes_a_machine_transcript(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TranscribeModal))
        await pilot.press(*str(MEDIA / "speech_en.m4a"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, TranscribeModal), 120)
    with Store(demo_path, read_only=True) as store:
        transcript = store.transcripts.find("speech_en")
        assert transcript is not None
        text = store.transcripts.layers(transcript.id)[0].text.lower()
        assert "budget" in text and "school" in text
        assert store.media.machine(transcript.id) is not None
        assert len(store.media.all(transcript_id=transcript.id)) == 1


async def test_a_file_that_is_not_a_recording_is_a_message_in_the_dialog(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TranscribeModal))
        await pilot.press(*str(MEDIA / "not_media.m4a"))
        await pilot.press("enter")
        status = app.screen.query_one("#transcribe-status", Static)
        await wait_until(pilot, lambda: "Nothing was written" in str(status.render()), 60)
        assert "not_media.m4a" in str(status.render())
        await pilot.press("escape")
        assert not isinstance(app.screen, TranscribeModal)
    with Store(demo_path, read_only=True) as store:
        assert store.transcripts.find("not_media") is None


def recorded_demo(demo_path: Path) -> int:
    """Link the bundled recording to the demo's first transcript (long enough with --force)."""
    import shutil

    from exports.media.linking import link_recording

    audio = demo_path.parent / "Interview R1.m4a"
    shutil.copy(MEDIA / "speech_en.m4a", audio)
    with Store(demo_path) as store:
        transcript = store.transcripts.all()[0]
        link_recording(store, audio, transcript_id=transcript.id, force=True)
        return transcript.id


async def coding_screen(pilot: Pilot[None], app: SuhbatApp, transcript_id: int) -> TranscriptScreen:
    """The coding screen (F6) with ``transcript_id`` open."""
    await pilot.press("f6")
    screen = app.screen
    assert isinstance(screen, TranscriptScreen)
    await wait_until(pilot, lambda: screen.model is not None)
    screen.open_transcript(transcript_id)
    return screen


async def test_listening_keys_in_the_transcript_screen(demo_path: Path) -> None:
    transcript_id = recorded_demo(demo_path)

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await coding_screen(pilot, app, transcript_id)
        await pilot.press("space")
        listening = screen.media.listening
        assert listening is not None
        await wait_until(pilot, lambda: listening.playing)
        await pilot.press("greater_than_sign")
        assert listening.player.speed == 1.25
        await pilot.press("space")
        assert not listening.playing
        held = listening.position_ms
        await pilot.press("full_stop")
        assert listening.position_ms == min(held + 5000, listening.player.duration_ms)
        status = str(screen.query_one("#coding-status", Static).render())
        assert "/ 00:00:06" in status and "1.25×" in status
        await pilot.press("f")  # the first turn starts at 00:00:04 in the demo
        await wait_until(pilot, lambda: listening.playing or listening.position_ms > 0)


async def test_the_playback_position_is_on_screen_at_80_columns(demo_path: Path) -> None:
    transcript_id = recorded_demo(demo_path)
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await coding_screen(pilot, app, transcript_id)
        status = screen.query_one("#coding-status", Static)
        await wait_until(pilot, lambda: "/ 00:00:06" in str(status.render()))
        await pilot.pause()
        shown = "".join(
            segment.text for segment in status.render_line(0)
        )  # the first line as drawn, cut to the widget's width
        assert "⏸ 00:00:00 / 00:00:06" in shown


async def test_recordings_dialog_unlinks_and_links_again(demo_path: Path) -> None:
    from tui.dialogs.confirm_modal import ConfirmModal
    from tui.dialogs.recordings_modal import LinkRecordingModal, RecordingsModal

    transcript_id = recorded_demo(demo_path)
    audio = demo_path.parent / "Interview R1.m4a"

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await coding_screen(pilot, app, transcript_id)
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordingsModal))
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordingsModal))
        assert app.store.media.all() == []
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LinkRecordingModal))
        await pilot.press(*str(MEDIA / "zero_seconds.wav"))
        await pilot.press("enter")
        status = app.screen.query_one("#link-status", Static)
        await wait_until(pilot, lambda: "0 seconds" in str(status.render()))
        field = app.screen.query_one("#picker-path")
        field.value = str(audio)  # type: ignore[attr-defined]
        await pilot.press("enter")  # 6 s of sound for a 3-minute transcript: a warning
        await wait_until(pilot, lambda: "shorter than the transcript" in str(status.render()))
        assert app.store.media.all() == []
        await pilot.press("enter")  # and again: linked anyway
        await wait_until(pilot, lambda: isinstance(app.screen, RecordingsModal), 30)
    with Store(demo_path, read_only=True) as store:
        (linked,) = store.media.all()
        assert linked.transcript_id == transcript_id and linked.path == "Interview R1.m4a"


async def test_reviewing_a_machine_transcript_turn_by_turn(demo_path: Path) -> None:
    from tui.dialogs.coding_dialogs import TextPrompt

    transcript_id = recorded_demo(demo_path)
    with Store(demo_path) as store:
        store.media.mark_machine(transcript_id, engine="faster-whisper", model="m", language="ru")
        count = len(store.transcripts.utterances(transcript_id))

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await coding_screen(pilot, app, transcript_id)
        status = screen.query_one("#coding-status", Static)
        assert f"0 of {count} reviewed" in str(status.render())
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("ctrl+a", "ctrl+k", *"Модератор", "enter")
        await pilot.press("h")
        assert f"1 of {count} reviewed" in str(status.render())
        for _turn in range(count - 1):
            await pilot.press("h")
        assert "machine transcript, reviewed" in str(status.render())
    with Store(demo_path, read_only=True) as store:
        first = store.transcripts.utterances(transcript_id)[0]
        assert first.speaker == "Модератор"
        machine = store.media.machine(transcript_id)
        assert machine is not None and machine.reviewed is not None


async def test_search_hits_and_coded_passages_play_from_their_start(demo_path: Path) -> None:
    from pilot_helpers import wait_for_search

    from tui.screens.passages import PassagesScreen, open_passages
    from tui.screens.search import SearchScreen

    transcript_id = recorded_demo(demo_path)
    with Store(demo_path) as store:
        coding = next(
            c
            for c in store.codings.all()
            if store.transcripts.layer(c.layer_id).transcript_id == transcript_id
        )

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"журналист")
        await wait_for_search(pilot, screen)
        screen.query_one("#hits").focus()
        await pilot.press("home", "p")
        hit = screen.hits[0]
        listening = screen.player.listening
        assert listening is not None
        if hit.transcript_id == transcript_id:  # the recording is 6 s long
            assert listening.available
            wanted = min(hit.start_ms or 0, listening.player.duration_ms)
            assert abs(listening.player.position_ms - wanted) < 1500
        else:
            assert not listening.available  # and the screen said so
        open_passages(app, coding.code_id)
        passages = await wait_for_screen(pilot, PassagesScreen)
        await wait_until(pilot, lambda: passages.listing is not None)
        await pilot.press("p")
        await wait_until(pilot, lambda: passages.player.listening is not None)
