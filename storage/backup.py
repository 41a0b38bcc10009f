"""Verified, rotating backups of a project file, and restoring one.

A backup is a consistent copy made with SQLite's online backup API, so it can be
taken while the project is open in the app (it reads; it does not take the writer
lock). It is written to ``NAME.PID-TOKEN.part`` (see :mod:`storage.temp_files`),
checked (``PRAGMA integrity_check``, the schema version and the project's UUID, and
for an encrypted project SQLCipher's page HMACs), synced to disk and only then renamed
to its final name, so a crash never leaves a half-written file that looks like a backup.

Backups live in ``STEM-backups/`` beside the project unless another folder is
given, named ``STEM.YYYY-MM-DDTHHMMSSZ.REASON.suhbat`` (UTC). Automatic backups
(reason ``auto``) are rotated: only the newest :data:`DEFAULT_KEEP` are kept. Manual
backups and the safety copy taken before a restore are never deleted by suhbat.
A backup of an encrypted project is encrypted with the same passphrase.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storage.connection import (
    is_plain_sqlite,
    looks_encrypted,
    open_connection,
    project_passphrase,
)
from storage.disk_full import DiskFull, is_disk_full
from storage.durable import sync_dir, sync_file
from storage.errors import N_, ProjectError
from storage.locking import acquire_writer_lock, held_in_process
from storage.temp_files import PART, RESTORING, discard, temp_name

DEFAULT_KEEP = 10
"""How many automatic backups are kept."""
DEFAULT_INTERVAL_S = 15 * 60
"""How often the app backs up a project that has changed."""
AUTO = "auto"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
SUFFIX = ".suhbat"
_STAMP = "%Y-%m-%dT%H%M%SZ"
_TEMP_TAIL = re.compile(r"(\.[0-9]+-[A-Za-z0-9_]+)?\.part$")


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, when it was taken (UTC), why, and its size."""

    path: Path
    created: datetime
    reason: str
    size: int
    sequence: int = 0


def default_backup_dir(project: str | os.PathLike[str]) -> Path:
    """``STEM-backups`` beside the project (``study.suhbat`` → ``study-backups/``)."""
    path = Path(project)
    return path.with_name(f"{path.stem}-backups")


def _pattern(project: Path) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(project.stem)}\.(\d{{4}}-\d\d-\d\dT\d{{6}}Z)(?:-(\d+))?"
        rf"\.([a-z][a-z-]*){re.escape(SUFFIX)}$"
    )


def list_backups(
    project: str | os.PathLike[str], directory: str | os.PathLike[str] | None = None
) -> list[Backup]:
    """The backups of ``project`` in ``directory`` (default: beside it), newest first."""
    target = Path(project)
    folder = Path(directory) if directory is not None else default_backup_dir(target)
    if not folder.is_dir():
        return []
    pattern = _pattern(target)
    found: list[Backup] = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        created = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
        found.append(Backup(entry, created, match[3], entry.stat().st_size, int(match[2] or 0)))
    found.sort(key=lambda b: (b.created, b.sequence, b.path.stat().st_mtime_ns), reverse=True)
    return found


def _new_name(project: Path, folder: Path, reason: str, when: datetime) -> Path:
    """A fresh name that sorts after every backup taken in the same second."""
    stamp = when.astimezone(UTC).strftime(_STAMP)
    pattern = _pattern(project)
    taken = [
        int(match[2] or 0)
        for entry in folder.glob(f"{glob.escape(project.stem)}.{stamp}*")
        if (match := pattern.match(_TEMP_TAIL.sub("", entry.name)))
    ]
    sequence = max(taken) + 1 if taken else 0
    tail = f"-{sequence}" if sequence else ""
    return folder / f"{project.stem}.{stamp}{tail}.{reason}{SUFFIX}"


def make_backup(
    project: str | os.PathLike[str],
    directory: str | os.PathLike[str] | None = None,
    *,
    passphrase: str | None = None,
    reason: str = MANUAL,
    keep: int = DEFAULT_KEEP,
) -> Backup:
    """Back up ``project`` into ``directory`` now, verify the copy, rotate auto backups.

    Safe while the project is open elsewhere (it only reads). Raises
    :class:`ProjectError` if the project cannot be read or the copy fails its check;
    no partial file is left behind then.
    """
    source = Path(project)
    if not source.is_file():
        raise ProjectError(N_("{path}: no such project file"), path=str(source))
    if not re.fullmatch(r"[a-z][a-z-]*", reason):
        raise ValueError(f"bad backup reason {reason!r}")
    key = project_passphrase(source, passphrase)
    folder = Path(directory) if directory is not None else default_backup_dir(source)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ProjectError(
            N_("Cannot create the backup folder {path}: {reason}"),
            path=str(folder),
            reason=error.strerror or str(error),
        ) from None
    when = datetime.now(UTC).replace(microsecond=0)
    final = _new_name(source, folder, reason, when)
    part = temp_name(final, PART)
    try:
        uuid = _copy(source, part, key)
        check_backup(part, passphrase=key, expected_uuid=uuid)
        sync_file(part)
        os.replace(part, final)
        sync_dir(folder)
    except (sqlite3.Error, OSError) as error:
        if is_disk_full(error):
            raise DiskFull from None
        if isinstance(error, OSError):
            raise ProjectError(
                N_("Backing up {path} failed: {reason}"),
                path=str(source),
                reason=error.strerror or str(error),
            ) from None
        raise ProjectError(
            N_("Backing up {path} failed: {reason}"), path=str(source), reason=str(error)
        ) from None
    finally:
        discard(part)
    made = Backup(final, when, reason, final.stat().st_size)
    if reason == AUTO:
        rotate_backups(source, folder, keep=keep)
    return made


def _copy(source: Path, target: Path, key: str | None) -> str:
    """Copy ``source`` into a new standalone file ``target``; return the project's UUID."""
    reader = open_connection(source, key, readonly=True)
    try:
        reader.execute("PRAGMA busy_timeout = 5000")
        row = reader.execute("SELECT uuid FROM project").fetchone()
        if row is None:
            raise ProjectError(N_("{path}: not a suhbat project"), path=str(source))
        writer = open_connection(target, key)
        try:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
    finally:
        reader.close()
    return str(row[0])


def check_backup(
    path: str | os.PathLike[str],
    *,
    passphrase: str | None = None,
    expected_uuid: str | None = None,
) -> str:
    """Verify a backup (or any project file) without changing it; return its project UUID.

    Checks ``PRAGMA integrity_check``, SQLCipher's page HMACs when encrypted, that the
    file is a suhbat project, and (if given) that it is a copy of the project with
    ``expected_uuid``. Raises :class:`ProjectError` naming the problem.
    """
    target = Path(path)
    key = project_passphrase(target, passphrase)
    try:
        conn = open_connection(target, key, readonly=True)
    except sqlite3.Error as error:
        raise _unusable(target, str(error)) from None
    try:
        problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise _unusable(target, "; ".join(problems[:3]))
        if key is not None:
            cipher = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
            if cipher:
                raise _unusable(target, "; ".join(cipher[:3]))
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        row = conn.execute("SELECT uuid FROM project").fetchone() if "project" in tables else None
        if not version or row is None:
            raise ProjectError(N_("{path}: not a suhbat project"), path=str(target))
        if expected_uuid is not None and row[0] != expected_uuid:
            raise _unusable(target, "the copy holds another project")
        return str(row[0])
    except sqlite3.Error as error:
        raise _unusable(target, str(error)) from None
    finally:
        conn.close()


def _unusable(path: Path, reason: str) -> ProjectError:
    return ProjectError(
        N_("{path} failed its check and cannot be used: {reason}"), path=str(path), reason=reason
    )


def rotate_backups(
    project: str | os.PathLike[str],
    directory: str | os.PathLike[str] | None = None,
    *,
    keep: int = DEFAULT_KEEP,
    reason: str = AUTO,
) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``reason``; return what was deleted."""
    backups = [b for b in list_backups(project, directory) if b.reason == reason]
    removed = []
    for old in backups[max(keep, 1) :]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def backup_is_due(
    project: str | os.PathLike[str],
    directory: str | os.PathLike[str] | None = None,
    *,
    interval_s: float = DEFAULT_INTERVAL_S,
) -> bool:
    """Whether an automatic backup is due: the project changed since the newest backup,
    and that backup is at least ``interval_s`` old (or there is none)."""
    source = Path(project)
    backups = list_backups(source, directory)
    if not backups:
        return True
    newest = backups[0]
    # an open project has a WAL file; it only holds data (and a newer time) once written
    wal = source.with_name(source.name + "-wal")
    touched = [source, *([wal] if wal.exists() and wal.stat().st_size > 0 else [])]
    changed = max(p.stat().st_mtime for p in touched)
    taken = newest.path.stat().st_mtime
    age = datetime.now(UTC).timestamp() - taken
    return changed > taken and age >= interval_s


class OtherProjectBackup(ProjectError):
    """The backup holds another project than the one it would replace."""


def project_uuid(project: str | os.PathLike[str], passphrase: str | None = None) -> str | None:
    """The UUID of the project in ``project``, or ``None`` if it is missing or unreadable."""
    target = Path(project)
    if not target.is_file():
        return None
    try:
        key = project_passphrase(target, passphrase)
        conn = open_connection(target, key, readonly=True)
    except (ProjectError, sqlite3.Error):
        return None
    try:
        row = conn.execute("SELECT uuid FROM project").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return str(row[0]) if row is not None else None


def check_same_project(
    project: str | os.PathLike[str],
    backup: str | os.PathLike[str],
    *,
    passphrase: str | None = None,
) -> None:
    """Raise :class:`OtherProjectBackup` if ``backup`` is a copy of another project.

    A project that is missing or cannot be read (the usual reason to restore) has no
    UUID to compare with, and any checked backup may replace it.
    """
    mine = project_uuid(project, passphrase)
    theirs = project_uuid(backup, passphrase)
    if mine is not None and theirs is not None and mine != theirs:
        raise OtherProjectBackup(
            N_("{backup} is a backup of another project, not of {path}"),
            backup=str(backup),
            path=str(project),
        )


def restore_backup(
    project: str | os.PathLike[str],
    backup: str | os.PathLike[str],
    *,
    passphrase: str | None = None,
    directory: str | os.PathLike[str] | None = None,
    other_project: bool = False,
) -> Path | None:
    """Replace ``project`` with ``backup`` after checking the backup.

    The backup must be a copy of the same project (its UUID) unless ``other_project``
    is true; see :func:`check_same_project`. A project given as a symbolic link is
    replaced where the link points (the link stays). The project must not be open
    anywhere (this process included). Its current state is first kept as a
    ``before-restore`` backup in ``directory`` (default: beside it), or as a raw copy
    if it cannot be read; that path is returned (``None`` if there was no project file).
    """
    named = Path(project)
    target = named.resolve()
    source = Path(backup)
    if not source.is_file():
        raise ProjectError(N_("{path}: no such backup file"), path=str(source))
    check_backup(source, passphrase=passphrase)
    if not other_project:
        check_same_project(target, source, passphrase=passphrase)
    if held_in_process(named) or held_in_process(target):
        raise ProjectError(
            N_("{path} is open; close it before restoring a backup"), path=str(named)
        )
    lock = acquire_writer_lock(target)
    try:
        kept = _keep_current(named, directory, passphrase) if target.exists() else None
        _drop_wal(target, passphrase)
        part = temp_name(target, RESTORING)
        try:
            shutil.copyfile(source, part)
            sync_file(part)
            os.replace(part, target)
            sync_dir(target.parent)
        finally:
            discard(part)
    finally:
        lock.release()
    return kept


def _keep_current(project: Path, directory: str | os.PathLike[str] | None, key: str | None) -> Path:
    """Save the project as it is before a restore; a raw copy if it cannot be read."""
    try:
        return make_backup(project, directory, passphrase=key, reason=BEFORE_RESTORE).path
    except (ProjectError, sqlite3.Error):
        pass
    folder = Path(directory) if directory is not None else default_backup_dir(project)
    folder.mkdir(parents=True, exist_ok=True)
    raw = _new_name(project, folder, "damaged", datetime.now(UTC))
    shutil.copyfile(project, raw)
    for side in ("-wal",):
        extra = project.with_name(project.name + side)
        if extra.exists():
            shutil.copyfile(extra, raw.with_name(raw.name + side))
    return raw


def _drop_wal(project: Path, passphrase: str | None) -> None:
    """Fold the project's WAL into it and remove the WAL, so it cannot meet another file."""
    wal = project.with_name(project.name + "-wal")
    shm = project.with_name(project.name + "-shm")
    if project.exists() and (is_plain_sqlite(project) or looks_encrypted(project)):
        try:
            key = project_passphrase(project, passphrase)
            conn = open_connection(project, key)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except (ProjectError, sqlite3.Error):
            pass  # a damaged project was copied aside whole, WAL included
    wal.unlink(missing_ok=True)
    shm.unlink(missing_ok=True)
