"""Timestamps in transcripts (``hh:mm:ss``, ``mm:ss``, ``hh:mm:ss.mmm``) → milliseconds."""

from __future__ import annotations

import re
from functools import lru_cache

# The shape of a timestamp, for use inside larger patterns; ranges are checked by timecode_ms.
TIMECODE = r"(?:[0-9]{1,2}:)?[0-9]{1,3}:[0-9]{1,2}(?:[.,][0-9]{1,3})?"
_TIMECODE = re.compile(r"(?:([0-9]{1,2}):)?([0-9]{1,3}):([0-9]{1,2})(?:[.,]([0-9]{1,3}))?")


@lru_cache(maxsize=16384)  # transcripts repeat the same few thousand "hh:mm:ss" values
def timecode_ms(value: str) -> int | None:
    """Milliseconds of ``value``, or ``None`` if it is not a valid timestamp.

    ``hh:mm:ss`` needs minutes and seconds below 60; ``mm:ss`` may count more
    than 59 minutes (``75:30``). Seconds take a fraction after ``.`` or ``,``
    (``00:00:01,5`` is 1.5 s).
    """
    if len(value) == 8 and value[2] == ":" and value[5] == ":" and value.isascii():
        # Fast path for the usual "hh:mm:ss".
        hh, mm, ss = value[:2], value[3:5], value[6:]
        if hh.isdigit() and mm.isdigit() and ss.isdigit():
            if mm > "59" or ss > "59":
                return None
            return (int(hh) * 3600 + int(mm) * 60 + int(ss)) * 1000
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
