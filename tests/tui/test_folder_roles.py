"""Each folder of tui/ holds what its name says (the rule is in docs/decisions.md).

import-linter checks who may import whom; these tests check what the modules define:
a module in ``tui/screens/`` defines a screen (or is a screen's helper: its keys, commands
or painting, with no widget of its own), one in ``tui/dialogs/`` a dialog, one in
``tui/widgets/`` a widget, and ``tui/models/`` and ``tui/keys/`` define none of them.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets.text_area import WrappedDocument

WIDGET_HELPERS = {
    "tui.widgets.aligned_document": "the document LayerPane wraps, beside its only user",
    "tui.widgets.attribute_input": "makes the Input of a typed attribute",
}
"""Modules of tui/widgets/ that define no Widget class, and why they live there."""


def _modules(package: str) -> list[ModuleType]:
    root = importlib.import_module(package)
    return [
        importlib.import_module(info.name)
        for info in pkgutil.iter_modules(root.__path__, f"{package}.")
    ]


def _classes(module: ModuleType) -> list[type]:
    return [
        value
        for value in vars(module).values()
        if inspect.isclass(value) and value.__module__ == module.__name__
    ]


@pytest.mark.parametrize("module", _modules("tui.screens"), ids=lambda m: m.__name__)
def test_screens_define_a_screen_and_no_dialog(module: ModuleType) -> None:
    classes = _classes(module)
    if not any(issubclass(c, Screen) for c in classes):  # a screen's helper module
        widgets = [c.__name__ for c in classes if issubclass(c, Widget)]
        assert not widgets, f"widgets belong in tui/widgets/: {widgets}"
    dialogs = [c.__name__ for c in classes if issubclass(c, ModalScreen)]
    assert not dialogs, f"dialogs belong in tui/dialogs/: {dialogs}"


@pytest.mark.parametrize("module", _modules("tui.dialogs"), ids=lambda m: m.__name__)
def test_dialogs_define_a_modal_screen(module: ModuleType) -> None:
    assert any(issubclass(c, ModalScreen) for c in _classes(module))


@pytest.mark.parametrize("module", _modules("tui.widgets"), ids=lambda m: m.__name__)
def test_widgets_define_a_widget(module: ModuleType) -> None:
    classes = _classes(module)
    assert not any(issubclass(c, Screen) for c in classes), "screens and dialogs live elsewhere"
    if module.__name__ in WIDGET_HELPERS:
        return
    assert any(issubclass(c, Widget) for c in classes), "no widget here: see tui/models/"


def test_the_widget_helpers_are_what_they_say() -> None:
    from tui.widgets import aligned_document, attribute_input

    assert any(issubclass(c, WrappedDocument) for c in _classes(aligned_document))
    assert callable(attribute_input.attribute_input)


@pytest.mark.parametrize(
    "module", [*_modules("tui.models"), *_modules("tui.keys")], ids=lambda m: m.__name__
)
def test_models_and_keys_define_no_widget(module: ModuleType) -> None:
    assert not any(issubclass(c, Widget) for c in _classes(module))
