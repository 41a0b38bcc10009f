"""A search snippet cut to a column's width around its match, so the match is always seen.

Snippets carry some text either side of the match; a narrow column would cut the end
off, and with it a match late in the snippet. The window keeps the match in the middle
(or as much of it as fits), marks cut ends with "…", and highlights the match.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

MATCH_STYLE = "bold reverse"


def snippet_window(snippet: str, start: int, end: int, width: int) -> Text:
    """``snippet`` cut to ``width`` cells with ``[start, end)`` centred and highlighted."""
    if width <= 0 or cell_len(snippet) <= width:
        text = Text(snippet, no_wrap=True, overflow="ellipsis")
        text.stylize(MATCH_STYLE, start, end)
        return text
    room = max(1, width - 2)  # an ellipsis may be needed at each end
    lo = max(0, start - max(0, (room - (end - start)) // 2))
    hi = min(len(snippet), lo + room)
    lo = max(0, hi - room)
    while cell_len(snippet[lo:hi]) > room and hi - lo > 1:  # wide characters
        if hi > end:
            hi -= 1
        else:
            lo += 1
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(snippet) else ""
    shown = snippet[lo:hi]
    text = Text(head + shown + tail, no_wrap=True, overflow="ellipsis")
    offset = len(head) - lo
    text.stylize(MATCH_STYLE, max(0, start + offset), max(0, end + offset))
    return text
