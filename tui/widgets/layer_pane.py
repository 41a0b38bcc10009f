"""One layer of a transcript in a read-only TextArea: a line per utterance, codings painted.

Row *i* of the document is utterance *i*; a column is a code-point offset within
that utterance, so a layer offset is ``line_starts[row] + column``. The gutter
shows the utterance's time and speaker on its first row, its language when it is not
the layer's, a marker on the current utterance and a coloured stripe per code that
touches it. Codings are painted in :meth:`LayerPane.get_line` from precomputed runs,
so only visible lines cost work. Interleaved with another layer (a narrow view), time,
speaker and language go on a header row above each utterance, and the other layer's
version is shown dimmed above or below it (:class:`Companion`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets.text_area import Document, Selection

from i18n import _
from tui.keys.bindings import key_binding
from tui.models.code_margin import MarginEntry, margin_row
from tui.models.coding_paint import MAX_STRIPES, Run, line_starts, locate, stripe_style
from tui.textual_internals import OwnWrapTextArea, refresh_virtual_size, text_area_theme
from tui.widgets.aligned_document import (
    ROW_COMPANION,
    ROW_HEADER,
    ROW_TEXT,
    AlignedWrappedDocument,
    Companion,
)

_NO_RUNS: list[Run] = []
_NO_STRIPES: list[str] = []
_MARKER = Style(bold=True, color="bright_white")
_DIM = Style(dim=True)
_NO_TAGS: dict[int, str] = {}


def _nav(key: str, action: str, name: str, description: str) -> Binding:
    """A hidden navigation key: ``name`` is its id, ``description`` what the Keys panel says."""
    return key_binding(key, action, description, description, f"pane-{name}", show=False)


class LayerPane(OwnWrapTextArea, inherit_bindings=False):
    """A read-only, soft-wrapped view of one layer with codings painted in."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _nav("up", "cursor_up", "cursor-up", _("Cursor up")),
        _nav("down", "cursor_down", "cursor-down", _("Cursor down")),
        _nav("left", "cursor_left", "cursor-left", _("Cursor left")),
        _nav("right", "cursor_right", "cursor-right", _("Cursor right")),
        _nav("ctrl+left", "cursor_word_left", "word-left", _("Word left")),
        _nav("ctrl+right", "cursor_word_right", "word-right", _("Word right")),
        _nav("home", "cursor_line_start", "line-start", _("Start of the line")),
        _nav("end", "cursor_line_end", "line-end", _("End of the line")),
        _nav("pageup", "cursor_page_up", "page-up", _("Page up")),
        _nav("pagedown", "cursor_page_down", "page-down", _("Page down")),
        _nav("ctrl+home", "document_start", "document-start", _("First utterance")),
        _nav("ctrl+end", "document_end", "document-end", _("Last utterance")),
        _nav("shift+left", "cursor_left(True)", "select-left", _("Select left")),
        _nav("shift+right", "cursor_right(True)", "select-right", _("Select right")),
        _nav("shift+up", "cursor_up(True)", "select-up", _("Select up")),
        _nav("shift+down", "cursor_down(True)", "select-down", _("Select down")),
        _nav(
            "ctrl+shift+left", "cursor_word_left(True)", "select-word-left", _("Select a word left")
        ),
        _nav(
            "ctrl+shift+right",
            "cursor_word_right(True)",
            "select-word-right",
            _("Select a word right"),
        ),
        _nav(
            "shift+home",
            "cursor_line_start(True)",
            "select-line-start",
            _("Select to the start of the line"),
        ),
        _nav(
            "shift+end",
            "cursor_line_end(True)",
            "select-line-end",
            _("Select to the end of the line"),
        ),
        _nav("ctrl+c", "copy", "copy", _("Copy")),
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
        self.layer_language = ""
        """The layer's language."""
        self.tags: dict[int, str] = {}
        """Line → language, for utterances not in the layer's language."""
        self.runs: dict[int, list[Run]] = {}
        self.stripes: dict[int, list[str]] = {}
        self.mirror: dict[int, list[str]] = {}
        self.margin: dict[int, list[MarginEntry]] = {}
        self.margin_width = 0
        """Columns of the coding margin right of the text (0: no margin)."""
        self.marked_line = 0
        self.on_rewrap: Callable[[], None] | None = None
        self._text = ""
        self._paint_version = 0
        self._section_cache: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(1024)
        self._gutter_style = Style()
        self._frame_base = Style()
        self._frame_width = 0
        self._frame_selection: tuple[Any, ...] = ((0, 0), (0, 0), 0, 0, False)
        self._wrap_waits = False
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

    def make_wrapped_document(self, document: Document) -> AlignedWrappedDocument:
        """Plain text only, wrapped by :class:`AlignedWrappedDocument`."""
        return AlignedWrappedDocument(document, tab_width=self.indent_width)

    def rewrap(self) -> None:
        """Re-wrap (after a resize or a new text), then let the view re-align the panes.

        A text just loaded is laid out unwrapped until the pane is first drawn: the
        pane's width settles only then (the view balances the two panes, scrollbars come
        and go), and wrapping a long layer at each passing width cost more than opening
        the rest of the screen. Wrapping again at the width already wrapped at does nothing.
        """
        width = 0 if self._wrap_waits else self.wrap_width
        # Rows drawn before the re-wrap (e.g. while the pane was hidden) are split wrongly.
        self._section_cache.clear()
        document = self.aligned
        if document.width == width and document.tab_width == self.indent_width:
            refresh_virtual_size(self)
            return
        document.wrap(width, tab_width=self.indent_width)
        refresh_virtual_size(self)
        if self.on_rewrap is not None:
            self.on_rewrap()

    def wrap_now(self) -> None:
        """Wrap a text that waits to be drawn now, at the pane's width (to scroll in it)."""
        if self._wrap_waits:
            self._wrap_waits = False
            self.rewrap()

    @property
    def aligned(self) -> AlignedWrappedDocument:
        """The wrapped document (always an :class:`AlignedWrappedDocument`)."""
        document = self.wrapped_document
        assert isinstance(document, AlignedWrappedDocument)
        return document

    def show_layer(
        self,
        layer_id: int | None,
        text: str,
        labels: Sequence[str],
        language: str = "",
        tags: dict[int, str] | None = None,
    ) -> None:
        """Load a layer's text; ``labels`` holds the gutter label of each line, ``tags``
        the language of each line that is not in the layer's ``language``."""
        self.layer_id = layer_id
        self.starts = line_starts(text)
        self.labels = labels
        self.label_width = max((len(label) for label in labels), default=0)
        self.layer_language = language
        self.tags = tags or {}
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

    def set_tags(self, tags: dict[int, str]) -> None:
        """Show the language of each line in ``tags`` (the others are in the layer's)."""
        if tags == self.tags:
            return
        width = self.gutter_width
        self.tags = tags
        self._section_cache.clear()
        if width != self.gutter_width:
            self.rewrap()
        self.repaint()

    @property
    def companion(self) -> Companion | None:
        """The other layer interleaved with this one (None: shown alone or side by side)."""
        return self.aligned.companion

    def set_companion(self, companion: Companion | None) -> None:
        """Interleave the other layer's lines with this one's, or stop (None)."""
        if companion is None and self.companion is None:
            return
        self.aligned.set_companion(companion)
        self.rewrap()
        self.repaint()

    def set_margin(self, entries: dict[int, list[MarginEntry]], width: int) -> None:
        """Show the code names of each line in a margin ``width`` columns wide (0: none)."""
        self.margin = entries
        if width != self.margin_width:
            self.margin_width = width
            self.rewrap()
        self.repaint()

    @property
    def wrap_width(self) -> int:
        """The text's wrapping width: the pane less the gutter, the cursor and the margin."""
        return max(0, super().wrap_width - self.margin_width)

    def repaint(self) -> None:
        """Drop cached lines and redraw."""
        self._paint_version += 1
        self.refresh()

    @property
    def text(self) -> str:
        """The layer's text (kept, so that drawing a row never joins the whole document)."""
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def load_text(self, text: str) -> None:
        """Load ``text`` (one line per utterance); it is wrapped when first drawn."""
        self._text = text
        self._section_cache.clear()
        self._wrap_waits = True
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
    def tag_width(self) -> int:
        """Cells of the gutter's language column (0 when every line is in the layer's)."""
        if not self.tags or self.companion is not None:
            return 0
        return max(len(tag) for tag in self.tags.values()) + 1

    @property
    def gutter_width(self) -> int:
        """Label (time and speaker), language, marker, stripes and a space.

        Interleaved, the label and language are on each utterance's header row instead.
        """
        return self.gutter_width_for(interleaved=self.companion is not None)

    def gutter_width_for(self, *, interleaved: bool) -> int:
        """The gutter's width side by side or alone (False) or interleaved (True)."""
        if interleaved:
            return 1 + MAX_STRIPES + 1
        label = self.label_width + 1 if self.show_labels and self.label_width else 0
        tags = max(len(tag) for tag in self.tags.values()) + 1 if self.tags else 0
        return label + tags + 1 + MAX_STRIPES + 1

    def render_lines(self, crop: Region) -> list[Strip]:
        """Look up styles, sizes and the selection once per refresh, then draw the rows.

        Lines wrapped at a width that is no longer the pane's (the layout settled after
        the text was loaded, or a scrollbar came or went without a resize) are wrapped
        again first, so no row is cut off or wrapped too narrow.
        """
        if self._wrap_waits:
            self._wrap_waits = False
            if self.selection.end != (0, 0):  # keep the cursor in view once rows are known
                self.call_after_refresh(self.scroll_cursor_visible, center=True)
        if self.soft_wrap and self.aligned.width != self.wrap_width:
            self.rewrap()
        theme = text_area_theme(self)
        self._gutter_style = self.get_component_rich_style("text-area--gutter", partial=True)
        self._frame_base = (
            theme.base_style if theme and theme.base_style is not None else self.rich_style
        )
        self._frame_width = max(
            0, self.scrollable_content_region.width - self.gutter_width - self.margin_width
        )
        start, end = sorted(self.selection)
        cursor_row, cursor_column = self.selection.end
        draw_cursor = self.show_cursor and self.has_focus  # a read-only TextArea's cursor
        self._frame_selection = (start, end, cursor_row, cursor_column, draw_cursor)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """A row: the gutter, then a section of a line (or nothing on a padding row)."""
        absolute = round(self.scroll_offset.y) + y
        document = self.aligned
        width = self._frame_width
        margin = self.margin_width
        if absolute >= document.height:
            return Strip.blank(self.gutter_width + width + margin, self._frame_base)
        line, section = document.line_at(absolute)
        kind, row = document.row_kind(line, section)
        if kind == ROW_HEADER:
            return self._header(line, width + margin)
        if kind == ROW_COMPANION:
            return self._companion_row(line, row, width + margin)
        if kind == ROW_TEXT:
            body = self._sections(line, width)[section]
        else:
            body = Strip.blank(width, self._frame_base)
        segments = [*self._gutter(line, section), *body]
        if margin:
            rows = document.first_row(line + 1) - document.first_row(line)
            if line + 1 >= len(document.natural_rows):
                rows = document.height - document.first_row(line)
            entries = self.margin.get(line, [])
            segments.extend(margin_row(entries, section, rows, margin, self._gutter_style))
        return Strip(segments, self.gutter_width + width + margin)

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
        theme = text_area_theme(self)
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

    def _header(self, line: int, width: int) -> Strip:
        """An interleaved utterance's first row: time, speaker and its language if not the
        layer's, in line with the text below."""
        style = self._gutter_style
        label = self.labels[line] if line < len(self.labels) else ""
        tag = self.tags.get(line, "")
        text = f"{label.rstrip()}  {tag}" if tag else label.rstrip()
        marker = Segment("▌", _MARKER + style) if line == self.marked_line else Segment(" ", style)
        segments = [marker, Segment(" " * (self.gutter_width - 1), style), Segment(text, style)]
        return Strip(segments).crop_extend(0, self.gutter_width + width, self._frame_base)

    def _companion_row(self, line: int, row: int, width: int) -> Strip:
        """Row ``row`` of the other layer's version of ``line``: its language, then its text
        dimmed."""
        companion = self.companion
        document = self.aligned
        if companion is None or line >= len(companion.lines):
            return Strip.blank(self.gutter_width + width, self._frame_base)
        text = companion.lines[line]
        offsets = document.companion_offsets[line] if line < len(document.companion_offsets) else []
        bounds = [0, *offsets, len(text)]
        piece = text[bounds[row] : bounds[row + 1]] if row + 1 < len(bounds) else ""
        indent = companion.indent
        tag = companion.tag(line) if row == 0 else ""
        base = self._frame_base
        segments = [
            Segment(" " * self.gutter_width, base),
            Segment(tag.ljust(indent), self._gutter_style),
            Segment(piece.replace("\t", " "), base + _DIM),
        ]
        return Strip(segments).crop_extend(0, self.gutter_width + width, base)

    def _gutter(self, line: int, section: int) -> list[Segment]:
        style = self._gutter_style
        segments: list[Segment] = []
        if self.show_labels and self.label_width and self.companion is None:
            label = self.labels[line] if section == 0 and line < len(self.labels) else ""
            segments.append(
                Segment(label.ljust(self.label_width + 1)[: self.label_width + 1], style)
            )
        tags = self.tag_width
        if tags:
            tag = self.tags.get(line, "") if section == 0 else ""
            segments.append(Segment(tag.ljust(tags), style))
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
