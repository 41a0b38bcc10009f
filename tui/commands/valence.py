"""``suhbat valence``: show or choose the project's valence scale (3 or 5 points)."""

from __future__ import annotations

from pathlib import Path

import click

from i18n import _
from storage import SuhbatError
from tui.commands.common import fail, open_store, project_argument


@click.command(help=_("Show or choose the valence scale of codings: 3 points or 5 (−2…+2)."))
@project_argument()
@click.argument("scale", required=False, type=click.Choice(["3", "5"]))
def valence_scale(project: Path, scale: str | None) -> None:
    """Print the scale of PROJECT, or set it to SCALE."""
    try:
        with open_store(project, read_only=scale is None) as store:
            if scale is not None:
                store.codings.set_valence_scale(int(scale))
            current = store.codings.valence_scale()
    except SuhbatError as error:
        fail(error)
    if current == 5:
        click.echo(_("Valence scale: 5 points (−2…+2)"))
    else:
        click.echo(_("Valence scale: 3 points (negative, neutral, positive)"))
