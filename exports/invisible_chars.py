"""Characters a reader does not see, which redaction must look through.

A name can be typed (or pasted from a web page or a word processor) with characters in
it that do not show: a soft hyphen (U+00AD), a zero-width space, non-joiner or joiner
(U+200B-U+200D), a word joiner (U+2060), a byte-order mark, direction marks, variation
selectors, or a combining stress accent (U+0301, common in Russian teaching texts).
``Жан\\u00adбыршыкова`` looks like ``Жанбыршыкова`` on screen and must be redacted like
it. :func:`without_invisible` gives the text with these characters removed and, for
each character kept, where it was in the original, so that matches found in the
stripped text can be mapped back.
"""

from __future__ import annotations

import re

INVISIBLE = re.compile(
    "["
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; LRM, RLM
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidirectional isolates
    "\ufe00-\ufe0f"  # variation selectors
    "\ufeff"  # zero-width no-break space (byte-order mark)
    "\u0300-\u036f"  # combining diacritical marks (stress accents)
    "\u0483-\u0489"  # combining Cyrillic marks (titlo, …)
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # other combining marks
    "]"
)
"""One invisible character (or combining mark) that redaction looks through."""


def without_invisible(text: str) -> tuple[str, list[int] | None]:
    """``text`` without invisible characters, and the original index of each kept one.

    The index list is ``None`` when nothing was removed (the common case, checked by
    one regex search), so callers can skip the mapping.
    """
    if INVISIBLE.search(text) is None:
        return text, None
    kept: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if INVISIBLE.match(char) is None:
            kept.append(char)
            origin.append(index)
    return "".join(kept), origin


def original_span(text: str, origin: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` that ``[start, end)`` of its stripped form came from.

    The span ends after any invisible characters that directly follow its last visible
    one (a stress accent on the last letter goes with the name).
    """
    if origin is None:
        return start, end
    first = origin[start]
    last = origin[end - 1] + 1
    while last < len(text) and INVISIBLE.match(text, last) is not None:
        last += 1
    return first, last
