"""Textual's own English strings (palette commands, placeholder) reach our catalogs."""

from __future__ import annotations

import ast
import inspect

import pytest
from textual.app import App
from textual.command import CommandPalette

from i18n import _, set_language
from i18n.textual_strings import (
    PALETTE_PLACEHOLDER,
    is_textual_text,
    textual_text,
)


def _system_command_texts() -> list[str]:
    """Every literal title and help text in Textual's ``App.get_system_commands``."""
    source = inspect.getsource(App.get_system_commands)
    indent = len(source) - len(source.lstrip())
    tree = ast.parse("\n".join(line[indent:] for line in source.splitlines()))
    texts: list[str] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "SystemCommand"
        ):
            texts += [
                a.value
                for a in node.args[:2]
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
    return texts


def test_every_builtin_palette_command_of_this_textual_is_known() -> None:
    texts = _system_command_texts()
    assert "Theme" in texts and "Screenshot" in texts
    unknown = [text for text in texts if not is_textual_text(text)]
    assert not unknown, f"add these Textual strings to i18n/textual_strings.py: {unknown}"


def test_palette_placeholder_is_textuals_default() -> None:
    default = inspect.signature(CommandPalette.__init__).parameters["placeholder"].default
    assert default == PALETTE_PLACEHOLDER


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_builtin_commands_are_translated(language: str) -> None:
    set_language(language)
    for text in [*_system_command_texts(), PALETTE_PLACEHOLDER]:
        assert textual_text(text) != text


def test_textual_theme_and_codebook_theme_are_told_apart() -> None:
    set_language("ru")
    assert textual_text("Theme") == "Тема оформления"
    assert _("Theme") == "Тема"
    assert textual_text(PALETTE_PLACEHOLDER) == "Поиск команд…"


def test_formatted_notifications_keep_their_values_and_markup() -> None:
    set_language("kk")
    assert textual_text("Press [b]ctrl+q[/b] to quit the app") == "Шығу үшін [b]ctrl+q[/b] басыңыз"
    set_language("ru")
    saved = textual_text("Saved screenshot to [$text-success]'/tmp/x.svg'")
    assert saved == "Снимок экрана сохранён в [$text-success]'/tmp/x.svg'"


def test_other_text_passes_unchanged() -> None:
    set_language("ru")
    assert textual_text("Сессии") == "Сессии"
    assert textual_text("[00:00:04] Speaker: text") == "[00:00:04] Speaker: text"
