"""A concordance (keyword in context): each occurrence with its left and right context.

Lines are cut from :class:`storage.models.Occurrence` records, one line each: the
context keeps at most ``width`` characters on either side, breaks inside it shown as
spaces. Sorting by the left context orders by the word just before the keyword,
then the one before that, and so on (as AntConc's "1L, 2L"); by the right context,
by the words just after it. Words compare folded (case and ё/е ignored).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.table import Table
from analysis.wording import ENGLISH, Translator
from storage.models import Occurrence
from storage.text import fold

DEFAULT_WIDTH = 40
"""Characters of context on each side when none is asked for."""

SORTS = ("text", "left", "right")
"""Orders a concordance can be listed in: document order, left words, right words."""

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ConcordanceLine:
    """One occurrence as a concordance line."""

    left: str
    keyword: str
    right: str
    occurrence: Occurrence


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text)


def concordance(
    occurrences: Sequence[Occurrence], width: int = DEFAULT_WIDTH
) -> list[ConcordanceLine]:
    """Concordance lines for ``occurrences`` with ``width`` characters of context a side."""
    width = max(0, width)
    lines = []
    for o in occurrences:
        left = _flat(o.text[: o.match_start]).rstrip()
        right = _flat(o.text[o.match_end :]).lstrip()
        if len(left) > width:
            left = "…" + left[len(left) - width + 1 :] if width else ""
        if len(right) > width:
            right = right[: width - 1] + "…" if width else ""
        lines.append(ConcordanceLine(left, _flat(o.matched), right, o))
    return lines


def _left_words(line: ConcordanceLine) -> tuple[str, ...]:
    text = line.occurrence.text[: line.occurrence.match_start]
    return tuple(fold(w) for w in reversed(_WORD.findall(text)))


def _right_words(line: ConcordanceLine) -> tuple[str, ...]:
    text = line.occurrence.text[line.occurrence.match_end :]
    return tuple(fold(w) for w in _WORD.findall(text))


def sort_lines(lines: Sequence[ConcordanceLine], by: str = "text") -> list[ConcordanceLine]:
    """``lines`` in document order (``text``), by the words to the ``left`` or ``right``.

    Ties keep document order; the words compare by the whole context, not only the cut.
    """
    if by == "left":
        return sorted(lines, key=_left_words)
    if by == "right":
        return sorted(lines, key=_right_words)
    if by == "text":
        return list(lines)
    raise ValueError(f"unknown concordance order {by!r}")


def concordance_table(
    lines: Sequence[ConcordanceLine], query: str, tr: Translator = ENGLISH
) -> Table:
    """The lines as a table (for CSV): session, speaker, time, language, left, keyword, right."""
    _ = tr.gettext
    return Table(
        key="concordance",
        title=_("Concordance of «{query}»").format(query=query),
        unit=_("occurrences"),
        columns=(
            _("Session"),
            _("Speaker"),
            _("Time (ms)"),
            _("Language"),
            _("Left context"),
            _("Keyword"),
            _("Right context"),
        ),
        column_keys=(
            "Session",
            "Speaker",
            "Time (ms)",
            "Language",
            "Left context",
            "Keyword",
            "Right context",
        ),
        rows=tuple(
            (
                line.occurrence.session_title,
                line.occurrence.speaker,
                line.occurrence.start_ms,
                line.occurrence.language,
                line.left,
                line.keyword,
                line.right,
            )
            for line in lines
        ),
    )
