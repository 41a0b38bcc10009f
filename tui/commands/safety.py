"""``suhbat backup``, ``backups``, ``restore``, ``encrypt`` and ``decrypt``.

Backups are verified copies made with SQLite's online backup API (they work while the
project is open in the app); restoring keeps the current state as a backup first.
Encryption uses SQLCipher; the passphrase is asked for without echo, or taken from
``SUHBAT_PASSPHRASE`` (and ``SUHBAT_NEW_PASSPHRASE`` when changing it) in scripts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from i18n import _, ngettext, translate_error
from i18n.formatting import format_datetime, format_decimal
from storage import ProjectError, SuhbatError
from storage.backup import (
    DEFAULT_KEEP,
    Backup,
    OtherProjectBackup,
    check_same_project,
    list_backups,
    make_backup,
    restore_backup,
)
from storage.connection import looks_encrypted
from storage.encryption import (
    change_passphrase,
    decrypt_project,
    encrypt_project,
    plain_backups,
)
from storage.errors import N_
from tui.commands.common import echo_json, fail, note, project_argument, tidy
from tui.commands.confirming import confirm
from tui.commands.passphrase import NEW_PASSPHRASE_ENV, new_passphrase, unlock

F = TypeVar("F", bound=Callable[..., Any])


def _dir_option() -> Callable[[F], F]:
    return click.option(
        "--dir",
        "directory",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=_("Backup folder (default: NAME-backups beside the project)."),
    )


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=format_decimal(size / 1024 / 1024, 1))
    return _("{size} KB").format(size=format_decimal(round(size / 1024)))


def _when(backup: Backup) -> str:
    return format_datetime(backup.created)


def _record(backup: Backup) -> dict[str, object]:
    return {
        "path": str(backup.path),
        "created": backup.created.isoformat().replace("+00:00", "Z"),
        "reason": backup.reason,
        "size": backup.size,
        "encrypted": looks_encrypted(backup.path),
    }


@click.command(help=_("Back up a project now (a verified copy; works while it is open)."))
@project_argument()
@_dir_option()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON (see docs/cli.md)."))
def backup(project: Path, directory: Path | None, as_json: bool) -> None:
    """Copy PROJECT into its backup folder and check the copy."""
    tidy(project)
    unlock(project)
    try:
        made = make_backup(project, directory)
    except SuhbatError as error:
        fail(error)
    if as_json:
        echo_json(_record(made))
        return
    click.echo(
        _("Backed up to {path} ({size}, verified)").format(path=made.path, size=_size(made.size))
    )


@click.command(help=_("List a project's backups, newest first."))
@project_argument()
@_dir_option()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON (see docs/cli.md)."))
def backups(project: Path, directory: Path | None, as_json: bool) -> None:
    """List the backups of PROJECT."""
    found = list_backups(project, directory)
    if as_json:
        echo_json([_record(b) for b in found])
        return
    if not found:
        click.echo(_("No backups of {path} yet.").format(path=project))
        return
    reasons = {
        "auto": _("automatic"),
        "manual": _("manual"),
        "before-restore": _("before a restore"),
        "damaged": _("damaged copy"),
    }
    for item in found:
        click.echo(
            f"{_when(item)}  {reasons.get(item.reason, item.reason):<16}"
            f"  {_size(item.size):>9}  {item.path}"
        )
    click.echo(
        _("Automatic backups: the newest {count} are kept.").format(count=DEFAULT_KEEP), err=True
    )


@click.command(help=_("Replace a project with one of its backups."))
@project_argument()
@click.argument("backup_file", metavar="BACKUP", type=click.Path(dir_okay=False, path_type=Path))
@_dir_option()
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@click.option(
    "--force",
    is_flag=True,
    help=_("Restore even a backup of another project (a different project UUID)."),
)
def restore(
    project: Path, backup_file: Path, directory: Path | None, yes: bool, force: bool
) -> None:
    """Restore PROJECT from BACKUP; the current state is kept as a backup first."""
    if not backup_file.is_file():
        fail(ProjectError(N_("{path}: no such backup file"), path=str(backup_file)))
    tidy(project)
    if project.exists():
        unlock(project)
    unlock(backup_file, also_try=project)
    other = _other_project(project, backup_file)
    if other is not None and not force:
        if yes or not confirm(
            translate_error(other)
            + " "
            + _("Replace {project} with this other project anyway?").format(project=project)
        ):
            fail(
                ProjectError(
                    N_(
                        "{backup} is a backup of another project, not of {path};"
                        " --force restores it anyway"
                    ),
                    backup=str(backup_file),
                    path=str(project),
                )
            )
    elif (
        project.exists()
        and not yes
        and not confirm(
            _("Replace {project} with {backup}? Its current state is kept as a backup.").format(
                project=project, backup=backup_file
            ),
        )
    ):
        raise click.Abort
    try:
        kept = restore_backup(
            project, backup_file, directory=directory, other_project=other is not None
        )
    except SuhbatError as error:
        fail(error)
    click.echo(_("Restored {project} from {backup}").format(project=project, backup=backup_file))
    if kept is not None:
        click.echo(_("The state before the restore is in {path}").format(path=kept))


def _other_project(project: Path, backup_file: Path) -> OtherProjectBackup | None:
    """The error saying that ``backup_file`` holds another project, if it does."""
    try:
        check_same_project(project, backup_file)
    except OtherProjectBackup as error:
        return error
    return None


@click.command(help=_("Encrypt a project file with a passphrase (SQLCipher)."))
@project_argument()
@click.option(
    "--change-passphrase",
    "rekey",
    is_flag=True,
    help=_("The project is encrypted already: give it a new passphrase."),
)
def encrypt(project: Path, rekey: bool) -> None:
    """Encrypt PROJECT in place; asks for a passphrase twice (or SUHBAT_PASSPHRASE)."""
    if not project.is_file():
        fail(ProjectError(N_("{path}: no such project file"), path=str(project)))
    tidy(project)
    try:
        if rekey:
            unlock(project)
            change_passphrase(project, None, new_passphrase(project, variable=NEW_PASSPHRASE_ENV))
            click.echo(_("Changed the passphrase of {path}").format(path=project))
            return
        if looks_encrypted(project):
            fail(ProjectError(N_("{path} is encrypted already"), path=str(project)))
        encrypt_project(project, new_passphrase(project))
    except SuhbatError as error:
        fail(error)
    click.echo(_("Encrypted {path}").format(path=project))
    plain = plain_backups(project)
    if plain:
        note(
            ngettext(
                "{count} earlier backup in {folder} is not encrypted; delete it"
                " if it must not be readable.",
                "{count} earlier backups in {folder} are not encrypted; delete them"
                " if they must not be readable.",
                len(plain),
            ).format(count=len(plain), folder=plain[0].path.parent)
        )


@click.command(help=_("Store an encrypted project unencrypted again."))
@project_argument()
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
def decrypt(project: Path, yes: bool) -> None:
    """Decrypt PROJECT in place (asks for its passphrase, or SUHBAT_PASSPHRASE)."""
    if not project.is_file():
        fail(ProjectError(N_("{path}: no such project file"), path=str(project)))
    if not looks_encrypted(project):
        fail(ProjectError(N_("{path} is not encrypted"), path=str(project)))
    tidy(project)
    unlock(project)
    if not yes and not confirm(
        _("Store {path} unencrypted? Anyone with the file can then read it.").format(path=project)
    ):
        raise click.Abort
    try:
        decrypt_project(project)
    except SuhbatError as error:
        fail(error)
    click.echo(_("Decrypted {path}").format(path=project))
