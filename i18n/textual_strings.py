"""Textual's own English strings, marked for our catalogs, and a way to translate them.

Textual 8.2.8 hard-codes English in a few places the user sees:

* ``App.get_system_commands`` yields ``SystemCommand(title, help, callback)`` tuples
  (Theme, Quit, Keys, Maximize, Minimize, Screenshot). An app translates them by
  overriding the method and replacing each title and help with :func:`textual_text`::

      for command in super().get_system_commands(screen):
          yield command._replace(
              title=textual_text(command.title), help=textual_text(command.help)
          )

* ``CommandPalette(placeholder="Search for commands…")`` is pushed by
  ``App.action_command_palette``; override it and pass
  ``placeholder=textual_text(PALETTE_PLACEHOLDER)``. The theme picker uses
  :data:`THEME_PLACEHOLDER`.
* The palette key in the footer is an App binding described ``palette`` (tooltip
  ``Open the command palette``); an app that declares its own ``command_palette``
  binding replaces it.
* Notifications (``Saved screenshot``, ``Press [b]ctrl+q[/b] to quit the app``) go
  through ``App.notify``; an override can pass message and title through
  :func:`textual_text`.

All of them are catalogued in the context ``textual`` (``msgctxt "textual"``), so that
Textual's "Theme" (the colour scheme) and a codebook's "Theme" can be translated
differently. This module does not import textual (i18n stays headless); it only knows
the texts.
"""

from __future__ import annotations

import re

from i18n import NP_, pgettext

CONTEXT = "textual"
"""The msgctxt of every Textual string."""

PALETTE_PLACEHOLDER = NP_("textual", "Search for commands…")
"""The command palette's input placeholder."""

THEME_PLACEHOLDER = NP_("textual", "Search for themes…")
"""The theme picker's input placeholder."""

PALETTE_BINDING = NP_("textual", "palette")
"""How the footer names the command palette key."""

PALETTE_TOOLTIP = NP_("textual", "Open the command palette")
"""Tooltip of the command palette key."""

NO_MATCHES = NP_("textual", "No matches found")
"""Shown by the palette when a search finds nothing."""

SYSTEM_COMMAND_TEXTS: tuple[str, ...] = (
    NP_("textual", "Theme"),
    NP_("textual", "Change the current theme"),
    NP_("textual", "Quit"),
    NP_("textual", "Quit the application as soon as possible"),
    NP_("textual", "Keys"),
    NP_("textual", "Hide the keys and widget help panel"),
    NP_("textual", "Show help for the focused widget and a summary of available keys"),
    NP_("textual", "Minimize"),
    NP_("textual", "Minimize the widget and restore to normal size"),
    NP_("textual", "Maximize"),
    NP_("textual", "Maximize the focused widget"),
    NP_("textual", "Screenshot"),
    NP_("textual", "Save an SVG 'screenshot' of the current screen"),
)
"""Titles and help texts of Textual's built-in palette commands, verbatim."""

BINDING_TEXTS: tuple[str, ...] = (
    NP_("textual", "Quit the app and return to the command prompt."),
    NP_("textual", "Exit the command palette"),
    NP_("textual", "Next command"),
    NP_("textual", "Previous command"),
    NP_("textual", "Next page"),
    NP_("textual", "Previous page"),
    NP_("textual", "Go to top"),
    NP_("textual", "Go to bottom"),
    NP_("textual", "Focus Next"),
    NP_("textual", "Focus Previous"),
    NP_("textual", "Copy selected text"),
    # hidden keys of Textual's widgets, listed by the Keys panel
    NP_("textual", "Select"),
    NP_("textual", "Cursor up"),
    NP_("textual", "Cursor down"),
    NP_("textual", "Cursor right"),
    NP_("textual", "Cursor left"),
    NP_("textual", "Page up"),
    NP_("textual", "Page down"),
    NP_("textual", "Top"),
    NP_("textual", "Bottom"),
    NP_("textual", "Home"),
    NP_("textual", "End"),
    NP_("textual", "Down"),
    NP_("textual", "Up"),
    NP_("textual", "Last"),
    NP_("textual", "First"),
    NP_("textual", "Page Down"),
    NP_("textual", "Page Up"),
    NP_("textual", "Move cursor left"),
    NP_("textual", "Move cursor left and select"),
    NP_("textual", "Move cursor left a word"),
    NP_("textual", "Move cursor left a word and select"),
    NP_("textual", "Move cursor right or accept the completion suggestion"),
    NP_("textual", "Move cursor right and select"),
    NP_("textual", "Move cursor right a word"),
    NP_("textual", "Move cursor right a word and select"),
    NP_("textual", "Delete character left"),
    NP_("textual", "Select all"),
    NP_("textual", "Go to start"),
    NP_("textual", "Go to end"),
    NP_("textual", "Select line start"),
    NP_("textual", "Select line end"),
    NP_("textual", "Delete character right"),
    NP_("textual", "Submit"),
    NP_("textual", "Delete left to start of word"),
    NP_("textual", "Delete all to the left"),
    NP_("textual", "Delete right to start of word"),
    NP_("textual", "Delete all to the right"),
    NP_("textual", "Cut selected text"),
    NP_("textual", "Paste text from the clipboard"),
    NP_("textual", "Show menu"),
    NP_("textual", "Toggle"),
    NP_("textual", "Press button"),
)
"""Descriptions of Textual's built-in key bindings that the footer or key panel shows."""

NOTIFICATION_TEXTS: tuple[str, ...] = (
    NP_("textual", "Saved screenshot"),
    NP_("textual", "Failed to save screenshot"),
    NP_("textual", "Do you want to quit?"),
)
"""Fixed notification texts and titles Textual shows."""

_KNOWN = frozenset(
    (
        PALETTE_PLACEHOLDER,
        THEME_PLACEHOLDER,
        PALETTE_BINDING,
        PALETTE_TOOLTIP,
        NO_MATCHES,
        *SYSTEM_COMMAND_TEXTS,
        *BINDING_TEXTS,
        *NOTIFICATION_TEXTS,
    )
)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"Press \[b\](?P<key>.+?)\[/b\] to quit the app"),
        NP_("textual", "Press [b]{key}[/b] to quit the app"),
    ),
    (
        re.compile(r"Saved screenshot to \[\$text-success\](?P<path>.*)", re.DOTALL),
        NP_("textual", "Saved screenshot to [$text-success]{path}"),
    ),
)


def is_textual_text(text: str) -> bool:
    """Whether ``text`` is one of Textual's built-in English strings known here."""
    return text in _KNOWN or any(pattern.fullmatch(text) for pattern, _msgid in _PATTERNS)


def textual_text(text: str) -> str:
    """``text`` in the UI language if it is one of Textual's own strings, else unchanged."""
    if text in _KNOWN:
        return pgettext(CONTEXT, text)
    for pattern, msgid in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return pgettext(CONTEXT, msgid).format(**match.groupdict())
    return text
