"""A screen whose first open styles each of its widgets once, not three times.

Textual styles every widget as it is mounted, and restyles the whole screen on each
``ScreenResume``. Opening a screen that is a mode of its own (every main screen) posts
two of them: one when the mode's screen is made and one when the app switches to it,
both handled just after the screen has been mounted, so each restyles widgets that were
styled a moment before with the same stylesheet. For the Analysis screen (about sixty
widgets) the two cost 25–30 ms of its first open.

:class:`StyledOnceScreen` skips the restyle of a resume that comes before the screen
has been drawn for the first time. Later resumes (coming back to the screen, perhaps
after a theme change or with the app's suspended-screen class to remove) restyle as
usual, and so does every class change, focus change and CSS reload in between.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual import events, on
from textual.screen import Screen

ResultT = TypeVar("ResultT")


class StyledOnceScreen(Screen[ResultT]):
    """A Screen that skips the redundant restyles of its first open (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn = False
        self._resume_restyle = False

    @on(events.Mount)
    def _note_first_frame(self) -> None:
        self.call_after_refresh(self._first_frame_drawn)

    def _first_frame_drawn(self) -> None:
        self._drawn = True

    @on(events.ScreenResume)
    def _skip_first_resume_restyle(self) -> None:
        # Handlers of subclasses run first, Screen's own (which restyles) last; the flag
        # is cleared as soon as this message has been handled, whatever Screen did.
        self._resume_restyle = not self._drawn
        self.call_next(self._resume_handled)

    def _resume_handled(self) -> None:
        self._resume_restyle = False

    def update_node_styles(self, animate: bool = True) -> None:
        """Restyle the screen, except for a resume's restyle before the first frame."""
        if self._resume_restyle:
            self._resume_restyle = False
            return
        super().update_node_styles(animate)
