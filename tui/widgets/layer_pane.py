"""One layer of a transcript in a read-only TextArea: a line per utterance, codings painted.

Row *i* of the document is utterance *i*; a column is a code-point offset within
that utterance, so a layer offset is ``line_starts[row] + column``. The gutter
shows the utterance's time and speaker on its first row, a marker on the current
utterance and a coloured stripe per code that touches it. Codings are painted in
:meth:`LayerPane.get_line` from precomputed runs, so only visible lines cost work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.document._document import Document
from textual.document._document_navigator import DocumentNavigator
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from i18n import _
from tui.widgets.aligned_document import AlignedWrappedDocument
from tui.widgets.bindings import key_binding
from tui.widgets.coding_paint import MAX_STRIPES, Run, line_starts, locate, stripe_style

_NO_RUNS: list[Run] = []
_NO_STRIPES: list[str] = []
_MARKER = Style(bold=True, color="bright_white")


def _nav(key: str, action: str, name: str) -> Binding:
    return key_binding(key, action, name, name, f"pane-{name}", show=False)


class LayerPane(TextArea, inherit_bindings=False):
    """A read-only, soft-wrapped view of one layer with codings painted in."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _nav("up", "cursor_up", "cursor-up"),
        _nav("down", "cursor_down", "cursor-down"),
        _nav("left", "cursor_left", "cursor-left"),
        _nav("right", "cursor_right", "cursor-right"),
        _nav("ctrl+left", "cursor_word_left", "word-left"),
        _nav("ctrl+right", "cursor_word_right", "word-right"),
        _nav("home", "cursor_line_start", "line-start"),
        _nav("end", "cursor_line_end", "line-end"),
        _nav("pageup", "cursor_page_up", "page-up"),
        _nav("pagedown", "cursor_page_down", "page-down"),
        _nav("ctrl+home", "document_start", "document-start"),
        _nav("ctrl+end", "document_end", "document-end"),
        _nav("shift+left", "cursor_left(True)", "select-left"),
        _nav("shift+right", "cursor_right(True)", "select-right"),
        _nav("shift+up", "cursor_up(True)", "select-up"),
        _nav("shift+down", "cursor_down(True)", "select-down"),
        _nav("ctrl+shift+left", "cursor_word_left(True)", "select-word-left"),
        _nav("ctrl+shift+right", "cursor_word_right(True)", "select-word-right"),
        _nav("shift+home", "cursor_line_start(True)", "select-line-start"),
        _nav("shift+end", "cursor_line_end(True)", "select-line-end"),
        _nav("ctrl+c", "copy", "copy"),
        key_binding(
            "escape",
            "clear_selection",
            _("Clear selection"),
            _("Drop the selection, keep the cursor"),
            "pane-clear-selection",
            show=False,
        ),
    ]

    DEFAULT_CSS = """
    LayerPane { border: none; padding: 0; }
    LayerPane:focus { border: none; }
    """

    def __init__(self, *, show_labels: bool = True, id: str | None = None) -> None:
        self.show_labels = show_labels
        self.layer_id: int | None = None
        self.starts: list[int] = [0]
        self.labels: Sequence[str] = ()
        self.label_width = 0
        self.runs: dict[int, list[Run]] = {}
        self.stripes: dict[int, list[str]] = {}
        self.mirror: dict[int, list[str]] = {}
        self.marked_line = 0
        self.on_rewrap: Callable[[], None] | None = None
        self._text = ""
        self._paint_version = 0
        self._section_cache: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(1024)
        self._gutter_style = Style()
        self._frame_base = Style()
        self._frame_width = 0
        self._frame_selection: tuple[Any, ...] = ((0, 0), (0, 0), 0, 0, False)
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            id=id,
        )
        self.match_cursor_bracket = False

    # -- document ------------------------------------------------------------------------

    def _set_document(self, text: str, language: str | None) -> None:
        """Plain text only, wrapped by :class:`AlignedWrappedDocument`."""
        self._highlight_query = None
        self.document = Document(text)
        self.wrapped_document = AlignedWrappedDocument(self.document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._build_highlight_map()
        self.move_cursor((0, 0))
        self._rewrap_and_refresh_virtual_size()

    def _rewrap_and_refresh_virtual_size(self) -> None:
        """Re-wrap (after a resize or a new text), then let the view re-align the panes."""
        # Rows drawn before the re-wrap (e.g. while the pane was hidden) are split wrongly.
        self._section_cache.clear()
        super()._rewrap_and_refresh_virtual_size()
        if self.on_rewrap is not None:
            self.on_rewrap()

    @property
    def aligned(self) -> AlignedWrappedDocument:
        """The wrapped document (always an :class:`AlignedWrappedDocument`)."""
        document = self.wrapped_document
        assert isinstance(document, AlignedWrappedDocument)
        return document

    def show_layer(self, layer_id: int | None, text: str, labels: Sequence[str]) -> None:
        """Load a layer's text; ``labels`` holds the gutter label of each line."""
        self.layer_id = layer_id
        self.starts = line_starts(text)
        self.labels = labels
        self.label_width = max((len(label) for label in labels), default=0)
        self.runs = {}
        self.stripes = {}
        self.mirror = {}
        self.marked_line = 0
        self.load_text(text)

    def set_paint(
        self,
        runs: dict[int, list[Run]],
        stripes: dict[int, list[str]],
        mirror: dict[int, list[str]] | None = None,
    ) -> None:
        """Replace the painted codings and stripes, then repaint."""
        self.runs = runs
        self.stripes = stripes
        self.mirror = mirror or {}
        self.repaint()

    def repaint(self) -> None:
        """Drop cached lines and redraw."""
        self._paint_version += 1
        self._line_cache.clear()
        self.refresh()

    @property
    def text(self) -> str:
        """The layer's text (kept, so that drawing a row never joins the whole document)."""
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def load_text(self, text: str) -> None:
        """Load ``text`` (one line per utterance)."""
        self._text = text
        self._section_cache.clear()
        super().load_text(text)

    def mark_line(self, line: int) -> None:
        """Mark ``line`` as the current utterance in the gutter."""
        if line != self.marked_line:
            self.marked_line = line
            self.refresh()

    # -- offsets -------------------------------------------------------------------------

    def offset_of(self, location: tuple[int, int]) -> int:
        """Layer offset of a (row, column) location."""
        row, column = location
        row = max(0, min(row, len(self.starts) - 1))
        return self.starts[row] + column

    def location_of(self, offset: int) -> tuple[int, int]:
        """(row, column) of a layer offset."""
        return locate(self.starts, offset)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as a layer range ``[start, end)``, or None when nothing is selected."""
        start, end = sorted(self.selection)
        if start == end:
            return None
        return self.offset_of(start), self.offset_of(end)

    def cursor_offset(self) -> int:
        """The cursor's layer offset."""
        return self.offset_of(self.selection.end)

    def select_range(self, start: int, end: int) -> None:
        """Select ``[start, end)`` of the layer and scroll it into view."""
        self.selection = Selection(self.location_of(start), self.location_of(end))
        self.scroll_cursor_visible(center=True)

    def action_clear_selection(self) -> None:
        """Collapse the selection to the cursor."""
        self.move_cursor(self.selection.end)

    def action_document_start(self) -> None:
        """Go to the first utterance."""
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        """Go to the last utterance."""
        last = self.document.line_count - 1
        self.move_cursor((last, len(self.document[last])))

    # -- painting ------------------------------------------------------------------------

    def get_line(self, line_index: int) -> Text:
        """The line's text with its codings painted in."""
        text = Text(self.document.get_line(line_index), end="", no_wrap=True)
        for start, end, style in self.runs.get(line_index, _NO_RUNS):
            text.stylize(style, start, end)
        return text

    @property
    def gutter_width(self) -> int:
        """Label (time and speaker), marker, stripes and a space."""
        label = self.label_width + 1 if self.show_labels and self.label_width else 0
        return label + 1 + MAX_STRIPES + 1

    def render_lines(self, crop: Region) -> list[Strip]:
        """Look up styles, sizes and the selection once per refresh, then draw the rows.

        Lines wrapped at a width that is no longer the pane's (the layout settled after
        the text was loaded, or a scrollbar came or went without a resize) are wrapped
        again first, so no row is cut off or wrapped too narrow.
        """
        if self.soft_wrap and self.aligned.width != self.wrap_width:
            self._rewrap_and_refresh_virtual_size()
        theme = self._theme
        self._gutter_style = self.get_component_rich_style("text-area--gutter", partial=True)
        self._frame_base = (
            theme.base_style if theme and theme.base_style is not None else self.rich_style
        )
        self._frame_width = max(0, self.scrollable_content_region.width - self.gutter_width)
        start, end = sorted(self.selection)
        cursor_row, cursor_column = self.selection.end
        self._frame_selection = (start, end, cursor_row, cursor_column, self._draw_cursor)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """A row: the gutter, then a section of a line (or nothing on a padding row)."""
        absolute = round(self.scroll_offset.y) + y
        document = self.aligned
        width = self._frame_width
        if absolute >= document.height:
            return Strip.blank(self.gutter_width + width, self._frame_base)
        line, section = document.line_at(absolute)
        if section >= document.natural_rows[line]:
            body = Strip.blank(width, self._frame_base)
        else:
            body = self._sections(line, width)[section]
        return Strip([*self._gutter(line, section), *body], self.gutter_width + width)

    def _sections(self, line_index: int, width: int) -> list[Strip]:
        """The rendered rows of a line (cached until its paint, selection or cursor change)."""
        start, end, cursor_row, cursor_column, draw_cursor = self._frame_selection
        selected = start != end and start[0] <= line_index <= end[0]
        cursor = cursor_column if cursor_row == line_index and draw_cursor else None
        key = (
            line_index,
            width,
            self._paint_version,
            (start, end) if selected else None,
            cursor,
            self.theme,
        )
        cached = self._section_cache.get(key)
        if cached is not None:
            return cached
        theme = self._theme
        text = self.get_line(line_index)
        count = len(text)
        text.set_length(count + 1)  # room for the cursor at the end of the line
        if selected and theme and theme.selection_style:
            first = start[1] if line_index == start[0] else 0
            last = end[1] if line_index == end[0] else count
            if count == 0 and line_index != cursor_row:
                text.plain = "▌"
                text.stylize(Style(color=theme.selection_style.bgcolor))
            else:
                text.stylize(theme.selection_style, first, last)
        if cursor is not None and theme and theme.cursor_style:
            text.stylize(theme.cursor_style, cursor, cursor + 1)
        offsets = self.wrapped_document.get_offsets(line_index)
        sections = text.divide(offsets) if offsets else [text]
        base = self._frame_base
        console = self.app.console
        strips = []
        for section in sections:
            section.end = ""
            if "\t" in section.plain:
                section.expand_tabs(self.indent_width)
            strip = Strip(section.render(console), section.cell_len)
            strips.append(strip.crop_extend(0, width, base).apply_style(base))
        self._section_cache[key] = strips
        return strips

    def _gutter(self, line: int, section: int) -> list[Segment]:
        style = self._gutter_style
        segments: list[Segment] = []
        if self.show_labels and self.label_width:
            label = self.labels[line] if section == 0 and line < len(self.labels) else ""
            segments.append(
                Segment(label.ljust(self.label_width + 1)[: self.label_width + 1], style)
            )
        if line == self.marked_line:
            segments.append(Segment("▌", _MARKER + style))
        else:
            segments.append(Segment(" ", style))
        colours = self.stripes.get(line, _NO_STRIPES)
        mirrored = self.mirror.get(line, _NO_STRIPES)
        shown = [(c, "▐") for c in colours] + [(c, "╎") for c in mirrored if c not in colours]
        for index in range(MAX_STRIPES):
            if index < len(shown):
                colour, glyph = shown[index]
                segments.append(Segment(glyph, stripe_style(colour)))
            else:
                segments.append(Segment(" ", style))
        segments.append(Segment(" ", style))
        return segments
