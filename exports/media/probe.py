"""What a recording is: kind, duration, size and checksum, read with PyAV.

PyAV ships FFmpeg's decoders inside its wheel, so m4a/AAC from a phone, mp3, wav,
ogg/opus, flac and the audio track of mp4/mov/mkv open on Windows, macOS and Linux
without system packages. A file is accepted only if it has an audio track, a
positive duration and audio that decodes both at its start and near its end (a
recording cut short by a full card or a failed copy fails the second test). A WAV whose
header states more sound than the file holds is refused as cut short too
(:mod:`exports.media.wav_header`): FFmpeg reports such a file's duration from the bytes
that are there, so the decoding tests cannot see the cut.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exports.media.wav_header import wav_shortfall
from storage.errors import N_, InputError
from storage.media_store import MediaFacts, MediaKind, file_checksum
from storage.media_time import clock

if TYPE_CHECKING:
    import av.container

MEDIA_SUFFIXES = frozenset(
    {".m4a", ".aac", ".mp3", ".wav", ".ogg", ".opus", ".oga", ".flac", ".mp4", ".mov", ".mkv",
     ".webm", ".3gp", ".amr", ".wma"}
)  # fmt: skip
"""Suffixes offered by file pickers; any file PyAV can decode is accepted."""


def probe(path: Path) -> MediaFacts:
    """Read a recording's facts; an :class:`InputError` naming the file if it is not one."""
    import av

    name = str(path)
    try:
        stat = path.stat()
    except OSError as error:
        raise InputError(
            N_("{file}: cannot read the file: {reason}"),
            file=name,
            reason=error.strerror or str(error),
        ) from None
    size = stat.st_size
    if size == 0:
        raise InputError(N_("{file}: the file is empty"), file=name)
    shortfall = wav_shortfall(path)
    if shortfall is not None:
        raise InputError(
            N_(
                "{file}: the recording is cut short: it holds {held} of the {stated} "
                "its header states"
            ),
            file=name,
            held=clock(shortfall[0]),
            stated=clock(shortfall[1]),
        )
    try:
        with av.open(name) as container:
            if not container.streams.audio:
                raise InputError(N_("{file}: the file has no audio track"), file=name)
            kind: MediaKind = "video" if container.streams.video else "audio"
            duration_ms = _duration_ms(container)
            if duration_ms <= 0:
                raise InputError(N_("{file}: the recording is 0 seconds long"), file=name)
            if not _decodes_near(container, 0):
                raise InputError(N_("{file}: the audio track cannot be decoded"), file=name)
            if not _decodes_near(container, max(0, duration_ms - 2000)):
                raise InputError(
                    N_(
                        "{file}: the recording is cut short: its audio stops before its "
                        "stated end ({end})"
                    ),
                    file=name,
                    end=clock(duration_ms),
                )
    except InputError:
        raise
    except (av.FFmpegError, OSError, ValueError, IndexError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise InputError(
            N_("{file}: not an audio or video file suhbat can read ({reason})"),
            file=name,
            reason=reason,
        ) from None
    return MediaFacts(
        kind=kind,
        size=size,
        duration_ms=duration_ms,
        checksum=file_checksum(path),
        mtime_ns=stat.st_mtime_ns,
    )


def _duration_ms(container: av.container.InputContainer) -> int:
    """The container's duration, else the audio stream's, in milliseconds."""
    if container.duration:
        return int(container.duration // 1000)
    stream = container.streams.audio[0]
    if stream.duration and stream.time_base:
        return int(stream.duration * stream.time_base * 1000)
    return 0


def _decodes_near(container: av.container.InputContainer, position_ms: int) -> bool:
    """Whether an audio frame decodes at (or just after) ``position_ms``."""
    import av

    stream = container.streams.audio[0]
    try:
        if position_ms:
            container.seek(position_ms * 1000, any_frame=False, backward=True)
        frame = next(iter(container.decode(stream)), None)
    except av.FFmpegError:
        return False
    return frame is not None
