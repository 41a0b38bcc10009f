"""A wrapped document whose lines (utterances) can be padded to a common height.

Two layers shown side by side wrap differently; padding each utterance to the
taller of its two versions keeps utterance *i* on the same screen rows in both
panes, so they scroll together row for row. Padding rows belong to their line
but show no text; the cursor never rests on them.

In a narrow view the layers are interleaved instead: each line gets a header row
(time and speaker) and the other layer's version of it (its *companion*) above or
below, wrapped here at the same width. Those rows too belong to their line and
never hold the cursor.

Wrapping a long transcript with Textual's general wrapper is slow (it measures
every character), so lines made only of single-cell characters separated by
single spaces, which is nearly all transcript text, take a fast path that gives
exactly the same break points.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from rich.cells import cell_len
from textual.expand_tabs import get_tab_widths
from textual.geometry import Offset
from textual.widgets.text_area import DocumentBase, Location, WrappedDocument

from tui.textual_internals import (
    compute_wrap_offsets,
    set_wrap_rows,
    set_wrap_sections,
    wrapped_tab_width,
    wrapped_width,
)

_CANDIDATE_RANGES = (
    (0x20, 0x7E),
    (0xA1, 0x2FF),
    (0x370, 0x52F),
    (0x2010, 0x205E),
    (0x20A0, 0x20C0),
    (0x2116, 0x2116),
)


@lru_cache(maxsize=1)
def _narrow_line() -> re.Pattern[str]:
    """A pattern for lines of single-cell characters where the only whitespace is ' '."""
    narrow = [
        chr(code)
        for low, high in _CANDIDATE_RANGES
        for code in range(low, high + 1)
        if cell_len(chr(code)) == 1 and (code == 0x20 or not chr(code).isspace())
    ]
    ranges: list[tuple[int, int]] = []
    for ch in narrow:
        code = ord(ch)
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    parts = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[{parts}]*")


def wrap_offsets(line: str, width: int, tab_size: int = 4) -> list[int]:
    """Where Textual's TextArea would break ``line`` at ``width`` cells (same result, faster)."""
    if not width:
        return []
    if "  " in line or _narrow_line().fullmatch(line) is None:
        return compute_wrap_offsets(line, width, tab_size)
    breaks: list[int] = []
    length = len(line)
    section = 0
    while length - section > width:
        space = line.rfind(" ", section, section + width)
        if space >= section:
            section = space + 1
            breaks.append(section)
            continue
        # the word at ``section`` is wider than a line: fold it into pieces
        end = line.find(" ", section)
        end = length if end == -1 else end + 1
        while end - section > width:
            section += width
            breaks.append(section)
    return breaks


_NONE: list[int] = []

COMPANION_INDENT = 3
"""Cells before a companion's text: its language tag and a space (more for longer tags)."""


@dataclass(frozen=True)
class Companion:
    """The other layer's version of each line, shown dimmed in an interleaved view."""

    lines: Sequence[str]
    """The other layer's text, line for line."""
    language: str
    """The other layer's language (its tag on every line not marked otherwise)."""
    above: bool
    """Whether it is shown above the line (it is the original) or below (a translation)."""
    tags: Mapping[int, str] = field(default_factory=dict)
    """Line → language, for lines in another language than the layer's."""

    def tag(self, line: int) -> str:
        """The language shown beside the companion of ``line``."""
        return self.tags.get(line, self.language)

    @property
    def indent(self) -> int:
        """Cells taken by the language tag column before the companion's text."""
        longest = max((len(tag) for tag in self.tags.values()), default=0)
        return max(COMPANION_INDENT, len(self.language) + 1, longest + 1)


ROW_TEXT, ROW_PADDING, ROW_HEADER, ROW_COMPANION = range(4)
"""What a row of the document shows (see :meth:`AlignedWrappedDocument.row_kind`)."""


class AlignedWrappedDocument(WrappedDocument):
    """A :class:`WrappedDocument` with optional blank rows after each line."""

    def __init__(self, document: DocumentBase, width: int = 0, tab_width: int = 4) -> None:
        self.min_rows: Sequence[int] | None = None
        self.natural_rows: list[int] = []
        self.companion: Companion | None = None
        self.companion_offsets: list[list[int]] = []
        """Where each companion line breaks (at the width less its tag column)."""
        self._lead: list[int] = []
        self._body: list[int] = []
        self._firsts: list[int] = [0]
        super().__init__(document, width, tab_width)

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Wrap every line at ``width`` cells (0: no wrapping) and lay out the rows."""
        tab = tab_width or self.tab_width
        lines = self.document.lines
        # Lines without a tab (nearly all) share one empty list of tab widths, and all
        # lines share one empty list of breaks when not wrapped: nothing changes them.
        tab_widths: list[list[int]] = [_NONE] * len(lines)
        for index, line in enumerate(lines):
            if "\t" in line:
                tab_widths[index] = [w for _, w in get_tab_widths(line, tab)]
        if width:
            offsets = [wrap_offsets(line, width, tab) for line in lines]
            self.natural_rows = [len(o) + 1 for o in offsets]
        else:
            offsets = [_NONE] * len(lines)
            self.natural_rows = [1] * len(lines)
        set_wrap_sections(self, width, tab, offsets, tab_widths)
        self._wrap_companion()
        self._layout()

    def set_companion(self, companion: Companion | None) -> None:
        """Interleave ``companion`` (the other layer) with the lines, or stop (None)."""
        self.companion = companion
        self._wrap_companion()
        self._layout()

    def _wrap_companion(self) -> None:
        companion = self.companion
        if companion is None or not self.width:
            self.companion_offsets = []
            return
        width = max(1, self.width - companion.indent)
        tab = self.tab_width
        self.companion_offsets = [wrap_offsets(line, width, tab) for line in companion.lines]

    @property
    def width(self) -> int:
        """The width (in cells) the lines were last wrapped at; 0: not wrapped."""
        return wrapped_width(self)

    @property
    def tab_width(self) -> int:
        """The tab width the lines were last wrapped with."""
        return wrapped_tab_width(self)

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        """Re-wrap after an edit (the transcript view is read-only: wrap it all)."""
        self.wrap(self.width, self.tab_width)

    def set_min_rows(self, rows: Sequence[int] | None) -> None:
        """Pad line *i* to at least ``rows[i]`` rows (None: no padding)."""
        self.min_rows = rows
        self._layout()

    def _layout(self) -> None:
        rows = self.min_rows
        natural = self.natural_rows
        if rows is None or len(rows) != len(natural):
            body: list[int] = natural
        else:
            body = list(map(max, natural, rows))
        companion = self.companion
        if companion is None:
            lead = [0] * len(natural)
            heights: list[int] = body
        else:
            extra = [len(o) + 1 for o in self.companion_offsets]
            if len(extra) != len(natural):
                extra = [0] * len(natural)
            if companion.above:
                lead = [1 + rows for rows in extra]
                heights = [a + b for a, b in zip(lead, body, strict=True)]
            else:
                lead = [1] * len(natural)
                heights = [1 + b + c for b, c in zip(body, extra, strict=True)]
        self._lead = lead
        self._body = body
        firsts = list(accumulate(heights, initial=0))
        self._firsts = firsts
        set_wrap_rows(self, _RowIndex(firsts, lead), _LineRows(firsts, natural, lead))

    @property
    def height(self) -> int:
        """Rows of the wrapped document, padding included."""
        return self._firsts[-1]

    def is_padding(self, y: int) -> bool:
        """Whether row ``y`` shows no text of its line (padding, header or companion)."""
        if not 0 <= y < self._firsts[-1]:
            return False
        line, section = self.line_at(y)
        return not 0 <= section < self.natural_rows[line]

    def line_at(self, y: int) -> tuple[int, int]:
        """(line index, section) shown at row ``y`` (clamped to the document).

        Rows above the line's text (header, a companion above) have negative sections.
        """
        firsts = self._firsts
        if firsts[-1] == 0:
            return 0, 0
        y = max(0, min(y, firsts[-1] - 1))
        line = bisect_right(firsts, y) - 1
        return line, y - firsts[line] - self._lead[line]

    def row_kind(self, line: int, section: int) -> tuple[int, int]:
        """What row ``section`` of ``line`` shows, and which row of it.

        ``(ROW_TEXT, section)``, ``(ROW_PADDING, 0)``, ``(ROW_HEADER, 0)`` or
        ``(ROW_COMPANION, row of the companion line)``.
        """
        if 0 <= section < self.natural_rows[line]:
            return ROW_TEXT, section
        if self.companion is None:
            return ROW_PADDING, 0
        if section < 0:
            row = section + self._lead[line]
            return (ROW_HEADER, 0) if row == 0 else (ROW_COMPANION, row - 1)
        below = section - self._body[line]
        if below >= 0 and not self.companion.above:
            return ROW_COMPANION, below
        return ROW_PADDING, 0

    def first_row(self, line_index: int) -> int:
        """The row where line ``line_index`` starts (its header, if it has one)."""
        lines = len(self._firsts) - 1
        if not lines:
            return 0
        return self._firsts[max(0, min(line_index, lines - 1))]

    def offset_to_location(self, offset: Offset) -> Location:
        """The document location shown at a visual offset (padding rows map to the line end)."""
        x, y = max(0, offset.x), max(0, offset.y)
        if not self._firsts[-1]:
            return 0, 0
        line, section = self.line_at(y)
        last = self.natural_rows[line] - 1
        if section < 0:
            return line, 0
        if section > last:
            return line, len(self.document[line])
        return line, self.get_target_document_column(line, x, section)


class _RowIndex(Sequence[tuple[int, int]]):
    """Row → (line, section), computed on demand instead of one tuple per row."""

    def __init__(self, firsts: list[int], lead: list[int]) -> None:
        self._firsts = firsts
        self._lead = lead

    def __len__(self) -> int:
        return self._firsts[-1]

    def __getitem__(self, y: int) -> tuple[int, int]:  # type: ignore[override]
        size = self._firsts[-1]
        if y < 0:
            y += size
        if not 0 <= y < size:
            raise IndexError(y)
        line = bisect_right(self._firsts, y) - 1
        return line, y - self._firsts[line] - self._lead[line]


class _LineRows(Sequence[range]):
    """Line → the rows where its (real, not padding) sections are shown."""

    def __init__(self, firsts: list[int], natural: list[int], lead: list[int]) -> None:
        self._firsts = firsts
        self._natural = natural
        self._lead = lead

    def __len__(self) -> int:
        return len(self._natural)

    def __getitem__(self, line: int) -> range:  # type: ignore[override]
        first = self._firsts[line] + self._lead[line]
        return range(first, first + self._natural[line])
