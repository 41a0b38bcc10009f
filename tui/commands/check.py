"""``suhbat check``: verify a project file's invariants (read-only)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from i18n import _
from storage.checker import Problem, check_project, check_warnings
from storage.errors import N_, ProjectError, SuhbatError
from tui.commands.common import echo_json, fail, project_argument
from tui.commands.passphrase import unlock


def problem_text(problem: Problem) -> str:
    """One problem as one translated line."""
    try:
        return _(problem.message).format(**problem.params)
    except (KeyError, IndexError, ValueError):
        return problem.text()


def problem_record(problem: Problem, *, warning: bool = False) -> dict[str, object]:
    """One problem as JSON: ``check``, ``table``, ``id``, ``message`` and ``params``
    (and ``"warning": true`` for a warning)."""
    record: dict[str, object] = {
        "check": problem.check,
        "table": problem.table,
        "id": problem.row_id,
        "message": problem_text(problem),
        "params": problem.params,
    }
    if warning:
        record["warning"] = True
    return record


@click.command(help=_("Check a project for damage and broken links, without changing it."))
@project_argument()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON (see docs/cli.md)."))
def check(project: Path, as_json: bool) -> None:
    """Verify PROJECT: database, search index, spans, codings, orphans and audit log;
    warn of words that mix Cyrillic and Latin letters (exit status 0 if only warnings)."""
    unlock(project)
    try:
        problems = check_project(project)
        warnings = [] if problems else check_warnings(project)
    except SuhbatError as error:
        fail(error)
    except (sqlite3.Error, OSError) as error:
        fail(
            ProjectError(
                N_("{path}: cannot be checked ({reason})"), path=str(project), reason=str(error)
            )
        )
    if as_json:
        echo_json(
            [problem_record(p) for p in problems]
            + [problem_record(w, warning=True) for w in warnings]
        )
    elif not problems:
        click.echo(_("{path}: no problems found").format(path=project))
        for warning in warnings:
            click.echo(_("Warning: {message}").format(message=problem_text(warning)))
    else:
        for problem in problems:
            click.echo(problem_text(problem))
    if problems:
        raise SystemExit(1)
