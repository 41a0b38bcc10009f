"""Fitting a text table into the terminal's width: wrapped headers, then column blocks.

A table wider than the terminal was cut by the terminal itself, wherever a line reached
the last column (``Қатысушы`` / ``лардың``). When standard output is a terminal (its
width, or ``COLUMNS``), :func:`fit_columns` narrows each column to its values
or its longest header word, whichever is wider, and its header wraps at spaces and after
hyphens (:func:`wrap_words`); a word is broken only when it is wider than its column
can be. If the table is still too wide, the columns are shown in blocks, one under the
other, each as wide as the terminal and each beginning with the first column (the
names), as R and pandas print a wide data frame; a block with room to spare keeps its
headers on one line. The notes under the table wrap at spaces (:func:`wrap_note`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

from tui.commands.text_width import display_width

GAP = 2
"""Spaces between two columns."""

NOTE_INDENT = "  "
"""The indent of a note under a table."""

_PIECE = re.compile(r"[^-]+-?|-")
"""A word's pieces, each with the hyphen after it: ``sessions-``, ``matrix``."""


def terminal_columns() -> int | None:
    """The width text tables fit when standard output is a terminal (its width, or
    ``COLUMNS`` when set, as :func:`shutil.get_terminal_size` reads them); None when
    writing to a file or a pipe, where tables keep their width."""
    try:
        if not sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    import shutil  # (only on a terminal: shutil and textwrap cost 2 ms of every start)

    return shutil.get_terminal_size().columns


def _pieces(text: str) -> list[tuple[str, bool]]:
    """``text``'s words cut after hyphens: (piece, whether a space comes before it)."""
    out: list[tuple[str, bool]] = []
    for word in text.split():
        for index, piece in enumerate(_PIECE.findall(word)):
            out.append((piece, index == 0 and bool(out)))
    return out


def longest_word(text: str) -> int:
    """The width of the widest piece :func:`wrap_words` keeps whole."""
    return max((display_width(piece) for piece, _space in _pieces(text)), default=0)


def _cut(piece: str, width: int) -> list[str]:
    """A piece wider than ``width`` in chunks of ``width`` columns (the only break
    inside a word)."""
    chunks: list[str] = []
    current = ""
    for char in piece:
        if current and display_width(current + char) > width:
            chunks.append(current)
            current = ""
        current += char
    return [*chunks, current] if current else chunks


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces and after
    hyphens; a word wider than ``width`` is cut."""
    lines: list[str] = []
    for piece, space in _pieces(text):
        joined = (lines[-1] + (" " if space else "") + piece) if lines else piece
        if lines and display_width(joined) <= width:
            lines[-1] = joined
            continue
        chunks = _cut(piece, width) if display_width(piece) > width else [piece]
        lines.extend(chunks)
    return lines or [text]


def fit_columns(
    headers: Sequence[str], values: Sequence[int], available: int | None
) -> tuple[list[int], list[list[int]]]:
    """Column widths for ``headers`` over values at most ``values`` wide, and the
    columns in blocks (:func:`column_blocks`) that fit ``available`` columns.

    A column is as wide as its header, unless its block does not fit: then it is as
    wide as its values or its longest header word, whichever is wider (the header
    wraps). The first column (names, in every block) keeps its width. With
    ``available`` None (no terminal) the table is one block at its natural widths.
    """
    natural = [max(display_width(h), v) for h, v in zip(headers, values, strict=True)]
    if available is None or total_width(natural) <= available:
        return natural, [list(range(len(natural)))]
    narrow = natural[:1] + [
        max(v, min(longest_word(h), available))
        for h, v in zip(headers[1:], values[1:], strict=True)
    ]
    blocks = column_blocks(narrow, available)
    widths = list(narrow)
    for block in blocks:
        if total_width([natural[i] for i in block]) <= available:
            for i in block:
                widths[i] = natural[i]
    return widths, blocks


def wrap_note(note: str, available: int | None) -> list[str]:
    """A note as a list item (``  - note``), wrapped at spaces to ``available`` columns."""
    first = f"{NOTE_INDENT}- "
    if available is None or display_width(first + note) <= available:
        return [first + note]
    import textwrap

    lines = textwrap.wrap(
        note,
        width=max(available, len(first) + 20),
        initial_indent=first,
        subsequent_indent=" " * len(first),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lines or [first + note]


def total_width(widths: Sequence[int]) -> int:
    """The width of a line of columns ``widths`` wide."""
    return sum(widths) + GAP * max(0, len(widths) - 1)


def column_blocks(widths: Sequence[int], available: int) -> list[list[int]]:
    """The columns in blocks that fit ``available`` columns, each starting with column 0
    and holding at least one more column (which may then be too wide on its own)."""
    if total_width(widths) <= available or len(widths) <= 1:
        return [list(range(len(widths)))]
    blocks: list[list[int]] = []
    block = [0]
    for index in range(1, len(widths)):
        if len(block) > 1 and total_width([widths[i] for i in (*block, index)]) > available:
            blocks.append(block)
            block = [0]
        block.append(index)
    blocks.append(block)
    return blocks
