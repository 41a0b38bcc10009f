"""Key bindings: the one way the app declares a key.

Every binding has an id, a title for the footer and a tooltip (the palette's help, see
:mod:`tui.widgets.screen_commands`), and single-letter keys carry their twin on the
Russian/Kazakh (ЙЦУКЕН) layout, e.g. ``"c,с"``, so that the keys work whichever layout
is on. Titles and tooltips are made with ``_()`` and translated again on a language
switch (:mod:`tui.language_switch`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding


def key_binding(
    keys: str,
    action: str,
    title: str,
    tooltip: str,
    id: str,
    *,
    show: bool = True,
    key_display: str | None = None,
    priority: bool = False,
) -> Binding:
    """A binding of ``keys`` (comma-separated, Latin key first) to ``action``.

    ``show=False`` keeps it out of the footer (it stays in the palette); ``priority``
    keys work while a text box has the focus.
    """
    return Binding(
        keys,
        action,
        title,
        show=show,
        key_display=key_display,
        priority=priority,
        id=id,
        tooltip=tooltip,
    )


def binding_maker(prefix: str) -> Callable[..., Binding]:
    """:func:`key_binding` for one screen's table, whose ids are all ``PREFIX-ID``.

    ``make(keys, action, title, tooltip, id, show=True)``, and :func:`key_binding`'s
    ``key_display`` and ``priority``.
    """

    def make(
        keys: str, action: str, title: str, tooltip: str, id: str, show: bool = True, **options: Any
    ) -> Binding:
        return key_binding(keys, action, title, tooltip, f"{prefix}-{id}", show=show, **options)

    return make
