"""A long list of one-line labels drawn line by line (only the visible lines are rendered).

Used for transcripts of thousands of utterances, where an ``OptionList`` would
measure every option on opening. Up/Down/PgUp/PgDn/Home/End move the highlight
(posting :class:`UtteranceList.Highlighted`), Enter or a click selects (posting
:class:`UtteranceList.Selected`). Labels are plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from i18n import _
from tui.keys.bindings import key_binding


class UtteranceList(ScrollView, can_focus=True):
    """One line per item; the highlighted line is shown in the cursor colour."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("up", "move(-1)", _("Previous"), _("Previous"), "list-up", show=False),
        key_binding("down", "move(1)", _("Next"), _("Next"), "list-down", show=False),
        key_binding("pageup", "page(-1)", _("Page up"), _("Page up"), "list-pgup", show=False),
        key_binding("pagedown", "page(1)", _("Page down"), _("Page down"), "list-pgdn", show=False),
        key_binding("home", "edge(0)", _("First"), _("First"), "list-home", show=False),
        key_binding("end", "edge(1)", _("Last"), _("Last"), "list-end", show=False),
        key_binding("enter", "select", _("Open"), _("Open"), "list-open", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"utterance-list--cursor"}

    DEFAULT_CSS = """
    UtteranceList { height: 1fr; }
    UtteranceList > .utterance-list--cursor { background: $block-cursor-background; }
    """

    class Highlighted(Message):
        """The highlight moved to ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Selected(Message):
        """Enter (or a click) on ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels: list[str] = []
        self._highlighted: int | None = None

    @property
    def count(self) -> int:
        """How many items the list holds."""
        return len(self.labels)

    def set_items(self, labels: Sequence[str]) -> None:
        """Replace every item (the highlight is cleared)."""
        self.labels = list(labels)
        self._highlighted = None
        self.virtual_size = Size(0, len(labels))  # long labels are cut at the edge
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def replace(self, index: int, label: str) -> None:
        """Change one item's label."""
        self.labels[index] = label
        self.refresh_line(index)

    def refresh_line(self, index: int) -> None:
        """Repaint the item ``index`` if it is on screen."""
        y = index - int(self.scroll_offset.y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    @property
    def highlighted(self) -> int | None:
        """The highlighted item."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        old = self._highlighted
        if index is not None:
            index = max(0, min(len(self.labels) - 1, index)) if self.labels else None
        self._highlighted = index
        if old is not None:
            self.refresh_line(old)
        if index is not None:
            top = int(self.scroll_offset.y)
            height = max(1, self.size.height)
            if index < top:
                self.scroll_to(y=index, animate=False)
            elif index >= top + height:
                self.scroll_to(y=index - height + 1, animate=False)
            self.refresh_line(index)
            if index != old:
                self.post_message(self.Highlighted(index))

    def render_line(self, y: int) -> Strip:
        """The label at screen line ``y``, padded to the width."""
        index = y + int(self.scroll_offset.y)
        width = self.size.width
        if index >= len(self.labels):
            return Strip.blank(width, self.rich_style)
        text = self.labels[index]
        style = self.rich_style
        if index == self._highlighted:
            style = style + self.get_component_rich_style("utterance-list--cursor")
        strip = Strip([Segment(text, style)])
        return strip.crop_extend(0, width, style if index == self._highlighted else Style())

    def action_move(self, step: int) -> None:
        """Move the highlight by ``step`` items."""
        if self.labels:
            current = self._highlighted if self._highlighted is not None else -1
            self.highlighted = current + step

    def action_page(self, direction: int) -> None:
        """Move the highlight by a screenful."""
        self.action_move(direction * max(1, self.size.height - 1))

    def action_edge(self, end: int) -> None:
        """Highlight the first (0) or the last (1) item."""
        if self.labels:
            self.highlighted = len(self.labels) - 1 if end else 0

    def action_select(self) -> None:
        """Select the highlighted item."""
        if self._highlighted is not None:
            self.post_message(self.Selected(self._highlighted))

    def on_click(self, event: events.Click) -> None:
        """Highlight and select the clicked item."""
        index = event.y + int(self.scroll_offset.y)
        if 0 <= index < len(self.labels):
            self.highlighted = index
            self.post_message(self.Selected(index))
