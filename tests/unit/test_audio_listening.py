"""The transcript screen's media keys, over a real project and the silent audio backend."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from exports.media.probe import probe
from storage import Store
from storage.media_store import stored_path
from tui.audio.listening import Listening, utterance_at

SPEECH = Path(__file__).resolve().parents[1] / "data" / "media" / "speech_en.m4a"


@pytest.fixture
def recorded(store: Store, tmp_path: Path) -> tuple[Store, int]:
    """A transcript of two timed utterances with the recording linked, 1 s offset."""
    from storage.models import TranscriptInput, UtteranceInput

    session = store.sessions.add("Recorded")
    transcript = store.transcripts.add(
        session.id,
        TranscriptInput(
            title="speech",
            languages=(store.project().languages[0],),
            utterances=(
                UtteranceInput("S1", 0, 2500, ("The budget for the new school was approved.",)),
                UtteranceInput("S2", 3000, 5000, ("Citizens asked about roads and water.",)),
            ),
        ),
    )
    audio = tmp_path / "speech.m4a"
    shutil.copy(SPEECH, audio)
    store.media.link(
        session.id, stored_path(store.path, audio), probe(audio), transcript_id=transcript.id,
        offset_ms=1000,
    )  # fmt: skip
    return store, transcript.id


def test_nothing_linked_says_so(store: Store) -> None:
    from storage.models import TranscriptInput, UtteranceInput

    session = store.sessions.add("S")
    transcript = store.transcripts.add(
        session.id,
        TranscriptInput("t", (store.project().languages[0],), (UtteranceInput("A", 0, 1, ("x",)),)),
    )
    listening = Listening(store, transcript.id, backend="null")
    assert not listening.available
    assert listening.problem == "No recording is linked to this transcript"
    assert listening.status() == ""


def test_playing_an_utterance_stops_at_its_end_on_the_transcripts_clock(
    recorded: tuple[Store, int],
) -> None:
    store, transcript_id = recorded
    listening = Listening(store, transcript_id, backend="null")
    try:
        second = store.transcripts.utterances(transcript_id)[1]
        assert listening.play_utterance(second)
        assert listening.player.position_ms >= 4000  # 3 s on the transcript + 1 s offset
        deadline = time.monotonic() + 10
        while listening.playing and time.monotonic() < deadline:
            time.sleep(0.05)
        assert listening.position_ms == 5000
        assert listening.status().startswith("⏸ 00:00:05 / 00:00:06")
    finally:
        listening.close()


def test_speed_steps_and_skips(recorded: tuple[Store, int]) -> None:
    store, transcript_id = recorded
    listening = Listening(store, transcript_id, backend="null")
    try:
        assert listening.change_speed(+1) == 1.25
        assert listening.change_speed(+10) == 2.0
        assert listening.change_speed(-10) == 0.5
        listening.skip(3000)
        assert listening.position_ms == 2000
        listening.skip(-99_000)
        assert listening.player.position_ms == 0
        assert "0.5×" in listening.status()
    finally:
        listening.close()


def test_a_missing_recording_is_a_message_not_an_error(
    recorded: tuple[Store, int], tmp_path: Path
) -> None:
    store, transcript_id = recorded
    (tmp_path / "speech.m4a").unlink()
    listening = Listening(store, transcript_id, backend="null")
    assert not listening.available
    assert listening.problem is not None and "missing" in listening.problem


def test_the_utterance_being_spoken() -> None:
    from storage.models import Utterance

    def u(start: int | None) -> Utterance:
        return Utterance(0, "", 0, 0, "S", None, start, None, None)

    turns = [u(0), u(None), u(3000), u(7000)]
    assert utterance_at(turns, 2999) == 0
    assert utterance_at(turns, 3000) == 2
    assert utterance_at(turns, 99_999) == 3
    assert utterance_at([u(500)], 100) is None
