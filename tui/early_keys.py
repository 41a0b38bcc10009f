"""Keys typed into a dialog in a burst land in its text box, in the order they were typed.

A dialog (a modal screen) gets its widgets and its focus a moment after it is pushed,
and Textual routes a key in two ways: a printable one goes to the focused text box, an
editing one (Backspace, the arrows, Enter...) bubbles back up to the app, which then
runs the box's binding for it. A fast typist's burst therefore went wrong in a dialog:
keys typed before the box had the focus reached nothing (``j`` then ``1:20`` typed at
once left the "Go to time" box empty), and a Backspace came back to the app after the
letters typed behind it had already been inserted (End, Backspace, Backspace, ``kk``,
Enter, typed at once to change a language code, stored nothing).

:func:`take_key` sees each key from the terminal before Textual routes it, and each key
that no widget took when it comes back up to the app (keys typed right after the key
that opens a dialog come back after the dialog was pushed, letters included). While a
dialog that has (or, not drawn yet, may have) a text box has no focus, its printable
and editing keys are kept, and played into the box once the dialog has been drawn or
the box has the focus. While a plain text box of a dialog has the focus, its editing
keys are queued to it like the printable ones Textual sends it, instead of travelling
back up to the app. Keys are played through the box's own editing actions, from the
box's own queue, so they come after the box has taken the focus (an :class:`Input`
then selects its text, and typing replaces it) and in the order they were typed. Other
keys, other widgets and full screens go Textual's way.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

PENDING = "_early_keys"
"""The attribute of a dialog that holds the keys typed before its box had the focus."""

NO_TEXT = "_early_keys_no_text"
"""The attribute set on a dialog found to have no text box: its keys go Textual's way."""

EDITING_KEYS = frozenset(("backspace", "delete", "left", "right", "home", "end", "enter"))
"""Keys played besides printable ones: what a typist uses to correct and confirm a line."""


def take_key(app: Any, event: events.Key, *, came_back: bool = False) -> bool:
    """Handle a key from the terminal, or one that ``came_back`` up to the app untaken, as
    described above; True when it was taken."""
    screen = app.screen
    if not isinstance(screen, ModalScreen):
        return False
    character = event.character
    key = character if event.is_printable and character is not None else event.key
    typing = len(key) == 1 or key in EDITING_KEYS
    focused = screen.focused
    pending: list[str] = getattr(screen, PENDING, [])
    if focused is None:
        if not typing or not _may_hold_text(screen):
            return False
        pending.append(key)
        setattr(screen, PENDING, pending)
        if len(pending) == 1:
            screen.call_after_refresh(_flush, app, screen)
        return True
    if pending:
        _flush(app, screen)
    if typing and (came_back or len(key) > 1) and type(focused) in (Input, TextArea):
        focused.call_later(_play, focused, [key])
        return True
    return False


def _may_hold_text(screen: ModalScreen[Any]) -> bool:
    """Whether the dialog may have a text box (until one of its flushes found none: its
    widgets may still be on their way while it has no focus)."""
    return not getattr(screen, NO_TEXT, False)


def _flush(app: Any, screen: ModalScreen[Any]) -> None:
    """Play the kept keys into the dialog's focused (or first) text box, focusing it; a
    dialog that turned out to have none gets them back as keys, in order."""
    pending: list[str] = getattr(screen, PENDING, [])
    if not pending:
        return
    setattr(screen, PENDING, [])
    focused = screen.focused
    boxes = [w for w in screen.query("Input, TextArea") if isinstance(w, Input | TextArea)]
    box = focused if isinstance(focused, Input | TextArea) else next(iter(boxes), None)
    if box is None:
        setattr(screen, NO_TEXT, True)
        for key in pending:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
    elif box.has_focus:
        box.call_later(_play, box, pending)
    else:  # (the focus is given through the app's queue: play after it)
        box.focus()
        app.call_later(box.call_later, _play, box, pending)


def _play(box: Input | TextArea, keys: list[str]) -> None:
    """Play keys into a text box."""
    for key in keys:
        if isinstance(box, Input):
            _play_into_input(box, key)
        else:
            _play_into_text_area(box, key)


def _play_into_input(box: Input, key: str) -> None:
    """What ``key`` does in a one-line box (Enter submits it)."""
    if len(key) == 1:
        selection = box.selection
        if selection.is_empty:
            box.insert_text_at_cursor(key)
        else:
            box.replace(key, *selection)
    elif key == "enter":
        box.call_later(box.action_submit)
    else:
        {
            "backspace": box.action_delete_left,
            "delete": box.action_delete_right,
            "left": box.action_cursor_left,
            "right": box.action_cursor_right,
            "home": box.action_home,
            "end": box.action_end,
        }[key]()


def _play_into_text_area(box: TextArea, key: str) -> None:
    """What ``key`` does in a multi-line box (Enter breaks the line)."""
    if len(key) == 1 or key == "enter":
        box.replace("\n" if key == "enter" else key, *box.selection)
    else:
        {
            "backspace": box.action_delete_left,
            "delete": box.action_delete_right,
            "left": box.action_cursor_left,
            "right": box.action_cursor_right,
            "home": box.action_cursor_line_start,
            "end": box.action_cursor_line_end,
        }[key]()
