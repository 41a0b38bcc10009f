"""A few words of context around a coded segment, cut without changing the text's spacing.

Joining words with spaces would put a space between a segment and the comma or
full stop after it (``дня .``); these helpers cut the original text at word
boundaries instead, so punctuation stays where the speaker's transcript has it.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")


def tail_words(text: str, count: int) -> str:
    """The last ``count`` words of ``text`` (one line), with the spacing they had."""
    flat = " ".join(text.split("\n"))
    starts = [m.start() for m in _WORD.finditer(flat)]
    if not starts:
        return ""
    return flat[starts[-count] if len(starts) >= count else starts[0] :]


def head_words(text: str, count: int) -> str:
    """The first ``count`` words of ``text`` (one line), with the spacing they had."""
    flat = " ".join(text.split("\n"))
    ends = [m.end() for m in _WORD.finditer(flat)]
    if not ends:
        return ""
    return flat[: ends[count - 1] if len(ends) >= count else ends[-1]]


def segment_words(before: str, text: str, after: str, count: int = 4) -> tuple[str, str, str]:
    """(context before, segment, context after) as one readable line.

    The context keeps the space (or its absence) that separates it from the segment:
    ``("…Согласование ", "занимает", ", а мы…")`` never becomes ``"занимает ,"``.
    """
    segment = " ".join(text.split())
    head = tail_words(before, count)
    if head and before[-1:].isspace():
        head = head.rstrip() + " "
    tail = head_words(after, count)
    if tail and after[:1].isspace():
        tail = " " + tail.lstrip()
    return head, segment, tail
