"""Reading a session kind as people write it: in tables, on the command line, in filters.

``interview`` and ``focus_group`` are the stored kinds; ``focus-group``, ``focus group``,
``Focus Group``, and the Russian and Kazakh words are read as the same kinds.
"""

from __future__ import annotations

from storage.models import SessionKind

_WORDS: dict[str, SessionKind] = {
    "interview": "interview",
    "интервью": "interview",
    "сұхбат": "interview",
    "focus_group": "focus_group",
    "focusgroup": "focus_group",
    "фокус_группа": "focus_group",
    "фокус_топ": "focus_group",
}


def read_session_kind(text: str) -> SessionKind | None:
    """The stored kind ``text`` names, or None when it names none."""
    key = "_".join(text.strip().casefold().replace("-", " ").replace("_", " ").split())
    return _WORDS.get(key)
