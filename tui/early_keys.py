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
then selects its text, and typing replaces it) and in the order they were typed.

Any other key typed after such kept text (Ctrl+S in a memo) waits behind it and is then
sent again as a key. Enter submits a one-line box, and what is typed after it belongs to
whatever comes next
(``j 2:51 Enter u Fear Enter``: jump, then code the turn there). Those keys are held
until the dialog has closed (or, if it stays open, say on a wrong value, a moment
later) and then sent again, in order, as new keys; keys arriving meanwhile queue behind
them. Other keys, other widgets and full screens go Textual's way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual import events
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, TextArea

Key = tuple[str, str | None]
"""A key as Textual names it and the character it types (None for keys that type none)."""

PENDING = "_early_keys"
"""The attribute of a dialog that holds the keys typed before its box had the focus."""

NO_TEXT = "_early_keys_no_text"
"""The attribute set on a dialog found to have no text box: its keys go Textual's way."""

GATE = "_early_keys_gate"
"""The attribute of the app that holds the keys typed after a dialog's Enter."""

EDITING_KEYS = frozenset(("backspace", "delete", "left", "right", "home", "end", "enter"))
"""Keys played besides printable ones: what a typist uses to correct and confirm a line."""

WATCH_SECONDS = 0.02
"""How often a submitted dialog is looked at to see whether it has closed."""
WATCH_LIMIT = 50
"""Looks after which a dialog still open (its answer refused) gets the held keys."""


@dataclass
class _Gate:
    """Keys held after a dialog's Enter, and keys sent again that are still on their way."""

    closing: Screen[Any] | None = None
    held: list[Key] = field(default_factory=list)
    resent: set[int] = field(default_factory=set)
    behind_text: set[int] = field(default_factory=set)
    """Keys sent again from a text box's queue: when they come back, their binding runs."""


def take_key(app: Any, event: events.Key, *, came_back: bool = False) -> bool:
    """Handle a key from the terminal, or one that ``came_back`` up to the app untaken, as
    described above; True when it was taken."""
    gate = _gate(app)
    if came_back and id(event) in gate.behind_text:
        gate.behind_text.discard(id(event))
        return False
    if not came_back and gate.resent:
        if id(event) in gate.resent:
            gate.resent.discard(id(event))
        else:  # behind the keys sent again
            _resend(app, gate, [(event.key, event.character)])
            return True
    if gate.closing is not None:
        gate.held.append((event.key, event.character))
        if app.screen is not gate.closing:
            _release(app, gate)
        return True
    screen = app.screen
    if not isinstance(screen, ModalScreen):
        return False
    typed = _typed(event)
    focused = screen.focused
    pending: list[Key] = getattr(screen, PENDING, [])
    if focused is None:
        if (typed is None and not pending) or not _may_hold_text(screen):
            return False  # (a key such as Ctrl+S typed after text waits behind it)
        pending.append((event.key, event.character))
        setattr(screen, PENDING, pending)
        if len(pending) == 1:
            screen.call_after_refresh(_flush, app, screen)
        return True
    if pending:
        _flush(app, screen)
    if type(focused) not in (Input, TextArea):
        return False
    assert isinstance(focused, Input | TextArea)
    if typed is not None and (came_back or len(typed) > 1):
        focused.call_later(_play, focused, [typed])
        if typed == "enter" and came_back and isinstance(focused, Input):
            _close_after(app, gate, screen, [])  # (typed ahead of the dialog: more may follow)
        return True
    if came_back and typed is None:  # (Ctrl+S behind typed text: after the text is in)
        focused.call_later(_resend, app, gate, [(event.key, event.character)], True)
        return True
    return False


def _typed(event: events.Key) -> str | None:
    """The character a key types, or the name of an editing key; None for other keys."""
    if event.is_printable and event.character is not None:
        return event.character
    return event.key if event.key in EDITING_KEYS else None


def _gate(app: Any) -> _Gate:
    gate: _Gate | None = getattr(app, GATE, None)
    if gate is None:
        gate = _Gate()
        setattr(app, GATE, gate)
    return gate


def _may_hold_text(screen: ModalScreen[Any]) -> bool:
    """Whether the dialog may have a text box (until one of its flushes found none: its
    widgets may still be on their way while it has no focus)."""
    return not getattr(screen, NO_TEXT, False)


def _flush(app: Any, screen: ModalScreen[Any]) -> None:
    """Play the kept keys into the dialog's focused (or first) text box, focusing it; a
    dialog that turned out to have none gets them back as keys, in order."""
    pending: list[Key] = getattr(screen, PENDING, [])
    if not pending:
        return
    setattr(screen, PENDING, [])
    focused = screen.focused
    boxes = [w for w in screen.query("Input, TextArea") if isinstance(w, Input | TextArea)]
    box = focused if isinstance(focused, Input | TextArea) else next(iter(boxes), None)
    if box is None:
        setattr(screen, NO_TEXT, True)
        _resend(app, _gate(app), pending)
        return
    played: list[str] = []
    for key, character in pending:
        typed = _typed(events.Key(key, character))
        if typed is None:  # a key to run after the text, as a key (Ctrl+S saves it)
            break
        played.append(typed)
        if typed == "enter" and isinstance(box, Input):
            break
    rest = pending[len(played) :]
    if box.has_focus:
        box.call_later(_play, box, played)
    else:  # (the focus is given through the app's queue: play after it)
        box.focus()
        app.call_later(box.call_later, _play, box, played)
    if played[-1:] == ["enter"] and isinstance(box, Input):
        _close_after(app, _gate(app), screen, rest)
    elif rest:
        _resend(app, _gate(app), rest)


def _close_after(app: Any, gate: _Gate, screen: Screen[Any], held: list[Key]) -> None:
    """Hold the keys typed after a dialog's Enter until it has closed."""
    gate.closing = screen
    gate.held = [*held, *gate.held]
    app.set_timer(WATCH_SECONDS, lambda: _watch(app, gate, screen, 1))


def _watch(app: Any, gate: _Gate, screen: Screen[Any], looks: int) -> None:
    if gate.closing is not screen:
        return
    if app.screen is not screen or looks >= WATCH_LIMIT:
        _release(app, gate)
    else:
        app.set_timer(WATCH_SECONDS, lambda: _watch(app, gate, screen, looks + 1))


def _release(app: Any, gate: _Gate) -> None:
    """Send the held keys again, in order, now that the dialog has closed."""
    held, gate.held, gate.closing = gate.held, [], None
    _resend(app, gate, held)


def _resend(app: Any, gate: _Gate, keys: list[Key], behind_text: bool = False) -> None:
    """Send keys to the app again, in order, as new keys."""
    for key, character in keys:
        again = events.Key(key, character)
        gate.resent.add(id(again))
        if behind_text:
            gate.behind_text.add(id(again))
        app.post_message(again)


async def _play(box: Input | TextArea, keys: list[str]) -> None:
    """Play keys into a text box (Enter submits a one-line box)."""
    for key in keys:
        if isinstance(box, TextArea):
            _play_into_text_area(box, key)
        elif key == "enter":
            await box.action_submit()
        else:
            _play_into_input(box, key)


def _play_into_input(box: Input, key: str) -> None:
    """What ``key`` (not Enter) does in a one-line box."""
    if len(key) == 1:
        selection = box.selection
        if selection.is_empty:
            box.insert_text_at_cursor(key)
        else:
            box.replace(key, *selection)
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
