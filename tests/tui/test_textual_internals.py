"""Textual's private names the app relies on still exist, with the shape it uses.

Textual is pinned exactly; when it is upgraded, a failure here names the private name
that moved or changed, before a screen breaks in a less obvious way. Everything listed
in :data:`tui.textual_internals.TEXTUAL_PRIVATE_NAMES` is checked, and no other module
reaches into Textual's private modules.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual._wrap import compute_wrap_offsets
from textual.cache import LRUCache
from textual.css.stylesheet import Stylesheet
from textual.widgets import DataTable, Static, TextArea
from textual.widgets.text_area import Document, WrappedDocument

from tui import textual_internals
from tui.textual_internals import TEXTUAL_PRIVATE_NAMES

METHODS: dict[tuple[str, str], tuple[Callable[..., object], tuple[str, ...]]] = {
    ("textual._wrap", "compute_wrap_offsets"): (
        compute_wrap_offsets,
        ("text", "width", "tab_size", "fold", "precomputed_tab_sections"),
    ),
    ("textual.widgets.DataTable", "_update_dimensions"): (
        DataTable._update_dimensions,
        ("self", "new_rows"),
    ),
    ("textual.widgets.DataTable", "_render_cell"): (
        DataTable._render_cell,
        ("self", "row_index", "column_index", "base_style", "width", "cursor", "hover"),
    ),
    ("textual.widgets.DataTable", "_get_styles_to_render_cell"): (
        DataTable._get_styles_to_render_cell,
        (
            "self",
            "is_header_cell",
            "is_row_label_cell",
            "is_fixed_style_cell",
            "hover",
            "cursor",
            "show_cursor",
            "show_hover_cursor",
            "has_css_foreground_priority",
            "has_css_background_priority",
        ),
    ),
    ("textual.widgets.DataTable", "_highlight_cursor"): (DataTable._highlight_cursor, ("self",)),
    ("textual.widgets.TextArea", "_refresh_size"): (TextArea._refresh_size, ("self",)),
    ("textual.widgets.TextArea", "_set_document"): (
        TextArea._set_document,
        ("self", "text", "language"),
    ),
    ("textual.widgets.TextArea", "_rewrap_and_refresh_virtual_size"): (
        TextArea._rewrap_and_refresh_virtual_size,
        ("self",),
    ),
    ("textual.widgets.TextArea", "_build_highlight_map"): (
        TextArea._build_highlight_map,
        ("self",),
    ),
}
"""Private functions and methods, with their parameter names."""


def _table() -> object:
    return DataTable()


ATTRIBUTES: dict[str, tuple[Callable[[], object], dict[str, type | None]]] = {
    "textual.dom.DOMNode": (Static, {"_bindings": None}),
    "textual.widgets.DataTable": (
        _table,
        {
            "_row_locations": None,
            "_column_locations": None,
            "_data": dict,
            "_new_rows": set,
            "_require_update_dimensions": bool,
            "_update_count": int,
            "_show_hover_cursor": bool,
            "_pseudo_class_state": None,
            "_cell_render_cache": LRUCache,
        },
    ),
    "textual.css.stylesheet.Stylesheet": (
        Stylesheet,
        {
            "_parse_cache": LRUCache,
            "_variables": dict,
            "_invalid_css": set,
            "_rules": list,
            "_rules_map": None,
            "_require_parse": bool,
        },
    ),
    "textual.widgets.TextArea": (
        lambda: TextArea("text"),
        {"_highlight_query": None, "_line_cache": LRUCache, "_theme": None, "_draw_cursor": None},
    ),
    "textual.widgets.text_area.WrappedDocument": (
        lambda: WrappedDocument(Document("one two"), width=4),
        {
            "_width": int,
            "_tab_width": int,
            "_wrap_offsets": list,
            "_tab_width_cache": list,
            "_offset_to_line_info": list,
            "_line_index_to_offsets": list,
        },
    ),
}
"""Private attributes, on an instance of their owner, with their type where it matters."""


def test_every_listed_name_is_checked() -> None:
    checked = {
        *METHODS,
        *((owner, name) for owner, (_, names) in ATTRIBUTES.items() for name in names),
    }
    listed = {(owner, name) for owner, names in TEXTUAL_PRIVATE_NAMES.items() for name in names}
    assert checked == listed


@pytest.mark.parametrize("key", list(METHODS), ids=lambda key: f"{key[0]}.{key[1]}")
def test_private_functions_keep_their_parameters(key: tuple[str, str]) -> None:
    function, parameters = METHODS[key]
    found = tuple(inspect.signature(function).parameters)
    assert found == parameters, f"Textual changed {key[0]}.{key[1]}: see tui/textual_internals.py"


@pytest.mark.parametrize("owner", list(ATTRIBUTES))
def test_private_attributes_still_exist(owner: str) -> None:
    make, names = ATTRIBUTES[owner]
    instance = make()
    for name, kind in names.items():
        try:
            value = inspect.getattr_static(instance, name)
        except AttributeError:
            pytest.fail(f"Textual removed {owner}.{name}: see tui/textual_internals.py")
        if kind is not None:
            assert isinstance(value, kind), f"{owner}.{name} is now {type(value).__name__}"
    if owner == "textual.dom.DOMNode":
        assert isinstance(inspect.getattr_static(instance, "_bindings").key_to_bindings, dict)
    if owner == "textual.widgets.DataTable":
        locations = inspect.getattr_static(instance, "_row_locations")
        assert callable(locations.get_key) and callable(locations.get)


PRIVATE_MODULE = re.compile(r"^\s*(from|import) textual(\.\w+)*\._", re.MULTILINE)


def test_only_the_internals_module_imports_private_textual_modules() -> None:
    root = Path(textual_internals.__file__).parent
    importing = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if PRIVATE_MODULE.search(path.read_text(encoding="utf-8"))
    )
    assert importing == ["textual_internals.py"]
