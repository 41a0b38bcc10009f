"""Whether a WAV file holds all the sound its header announces.

A WAV (RIFF) header states the size of its ``data`` chunk. A copy cut short (a full
card, ``head -c``, an interrupted transfer) keeps the header of the whole recording but
fewer bytes; FFmpeg then quietly reports the duration of the bytes that are there, so
the probe's decoding tests pass. Comparing the stated size with the bytes in the file
tells the difference. A recorder that never finished its header writes 0 or
``0xFFFFFFFF`` as the size: that says nothing, so such a file is not judged here.
"""

from __future__ import annotations

import struct
from pathlib import Path

UNKNOWN_SIZES = frozenset({0, 0xFFFFFFFF})
"""Data sizes a recorder writes before it knows the length (the file is not judged)."""

SLACK_MS = 100
"""How much sound may be missing before a file counts as cut short (padding, rounding)."""


def wav_shortfall(path: Path) -> tuple[int, int] | None:
    """``(held_ms, stated_ms)`` if ``path`` is a WAV holding less sound than its header states.

    None for a complete WAV, for a file that is not a RIFF/WAVE file, and for a header
    that does not state a usable size or byte rate.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            if handle.read(12)[:4] != b"RIFF":
                return None
            handle.seek(8)
            if handle.read(4) != b"WAVE":
                return None
            byte_rate = 0
            position = 12
            while position + 8 <= size:
                handle.seek(position)
                chunk_id, chunk_size = struct.unpack("<4sI", handle.read(8))
                if chunk_id == b"fmt " and chunk_size >= 12:
                    (byte_rate,) = struct.unpack("<I", handle.read(12)[8:12])
                elif chunk_id == b"data":
                    return _judge(chunk_size, size - position - 8, byte_rate)
                position += 8 + chunk_size + (chunk_size & 1)
    except (OSError, struct.error):
        return None
    return None


def _judge(stated: int, held: int, byte_rate: int) -> tuple[int, int] | None:
    """The shortfall of a ``data`` chunk stating ``stated`` bytes with ``held`` in the file."""
    if stated in UNKNOWN_SIZES or byte_rate <= 0:
        return None
    held_ms = max(held, 0) * 1000 // byte_rate
    stated_ms = stated * 1000 // byte_rate
    return (held_ms, stated_ms) if stated_ms - held_ms > SLACK_MS else None
