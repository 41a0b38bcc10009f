"""Textual's private names the app relies on still exist, with the shape it uses.

Textual is pinned exactly; when it is upgraded, a failure here names the private name
that moved or changed, before a screen breaks in a less obvious way. Everything listed
in :data:`tui.textual_internals.TEXTUAL_PRIVATE_NAMES` is checked, and no other module
of ``tui/`` imports a private Textual module or name, overrides a private Textual method
or reads or writes a private attribute of a Textual object.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
import textual
from textual._wrap import compute_wrap_offsets
from textual.cache import LRUCache
from textual.css.stylesheet import Stylesheet
from textual.widgets import DataTable, Static, TextArea
from textual.widgets.text_area import Document, TextAreaTheme, WrappedDocument

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
        {"_theme": TextAreaTheme},
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


NAMEDTUPLE_API = frozenset({"_replace", "_asdict", "_make", "_fields", "_field_defaults"})
"""Public methods of a NamedTuple (Textual's SystemCommand is one), private only in name."""


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def _defined_names(tree: ast.AST) -> set[str]:
    """Private names ``tree`` defines: functions, classes, assigned names and attributes."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return {name for name in names if _is_private(name)}


@cache
def _textual_private_names() -> frozenset[str]:
    """Every private name Textual's source defines, anywhere."""
    root = Path(textual.__file__).parent
    names: set[str] = set()
    for path in root.rglob("*.py"):
        names |= _defined_names(ast.parse(path.read_text(encoding="utf-8")))
    return frozenset(names)


@cache
def _private_names_of(cls: type) -> frozenset[str]:
    """The private names a Textual class defines (in its body and on its instances)."""
    names = {name for name in vars(cls) if _is_private(name)}
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return frozenset(names)
    return frozenset(names | _defined_names(ast.parse(source)))


def _textual_names_of(cls: type) -> frozenset[str]:
    """The private names that ``cls`` inherits from Textual classes."""
    names: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.partition(".")[0] == "textual":
            names |= _private_names_of(base)
    return frozenset(names)


def _is_own(receiver: ast.expr) -> bool:
    """``self``, ``cls`` or ``super()``: the attribute belongs to the class being defined."""
    if isinstance(receiver, ast.Name):
        return receiver.id in ("self", "cls")
    return (
        isinstance(receiver, ast.Call)
        and isinstance(receiver.func, ast.Name)
        and receiver.func.id == "super"
    )


class _PrivateUses(ast.NodeVisitor):
    """Collects ``line: code`` of each use of a private Textual name in one module.

    An attribute of ``self``/``cls``/``super()`` is Textual's when a Textual class the
    class derives from defines it (so an override of a private method counts too); an
    attribute of anything else is Textual's when Textual defines that private name and
    ``ours`` (the private names the app's own modules define) does not.
    """

    def __init__(self, module: object, ours: frozenset[str]) -> None:
        self.ours = ours
        self.owners: list[object] = [module]
        self.found: list[str] = []

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module.partition(".")[0] == "textual" and (
            any(_is_private(part) for part in module.split("."))
            or any(_is_private(alias.name) for alias in node.names)
        ):
            self.found.append(f"{node.lineno}: {ast.unparse(node)}")

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            parts = alias.name.split(".")
            if parts[0] == "textual" and any(_is_private(part) for part in parts):
                self.found.append(f"{node.lineno}: {ast.unparse(node)}")

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        cls = getattr(self.owners[-1], node.name, None)
        if isinstance(cls, type):
            textual_names = _textual_names_of(cls)
            for item in node.body:
                if (
                    isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and item.name in textual_names
                ):
                    self.found.append(f"{item.lineno}: def {item.name}")
        self.owners.append(cls)
        self.generic_visit(node)
        self.owners.pop()

    def visit_Attribute(self, node: ast.Attribute) -> None:
        name = node.attr
        if _is_private(name):
            cls = self.owners[-1]
            if _is_own(node.value) and isinstance(cls, type):
                textual = name in _textual_names_of(cls)
            else:
                textual = (
                    name in _textual_private_names()
                    and name not in self.ours
                    and name not in NAMEDTUPLE_API
                )
            if textual:
                self.found.append(f"{node.lineno}: {ast.unparse(node)}")
        self.generic_visit(node)


def _private_textual_uses(module: object, tree: ast.AST, ours: frozenset[str]) -> list[str]:
    finder = _PrivateUses(module, ours)
    finder.visit(tree)
    return finder.found


def test_only_the_internals_module_uses_private_textual_names() -> None:
    root = Path(textual_internals.__file__).parent
    trees = {
        path: ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(root.rglob("*.py"))
        if path.name != "textual_internals.py"
    }
    ours = frozenset(name for tree in trees.values() for name in _defined_names(tree))
    found = []
    for path, tree in trees.items():
        relative = path.relative_to(root).with_suffix("")
        name = ".".join(("tui", *relative.parts)).removesuffix(".__init__")
        module = importlib.import_module(name)
        found += [f"tui/{relative}.py:{use}" for use in _private_textual_uses(module, tree, ours)]
    assert found == [], "move these into tui/textual_internals.py:\n" + "\n".join(found)


CAUGHT = """
from textual._wrap import compute_wrap_offsets
from textual.widgets import TextArea
from textual.widgets._text_area import TextAreaTheme


class Pane(TextArea):
    def _set_document(self, text, language):
        self._own = 1
        self._line_cache.clear()
        super()._refresh_size()


def relabel(node):
    return node._bindings
"""


def test_the_guard_catches_private_imports_overrides_and_attributes() -> None:
    module = ModuleType("caught")
    exec(compile(CAUGHT, "caught", "exec"), module.__dict__)
    found = _private_textual_uses(module, ast.parse(CAUGHT), frozenset({"_own"}))
    assert found == [
        "2: from textual._wrap import compute_wrap_offsets",
        "4: from textual.widgets._text_area import TextAreaTheme",
        "8: def _set_document",
        "10: self._line_cache",
        "11: super()._refresh_size",
        "15: node._bindings",
    ]
