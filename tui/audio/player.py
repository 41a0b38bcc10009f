"""Play a recording from any time, pause, seek, change speed: miniaudio over :mod:`pcm`.

The player counts the frames it has handed to the sound device, so :attr:`position_ms`
follows playback (within the device's buffer, a few tens of milliseconds) at any speed.
``SUHBAT_AUDIO_BACKEND=null`` (or ``backend="null"``) plays at real-time pace without a
sound card; the tests use it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Generator, Iterator
from pathlib import Path

from storage.errors import N_, SuhbatError
from tui.audio.pcm import BYTES_PER_FRAME, MAX_SPEED, MIN_SPEED, SAMPLE_RATE, pcm_chunks

BACKEND_ENV = "SUHBAT_AUDIO_BACKEND"
BUFFER_MS = 60
"""The sound device's buffer: how far :attr:`Player.position_ms` may run ahead of the ear."""


class AudioError(SuhbatError):
    """No sound device, or the recording cannot be played."""


def backends(name: str | None) -> list[object] | None:
    """The miniaudio backends to try: the one named (``null``, ``alsa``...) or the default list."""
    import miniaudio

    name = name or os.environ.get(BACKEND_ENV)
    if not name:
        return None
    try:
        return [getattr(miniaudio.Backend, name.upper())]
    except AttributeError:
        raise AudioError(N_("Unknown audio backend {name!r}"), name=name) from None


class Player:
    """One recording, played through one sound device."""

    def __init__(self, path: Path, duration_ms: int, *, backend: str | None = None) -> None:
        self.path = path
        self.duration_ms = duration_ms
        self.speed = 1.0
        self.stop_at_ms: int | None = None
        self._backend = backend
        self._base_ms = 0
        self._frames = 0
        self._lock = threading.Lock()
        self._device: object | None = None
        self._chunks: Iterator[bytes] | None = None
        self._pending = b""
        self.playing = False

    # -- state ---------------------------------------------------------------------------

    @property
    def position_ms(self) -> int:
        """Where playback is in the recording (milliseconds)."""
        with self._lock:
            played = self._frames * 1000 * self.speed / SAMPLE_RATE
            return min(int(self._base_ms + played), self.duration_ms)

    # -- commands ------------------------------------------------------------------------

    def play(self, from_ms: int | None = None, *, until_ms: int | None = None) -> None:
        """Start (or restart) playback at ``from_ms`` (default: where it is)."""
        start = self.position_ms if from_ms is None else from_ms
        self._stop_device()
        start = max(0, min(start, self.duration_ms))
        with self._lock:
            self._base_ms = start
            self._frames = 0
            self._pending = b""
            self.stop_at_ms = until_ms
        self._chunks = pcm_chunks(self.path, start, self.speed)
        self._start_device()

    def pause(self) -> None:
        """Stop playing; :attr:`position_ms` stays where it was."""
        position = self.position_ms
        self._stop_device()
        with self._lock:
            self._base_ms, self._frames = position, 0

    def toggle(self) -> None:
        """Pause when playing, play when paused."""
        if self.playing:
            self.pause()
        else:
            self.play()

    def seek(self, position_ms: int) -> None:
        """Jump to ``position_ms``; playing goes on from there if it was playing."""
        position = max(0, min(position_ms, self.duration_ms))
        if self.playing:
            self.play(position, until_ms=self.stop_at_ms)
        else:
            with self._lock:
                self._base_ms, self._frames = position, 0

    def skip(self, delta_ms: int) -> None:
        """Move ``delta_ms`` forward (or back, if negative)."""
        self.seek(self.position_ms + delta_ms)

    def set_speed(self, speed: float) -> float:
        """Play at ``speed`` (0.5–2.0, pitch kept); returns the speed set."""
        speed = round(min(max(speed, MIN_SPEED), MAX_SPEED), 2)
        position = self.position_ms
        was_playing = self.playing
        self._stop_device()
        with self._lock:
            self._base_ms, self._frames = position, 0
            self.speed = speed
        if was_playing:
            self.play(position, until_ms=self.stop_at_ms)
        return speed

    def close(self) -> None:
        """Release the sound device."""
        self._stop_device()

    # -- the device ----------------------------------------------------------------------

    def _feed(self) -> Generator[bytes, int, None]:
        """miniaudio's callback: ``frames`` wanted in, that many frames of PCM out."""
        frames = yield b""
        while True:
            wanted = frames * BYTES_PER_FRAME
            data = self._pending
            while len(data) < wanted and self._chunks is not None:
                chunk = next(self._chunks, None)
                if chunk is None:
                    self._chunks = None
                    break
                data += chunk
            out, self._pending = data[:wanted], data[wanted:]
            with self._lock:
                position = self._base_ms + (self._frames + frames) * 1000 * self.speed / SAMPLE_RATE
                if self.stop_at_ms is not None and position >= self.stop_at_ms:
                    keep = max(
                        0,
                        int((self.stop_at_ms - self._base_ms) * SAMPLE_RATE / 1000 / self.speed)
                        - self._frames,
                    )
                    out = out[: keep * BYTES_PER_FRAME]
                    self._chunks = None
                    self._pending = b""
                self._frames += len(out) // BYTES_PER_FRAME
                if not out:
                    self.playing = False
            frames = yield out.ljust(wanted, b"\0")

    def _start_device(self) -> None:
        import miniaudio

        try:
            device = miniaudio.PlaybackDevice(
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=1,
                sample_rate=SAMPLE_RATE,
                buffersize_msec=BUFFER_MS,
                backends=backends(self._backend),
            )
        except miniaudio.MiniaudioError as error:
            raise AudioError(N_("No sound output device: {reason}"), reason=str(error)) from None
        feed = self._feed()
        next(feed)
        device.start(feed)
        self._device = device
        self.playing = True

    def _stop_device(self) -> None:
        device, self._device = self._device, None
        self.playing = False
        if device is not None:
            device.close()  # type: ignore[attr-defined]
