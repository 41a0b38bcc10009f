"""``suhbat table import``: participants, sessions, protocol and codebook tables."""

from __future__ import annotations

from pathlib import Path

import click

from i18n import _, ngettext, translate_message
from storage import SuhbatError
from tui.commands.common import echo_json, fail, note, open_store, project_argument
from tui.commands.session_kind import SESSION_KIND


@click.group(help=_("Import participants, sessions, protocol or codebook tables (CSV/XLSX)."))
def table() -> None:
    """Tables of study data."""


@table.command("import", help=_("Import a CSV or XLSX table."))
@project_argument()
@click.argument("kind", type=click.Choice(["participants", "sessions", "protocol", "codebook"]))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--guide", default=None, help=_("Protocol: the guide's name (default: the file name).")
)
@click.option(
    "--kind",
    "session_kind",
    type=SESSION_KIND,
    default=None,
    help=_("Sessions: their kind when the table has no kind column."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print a JSON summary."))
def import_table_command(
    project: Path, kind: str, file: Path, guide: str | None, session_kind: str | None, as_json: bool
) -> None:
    """Import FILE as KIND into PROJECT (all rows or none)."""
    from exports.tables import import_table

    with open_store(project) as store:
        try:
            report = import_table(store, kind, file, guide=guide, session_kind=session_kind)  # type: ignore[arg-type]
        except SuhbatError as error:
            fail(error)
    for message, params in report.notes:
        note(translate_message(message, params))
    if as_json:
        echo_json(
            {
                "kind": kind,
                "file": file.name,
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
            }
        )
        return
    click.echo(
        ngettext(
            "{file}: {rows} row, {created} created, {updated} updated",
            "{file}: {rows} rows, {created} created, {updated} updated",
            report.rows,
        ).format(file=file.name, rows=report.rows, created=report.created, updated=report.updated)
    )
