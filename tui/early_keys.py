"""Keys typed while a dialog is still opening go into its first text box, not nowhere.

A dialog (a modal screen) gets its widgets and its focus a moment after it is pushed;
a fast typist's keys in that moment reach a text box that is not ready to take them, and
bubble up to the app unhandled, so they were lost (``j`` then ``1:20`` typed at once left
the "Go to time" box empty). A printable key that reaches the app while a dialog is on
top is kept and typed into the dialog's focused (or first) text box once the dialog has
been drawn.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

PENDING = "_early_keys"
"""The attribute of a dialog that holds the characters typed before its box was ready."""

PLACE = "_early_keys_at"
"""Where in the box the first of them was typed (later keys may reach the box first)."""


def catch_early_key(app: Any, event: events.Key) -> bool:
    """Type ``event`` into the opening dialog's text box; True when it was taken."""
    screen = app.screen
    if not isinstance(screen, ModalScreen):
        return False
    if screen.focused is not None and not isinstance(screen.focused, Input | TextArea):
        return False
    character = event.character
    if not event.is_printable or character is None:
        return False
    pending: list[str] = getattr(screen, PENDING, [])
    if not pending:
        focused = screen.focused
        at = focused.cursor_position if isinstance(focused, Input) else None
        setattr(screen, PLACE, at)
        screen.call_after_refresh(_flush, screen)
    pending.append(character)
    setattr(screen, PENDING, pending)
    event.stop()
    event.prevent_default()
    return True


def _flush(screen: ModalScreen[Any]) -> None:
    """Type the kept characters into the dialog's first text box (focusing it)."""
    pending: list[str] = getattr(screen, PENDING, [])
    if not pending:
        return
    boxes = [w for w in screen.query("Input, TextArea") if isinstance(w, Input | TextArea)]
    if not boxes:
        setattr(screen, PENDING, [])
        return
    focused = screen.focused
    box = focused if isinstance(focused, Input | TextArea) else boxes[0]
    text = "".join(pending)
    setattr(screen, PENDING, [])
    if not box.has_focus:
        box.focus()
    if isinstance(box, Input):
        at = getattr(screen, PLACE, None)
        at = len(box.value) if at is None else min(at, len(box.value))
        box.value = box.value[:at] + text + box.value[at:]
        box.cursor_position = len(box.value)
    else:
        box.insert(text)
