"""Transcription mode: notes typed while the recording plays take the playback position."""

from __future__ import annotations

import shutil
from pathlib import Path

from pilot_helpers import wait_for_screen, wait_until
from textual.widgets import Input

from exports.media.linking import link_recording
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.confirm_modal import ConfirmModal
from tui.screens.by_ear import ByEarScreen

MEDIA = Path(__file__).resolve().parents[1] / "data" / "media"


async def test_notes_typed_by_ear_get_the_recordings_times(demo_path: Path) -> None:
    audio = demo_path.parent / "R2.m4a"
    shutil.copy(MEDIA / "speech_en.m4a", audio)
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R2")
        assert session is not None
        link_recording(store, audio, session_id=session.id)

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "down", "y")
        screen = await wait_for_screen(pilot, ByEarScreen)
        listening = screen.listening
        assert listening is not None
        listening.skip(2000)  # as if it had played two seconds
        await pilot.press("ctrl+g")  # and five more: 00:00:07 (past the 6 s end: 6.2)
        assert listening.position_ms >= 6000
        listening.skip(-4000)
        position = listening.position_ms
        note = screen.query_one("#note", Input)
        note.focus()
        await pilot.press(*"The budget")
        await pilot.press("enter")
        await pilot.press("escape", "e", "y")
        await wait_until(pilot, lambda: not isinstance(app.screen, (ByEarScreen, ConfirmModal)))
        assert position > 0
    with Store(demo_path, read_only=True) as store:
        session = store.sessions.find("Interview R2")
        assert session is not None
        transcript = next(t for t in store.transcripts.all(session.id) if "live notes" in t.title)
        (utterance,) = store.transcripts.utterances(transcript.id)
        assert utterance.start_ms is not None and 1500 <= utterance.start_ms <= 2600
        media = store.media.for_transcript(transcript.id)
        assert media is not None and media.path == "R2.m4a"
