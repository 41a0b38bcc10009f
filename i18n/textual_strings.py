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
  ``placeholder=_(PALETTE_PLACEHOLDER)``. The theme picker uses
  :data:`THEME_PLACEHOLDER`.
* The palette key in the footer is an App binding described ``palette`` (tooltip
  ``Open the command palette``); an app that declares its own ``command_palette``
  binding replaces it.
* Notifications (``Saved screenshot``, ``Press [b]ctrl+q[/b] to quit the app``) go
  through ``App.notify``; an override can pass message and title through
  :func:`textual_text`.

This module does not import textual (i18n stays headless); it only knows the texts.
"""

from __future__ import annotations

import re

from i18n import N_, _

PALETTE_PLACEHOLDER = N_("Search for commands…")
"""The command palette's input placeholder."""

THEME_PLACEHOLDER = N_("Search for themes…")
"""The theme picker's input placeholder."""

PALETTE_BINDING = N_("palette")
"""How the footer names the command palette key."""

PALETTE_TOOLTIP = N_("Open the command palette")
"""Tooltip of the command palette key."""

NO_MATCHES = N_("No matches found")
"""Shown by the palette when a search finds nothing."""

SYSTEM_COMMAND_TEXTS: tuple[str, ...] = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Titles and help texts of Textual's built-in palette commands, verbatim."""

BINDING_TEXTS: tuple[str, ...] = (
    N_("Quit the app and return to the command prompt."),
    N_("Exit the command palette"),
    N_("Next command"),
    N_("Previous command"),
    N_("Next page"),
    N_("Previous page"),
    N_("Go to top"),
    N_("Go to bottom"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Copy selected text"),
)
"""Descriptions of Textual's built-in key bindings that the footer or key panel shows."""

NOTIFICATION_TEXTS: tuple[str, ...] = (
    N_("Saved screenshot"),
    N_("Failed to save screenshot"),
    N_("Do you want to quit?"),
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
        N_("Press [b]{key}[/b] to quit the app"),
    ),
    (
        re.compile(r"Saved screenshot to \[\$text-success\](?P<path>.*)", re.DOTALL),
        N_("Saved screenshot to [$text-success]{path}"),
    ),
)


def is_textual_text(text: str) -> bool:
    """Whether ``text`` is one of Textual's built-in English strings known here."""
    return text in _KNOWN or any(pattern.fullmatch(text) for pattern, _msgid in _PATTERNS)


def textual_text(text: str) -> str:
    """``text`` in the UI language if it is one of Textual's own strings, else unchanged."""
    if text in _KNOWN:
        return _(text)
    for pattern, msgid in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _(msgid).format(**match.groupdict())
    return text
