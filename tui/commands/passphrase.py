"""Asking for a project's passphrase on the terminal, without echo.

Used before a command (or the app) opens an encrypted project: if neither this
process nor ``SUHBAT_PASSPHRASE`` has a passphrase for it, the user is asked, up to
three times, and the passphrase that opens the file is remembered for the rest of the
process (the app's worker threads open their own Store with it).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from i18n import _
from storage.connection import (
    ENV_PASSPHRASE,
    PassphraseNeeded,
    WrongPassphrase,
    environment_passphrase,
    looks_encrypted,
    open_connection,
    remember_passphrase,
    remembered_passphrase,
    require_sqlcipher,
)
from storage.errors import N_, SuhbatError
from tui.commands.common import fail

TRIES = 3
NEW_PASSPHRASE_ENV = "SUHBAT_NEW_PASSPHRASE"


def _opens(path: Path, passphrase: str) -> bool:
    try:
        open_connection(path, passphrase, readonly=True).close()
    except WrongPassphrase:
        return False
    return True


def unlock(path: Path, *, also_try: Path | None = None) -> None:
    """Make sure this process can open ``path`` if it is encrypted; ask if need be.

    ``also_try``: another file whose remembered passphrase is tried first (a backup
    usually has its project's passphrase). Stops the command if no passphrase works.
    """
    if not looks_encrypted(path) or remembered_passphrase(path):
        return
    try:
        require_sqlcipher()
    except SuhbatError as error:
        fail(error)
    candidates = [p for p in (environment_passphrase(),) if p]
    if also_try is not None and (known := remembered_passphrase(also_try)):
        candidates.insert(0, known)
    for candidate in candidates:
        if _opens(path, candidate):
            remember_passphrase(path, candidate)
            return
    if environment_passphrase():
        fail(
            WrongPassphrase(N_("{path}: wrong passphrase (or the file is damaged)"), path=str(path))
        )
    for attempt in range(TRIES):
        try:
            passphrase = click.prompt(
                _("Passphrase for {path}").format(path=path), hide_input=True, err=True
            )
        except click.Abort:
            fail(
                PassphraseNeeded(
                    N_("{path} is encrypted: enter its passphrase, or set SUHBAT_PASSPHRASE"),
                    path=str(path),
                )
            )
        if _opens(path, passphrase):
            remember_passphrase(path, passphrase)
            return
        if attempt < TRIES - 1:
            click.echo(_("Wrong passphrase; try again."), err=True)
    fail(WrongPassphrase(N_("{path}: wrong passphrase (or the file is damaged)"), path=str(path)))


def new_passphrase(path: Path, *, variable: str = ENV_PASSPHRASE) -> str:
    """A passphrase for newly encrypting ``path``: from ``variable`` or asked twice."""
    given = os.environ.get(variable)
    if given:
        passphrase = given
    else:
        click.echo(
            _(
                "Choose a passphrase for {path}. Without it the project cannot be opened:"
                " keep it somewhere safe, apart from the laptop."
            ).format(path=path),
            err=True,
        )
        try:
            passphrase = click.prompt(
                _("New passphrase"),
                hide_input=True,
                confirmation_prompt=_("Repeat the passphrase"),
                err=True,
            )
        except click.Abort:
            fail(SuhbatError(N_("No passphrase given; nothing was changed")))
    from storage.encryption import check_new_passphrase  # imports backups: not on every open

    try:
        check_new_passphrase(passphrase)
    except SuhbatError as error:
        fail(error)
    return str(passphrase)
