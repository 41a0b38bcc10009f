"""Text normalisation, search folding and grapheme-cluster snapping.

Everything stored is NFC with ``\\n`` line ends; offsets are code points.
Search indexes a *folded* copy: ``casefold()``, ``ё → е``, NFC. SQLite's own
``lower()``/``LIKE`` fold ASCII only, so folding is always done here in Python.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

_FOLD_TABLE = str.maketrans({"ё": "е", "Ё": "е"})


@cache
def _grapheme() -> regex.Pattern[str]:
    """The grapheme-cluster pattern (``regex`` is imported on first use: opening a
    project for reading needs none of it)."""
    import regex

    return regex.compile(r"\X")


def normalize(text: str) -> str:
    """Return ``text`` as NFC with ``\\n`` line ends and no BOM."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold ``text`` for case- and ё-insensitive matching (Cyrillic and Kazakh aware)."""
    folded = text.casefold().replace("ё", "е")
    return folded if folded.isascii() else unicodedata.normalize("NFC", folded)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded code point, its index in ``text``.

    Used to map a match found in the folded text back to the original
    (``casefold`` may change lengths, e.g. ``ß → ss``).
    """
    quick = text.casefold().replace("ё", "е")
    if len(quick) == len(text):  # casefold never shrinks a character: a 1:1 mapping
        return quick, list(range(len(text) + 1))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = ch.casefold().translate(_FOLD_TABLE)
        out.append(f)
        index.extend([i] * len(f))
    index.append(len(text))
    return "".join(out), index


def grapheme_bounds(text: str) -> list[int]:
    """Code-point offsets of every grapheme-cluster boundary in ``text`` (0 and len included)."""
    bounds = [0]
    for m in _grapheme().finditer(text):
        bounds.append(m.end())
    return bounds


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so that it neither starts nor ends inside a grapheme cluster.

    Only the lines holding ``start`` and ``end`` are segmented (a line break always
    ends a cluster), so this stays cheap on very long layers.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return _snap(text, start, down=True), _snap(text, end, down=False)


def _snap(text: str, offset: int, *, down: bool) -> int:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    if line_end < 0:
        line_end = len(text)
    bounds = [line_start + b for b in grapheme_bounds(text[line_start:line_end])]
    if down:
        return max(b for b in bounds if b <= offset)
    return min(b for b in bounds if b >= offset)
