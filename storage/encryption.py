"""Turning a plain project into an encrypted one and back, and changing its passphrase.

Both directions write a complete new file beside the project with SQLCipher's
``sqlcipher_export()``, check it (integrity, every table's row count equal to the
source's, the schema version) and only then rename it over the project, so a crash
or a failed check leaves the original as it was. The project must not be open
anywhere while this runs.

A project given as a symbolic link is converted where the link points (the real
file is replaced, the link stays a link); converting the link itself would leave the
real project in plaintext.

What this does not do (see ``docs/security.md``): it cannot scrub the old plaintext
from the disk (file systems and SSDs keep freed blocks), and it leaves existing
plaintext backups alone; :func:`plain_backups` lists them so the user can decide.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from storage.backup import Backup, list_backups
from storage.connection import (
    forget_passphrase,
    is_plain_sqlite,
    open_connection,
    open_sqlcipher,
    project_passphrase,
    remember_passphrase,
)
from storage.disk_full import DiskFull, is_disk_full
from storage.durable import sync_dir, sync_file
from storage.errors import N_, ProjectError, ValidationError
from storage.locking import acquire_writer_lock, held_in_process
from storage.temp_files import CONVERTING, discard, temp_name

MIN_PASSPHRASE = 8
"""The shortest passphrase accepted for a new encryption."""


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase that is too short to be worth encrypting with."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            N_("A passphrase needs at least {count} characters"), count=MIN_PASSPHRASE
        )


def encrypt_project(project: str | os.PathLike[str], passphrase: str) -> None:
    """Encrypt the plain project file ``project`` in place with ``passphrase``."""
    target = Path(project).resolve()
    check_new_passphrase(passphrase)
    if not is_plain_sqlite(target):
        raise ProjectError(N_("{path} is encrypted already"), path=str(target))
    with _exclusive(target):
        _export(target, None, passphrase)
    remember_passphrase(target, passphrase)


def decrypt_project(project: str | os.PathLike[str], passphrase: str | None = None) -> None:
    """Store the encrypted project ``project`` as a plain SQLite file again."""
    target = Path(project).resolve()
    if is_plain_sqlite(target):
        raise ProjectError(N_("{path} is not encrypted"), path=str(target))
    key = project_passphrase(target, passphrase)
    with _exclusive(target):
        _export(target, key, None)
    forget_passphrase(target)


def change_passphrase(project: str | os.PathLike[str], old: str | None, new: str) -> None:
    """Re-encrypt the encrypted project ``project`` with the passphrase ``new``."""
    target = Path(project).resolve()
    check_new_passphrase(new)
    if is_plain_sqlite(target):
        raise ProjectError(N_("{path} is not encrypted"), path=str(target))
    key = project_passphrase(target, old)
    with _exclusive(target):
        _export(target, key, new)
    remember_passphrase(target, new)


def plain_backups(project: str | os.PathLike[str]) -> list[Backup]:
    """Backups of ``project`` in its default folder that are not encrypted."""
    return [b for b in list_backups(project) if is_plain_sqlite(b.path)]


class _exclusive:
    """Hold the writer lock; refuse if this process has the project open too."""

    def __init__(self, project: Path) -> None:
        self.project = project

    def __enter__(self) -> None:
        if not self.project.is_file():
            raise ProjectError(N_("{path}: no such project file"), path=str(self.project))
        if held_in_process(self.project):
            raise ProjectError(N_("{path} is open; close it first"), path=str(self.project))
        self.lock = acquire_writer_lock(self.project)

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def _export(project: Path, old_key: str | None, new_key: str | None) -> None:
    """Write ``project`` re-keyed (``None``: plain) to a new file, check it, swap it in."""
    part = temp_name(project, CONVERTING)
    try:
        counts = _counts_and_export(project, old_key, new_key, part)
        _check_copy(part, new_key, counts)
        sync_file(part)
        _fold_wal(project, old_key)
        os.replace(part, project)
        sync_dir(project.parent)
    except (sqlite3.Error, OSError) as error:
        if is_disk_full(error):
            raise DiskFull from None
        if isinstance(error, OSError):
            raise
        raise ProjectError(
            N_("Converting {path} failed; it is unchanged: {reason}"),
            path=str(project),
            reason=str(error),
        ) from None
    finally:
        discard(part)


def _counts_and_export(
    project: Path, old_key: str | None, new_key: str | None, part: Path
) -> dict[str, int]:
    conn = open_sqlcipher(project, old_key)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        counts = _row_counts(conn)
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        conn.execute("ATTACH DATABASE ? AS converted KEY ?", (str(part), new_key or ""))
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    counts["pragma user_version"] = int(version)
    return counts


def _row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names
    }


def _check_copy(part: Path, key: str | None, expected: dict[str, int]) -> None:
    conn = open_connection(part, key)
    try:
        problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(problems[:3]))
        found = _row_counts(conn)
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        found["pragma user_version"] = int(version)
        if found != expected:
            differ = sorted(
                k for k in expected.keys() | found.keys() if expected.get(k) != found.get(k)
            )
            raise sqlite3.DatabaseError("the copy differs in " + ", ".join(differ))
    finally:
        conn.close()


def _fold_wal(project: Path, key: str | None) -> None:
    """Checkpoint and remove the old file's WAL so it is never applied to the new file."""
    conn = open_connection(project, key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for side in ("-wal", "-shm"):
        project.with_name(project.name + side).unlink(missing_ok=True)
