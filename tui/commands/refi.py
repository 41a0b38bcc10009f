"""``suhbat export qdc|qdpx``: REFI-QDA files for NVivo, ATLAS.ti, MAXQDA and QualCoder.

The commands join the ``export`` group (see :mod:`tui.commands.export`).
Importing goes through ``suhbat import``, which recognises REFI-QDA files.
"""

from __future__ import annotations

from pathlib import Path

import click

from i18n import _
from tui.commands.common import echo_json, note, project_argument
from tui.commands.export_open import open_for_export
from tui.commands.overwrite import force_option
from tui.commands.redact_option import redact_option


@click.command("qdpx", help=_("The whole project as a REFI-QDA project (.qdpx)."))
@project_argument()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--include-sensitive",
    is_flag=True,
    help=_("Also export attributes marked sensitive (off by default)."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print a JSON summary."))
@redact_option()
@force_option()
def export_qdpx(
    project: Path,
    out: Path,
    include_sensitive: bool,
    as_json: bool,
    redact: Path | None,
    force: bool,
) -> None:
    """Write PROJECT to OUT as a REFI-QDA project exchange file."""
    from exports.refi import write_qdpx

    with open_for_export(project, out, redact, force=force) as source:
        report = write_qdpx(source, out, include_sensitive=include_sensitive)
    if as_json:
        echo_json(
            {
                "file": str(report.path),
                "counts": report.counts,
                "warnings": [w.text() for w in report.warnings],
            }
        )
        return
    click.echo(_("Wrote {path}").format(path=report.path))
    for warning in report.warnings:
        note(warning.text())


@click.command("qdc", help=_("The codebook as a REFI-QDA codebook (.qdc)."))
@project_argument()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@redact_option()
@force_option()
def export_qdc(project: Path, out: Path, redact: Path | None, force: bool) -> None:
    """Write the codebook of PROJECT to OUT as a REFI-QDA codebook file."""
    from exports.refi import write_qdc

    with open_for_export(project, out, redact, force=force) as source:
        path = write_qdc(source, out)
    click.echo(_("Wrote {path}").format(path=path))
