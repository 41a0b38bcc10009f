"""Keep every screen in the UI language after a language switch at run time.

The screens shown when the language changes are redrawn at once; screens waiting in
other modes (or under a dialog there) are redrawn when they are shown again, so a
switch stays quick and nothing the user typed is thrown away. A screen redraws itself
with its own ``retranslate()`` method; besides that, every label, placeholder and border
title that was made with ``_()`` is translated again (:func:`retranslate_widgets`), and
so are the key bindings of the screen and its widgets (:func:`translate_bindings`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from i18n import Translation, get_language, retranslate
from i18n.textual_strings import textual_text
from tui.textual_internals import key_bindings


def _binding_text(text: str) -> str:
    return retranslate(text) if isinstance(text, Translation) else textual_text(text)


def translate_bindings(node: DOMNode) -> None:
    """Put the descriptions and tooltips of ``node``'s key bindings in the UI language.

    Bindings declared with ``_()`` remember their msgid (:class:`i18n.Translation`);
    Textual's own English ones are looked up in :mod:`i18n.textual_strings`.
    """
    bindings = key_bindings(node)
    for key, items in bindings.items():
        bindings[key] = [
            replace(
                binding,
                description=_binding_text(binding.description),
                tooltip=_binding_text(binding.tooltip),
            )
            for binding in items
        ]


def translate_screen_bindings(screen: Screen[Any]) -> None:
    """:func:`translate_bindings` for ``screen`` and every widget on it."""
    for node in (screen, *screen.walk_children()):
        translate_bindings(node)


def retranslate_widgets(root: Widget) -> None:
    """Translate again every text under ``root`` that was made with ``_()`` and kept as is.

    Covers static texts and labels, text-box placeholders, select prompts and border
    titles; texts built with ``format()`` are the owner's job (its ``retranslate()``).
    """
    for widget in (root, *root.walk_children(Widget)):
        if isinstance(widget, Static) and isinstance(widget.content, Translation):
            widget.update(retranslate(widget.content))
        if isinstance(widget, Input) and isinstance(widget.placeholder, Translation):
            widget.placeholder = retranslate(widget.placeholder)
        if isinstance(widget, Select) and isinstance(widget.prompt, Translation):
            widget.prompt = retranslate(widget.prompt)
        if isinstance(widget.border_title, Translation):
            widget.border_title = retranslate(widget.border_title)
        if isinstance(widget.border_subtitle, Translation):
            widget.border_subtitle = retranslate(widget.border_subtitle)


def retranslate_screen(screen: Screen[Any]) -> None:
    """Redraw ``screen`` in the current UI language: keys, labels, then its own texts."""
    translate_screen_bindings(screen)
    retranslate_widgets(screen)
    refresh = getattr(screen, "retranslate", None)
    if callable(refresh):
        refresh()


class LanguageFollower:
    """Tracks the language each screen was drawn in and brings screens up to date.

    Install it before the first screen is shown; call :meth:`language_changed` after
    :func:`i18n.set_language`.
    """

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._drawn_in: WeakKeyDictionary[Screen[Any], str] = WeakKeyDictionary()
        app.screen_change_signal.subscribe(app, self._screen_changed)

    def language_changed(self) -> None:
        """Redraw the screens shown now (the current mode's stack)."""
        for screen in self.app.screen_stack:
            self._catch_up(screen)
        self.app.refresh_bindings()

    def _screen_changed(self, _screen: Screen[Any]) -> None:
        changed = False
        for screen in self.app.screen_stack:
            changed = self._catch_up(screen) or changed
        if changed:
            self.app.refresh_bindings()

    def _catch_up(self, screen: Screen[Any]) -> bool:
        language = get_language()
        drawn = self._drawn_in.get(screen)
        self._drawn_in[screen] = language
        if drawn is None:
            # New screens are composed in the current language, but their key bindings
            # come from class attributes translated when the module was imported.
            self.app.call_after_refresh(self._translate_keys, screen)
            return False
        if drawn == language:
            return False
        retranslate_screen(screen)
        return True

    def _translate_keys(self, screen: Screen[Any]) -> None:
        translate_screen_bindings(screen)
        self.app.refresh_bindings()
