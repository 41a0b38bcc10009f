"""What :mod:`i18n.click_strings` relies on in click is still there, with the same shape.

click has no API for translating its own texts, so :func:`i18n.click_strings.install`
rebinds the module-level ``_``/``ngettext`` of click's modules and wraps four methods
(click is pinned exactly). Click's source is read here, not its classes, because
``install`` may already have wrapped them in this process.
"""

from __future__ import annotations

import ast
import tomllib
from importlib.metadata import version
from pathlib import Path

import click
import pytest

from i18n.click_strings import CLICK_MODULES, USAGE_PIECES

CLICK_DIR = Path(click.__file__).parent
PROJECT = Path(__file__).resolve().parents[2]


def _tree(module: str) -> ast.Module:
    return ast.parse((CLICK_DIR / f"{module.split('.')[1]}.py").read_text(encoding="utf-8"))


def _gettext_names(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level from the standard library's gettext."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "gettext":
            names.update(alias.asname or alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("module", CLICK_MODULES)
def test_click_modules_translate_with_module_level_gettext(module: str) -> None:
    names = _gettext_names(_tree(module))
    assert "_" in names, f"{module} no longer binds gettext as _: see i18n/click_strings.py"
    assert names <= {"_", "ngettext"}


def test_no_other_click_module_translates_user_texts() -> None:
    others = {
        f"click.{path.stem}"
        for path in CLICK_DIR.glob("*.py")
        if not path.stem.startswith("_") and _gettext_names(ast.parse(path.read_text("utf-8")))
    }
    # shell completion and utils only word programming errors and file names
    assert others - set(CLICK_MODULES) <= {"click.shell_completion", "click.utils"}


METHODS = {
    ("Command", "collect_usage_pieces"): ["self", "ctx"],
    ("Group", "collect_usage_pieces"): ["self", "ctx"],
    ("Parameter", "make_metavar"): ["self", "ctx"],
    ("Argument", "make_metavar"): ["self", "ctx"],
    ("Command", "format_help"): ["self", "ctx", "formatter"],
    ("Command", "get_short_help_str"): ["self", "limit"],
}
"""The methods ``install`` wraps, with the parameters the wrappers pass on."""


def test_wrapped_methods_keep_their_parameters() -> None:
    found: dict[tuple[str, str], list[str]] = {}
    for node in _tree("click.core").body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and (node.name, item.name) in METHODS:
                    found[(node.name, item.name)] = [a.arg for a in item.args.args]
    assert found == METHODS, "click changed a method i18n/click_strings.py wraps"


def test_usage_placeholders_are_still_written_by_click() -> None:
    strings = {
        node.value
        for node in ast.walk(_tree("click.core"))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert set(USAGE_PIECES) <= strings, "click writes other usage placeholders now"


def test_click_is_pinned_exactly_to_the_installed_version() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in project["project"]["dependencies"] if d.startswith("click")]
    assert pins == [f"click=={version('click')}"]
