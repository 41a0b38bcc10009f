"""How an utterance looks in the translation list, and the list's filters (no textual here)."""

from __future__ import annotations

from typing import Literal

from storage.media_time import clock
from storage.translation_models import TranslationRow

Filter = Literal["all", "marked", "untranslated", "stale"]
FILTERS: tuple[Filter, ...] = ("all", "marked", "untranslated", "stale")
"""The list's filters, in the order the filter key cycles through them."""

MARKS = {"untranslated": "·", "draft": "✎", "translated": "✓", "reviewed": "★", "stale": "!"}
"""The sign shown before an utterance for its state."""

LONGEST = 240
"""Characters of the original shown in the list (the editor shows all of it)."""


def state_of(row: TranslationRow) -> str:
    """One of the keys of :data:`MARKS`."""
    if row.draft is not None and row.draft != row.translation:
        return "draft"
    if not row.translated:
        return "untranslated"
    if row.status is not None and row.status.stale:
        return "stale"
    if row.status is not None and row.status.is_reviewed:
        return "reviewed"
    return "translated"


def row_label(row: TranslationRow, marked: bool) -> str:
    """One line: marked flag, state, number, time, speaker and the start of the original."""
    time = clock(row.start_ms) if row.start_ms is not None else "--:--:--"
    flag = "▸" if marked else " "
    text = " ".join(row.original.split())
    if len(text) > LONGEST:
        text = text[: LONGEST - 1] + "…"
    speaker = f"{row.speaker}: " if row.speaker else ""
    return f"{flag}{MARKS[state_of(row)]} {row.position + 1:>4} {time} {speaker}{text}"


def shown(row: TranslationRow, marked: bool, which: Filter) -> bool:
    """Whether the filter ``which`` shows the row."""
    if which == "marked":
        return marked
    if which == "untranslated":
        return not row.translated
    if which == "stale":
        return row.status is not None and row.status.stale and row.translated
    return True
