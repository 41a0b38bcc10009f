"""Benchmark: recordings — open and play a 2-hour file, seek, memory, transcription speed.

    .venv/bin/python bench/bench_media.py [RUNS]

Makes a 2-hour mono AAC recording (a quiet tone; about 30 MB, a minute or two to encode)
in a temporary folder, then, RUNS times each (default 5), in fresh processes on the
silent audio backend:

* open the recording and start playback at 1:00:00 (``Player`` + ``play``);
* seek to ten utterance times spread over the recording while playing (median per seek);
* peak memory (max RSS) of a process that plays for ten seconds at 1× and at 2×;

and once: the real-time factor of ``suhbat transcribe`` with the tiny English model on
the bundled 6-second sentence repeated to one minute. Prints medians and the load
average; asserts nothing. Record results in ``bench/README.md``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPEECH = REPO / "tests" / "data" / "media" / "speech_en.m4a"
HOURS = int(os.environ.get("BENCH_HOURS", "2"))

OPEN_AND_PLAY = """
import json, os, sys, time
t0 = time.perf_counter()
from pathlib import Path
from exports.media.probe import probe
from tui.audio.player import Player
path = Path(sys.argv[1])
facts = probe(path) if sys.argv[2] == "probe" else None
import av, miniaudio  # the app has these loaded once a recording has been opened
imported = time.perf_counter() - t0
t1 = time.perf_counter()
player = Player(path, 7_200_000)
player.play(3_600_000)
started = time.perf_counter() - t1
seeks = []
for k in range(10):
    t = time.perf_counter()
    player.seek(k * 700_000 + 1234)
    seeks.append(time.perf_counter() - t)
player.close()
print(json.dumps({"imports": imported, "start": started, "seek": sorted(seeks)[5]}))
"""

PLAY_FOR = """
import resource, sys, time
from pathlib import Path
from tui.audio.player import Player
player = Player(Path(sys.argv[1]), 7_200_000)
player.set_speed(float(sys.argv[2]))
player.play(1_000_000)
time.sleep(10)
player.close()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def make_recording(target: Path, hours: int) -> None:
    """A mono 16 kHz AAC file of ``hours`` hours: a quiet 440 Hz tone."""
    import av
    import numpy

    rate = 16000
    second = (numpy.sin(numpy.arange(rate) * 2 * numpy.pi * 440 / rate) * 2000).astype(numpy.int16)
    with av.open(str(target), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=rate, layout="mono")
        stream.bit_rate = 32000
        for n in range(hours * 3600):
            frame = av.AudioFrame.from_ndarray(second.reshape(1, -1), format="s16", layout="mono")
            frame.sample_rate = rate
            frame.pts = n * rate
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def run(code: str, *args: str) -> str:
    env = {**os.environ, "SUHBAT_AUDIO_BACKEND": "null", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env
    ).stdout


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        recording = Path(folder) / "two-hours.m4a"
        t = time.perf_counter()
        make_recording(recording, HOURS)
        print(
            f"made a {HOURS}-hour recording ({recording.stat().st_size // 2**20} MB) "
            f"in {time.perf_counter() - t:.0f} s"
        )
        imports, starts, seeks = [], [], []
        for _ in range(runs):
            result = json.loads(run(OPEN_AND_PLAY, str(recording), "no-probe"))
            imports.append(result["imports"])
            starts.append(result["start"])
            seeks.append(result["seek"])
        print(
            f"import PyAV + miniaudio (once per run of the app): {statistics.median(imports):.3f} s"
        )
        print(f"open + start playback at 1:00:00: median {statistics.median(starts):.3f} s")
        print(f"seek while playing: median {statistics.median(seeks) * 1000:.1f} ms")
        for speed in ("1.0", "2.0"):
            rss = int(run(PLAY_FOR, str(recording), speed))
            print(f"peak memory playing 10 s at {speed}x: {rss} MB")
        minute = Path(folder) / "minute.m4a"
        _repeat(SPEECH, minute, 10)
        project = Path(folder) / "p.suhbat"
        suhbat = Path(sys.executable).with_name("suhbat")
        subprocess.run(
            [str(suhbat), "init", str(project), "--languages", "en"],
            check=True,
            capture_output=True,
        )
        out = subprocess.run(
            [str(suhbat), "transcribe", str(project), str(minute), "--language", "en", "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        factor = json.loads(out)["real_time_factor"]
        print(f"transcribe (tiny.en, int8, CPU) real-time factor incl. model load: {factor:.2f}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _repeat(source: Path, target: Path, times: int) -> None:
    """``source`` played ``times`` times in a row, as one file."""
    import av

    with av.open(str(target), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=16000, layout="mono")
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=16000)
        pts = 0
        for _ in range(times):
            with av.open(str(source)) as inp:
                for frame in inp.decode(audio=0):
                    for converted in resampler.resample(frame):
                        converted.pts = pts
                        pts += converted.samples
                        for packet in stream.encode(converted):
                            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


if __name__ == "__main__":
    main()
