"""``suhbat upgrade``: bring a project made by an older suhbat up to date.

The app upgrades a project when it opens it; reading commands (info, stats, search,
exports, check) do not, because an upgraded file can no longer be opened by the older
suhbat a colleague may still use. They say so and name this command.
"""

from __future__ import annotations

from pathlib import Path

import click

from i18n import _
from storage import Store, SuhbatError
from storage.connection import OutdatedProject
from tui.commands.common import fail, open_store, project_argument
from tui.commands.passphrase import unlock


@click.command(help=_("Bring a project made by an older suhbat up to date."))
@project_argument()
def upgrade(project: Path) -> None:
    """Upgrade PROJECT to this suhbat's file format (each step in one transaction)."""
    unlock(project)
    try:
        with Store(project, read_only=True):
            pass
    except OutdatedProject:
        with open_store(project):  # opening for writing upgrades it
            pass
        click.echo(_("{path}: upgraded to this version of suhbat").format(path=project))
        return
    except SuhbatError as error:
        fail(error)
    click.echo(_("{path}: already up to date").format(path=project))
