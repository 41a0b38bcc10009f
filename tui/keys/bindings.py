"""Key bindings with the id and tooltip every binding of the app must have."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding


def binding_maker(prefix: str) -> Callable[..., Binding]:
    """A short constructor for one screen's bindings: ids are ``PREFIX-ID``.

    ``make(keys, action, title, tooltip, id, show=True)``; keys hold the Latin key and its
    Cyrillic-layout twin, e.g. ``"c,с"``.
    """

    def make(
        keys: str, action: str, title: str, tooltip: str, id: str, show: bool = True
    ) -> Binding:
        return Binding(keys, action, title, show=show, id=f"{prefix}-{id}", tooltip=tooltip)

    return make
