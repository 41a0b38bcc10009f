"""Recording on the silent backend: on the session's clock, pauses as silence, crash-safe."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exports.media.probe import probe
from tui.audio.recorder import Recorder, recover, unfinished


@pytest.fixture(autouse=True)
def silent_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUHBAT_AUDIO_BACKEND", "null")


def test_a_recording_with_a_pause_keeps_the_sessions_clock(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path, "Interview 1", session_uuid="s-1", started_at_ms=60_000)
    recorder.start()
    time.sleep(0.6)
    recorder.pause()
    time.sleep(0.5)
    recorder.resume()
    time.sleep(0.4)
    target = recorder.stop(tmp_path / "Interview 1.m4a")
    facts = probe(target)
    assert facts.kind == "audio"
    assert 1300 <= facts.duration_ms <= 2500  # 0.6 s + 0.5 s of pause as silence + 0.4 s
    assert unfinished(tmp_path) == []
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())


KILLED = """
import os, sys, time
os.environ["SUHBAT_AUDIO_BACKEND"] = "null"
from pathlib import Path
from tui.audio.recorder import Recorder
r = Recorder(Path(sys.argv[1]), "Focus group", session_uuid="s-2", started_at_ms=5_000)
r.start()
print("recording", flush=True)
time.sleep(60)
"""


def test_a_killed_recording_is_found_and_recovered(tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(tmp_path)],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"recording"
    time.sleep(2.0)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    (left,) = unfinished(tmp_path)
    assert left.session_uuid == "s-2" and left.started_at_ms == 5_000
    assert left.duration_ms >= 1000  # at most about half a second lost of ~2 s
    target = recover(left, tmp_path / "Focus group.m4a")
    assert probe(target).duration_ms >= 1000
    assert unfinished(tmp_path) == []
