"""``suhbat merge PROJECT OTHER``: bring a coder's copy back into the master project."""

from __future__ import annotations

from pathlib import Path

import click

from i18n import _
from storage.merge import MergeReport, merge_project
from tui.commands.common import echo_json, open_store, project_argument
from tui.exchange_reports import conflict_name, merge_lines, translated_message


def _print(report: MergeReport) -> None:
    for line in merge_lines(report):
        click.echo(line)


@click.command("merge", help=_("Merge a coder's copy of the project into this one."))
@project_argument()
@click.argument("other", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help=_("Show what would change; write nothing."))
@click.option("--json", "as_json", is_flag=True, help=_("Print the report as JSON."))
def merge(project: Path, other: Path, dry_run: bool, as_json: bool) -> None:
    """Merge OTHER (a copy of PROJECT that a coder worked on) into PROJECT."""
    with open_store(project) as store:
        report = merge_project(store, other, dry_run=dry_run)
    if as_json:
        data = report.as_dict()
        data["notes"] = [translated_message(m, p) for m, p in report.notes]
        for conflict, item in zip(report.conflicts, data["conflicts"], strict=True):
            item["reason"] = _(conflict.reason)
            item["name"] = conflict_name(conflict)
        echo_json(data)
        return
    _print(report)
