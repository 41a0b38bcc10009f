"""The side panel of the coding screen: codings at the cursor and in the whole transcript.

The screen hands down ready-made rows; choosing a row (Enter or click) posts
:class:`CodingPanel.Chosen` so the screen can jump to that coding. The row
highlighted in the "at cursor" list is the coding that remove, recode, resize
and memo act on when several overlap at the cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from i18n import _, ngettext
from tui.widgets.coding_list import CodingList


class CodingPanel(Vertical):
    """Two lists: codings at the cursor, and every coding of the transcript."""

    DEFAULT_CSS = """
    CodingPanel { width: 34; height: 1fr; border-left: vkey $foreground 20%; }
    CodingPanel .panel-caption { text-style: bold; padding: 0 1; height: 1; }
    CodingPanel #at-cursor { height: auto; max-height: 12; min-height: 3; border: none; }
    CodingPanel #in-document { height: 1fr; border: none; }
    CodingPanel #panel-memo { color: $text-muted; padding: 0 1; height: auto; max-height: 4; }
    """

    class Chosen(Message):
        """A coding was chosen in one of the lists."""

        def __init__(self, coding_id: int) -> None:
            super().__init__()
            self.coding_id = coding_id

    def compose(self) -> ComposeResult:
        yield Static(_("At the cursor"), classes="panel-caption", id="at-cursor-caption")
        yield OptionList(id="at-cursor")
        yield Static("", id="panel-memo", markup=False)
        yield Static("", classes="panel-caption", id="in-document-caption", markup=False)
        yield CodingList(id="in-document")

    def retranslate(self) -> None:
        """Redraw the captions in the current UI language."""
        self.query_one("#at-cursor-caption", Static).update(_("At the cursor"))

    def show_at_cursor(self, rows: Sequence[tuple[int, Text]], memo: str = "") -> None:
        """Codings at the cursor, innermost first: (coding id, label)."""
        options = self.query_one("#at-cursor", OptionList)
        previous = self.highlighted_at_cursor()
        options.clear_options()
        options.add_options([Option(label, id=str(coding_id)) for coding_id, label in rows])
        if not rows:
            options.add_option(Option(Text(_("(no coding here)"), style="dim"), disabled=True))
        ids = [coding_id for coding_id, _label in rows]
        if rows:
            options.highlighted = ids.index(previous) if previous in ids else 0
        self.query_one("#panel-memo", Static).update(memo)

    def show_document(self, ids: Sequence[int], label: Callable[[int], Text]) -> None:
        """Every shown coding of the layer, in text order; rows are drawn on demand."""
        self.query_one("#in-document-caption", Static).update(
            ngettext(
                "{count} coding in this layer", "{count} codings in this layer", len(ids)
            ).format(count=len(ids))
        )
        self.query_one("#in-document", CodingList).set_rows(ids, label)

    def highlighted_at_cursor(self) -> int | None:
        """The coding highlighted in the "at cursor" list."""
        options = self.query_one("#at-cursor", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return int(option_id) if option_id else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(int(event.option.id)))

    def on_coding_list_chosen(self, event: CodingList.Chosen) -> None:
        event.stop()
        self.post_message(self.Chosen(event.coding_id))
