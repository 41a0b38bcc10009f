"""A long, one-line-per-row list (every coding of a layer) rendered only where visible.

Rows are made on demand from a callback, so handing the list thousands of codings
costs a list of ids; Up/Down/Page keys move the highlight and Enter posts
:class:`CodingList.Chosen`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from i18n import _
from tui.widgets.bindings import key_binding


def _key(keys: str, action: str, name: str, tip: str) -> Binding:
    return key_binding(keys, action, name, tip, f"coding-list-{action}", show=False)


class CodingList(ScrollView, can_focus=True):
    """Rows ``(coding id, label)``; labels are made by a callback when a row is drawn."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _key("up", "move(-1)", _("Up"), _("Previous coding")),
        _key("down", "move(1)", _("Down"), _("Next coding")),
        _key("pageup", "page(-1)", _("Page up"), _("A page of codings up")),
        _key("pagedown", "page(1)", _("Page down"), _("A page of codings down")),
        _key("home", "edge(0)", _("First"), _("The first coding")),
        _key("end", "edge(1)", _("Last"), _("The last coding")),
        _key("enter", "choose", _("Show"), _("Show this coding in the text")),
    ]

    DEFAULT_CSS = """
    CodingList { height: 1fr; overflow-x: hidden; padding: 0 0 0 1; }
    """

    highlighted: reactive[int] = reactive(0)

    class Chosen(Message):
        """A row was chosen (Enter or click)."""

        def __init__(self, coding_id: int) -> None:
            super().__init__()
            self.coding_id = coding_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ids: Sequence[int] = ()
        self.label: Callable[[int], Text] = lambda _coding_id: Text()
        self._cache: dict[int, Text] = {}

    def set_rows(self, ids: Sequence[int], label: Callable[[int], Text]) -> None:
        """Show ``ids``; ``label(id)`` makes a row's text when it is drawn."""
        self.ids = ids
        self.label = label
        self._cache = {}
        self.highlighted = min(self.highlighted, max(0, len(ids) - 1))
        self.virtual_size = Size(0, len(ids))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """One row: the label, highlighted under the cursor."""
        index = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        style = self.rich_style
        if not 0 <= index < len(self.ids):
            return Strip.blank(width, style)
        text = self._cache.get(index)
        if text is None:
            text = self._cache[index] = self.label(self.ids[index])
        line = text.copy()
        line.truncate(width, overflow="ellipsis", pad=True)
        if index == self.highlighted:
            line.stylize(Style(reverse=True) if self.has_focus else Style(bold=True))
        return Strip(list(line.render(self.app.console)), width).apply_style(style)

    def watch_highlighted(self, old: int, new: int) -> None:
        self.scroll_to_region_visible(new)
        self.refresh()

    def scroll_to_region_visible(self, index: int) -> None:
        """Scroll so that row ``index`` is on screen."""
        top = round(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif height and index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def action_move(self, step: int) -> None:
        """Move the highlight by ``step`` rows."""
        if self.ids:
            self.highlighted = max(0, min(len(self.ids) - 1, self.highlighted + step))

    def action_page(self, direction: int) -> None:
        """Move the highlight by a page."""
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_edge(self, last: int) -> None:
        """Go to the first or the last row."""
        if self.ids:
            self.highlighted = len(self.ids) - 1 if last else 0

    def action_choose(self) -> None:
        """Post the highlighted row."""
        if self.ids:
            self.post_message(self.Chosen(self.ids[self.highlighted]))

    def on_click(self, event: object) -> None:
        offset = getattr(event, "y", None)
        if isinstance(offset, int) and self.ids:
            index = round(self.scroll_offset.y) + offset
            if 0 <= index < len(self.ids):
                self.highlighted = index
                self.action_choose()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
