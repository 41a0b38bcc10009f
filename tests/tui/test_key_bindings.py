"""Every key of the app is declared one way: with an id, a tooltip and its layout twin."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

from textual.binding import Binding
from textual.dom import DOMNode

import tui.screens
import tui.widgets

LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
CYRILLIC = "йцукенгшщзхъфывапролджэячсмитьбюё"
"""The same keys on the Russian and Kazakh (ЙЦУКЕН) layouts."""

TWIN = dict(zip(LATIN, CYRILLIC, strict=True))

WITHOUT_TWIN = {"confirm-yes"}
"""y has no twin on purpose: its place on a Russian layout is «н», which means no."""


def _modules() -> list[ModuleType]:
    modules = [importlib.import_module("tui.app")]
    for package in (tui.screens, tui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return modules


def _declared() -> list[tuple[str, Binding]]:
    """(class name, binding) for every binding a class of the app declares itself."""
    found = []
    for module in _modules():
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                for binding in cls.__dict__.get("BINDINGS", []):
                    assert isinstance(binding, Binding), (name, binding)
                    found.append((name, binding))
    return found


def test_every_binding_has_an_id_a_tooltip_and_its_cyrillic_twin() -> None:
    declared = _declared()
    assert len(declared) > 150
    for owner, binding in declared:
        assert binding.id and binding.tooltip and binding.description, (owner, binding.key)
        keys = binding.key.split(",")
        if binding.id in WITHOUT_TWIN:
            continue
        for key in keys:
            if key in TWIN:
                assert TWIN[key] in keys, (owner, binding.id, binding.key)


def test_ids_are_unique_on_each_screen() -> None:
    by_owner: dict[str, list[str]] = {}
    for owner, binding in _declared():
        by_owner.setdefault(owner, []).append(binding.id or "")
    for owner, ids in by_owner.items():
        assert len(ids) == len(set(ids)), owner


def test_bindings_are_built_only_by_the_bindings_module() -> None:
    """One way to build a key binding: :func:`tui.widgets.bindings.key_binding`."""
    root = Path(next(iter(tui.screens.__path__))).parent
    makers = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Binding"
            ):
                makers.append(str(path.relative_to(root)))
    assert makers == ["widgets/bindings.py"]
