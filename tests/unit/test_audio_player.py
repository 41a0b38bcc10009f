"""Playing recordings: PCM from any time at any speed, and a player on the silent backend."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.audio.pcm import BYTES_PER_FRAME, SAMPLE_RATE, pcm_chunks
from tui.audio.player import Player

SPEECH = Path(__file__).resolve().parents[1] / "data" / "media" / "speech_en.m4a"
DURATION_MS = 6186


def seconds_of(path: Path, start_ms: int = 0, speed: float = 1.0) -> float:
    return sum(len(c) for c in pcm_chunks(path, start_ms, speed)) / BYTES_PER_FRAME / SAMPLE_RATE


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_pcm_from_a_later_start_is_the_rest_of_the_recording() -> None:
    whole = seconds_of(SPEECH)
    assert whole == pytest.approx(DURATION_MS / 1000, abs=0.1)
    assert seconds_of(SPEECH, 4000) == pytest.approx(whole - 4.0, abs=0.1)


@pytest.mark.parametrize("speed", [0.5, 1.5, 2.0])
def test_speed_changes_the_length_not_the_content(speed: float) -> None:
    assert seconds_of(SPEECH, 0, speed) == pytest.approx(DURATION_MS / 1000 / speed, rel=0.03)


@pytest.fixture
def player(monkeypatch: pytest.MonkeyPatch) -> Player:
    monkeypatch.setenv("SUHBAT_AUDIO_BACKEND", "null")
    return Player(SPEECH, DURATION_MS)


def test_playing_a_range_stops_at_its_end(player: Player) -> None:
    player.play(2000, until_ms=2500)
    try:
        assert player.playing
        assert wait_for(lambda: not player.playing)
        assert player.position_ms == 2500
    finally:
        player.close()


def test_position_follows_playback_and_pause_holds_it(player: Player) -> None:
    player.play(1000)
    try:
        assert wait_for(lambda: player.position_ms >= 1500)
        player.pause()
        held = player.position_ms
        time.sleep(0.2)
        assert player.position_ms == held and not player.playing
        player.skip(-5000)
        assert player.position_ms == 0
        player.seek(99_000)
        assert player.position_ms == DURATION_MS
    finally:
        player.close()


def test_playback_ends_at_the_end_of_the_recording(player: Player) -> None:
    player.play(DURATION_MS - 300)
    try:
        assert wait_for(lambda: not player.playing)
        assert player.position_ms == DURATION_MS
    finally:
        player.close()


def test_speed_is_kept_within_half_and_double(player: Player) -> None:
    assert player.set_speed(3.0) == 2.0
    assert player.set_speed(0.1) == 0.5
    player.close()
