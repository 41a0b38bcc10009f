"""Timestamps as written in transcripts (``hh:mm:ss``, ``mm:ss``, ``hh:mm:ss.mmm``) → milliseconds."""

from __future__ import annotations

import re

# The shape of a timestamp, for use inside larger patterns; ranges are checked by timecode_ms.
TIMECODE = r"(?:\d{1,2}:)?\d{1,3}:\d{1,2}(?:[.,]\d{1,3})?"
_TIMECODE = re.compile(r"(?:(\d{1,2}):)?(\d{1,3}):(\d{1,2})(?:[.,](\d{1,3}))?")


def timecode_ms(value: str) -> int | None:
    """Milliseconds of ``value``, or ``None`` if it is not a valid timestamp.

    ``hh:mm:ss`` needs minutes and seconds below 60; ``mm:ss`` may count more
    than 59 minutes (``75:30``). Seconds take a fraction after ``.`` or ``,``
    (``00:00:01,5`` is 1.5 s).
    """
    m = _TIMECODE.fullmatch(value.strip())
    if m is None:
        return None
    hours, minutes, seconds, fraction = m.groups()
    h = int(hours) if hours is not None else 0
    mi, s = int(minutes), int(seconds)
    if s > 59 or (hours is not None and mi > 59):
        return None
    ms = int(fraction.ljust(3, "0")) if fraction else 0
    return ((h * 60 + mi) * 60 + s) * 1000 + ms
