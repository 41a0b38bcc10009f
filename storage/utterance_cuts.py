"""Where an utterance is cut in two, what time the second part gets, and how two join.

The arithmetic behind :meth:`TranscriptsPart.split_utterance` and
:meth:`TranscriptsPart.join_utterances`, kept apart from SQL so it can be tested alone.

A split at an offset of one layer's utterance text replaces the white space around the
offset with the line break that separates two utterances (``"Да. Но"`` cut after
``"Да."`` becomes ``"Да."`` and ``"Но"``); both parts must keep some text. Two joined
utterances are separated by one space, or by nothing when either is empty.
"""

from __future__ import annotations

from storage.errors import N_, ValidationError
from storage.text import grapheme_bounds


def split_cut(text: str, offset: int) -> tuple[int, int]:
    """The range ``[a, b)`` of ``text`` (one utterance) that a split at ``offset`` removes.

    ``[a, b)`` is the run of white space around ``offset`` (empty inside a word); the
    line break that makes two utterances takes its place. Refuses an offset outside
    the text, inside a character (a grapheme cluster) or leaving one part blank.
    """
    if not 0 <= offset <= len(text):
        raise ValidationError(
            N_("Offset {offset} is outside the utterance (0–{length})"),
            offset=offset,
            length=len(text),
        )
    if offset not in grapheme_bounds(text):
        raise ValidationError(N_("Offset {offset} falls inside a character"), offset=offset)
    start = offset
    while start > 0 and text[start - 1].isspace():
        start -= 1
    end = offset
    while end < len(text) and text[end].isspace():
        end += 1
    if not text[:start].strip() or not text[end:].strip():
        raise ValidationError(
            N_("Offset {offset} leaves one part of the utterance empty: split between words"),
            offset=offset,
        )
    return start, end


def split_time(start_ms: int | None, end_ms: int | None, cut: int, length: int) -> int | None:
    """When the second part starts: ``cut`` of ``length`` characters into ``[start, end)``.

    ``end_ms`` is the utterance's end, or the next utterance's start when it has none;
    ``None`` when either time is unknown.
    """
    if start_ms is None or end_ms is None or end_ms < start_ms or length <= 0:
        return None
    return start_ms + round((end_ms - start_ms) * cut / length)


def words_before(text: str) -> int:
    """How many words (runs of non-space characters) ``text`` holds: recogniser words kept."""
    return len(text.split())


def join_separator(first: str, second: str) -> str:
    """What goes between two joined utterance texts: one space, or nothing if one is blank."""
    return " " if first.strip() and second.strip() else ""
