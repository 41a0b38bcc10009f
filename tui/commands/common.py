"""Pieces every CLI command shares: opening a project, reporting errors, JSON output."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from i18n import _, translate_error
from storage import Store, SuhbatError
from storage.connection import is_corruption, is_read_only_error, read_only_project
from storage.damage import damaged_project


class CliError(click.ClickException):
    """A translated error message with exit code 1."""


def fail(error: BaseException) -> NoReturn:
    """Stop the command with the translated text of ``error`` (exit 1)."""
    raise CliError(translate_error(error))


@contextmanager
def open_store(path: str | Path, *, read_only: bool = False) -> Iterator[Store]:
    """Open a project for the duration of a command; errors become clean CLI errors.

    ``read_only`` commands (info, search, stats, exports) work while the project is
    open in the app, and in a read-only folder; writing commands need it closed there.
    Damage found while the command runs is reported like damage found on opening.
    """
    from tui.commands.passphrase import unlock

    tidy(path)
    unlock(Path(path))
    try:
        store = Store(path, read_only=read_only)
    except SuhbatError as error:
        fail(error)
    try:
        yield store
    except SuhbatError as error:
        fail(error)
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            fail(damaged_project(path))
        if is_read_only_error(error):
            fail(read_only_project(path))
        raise
    finally:
        store.close()


F = TypeVar("F", bound=Callable[..., Any])


def project_argument() -> Callable[[F], F]:
    """The PROJECT argument shared by every command."""
    return click.argument("project", type=click.Path(dir_okay=False, path_type=Path))


def echo_json(data: Any) -> None:
    """Print ``data`` as UTF-8 JSON (non-ASCII kept as is), sorted keys, indented."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def note(message: str) -> None:
    """Print a non-fatal note on stderr."""
    click.echo(_("note: ") + message, err=True)


def tidy(project: str | Path) -> None:
    """Remove temporary files that a killed run left beside ``project``; say so in one line."""
    from tui.stale_files import remove_stale_files

    message = remove_stale_files(project)
    if message:
        note(message)
