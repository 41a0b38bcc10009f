"""Click's own texts are in our catalogs, verbatim, so that the CLI can translate them."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import click.formatting

from i18n import set_language
from i18n.click_strings import CLICK_MODULES, CLICK_PLURALS, CLICK_TEXTS, install


def _click_literals() -> tuple[set[str], set[tuple[str, str]]]:
    """The literal msgids in click's ``_()`` and ``ngettext()`` calls."""
    texts: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    folder = Path(click.__file__).parent
    for name in CLICK_MODULES:
        tree = ast.parse((folder / f"{name.split('.')[1]}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if node.func.id == "_" and args:
                texts.add(args[0])
            elif node.func.id == "ngettext" and len(args) >= 2:
                plurals.add((args[0], args[1]))
    return texts, plurals


def test_our_list_matches_this_click() -> None:
    texts, plurals = _click_literals()
    assert set(CLICK_TEXTS) - texts == set(), "click changed these texts"
    assert set(CLICK_PLURALS) - plurals == set(), "click changed these plural texts"
    for needed in ("Usage:", "Options", "Show this message and exit.", "Error: {message}"):
        assert needed in CLICK_TEXTS


def test_click_formats_help_in_the_ui_language() -> None:
    install()
    set_language("kk")
    formatter = click.HelpFormatter()
    formatter.write_usage("suhbat", "PROJECT")
    assert formatter.getvalue().startswith("Қолданылуы: suhbat PROJECT")
    set_language("en")
    formatter = click.HelpFormatter()
    formatter.write_usage("suhbat", "PROJECT")
    assert formatter.getvalue().startswith("Usage: suhbat PROJECT")
