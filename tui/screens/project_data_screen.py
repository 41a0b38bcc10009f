"""A base for screens that show project data and reload it when it is stale."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from i18n import get_language
from storage import Store
from tui.store_access import app_store


class ProjectDataScreen(Screen[None]):
    """Shows project data; reloads on return when the project or the UI language changed.

    Subclasses implement ``action_refresh`` and call :meth:`mark_loaded` after loading.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loaded_stamp: tuple[tuple[int, int], str] | None = None

    @property
    def store(self) -> Store:
        """The app's Store."""
        return app_store(self)

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.may_reload() and self.stale():
            self.action_refresh()

    def may_reload(self) -> bool:
        """Whether reloading now is safe (e.g. not in the middle of an edit)."""
        return True

    def stale(self) -> bool:
        """Whether the project changed since the data was loaded."""
        return self.loaded_stamp != (self.store.change_stamp(), get_language())

    def mark_loaded(self) -> None:
        """Remember that the shown data matches the project as it is now."""
        self.loaded_stamp = (self.store.change_stamp(), get_language())

    def retranslate(self) -> None:
        """Redraw in the current UI language (after an edit in progress, if there is one)."""
        if self.may_reload():
            self.action_refresh()

    def action_refresh(self) -> None:
        """Reload the shown data from the project."""
        raise NotImplementedError
