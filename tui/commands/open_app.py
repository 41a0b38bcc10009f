"""``suhbat open PROJECT`` and ``suhbat demo [PATH]``: the commands that start the TUI."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from i18n import _
from storage import Store, SuhbatError
from storage.damage import DamagedProject
from tui.collector import collect_for_the_app
from tui.commands.common import fail


def run_app(project: Path, coder: str | None = None) -> None:
    """Open the terminal app on ``project`` (imports textual only now)."""
    from tui.commands.passphrase import unlock

    collect_for_the_app()
    unlock(project)
    try:
        Store(project).close()
    except DamagedProject as error:
        if sys.stdin.isatty() and sys.stdout.isatty():
            # The app shows the newest verified backups and the restore commands.
            from tui.app import SuhbatApp

            SuhbatApp(project, coder=coder).run()
        fail(error)
    except SuhbatError as error:
        fail(error)
    from tui.app import SuhbatApp

    SuhbatApp(project, coder=coder).run()


@click.command(help=_("Open a project in the terminal app."))
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--coder", default=None, help=_("Your coder name (remembered for you and this project).")
)
def open_project(project: Path, coder: str | None) -> None:
    """Open PROJECT in the terminal app."""
    run_app(project, coder)


@click.command(help=_("Build a demo project from sample data and open it."))
@click.argument(
    "path", required=False, default="demo.suhbat", type=click.Path(dir_okay=False, path_type=Path)
)
@click.option("--no-open", is_flag=True, help=_("Only build the project; do not open the app."))
def demo(path: Path, no_open: bool) -> None:
    """Build the demo study at PATH (default demo.suhbat) and open it."""
    from exports.demo import build_demo

    if path.exists():
        fail(
            SuhbatError(
                _("{path} exists already; choose another path or delete it"), path=str(path)
            )
        )
    try:
        build_demo(path)
    except SuhbatError as error:
        path.unlink(missing_ok=True)
        fail(error)
    click.echo(_("Built the demo project {path}").format(path=path))
    if not no_open:
        run_app(path)
