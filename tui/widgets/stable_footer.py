"""A Footer that rebuilds its keys only when what they would show has changed.

Textual's Footer removes and re-mounts every key whenever the screen's bindings may have
changed (each focus change, each time the screen is shown again), which restyles a
dozen widgets each time: a large part of re-opening a screen. :class:`StableFooter`
remembers what its keys show (key, label, action, enabled, tooltip, group) and skips
the rebuild when nothing differs; the keys on screen are the same either way.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


class StableFooter(Footer):
    """A Footer that skips rebuilding identical keys."""

    def __init__(self, *children: Widget, **kwargs: object) -> None:
        super().__init__(*children, **kwargs)  # type: ignore[arg-type]
        self._shown: tuple[object, ...] | None = None

    def _signature(self) -> tuple[object, ...]:
        """What the keys would show now."""
        app = self.app
        active = self.screen.active_bindings
        shown: Iterable[tuple[object, ...]] = (
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                binding.tooltip,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show or binding.key == app.COMMAND_PALETTE_BINDING
        )
        return (tuple(shown), self.show_command_palette, self.compact)

    def compose(self) -> ComposeResult:
        self._shown = self._signature() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        # As Footer does, but the keys are compared when Footer would rebuild them.
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if self._shown is None or self._signature() != self._shown:
            await self.recompose()
