"""Recognising the start of a turn in a line of text.

Accepted shapes::

    [00:00:04] Speaker: text        (00:00:04) Speaker: text     [00:04] text
    Speaker (00:00:04): text        Speaker [00:00:04] text       Speaker: text
    [00:00:04 - 00:00:09] Speaker: text

A speaker label starts with a letter that is not lower case (Latin, Greek,
Cyrillic) and has at most four words of letters, digits, ``.``, ``'``, ``-``,
``№``, ``#`` (``Интервьюер``, ``Респондент 7``, ``Қатысушы 2``, ``P3``,
``Dr. Smith``, ``Участник №3``); the colon after it must be followed by a space
or the end of the line, so ``http://…`` or ``10:30`` never start a turn. A
line of prose that happens to begin with one capitalised short word and a colon
(``Например: …``) is read as a new turn: that ambiguity is inherent in the
plain ``Speaker: text`` form.

:data:`TURN_LINES` matches every line of a whole text at once (``findall``
gives one tuple per line, blank lines included), which keeps large plain-text
imports fast: one regular-expression pass, no per-character Python code.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from exports.transcripts.timecodes import TIMECODE

# Lower-case letters of the Latin, Greek and Cyrillic blocks (Kazakh included): a label
# never starts with one, so "and the list: …" continues a turn.
_LOWER = "".join(chr(c) for c in range(0x0590) if chr(c).islower())
SPEAKER = rf"(?![{_LOWER}])[^\W\d_][\w.'’\-№#]*(?:[ \u00a0][\w.'’\-№#]+){{0,3}}"
_SPACE = r"[^\S\n]"  # whitespace within a line
_TIMES = rf"({TIMECODE})(?:{_SPACE}*[-–—]{_SPACE}*({TIMECODE}))?"

# Groups: start, end (leading bracket); speaker; start, end (after the speaker); rest of the line.
TURN_LINES = re.compile(
    rf"^{_SPACE}*(?:[\[(]{_TIMES}[\])]{_SPACE}*)?"
    rf"(?:({SPEAKER}){_SPACE}*(?:[\[(]{_TIMES}[\])]{_SPACE}*:?|:)(?={_SPACE}|$){_SPACE}*)?"
    r"([^\n]*)",
    re.MULTILINE,
)
_SPEAKER_PREFIX = re.compile(rf"({SPEAKER})\s*:(?:\s+|$)")


class Turn(NamedTuple):
    """The parts of a line that starts a turn; times are the raw strings as written."""

    start: str | None
    end: str | None
    speaker: str
    text: str


def match_turn(line: str) -> Turn | None:
    """The turn that the single ``line`` starts, or ``None`` for a continuation line."""
    m = TURN_LINES.match(line)
    if m is None:  # pragma: no cover - the pattern matches any line
        return None
    start1, end1, speaker, start2, end2, rest = m.groups()
    if start1 is None and speaker is None:
        return None
    return Turn(start1 or start2, end1 or end2, speaker or "", rest.strip())


def split_speaker(text: str) -> tuple[str, str]:
    """Split a ``Speaker: text`` prefix off ``text``; ``("", text)`` when there is none."""
    m = _SPEAKER_PREFIX.match(text)
    if m is None:
        return "", text
    return m.group(1), text[m.end() :]
