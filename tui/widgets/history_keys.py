"""Undo/redo for the coding, codebook and search screens (Ctrl+Z / Ctrl+Y).

The history lives in the app's Store for as long as the app runs (see
:mod:`storage.history_store`); these helpers run one step and tell the user what
was undone or redone, translated.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.screen import Screen

from i18n import _, translate_error
from storage import Store, SuhbatError
from storage.history_store import HistoryStep
from tui.widgets.bindings import key_binding

HISTORY_BINDINGS = [
    key_binding(
        "ctrl+z", "undo", _("Undo"), _("Undo the last coding or codebook change"), "history-undo"
    ),
    key_binding(
        "ctrl+y,ctrl+shift+z",
        "redo",
        _("Redo"),
        _("Redo the last undone change"),
        "history-redo",
        show=False,
    ),
]
"""Bindings to add to a screen that implements ``action_undo`` and ``action_redo``."""

HIDDEN_HISTORY_BINDINGS = [replace(binding, show=False) for binding in HISTORY_BINDINGS]
"""The same keys kept out of the footer (for screens whose footer is full); still in the
palette."""


def inline_label(label: str) -> str:
    """A step's title (``Apply code``) as it reads inside a sentence: ``apply code``.

    Only the first letter is lowered, and only when the next one is lower-case too, so
    names and abbreviations (``REFI-QDA import``) keep their capitals.
    """
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def run_history(screen: Screen[Any], store: Store, *, redo: bool) -> HistoryStep | None:
    """Undo (or redo) one step and notify; None when there was nothing to do or it failed."""
    try:
        step = store.history.redo() if redo else store.history.undo()
    except SuhbatError as error:
        screen.notify(translate_error(error), severity="error", timeout=8, markup=False)
        return None
    if step is None:
        screen.notify(
            _("Nothing to redo") if redo else _("Nothing to undo"), timeout=2, markup=False
        )
        return None
    message = _("Redone: {change}") if redo else _("Undone: {change}")
    screen.notify(message.format(change=inline_label(_(step.label))), timeout=3, markup=False)
    return step
