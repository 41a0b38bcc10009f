"""The line above the Coded passages: the code, how many passages, where they came from.

Made from its parts each time it is shown, so it follows a switch of the UI language.
When the list came from an analysis cell whose number is not the number of passages,
the line says what the cell counted: a passage is one coded segment, however many
codings (coders, sub-codes) it has, and a cell may count codings, participants or
sessions instead.
"""

from __future__ import annotations

from i18n import ngettext
from tui.analysis_cells import CellCount
from tui.passages_request import describe_count

SEPARATOR = " · "


def cell_note(count: CellCount, passages: int) -> str:
    """Why ``passages`` passages stand behind a cell that says ``count``; '' when the
    numbers agree."""
    n = count.value
    if n == passages:
        return ""
    if count.unit == "codings" and n > passages:
        return ngettext(
            "the cell counts {n} coding: a segment coded more than once is one passage",
            "the cell counts {n} codings: a segment coded more than once is one passage",
            n,
        ).format(n=n)
    if count.unit == "participants":
        return ngettext(
            "the cell counts {n} participant, not passages",
            "the cell counts {n} participants, not passages",
            n,
        ).format(n=n)
    if count.unit == "sessions":
        return ngettext(
            "the cell counts {n} session, not passages",
            "the cell counts {n} sessions, not passages",
            n,
        ).format(n=n)
    if count.unit == "codings":
        return ngettext("the cell counts {n} coding", "the cell counts {n} codings", n).format(n=n)
    return ngettext("the cell counts {n} segment", "the cell counts {n} segments", n).format(n=n)


def passages_header(title: str, passages: int, scope: str, count: CellCount | None) -> str:
    """``Theme / Code · 3 passages · Urban (n=4) · the cell counts …`` in the UI language."""
    parts = [title, describe_count(passages)]
    if scope:
        parts.append(scope)
    note = cell_note(count, passages) if count is not None else ""
    if note:
        parts.append(note)
    return SEPARATOR.join(parts)
