"""Two layers of a transcript side by side, aligned utterance by utterance.

The left pane shows time and speaker; the right pane (hidden in single-layer
mode) shows another layer. Each utterance is padded to the taller of its two
versions, so both panes have the same rows and scroll together; the current
utterance is marked in both. In a narrow view the layers are interleaved instead,
utterance by utterance: a header row (time, speaker), the original, then the
translation. The pane of the layer being coded fills the view, its text bright and the
other layer's dimmed beside each utterance; the other pane is still there (no rows),
so moving the focus to it (Tab) shows the same utterances with that layer bright.
The view posts :class:`TranscriptView.CursorMoved` up and is told what to show
(text, labels, painted codings) from above.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import TextArea

from tui.models.coding_paint import Run
from tui.textual_internals import refresh_virtual_size
from tui.widgets.aligned_document import Companion
from tui.widgets.layer_pane import LayerPane

MIN_COLUMN = 24
"""Two layers are side by side only if each gets this many cells of text (about four
words); in a narrower view they are interleaved utterance by utterance."""

LayerLanguages = Mapping[int, tuple[str, dict[int, str]]]
"""Layer id → (the layer's language, line → language of lines not in it)."""


class TranscriptView(Horizontal):
    """A pair of :class:`LayerPane` widgets that scroll and move together."""

    DEFAULT_CSS = """
    TranscriptView { height: 1fr; }
    TranscriptView > LayerPane { width: 1fr; height: 1fr; }
    TranscriptView > #right-pane { border-left: vkey $foreground 20%; scrollbar-size-vertical: 1; }
    TranscriptView > #left-pane { scrollbar-size-vertical: 0; }
    TranscriptView.-single > #left-pane { scrollbar-size-vertical: 1; }
    TranscriptView > LayerPane:focus { background-tint: $foreground 4%; }
    TranscriptView.-single > #right-pane { display: none; }
    TranscriptView.-stacked { layout: vertical; }
    TranscriptView.-stacked > LayerPane { width: 100%; height: 0; scrollbar-size-vertical: 1; }
    TranscriptView.-stacked > LayerPane.-current { height: 1fr; }
    TranscriptView.-stacked > #right-pane { border-left: none; }
    """

    class CursorMoved(Message):
        """The cursor or selection moved in one of the panes."""

        def __init__(self, pane: LayerPane, line: int) -> None:
            super().__init__()
            self.pane = pane
            self.line = line

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._syncing = False

    def compose(self) -> ComposeResult:
        yield LayerPane(show_labels=True, id="left-pane")
        yield LayerPane(show_labels=False, id="right-pane")

    def on_mount(self) -> None:
        left, right = self.panes
        self.watch(left, "scroll_y", lambda: self._scrolled(left), init=False)
        self.watch(right, "scroll_y", lambda: self._scrolled(right), init=False)
        for pane in self.panes:
            pane.on_rewrap = self._rewrapped
        left.add_class("-current")

    # -- what is shown -------------------------------------------------------------------

    @property
    def left(self) -> LayerPane:
        """The pane on the left (shows time and speaker)."""
        return self.query_one("#left-pane", LayerPane)

    @property
    def right(self) -> LayerPane:
        """The pane on the right (hidden when one layer is shown)."""
        return self.query_one("#right-pane", LayerPane)

    @property
    def panes(self) -> list[LayerPane]:
        """Both panes, left first."""
        return [self.left, self.right]

    @property
    def paired(self) -> bool:
        """Whether two layers are shown side by side."""
        return not self.has_class("-single")

    def visible_panes(self) -> list[LayerPane]:
        """The panes on screen."""
        return self.panes if self.paired else [self.left]

    def pane_for(self, layer_id: int) -> LayerPane | None:
        """The visible pane showing ``layer_id``."""
        return next((p for p in self.visible_panes() if p.layer_id == layer_id), None)

    def focused_pane(self) -> LayerPane:
        """The pane with focus, else the one shown (interleaved) or the left one."""
        focused = self.screen.focused
        if isinstance(focused, LayerPane) and focused in self.visible_panes():
            return focused
        if self.stacked and self.right.has_class("-current"):
            return self.right
        return self.left

    def show(
        self,
        left: tuple[int, str],
        right: tuple[int, str] | None,
        labels: Sequence[str],
        languages: LayerLanguages | None = None,
    ) -> None:
        """Show layer ``left`` (id, text) and, if given, ``right`` beside it.

        ``languages`` gives each layer's language and the lines in another language.
        """
        line = self.left.selection.end[0] if self.left.layer_id is not None else 0
        languages = languages or {}
        self.set_class(right is None, "-single")
        for pane, shown in ((self.left, left), (self.right, right)):
            if shown is None:  # a new text comes without a companion; _stack gives one
                pane.show_layer(None, "", ())
            else:
                language, tags = languages.get(shown[0], ("", {}))
                pane.show_layer(shown[0], shown[1], labels, language, dict(tags))
        self._stack(force=True)
        self._balance()
        self.align()
        # The first layout may still change the view's width (side panels filling in).
        self.call_after_refresh(self._balance)
        if line:
            self.go_to_line(line)

    def set_languages(self, languages: LayerLanguages) -> None:
        """Show (again) which lines are in another language than their layer's."""
        for pane in self.panes:
            if pane.layer_id is not None and pane.layer_id in languages:
                pane.set_tags(dict(languages[pane.layer_id][1]))
        self._stack(force=True)  # the gutters may have grown
        self._balance()

    def paint(
        self,
        pane: LayerPane,
        runs: dict[int, list[Run]],
        stripes: dict[int, list[str]],
        mirror: dict[int, list[str]] | None = None,
    ) -> None:
        """Set the painted codings of one pane."""
        pane.set_paint(runs, stripes, mirror)

    # -- alignment and scrolling ---------------------------------------------------------

    def on_resize(self) -> None:
        self._stack()
        self._balance()

    @property
    def stacked(self) -> bool:
        """Whether the two layers are shown one above the other (a narrow view)."""
        return self.has_class("-stacked")

    def _stack(self, *, force: bool = False) -> None:
        """Interleave the two layers when side by side either would get fewer than
        :data:`MIN_COLUMN` cells of text, so that neither is squeezed into a column a few
        words wide."""
        width = self.size.width
        gutters = sum(pane.gutter_width_for(interleaved=False) for pane in self.panes) + 2
        wanted = self.paired and width > 0 and (width - gutters) // 2 < MIN_COLUMN
        if wanted != self.stacked or force:
            self.set_class(wanted, "-stacked")
            self._interleave()
            self.call_after_refresh(self.align)

    def _interleave(self) -> None:
        """Give each pane the other layer as its companion (interleaved), or none."""
        left, right = self.left, self.right
        if not self.stacked:
            left.set_companion(None)
            right.set_companion(None)
            return
        left.set_companion(
            Companion(right.document.lines, right.layer_language, above=False, tags=right.tags)
        )
        right.set_companion(
            Companion(left.document.lines, left.layer_language, above=True, tags=left.tags)
        )

    def _balance(self) -> None:
        """Give both panes the same width of *text* (the left one also has the labels)."""
        if not self.paired or self.stacked:
            self.left.styles.width = "100%" if self.stacked else "1fr"
            return
        if not self.size.width:
            return  # not laid out yet; the first resize balances the panes
        gutters = (
            self.left.gutter_width
            + self.right.gutter_width
            + self.left.margin_width
            + self.right.margin_width
            + 2
        )
        text = max(8, (self.size.width - gutters) // 2)
        self.left.styles.width = self.left.gutter_width + self.left.margin_width + text

    def align(self) -> None:
        """Pad each utterance to the taller of its versions in the two panes."""
        self._align(force=True)

    def _rows(self) -> list[int] | None:
        left, right = self.left.aligned, self.right.aligned
        if not self.paired or self.stacked or len(left.natural_rows) != len(right.natural_rows):
            return None
        return [max(a, b) for a, b in zip(left.natural_rows, right.natural_rows, strict=True)]

    def _align(self, *, force: bool) -> None:
        rows = self._rows()
        if not force and all(pane.aligned.min_rows == rows for pane in self.panes):
            return
        for pane in self.panes:
            pane.aligned.set_min_rows(rows)
            refresh_virtual_size(pane)
            pane.repaint()

    def _rewrapped(self) -> None:
        if self.is_mounted:
            self._align(force=False)

    def _scrolled(self, source: LayerPane) -> None:
        if self._syncing or not self.paired or self.stacked:
            return  # interleaved, one pane is shown; the other follows the cursor when shown
        other = self._other(source)
        target = source.scroll_y
        if other.scroll_y == target:
            return
        self._syncing = True
        try:
            other.scroll_to(y=target, animate=False, immediate=True)
        finally:
            self._syncing = False

    def _other(self, pane: LayerPane) -> LayerPane:
        return self.right if pane is self.left else self.left

    def go_to_line(self, line: int, column: int = 0) -> None:
        """Put the cursor of the focused pane at ``(line, column)`` and show it."""
        pane = self.focused_pane()
        pane.move_cursor((line, column), center=True)

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        event.stop()
        pane = event.text_area
        if not isinstance(pane, LayerPane):
            return
        line = pane.selection.end[0]
        for other in self.panes:
            other.mark_line(line)
        if pane is self.focused_pane():
            self.post_message(self.CursorMoved(pane, line))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A pane that gets focus takes over the current utterance from the other one."""
        pane = event.widget
        if not isinstance(pane, LayerPane):
            return
        shown = not pane.has_class("-current")
        for each in self.panes:
            each.set_class(each is pane, "-current")
        if pane.selection.end[0] != pane.marked_line < pane.document.line_count:
            pane.move_cursor((pane.marked_line, 0))
        if shown and self.stacked:
            self._show_like(pane, self._other(pane))

    def _show_like(self, pane: LayerPane, hidden: LayerPane) -> None:
        """Scroll ``pane``, shown instead of ``hidden``, so that the current utterance stays
        on the same screen row."""
        line = pane.selection.end[0]
        row = hidden.aligned.first_row(line) - round(hidden.scroll_y)
        if not 0 <= row < hidden.size.height:
            row = hidden.size.height // 3
        pane.wrap_now()
        target = max(0, pane.aligned.first_row(line) - row)
        pane.scroll_to(y=target, animate=False, immediate=True)
