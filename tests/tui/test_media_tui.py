"""Recordings in the app: transcribe a recording from the Home screen, driven from the keyboard."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pilot_helpers import wait_until
from textual.widgets import Static

from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.transcribe_modal import TranscribeModal

MEDIA = Path(__file__).resolve().parents[1] / "data" / "media"

pytestmark = pytest.mark.xdist_group("speech")


def test_transcribe_dialog_makes_a_machine_transcript(demo_path: Path) -> None:
    async def scenario() -> None:
        app = SuhbatApp(demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, TranscribeModal))
            await pilot.press(*str(MEDIA / "speech_en.m4a"))
            await pilot.press("enter")
            await wait_until(pilot, lambda: not isinstance(app.screen, TranscribeModal), 120)

    asyncio.run(scenario())
    with Store(demo_path, read_only=True) as store:
        transcript = store.transcripts.find("speech_en")
        assert transcript is not None
        text = store.transcripts.layers(transcript.id)[0].text.lower()
        assert "budget" in text and "school" in text
        assert store.media.machine(transcript.id) is not None
        assert len(store.media.all(transcript_id=transcript.id)) == 1


def test_a_file_that_is_not_a_recording_is_a_message_in_the_dialog(demo_path: Path) -> None:
    async def scenario() -> None:
        app = SuhbatApp(demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, TranscribeModal))
            await pilot.press(*str(MEDIA / "not_media.m4a"))
            await pilot.press("enter")
            status = app.screen.query_one("#transcribe-status", Static)
            await wait_until(pilot, lambda: "Nothing was written" in str(status.render()), 60)
            assert "not_media.m4a" in str(status.render())
            await pilot.press("escape")
            assert not isinstance(app.screen, TranscribeModal)

    asyncio.run(scenario())
    with Store(demo_path, read_only=True) as store:
        assert store.transcripts.find("not_media") is None
