"""A Textual stylesheet that keeps parsed CSS across re-parses.

Textual re-parses every CSS source of the app (its own file and the ``DEFAULT_CSS`` of
every widget class seen so far) whenever a screen brings a widget class it has not
seen, and whenever a screen is shown whose styles are older than the app's: it builds
a fresh :class:`~textual.css.stylesheet.Stylesheet`, whose parse cache starts empty.
With about a hundred sources that is 30–150 ms on every first open of a screen and on
many screen switches. :class:`ReusingStylesheet` hands the fresh stylesheet a cache
that outlives it, so only new sources are parsed. Parsed rules depend on the CSS
variables (the theme), so the cache is dropped when they change.
"""

from __future__ import annotations

from textual.cache import LRUCache
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

KEPT_SOURCES = 1024
"""How many parsed sources are kept (the app has about a hundred)."""


class ReusingStylesheet(Stylesheet):
    """A stylesheet whose :meth:`reparse` parses only sources it has not parsed before."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._kept: LRUCache[tuple[object, ...], list[RuleSet]] = LRUCache(KEPT_SOURCES)
        self._kept_for: dict[str, str] = dict(self._variables)

    def reparse(self) -> None:
        """Re-parse the sources with the current variables, reusing earlier parses."""
        if self._variables != self._kept_for:
            self._kept = LRUCache(KEPT_SOURCES)
            self._kept_for = dict(self._variables)
        # As Textual does: parse into a fresh stylesheet so an error leaves this one intact.
        stylesheet = Stylesheet(variables=self._variables)
        stylesheet._parse_cache = self._kept
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            stylesheet.add_source(
                css,
                read_from=read_from,
                is_default_css=is_defaults,
                tie_breaker=tie_breaker,
                scope=scope,
            )
        try:
            stylesheet.parse()
        except Exception:
            self._invalid_css.update(stylesheet._invalid_css)
            raise
        self._rules = stylesheet.rules
        self._rules_map = None
        self.source = stylesheet.source
        self._require_parse = False
