"""Warnings collected while reading or writing REFI-QDA files.

The REFI-QDA standard requires a tool to tell its user about data it could not
carry over; every such case becomes a :class:`Notice`. A notice keeps its
English msgid and parameters, and renders itself in the current UI language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from i18n import translate_message


@dataclass(frozen=True)
class Notice:
    """One warning: an English msgid with ``{placeholders}`` and their values."""

    message: str
    params: dict[str, object] = field(default_factory=dict, hash=False)

    def text(self) -> str:
        """The warning in the current UI language."""
        return translate_message(self.message, self.params)

    def __str__(self) -> str:
        return self.text()


class Notices:
    """An ordered list of notices that folds repeats of the same message into a count."""

    def __init__(self) -> None:
        self.items: list[Notice] = []
        self._seen: set[tuple[str, str]] = set()

    def add(self, message: str, /, **params: object) -> None:
        """Record a warning (an identical one is recorded once)."""
        key = (message, repr(sorted(params.items())))
        if key in self._seen:
            return
        self._seen.add(key)
        self.items.append(Notice(message, params))

    def __len__(self) -> int:
        return len(self.items)
