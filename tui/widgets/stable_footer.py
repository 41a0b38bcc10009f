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
        keys = list(super().compose())
        # Footer composes nothing until the screen's bindings are ready.
        self._shown = self._signature() if keys else None
        yield from keys

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would show exactly what they show now (or the
        footer was taken off its screen meanwhile: a screen that recomposes itself)."""
        if not self.is_attached:
            return
        if self._shown is not None and self._signature() == self._shown:
            return
        await super().recompose()
