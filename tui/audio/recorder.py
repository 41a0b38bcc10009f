"""Record the default microphone to a file beside the project, safe against ``kill -9``.

Sound is appended as raw 16-bit mono PCM to a hidden ``.pcm`` file, with a small JSON
file beside it written first (sample rate, session, and the live session's clock when
recording started). A writer thread flushes and ``fsync``s the file every
:data:`SYNC_SECONDS`, so a crash or a killed process loses at most about that much.
Pausing keeps the recording on the session's clock: the paused time is written as
silence when recording resumes, so note times and recording times stay one timeline.
:meth:`Recorder.stop` (or :func:`recover` for a file a crash left) encodes the PCM as
an ``.m4a`` (AAC, as phones record) and removes the temporary files.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time
from array import array
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from storage.errors import N_
from tui.audio.player import AudioError, backends

SAMPLE_RATE = 48000
BYTES_PER_FRAME = 2
SYNC_SECONDS = 0.5
PCM_SUFFIX = ".recording.pcm"
META_SUFFIX = ".recording.json"


@dataclass(frozen=True)
class Unfinished:
    """A recording a crash left behind: its PCM, what it belongs to and how long it is."""

    pcm: Path
    meta: Path
    session_uuid: str
    started_at_ms: int
    duration_ms: int


def pcm_path(folder: Path, stem: str) -> Path:
    """The hidden file a recording named ``stem`` is written to while it runs."""
    return folder / f".{stem}{PCM_SUFFIX}"


class Recorder:
    """One recording of one live session."""

    def __init__(
        self,
        folder: Path,
        stem: str,
        *,
        session_uuid: str,
        started_at_ms: int,
        backend: str | None = None,
    ) -> None:
        self.folder = folder
        self.stem = stem
        self.pcm = pcm_path(folder, stem)
        self.meta = self.pcm.with_name(self.pcm.name.removesuffix(PCM_SUFFIX) + META_SUFFIX)
        self.session_uuid = session_uuid
        self.started_at_ms = started_at_ms
        self.level = 0.0
        """Loudness of the latest sound, 0 (silence) to 1 (full scale): for a level meter."""
        self._backend = backend
        self._frames = 0
        self._paused_since: float | None = None
        self._device: object | None = None
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self._writer: threading.Thread | None = None
        self._handle: object | None = None

    @property
    def duration_ms(self) -> int:
        """How much has been recorded (pauses written as silence included)."""
        return int(self._frames * 1000 / SAMPLE_RATE)

    @property
    def recording(self) -> bool:
        """Whether sound is being captured now."""
        return self._device is not None

    def start(self) -> None:
        """Open the microphone and start writing (no file is made if there is no microphone)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._open_device()
        try:
            _write_meta(self.meta, self.session_uuid, self.started_at_ms)
            self._handle = self.pcm.open("ab")
        except OSError:
            self._close_device()
            self.meta.unlink(missing_ok=True)
            raise
        self._writer = threading.Thread(target=self._write_loop, daemon=True)
        self._writer.start()

    def pause(self) -> None:
        """Stop capturing; the pause becomes silence when recording resumes."""
        if self._device is None:
            return
        self._close_device()
        self._paused_since = time.monotonic()

    def resume(self, *, fill_silence: bool = True) -> None:
        """Capture again after :meth:`pause`.

        With ``fill_silence`` (the session's clock ran on) the pause is written as silence,
        so the recording stays on the session's clock; without it (the clock was paused
        too) the recording simply continues.
        """
        if self._paused_since is None:
            return
        silence = int((time.monotonic() - self._paused_since) * SAMPLE_RATE)
        self._paused_since = None
        if fill_silence:
            self._put(bytes(silence * BYTES_PER_FRAME))
        self._open_device()

    def stop(self, target: Path) -> Path:
        """Finish: encode what was recorded to ``target`` (``.m4a``); remove the temporary files."""
        if self._paused_since is not None:
            self.resume()
        self._close_device()
        self._queue.put(None)
        if self._writer is not None:
            self._writer.join()
        return encode_pcm(self.pcm, self.meta, target)

    # -- capture and writing ---------------------------------------------------------------

    def _open_device(self) -> None:
        import miniaudio

        try:
            device = miniaudio.CaptureDevice(
                input_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=1,
                sample_rate=SAMPLE_RATE,
                buffersize_msec=100,
                backends=backends(self._backend),
            )
        except miniaudio.MiniaudioError as error:
            raise AudioError(N_("No microphone: {reason}"), reason=str(error)) from None
        sink = self._capture()
        next(sink)
        device.start(sink)
        self._device = device

    def _close_device(self) -> None:
        device, self._device = self._device, None
        if device is not None:
            device.close()  # type: ignore[attr-defined]

    def _capture(self) -> Generator[None, bytes, None]:
        """miniaudio's callback: each buffer of sound goes to the writer thread."""
        while True:
            data = bytes((yield))
            self._put(data)
            samples = array("h", data)
            if samples:
                peak = max(max(samples), -min(samples))
                self.level = min(peak / 32768, 1.0)

    def _put(self, data: bytes) -> None:
        self._frames += len(data) // BYTES_PER_FRAME
        self._queue.put(data)

    def _write_loop(self) -> None:
        handle = self._handle
        assert handle is not None
        last_sync = time.monotonic()
        while True:
            try:
                data = self._queue.get(timeout=SYNC_SECONDS)
            except queue.Empty:
                data = b""
            if data is None:
                break
            if data:
                handle.write(data)  # type: ignore[attr-defined]
            if time.monotonic() - last_sync >= SYNC_SECONDS:
                handle.flush()  # type: ignore[attr-defined]
                os.fsync(handle.fileno())  # type: ignore[attr-defined]
                last_sync = time.monotonic()
        handle.flush()  # type: ignore[attr-defined]
        os.fsync(handle.fileno())  # type: ignore[attr-defined]
        handle.close()  # type: ignore[attr-defined]


def _write_meta(meta: Path, session_uuid: str, started_at_ms: int) -> None:
    data = {"sample_rate": SAMPLE_RATE, "session": session_uuid, "started_at_ms": started_at_ms}
    temporary = meta.with_suffix(".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    temporary.replace(meta)


def unfinished(folder: Path) -> list[Unfinished]:
    """Recordings in ``folder`` that a crash or a killed process left unfinished."""
    found = []
    for meta in sorted(folder.glob(f".*{META_SUFFIX}")):
        pcm = meta.with_name(meta.name.removesuffix(META_SUFFIX) + PCM_SUFFIX)
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            size = pcm.stat().st_size
        except (OSError, ValueError):
            continue
        if size == 0:  # nothing was recorded before the crash
            pcm.unlink(missing_ok=True)
            meta.unlink(missing_ok=True)
            continue
        found.append(
            Unfinished(
                pcm=pcm,
                meta=meta,
                session_uuid=str(data.get("session", "")),
                started_at_ms=int(data.get("started_at_ms", 0)),
                duration_ms=size // BYTES_PER_FRAME * 1000 // SAMPLE_RATE,
            )
        )
    return found


def recover(item: Unfinished, target: Path) -> Path:
    """Turn an unfinished recording into ``target`` (``.m4a``), as :meth:`Recorder.stop` does."""
    return encode_pcm(item.pcm, item.meta, target)


def encode_pcm(pcm: Path, meta: Path, target: Path) -> Path:
    """Encode raw PCM as AAC in ``target`` (written beside, then moved into place)."""
    import av
    import numpy

    temporary = target.with_name(f".{target.name}.part")
    with pcm.open("rb") as source, av.open(str(temporary), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=SAMPLE_RATE, layout="mono")
        stream.bit_rate = 64000
        pts = 0
        while chunk := source.read(SAMPLE_RATE * BYTES_PER_FRAME):
            chunk = chunk[: len(chunk) // BYTES_PER_FRAME * BYTES_PER_FRAME]
            samples = numpy.frombuffer(chunk, dtype=numpy.int16).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
            frame.sample_rate = SAMPLE_RATE
            frame.pts = pts
            pts += frame.samples
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    temporary.replace(target)
    pcm.unlink(missing_ok=True)
    meta.unlink(missing_ok=True)
    return target
