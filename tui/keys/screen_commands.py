"""A command-palette provider that offers every binding of the current screen.

A screen sets ``COMMANDS = {ScreenActionsProvider}`` and each of its bindings with a
description becomes a palette command (named by the description, explained by the
tooltip), so everything a key does can also be found by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from i18n import _


class ScreenActionsProvider(Provider):
    """Commands for the active screen's bindings (key shown beside the name)."""

    def _commands(self) -> Iterator[tuple[str, str, str]]:
        seen: set[str] = set()
        for binding in type(self.screen).BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = binding.key.split(",")[0]
            title = f"{_(binding.description)} ({key})"
            yield title, _(binding.tooltip or binding.description), binding.action

    async def discover(self) -> Hits:
        """Every command of the screen, for an empty query."""
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose name matches ``query``."""
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(self._run, action), help=help_text
                )

    async def _run(self, action: str) -> None:
        await self.app.run_action(action, self.screen)
