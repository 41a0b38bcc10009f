"""A damaged project file: detecting it on open and pointing to the backups.

Opening a project runs cheap tests first (:func:`storage.connection.header_damaged`:
a zeroed or overwritten header, a file cut short), then ``PRAGMA quick_check`` (every
page of every table and index is read and its structure checked; index contents are not
compared, ``suhbat check`` does that), once per file and process and again whenever the
file changed (:mod:`storage.check_memory`). A project that fails is not opened:
:class:`DamagedProject` says so in one line and names the newest backup that passes its
check, with the ``suhbat restore`` command to run. Text that does not decode, which the
structural check cannot see, is reported the same way when a command reads it.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from storage.check_memory import file_identity, forget_clean, remember_clean, remembered_clean
from storage.connection import PassphraseNeeded, is_corruption
from storage.errors import N_, ProjectError, SuhbatError

if TYPE_CHECKING:  # the backups are read only for a damaged file
    from storage.backup import Backup

SHOWN_BACKUPS = 3
"""How many verified backups a damage report lists (the app shows them all)."""
EXAMINED_BACKUPS = 6
"""How many of the newest backups are checked at most to find :data:`SHOWN_BACKUPS`."""


class DamagedProject(ProjectError):
    """The project file is damaged; ``backups`` are its newest verified backups."""

    backups: tuple[Backup, ...] = ()


def verified_backups(project: str | os.PathLike[str]) -> list[Backup]:
    """The newest backups of ``project`` that pass their check (at most :data:`SHOWN_BACKUPS`).

    An encrypted backup whose passphrase this process does not know cannot be checked
    now; it was checked when it was made, so it is listed.
    """
    from storage.backup import check_backup, list_backups

    found: list[Backup] = []
    for backup in list_backups(project)[:EXAMINED_BACKUPS]:
        try:
            check_backup(backup.path)
        except PassphraseNeeded:
            pass
        except (SuhbatError, sqlite3.Error, OSError):
            continue
        found.append(backup)
        if len(found) == SHOWN_BACKUPS:
            break
    return found


def restore_command(project: Path, backup: Path) -> str:
    """The shell command that restores ``project`` from ``backup`` (quoted where needed)."""
    return shlex.join(["suhbat", "restore", str(project), str(backup)])


def damaged_project(project: str | os.PathLike[str]) -> DamagedProject:
    """The error that says ``project`` is damaged and how to restore its newest good backup."""
    from storage.backup import default_backup_dir

    path = Path(project)
    backups = verified_backups(path)
    if backups:
        newest = backups[0]
        error = DamagedProject(
            N_(
                "{path} is damaged and cannot be used. Newest verified backup: {backup}"
                " ({created}); to restore it: {command}"
            ),
            path=str(path),
            backup=str(newest.path),
            created=newest.created.strftime("%Y-%m-%d %H:%M UTC"),
            command=restore_command(path, newest.path),
        )
    else:
        error = DamagedProject(
            N_(
                "{path} is damaged and cannot be used, and {folder} holds no verified"
                " backup of it; restore a copy you keep elsewhere"
            ),
            path=str(path),
            folder=str(default_backup_dir(path)),
        )
    error.backups = tuple(backups)
    return error


_checked: set[tuple[Path, int, int]] = set()
_checked_guard = threading.Lock()


def _identity(path: Path) -> tuple[Path, int, int]:
    info = path.stat()
    return path.resolve(), info.st_dev, info.st_ino


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`DamagedProject` if ``PRAGMA quick_check`` finds damage in ``path``.

    Runs once per file per process: the app's worker threads and later Stores of the
    same command do not read the whole file again. A clean check is remembered between
    processes while the file and its log stay as they were (:mod:`storage.check_memory`),
    so reading commands run one after another check the file once.
    """
    identity = _identity(path)
    with _checked_guard:
        if identity in _checked:
            return
    if remembered_clean(path):
        with _checked_guard:
            _checked.add(identity)
        return
    started = time.time()
    stamp = file_identity(path)
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as error:
        if not is_corruption(error):
            raise
        forget_clean(path)
        raise damaged_project(path) from None
    if [str(r[0]) for r in rows] != ["ok"]:
        forget_clean(path)
        raise damaged_project(path)
    remember_clean(path, stamp, started)
    with _checked_guard:
        _checked.add(identity)
