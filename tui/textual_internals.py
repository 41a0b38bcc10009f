"""Every use of Textual's private names in the app, in one module (Textual is pinned exactly).

Textual has no public API for a few things the app needs to stay fast or translated:
a DataTable that adds thousands of rows without measuring each cell
(:class:`FastDataTable`), a stylesheet whose parse cache outlives a re-parse
(:class:`ReusingStylesheet`), a TextArea that wraps and draws its document our way
(:class:`OwnWrapTextArea`, :func:`compute_wrap_offsets`, :func:`refresh_virtual_size`,
:func:`text_area_theme`, and the ``set_wrap_*``/``wrapped_*`` functions for a
:class:`~textual.widgets.text_area.WrappedDocument` that lays out its own rows), and key
bindings whose descriptions change with the UI language (:func:`key_bindings`).
Everything else uses public names. ``tests/tui/test_textual_internals.py`` checks that
each private name in :data:`TEXTUAL_PRIVATE_NAMES` still exists with the shape used here,
so an upgrade of Textual fails there, loudly, before anything else breaks; it also fails
when another module of ``tui/`` uses a private Textual name. docs/decisions.md lists
what is left and why.

Re-parsing stylesheets: Textual re-parses every CSS source of the app (its own file and
the ``DEFAULT_CSS`` of every widget class seen so far) whenever a screen brings a widget
class it has not seen, and whenever a screen is shown whose styles are older than the
app's: it builds a fresh :class:`~textual.css.stylesheet.Stylesheet`, whose parse cache
starts empty. With about a hundred sources that is 30–150 ms on every first open of a
screen and on many screen switches. :class:`ReusingStylesheet` hands the fresh stylesheet
a cache that outlives it, so only new sources are parsed. Parsed rules depend on the CSS
variables (the theme), so the cache is dropped when they change.

Adding and drawing rows: Textual's DataTable measures every cell of every new row (a Rich
measurement per cell) to size its auto-width columns, which takes about half a second for
1,000 rows × 8 columns; :class:`FastDataTable` skips that when every column has a fixed
width, and draws one-line Text cells directly (crop, pad, layer the styles) instead of
through Rich's general layout, which made every page of a scroll cost about 1 ms per cell.
``DataTable.add_row`` redoes per row what a batch needs once (the ordered column list
twice, the cursor check, the idle check), about 0.1 ms a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._wrap import compute_wrap_offsets
from textual.binding import Binding
from textual.cache import LRUCache
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widgets import DataTable, TextArea
from textual.widgets.data_table import DuplicateKey, Row, RowKey
from textual.widgets.text_area import Document, DocumentNavigator, TextAreaTheme, WrappedDocument

__all__ = [
    "TEXTUAL_PRIVATE_NAMES",
    "FastDataTable",
    "OwnWrapTextArea",
    "ReusingStylesheet",
    "compute_wrap_offsets",
    "key_bindings",
    "refresh_virtual_size",
    "set_wrap_rows",
    "set_wrap_sections",
    "text_area_theme",
    "wrapped_tab_width",
    "wrapped_width",
]

TEXTUAL_PRIVATE_NAMES: dict[str, tuple[str, ...]] = {
    "textual._wrap": ("compute_wrap_offsets",),
    "textual.dom.DOMNode": ("_bindings",),
    "textual.widgets.DataTable": (
        "_row_locations",
        "_column_locations",
        "_data",
        "_new_rows",
        "_require_update_dimensions",
        "_highlight_cursor",
        "_update_count",
        "_update_dimensions",
        "_render_cell",
        "_show_hover_cursor",
        "_pseudo_class_state",
        "_cell_render_cache",
        "_get_styles_to_render_cell",
    ),
    "textual.css.stylesheet.Stylesheet": (
        "_parse_cache",
        "_variables",
        "_invalid_css",
        "_rules",
        "_rules_map",
        "_require_parse",
    ),
    "textual.widgets.TextArea": (
        "_refresh_size",
        # OwnWrapTextArea (the base of LayerPane) builds its own wrapped document:
        "_set_document",
        "_rewrap_and_refresh_virtual_size",
        # LayerPane draws its own lines with the TextArea's theme:
        "_theme",
    ),
    # the set_wrap_*/wrapped_* functions, for AlignedWrappedDocument's own wrap and rows:
    "textual.widgets.text_area.WrappedDocument": (
        "_width",
        "_tab_width",
        "_wrap_offsets",
        "_tab_width_cache",
        "_offset_to_line_info",
        "_line_index_to_offsets",
    ),
}
"""Textual's private names the app relies on, by owner (checked by a test on upgrade)."""

KEPT_SOURCES = 1024
"""How many parsed sources are kept (the app has about a hundred)."""


def key_bindings(node: DOMNode) -> dict[str, list[Binding]]:
    """The live map key → bindings of ``node`` (change it to relabel the node's keys)."""
    bindings: dict[str, list[Binding]] = node._bindings.key_to_bindings
    return bindings


def refresh_virtual_size(text_area: TextArea) -> None:
    """Make ``text_area`` take the size of its (re-wrapped) document, scroll bars included."""
    text_area._refresh_size()


def text_area_theme(text_area: TextArea) -> TextAreaTheme | None:
    """The theme ``text_area`` draws with (its CSS applied), to draw its lines another way."""
    theme: TextAreaTheme | None = text_area._theme
    return theme


class OwnWrapTextArea(TextArea):
    """A TextArea of plain text whose wrapped document and re-wrap a subclass provides.

    TextArea builds its :class:`WrappedDocument` and re-wraps it in private methods (on a
    new text, a resize, a scroll bar coming or going); this class routes both to
    :meth:`make_wrapped_document` and :meth:`rewrap`. The text is always plain (no syntax
    highlighting): the ``language`` a TextArea is given is not used.
    """

    def make_wrapped_document(self, document: Document) -> WrappedDocument:
        """The wrapped view of a newly loaded ``document`` (TextArea's own by default)."""
        return WrappedDocument(document, tab_width=self.indent_width)

    def rewrap(self) -> None:
        """Wrap the document at :attr:`wrap_width` and take its size (TextArea's own way)."""
        super()._rewrap_and_refresh_virtual_size()

    def _set_document(self, text: str, language: str | None) -> None:
        self.document = Document(text)
        self.wrapped_document = self.make_wrapped_document(self.document)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self.move_cursor((0, 0))
        self.rewrap()

    def _rewrap_and_refresh_virtual_size(self) -> None:
        self.rewrap()


def wrapped_width(document: WrappedDocument) -> int:
    """The width (in cells) ``document`` was last wrapped at; 0: not wrapped."""
    width: int = document._width
    return width


def wrapped_tab_width(document: WrappedDocument) -> int:
    """The tab width ``document`` was last wrapped with."""
    tab_width: int = document._tab_width
    return tab_width


def set_wrap_sections(
    document: WrappedDocument,
    width: int,
    tab_width: int,
    offsets: list[list[int]],
    tab_widths: list[list[int]],
) -> None:
    """Record a wrap computed outside ``document``: where each line breaks, its tab widths.

    ``offsets[i]`` holds the code-point offsets where line *i* breaks, ``tab_widths[i]``
    the cell width of each tab on it; call :func:`set_wrap_rows` after it.
    """
    document._width = width
    document._tab_width = tab_width
    document._wrap_offsets = offsets
    document._tab_width_cache = tab_widths


def set_wrap_rows(
    document: WrappedDocument,
    row_to_line: Sequence[tuple[int, int]],
    line_to_rows: Sequence[Sequence[int]],
) -> None:
    """Lay out ``document``'s rows: row → (line, section), line → its rows.

    Sequences computed on demand do as well as lists (only indexing and ``len`` are used).
    """
    rows: Any = row_to_line
    lines: Any = line_to_rows
    document._offset_to_line_info = rows
    document._line_index_to_offsets = lines


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


class FastDataTable(DataTable[object]):
    """DataTable with a batch :meth:`add_keyed_rows`, no measuring of fixed-width columns,
    and a direct drawing path for one-line :class:`rich.text.Text` cells (same output).

    The base of :class:`tui.widgets.sized_table.SizedTable`; it overrides DataTable's
    private ``_update_dimensions`` and ``_render_cell`` and fills its row indexes itself.
    """

    def add_keyed_rows(self, rows: Iterable[tuple[str, Sequence[object]]]) -> list[RowKey]:
        """Add one-line rows ``(key, cells)`` at the bottom, as ``add_row`` would one by one."""
        columns = self.ordered_columns
        width = len(columns)
        was_empty = self.row_count == 0
        keys = []
        for key, cells in rows:
            row_key = RowKey(key)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > width:
                raise ValueError("More values provided than there are columns.")
            self._row_locations[row_key] = len(self.rows)
            self._data[row_key] = {
                column.key: value for column, value in zip_longest(columns, cells)
            }
            self.rows[row_key] = Row(row_key, 1, None, False)
            self._new_rows.add(row_key)
            keys.append(row_key)
        if not keys:
            return keys
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if was_empty and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self._update_count += len(keys)
        self.check_idle()
        return keys

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if self.columns and not any(c.auto_width for c in self.columns.values()):
            new_rows = ()
        super()._update_dimensions(new_rows)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """Render a body cell; one-line Text cells take a direct path (same output)."""
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row = self.rows.get(row_key)
        cell = self._data[row_key].get(column_key) if row is not None else None
        if (
            row is None
            or row.height != 1
            or not isinstance(cell, Text)
            or "\n" in cell.plain
            or "\t" in cell.plain
            or cell.justify not in (None, "default", "left", "right")
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        if cache_key in cache:
            return cache[cache_key]
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            fixed,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = (
            base_style + Style.from_meta({"row": row_index, "column": column_index})
        ) + component_style
        padding = self.cell_padding
        inner = max(0, width - 2 * padding)
        text = cell
        if text.cell_len > inner:
            text = cell.copy()
            text.truncate(inner, overflow=cell.overflow or "fold")  # a cell may ask for "…"
        console = self.app.console
        segments = list(
            Segment.apply_style(text.render(console, end=""), console.get_style(text.style))
        )
        fill = inner - text.cell_len
        if fill > 0:
            blank = Segment(" " * fill)
            segments = [blank, *segments] if cell.justify == "right" else [*segments, blank]
        side = [Segment(" " * padding)] if padding else []
        line = list(Segment.apply_style([*side, *segments, *side], pre_style, post_style))
        cache[cache_key] = [line]
        return [line]
