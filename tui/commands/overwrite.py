"""``--force`` for commands that write files: without it, an existing file is never replaced.

A command checks its output paths before any work; a path that holds a file (or a
folder with files, for exports that write a folder) stops it with one translated line
and exit code 1, leaving what is there untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from i18n import _
from tui.commands.common import CliError

F = TypeVar("F", bound=Callable[..., Any])


def force_option() -> Callable[[F], F]:
    """``--force``: replace files the command writes if they already exist."""
    return click.option(
        "--force",
        is_flag=True,
        help=_("Replace the output if it already exists (off by default: nothing is replaced)."),
    )


def refuse_to_overwrite(paths: Iterable[Path], *, force: bool) -> None:
    """Stop the command (exit 1) if any of ``paths`` exists, unless ``force``."""
    if force:
        return
    from exports.overwrite import taken_outputs

    taken = taken_outputs(paths)
    if not taken:
        return
    path = taken[0]
    if path.is_dir():
        message = _("{path} is a folder that already holds files; add --force to write into it")
    else:
        message = _("{path} already exists; add --force to replace it")
    raise CliError(message.format(path=path))


def refuse_to_overwrite_export(out: Path, redact: Path | None, *, force: bool) -> None:
    """:func:`refuse_to_overwrite` for an export to ``out`` (and its redaction report)."""
    from exports.overwrite import export_outputs

    refuse_to_overwrite(export_outputs(out, redacted=redact is not None), force=force)
