"""Every command's ``--help`` in Russian and Kazakh has no English prose left.

The test walks every command and subcommand of :data:`tui.cli.COMMANDS`, renders its
help in one subprocess per language (help texts are made when a command module is
imported, so the language must be chosen first), and flags Latin words of four or
more letters that are not something a user types: command and option names,
metavars, choice values and defaults, file formats and product names.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TypedDict

import pytest
from english_leftovers import english_words

REPO = Path(__file__).resolve().parents[2]


_WALK = r"""
import json, sys
import click
from click.testing import CliRunner
from tui.cli import cli

language = sys.argv[1]

def walk(command, path):
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            yield from walk(command.get_command(context, name), [*path, name])

runner = CliRunner()
commands = set(cli.list_commands(click.Context(cli)))
out = []
for path, command in walk(cli, []):
    allowed = set(path) | commands
    for param in command.params:
        allowed.update(param.opts + param.secondary_opts)
        if isinstance(param.type, click.Choice):
            allowed.update(str(c) for c in param.type.choices)
        if isinstance(param.default, str):
            allowed.update(param.default.replace(",", " ").split())
    if isinstance(command, click.Group):
        allowed.update(command.list_commands(click.Context(command)))
    result = runner.invoke(cli, ["--lang", language, *path, "--help"])
    out.append({"path": path, "code": result.exit_code, "text": result.output,
                "allowed": sorted(allowed)})
print(json.dumps(out))
"""


class HelpPage(TypedDict):
    """One help page as the walker prints it."""

    path: list[str]
    code: int
    text: str
    allowed: list[str]


def _help_pages(language: str) -> list[HelpPage]:
    environment = {k: v for k, v in os.environ.items() if k not in ("SUHBAT_LANG", "LANGUAGE")}
    environment.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
    result = subprocess.run(
        [sys.executable, "-c", _WALK, language],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=environment,
        timeout=120,
        check=True,
    )
    pages: list[HelpPage] = json.loads(result.stdout)
    return pages


def test_the_checker_finds_english_and_spares_names() -> None:
    line = "  --name TEXT  Project name [default: interview] see docs/cli.md; Word, suhbat"
    assert english_words(line, {"interview"}) == ["Project", "name", "default"]
    assert english_words("  --kind [interview|focus_group]  Вид сессии.", set()) == []


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_help_page_is_translated(language: str) -> None:
    pages = _help_pages(language)
    assert len(pages) > 30  # every command and subcommand was reached
    leftovers = {}
    for page in pages:
        assert page["code"] == 0, page
        text = page["text"]
        assert "Usage:" not in text and "Options:" not in text
        words = english_words(text, set(page["allowed"]))
        if words:
            leftovers[" ".join(page["path"]) or "suhbat"] = words
    assert leftovers == {}
