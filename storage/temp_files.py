"""Temporary files written beside a project or an export, and removing stale ones.

Every file that suhbat writes whole and then renames into place gets a temporary
name that carries the writing process's id::

    study.suhbat.4242-1f2e3d4c.converting    encrypt, decrypt, change the passphrase
    study.suhbat.4242-1f2e3d4c.restoring     restore a backup
    study.2026-…manual.suhbat.4242-1f2e3d4c.part   a backup being written and checked
    .report.docx.4242-1f2e3d4c.part          an export (hidden, like an editor's swap file)

A process that is killed (``kill -9``, a power cut) cannot remove its temporary file.
Such a file (with SQLite's ``-journal``/``-wal``/``-shm`` beside it, if any) is
*stale* when the process named in it no longer runs on this machine;
:func:`remove_stale` deletes the stale ones in a folder and the next command or app
start that touches the project does so in the project's folder and its backup folder
(see ``docs/security.md`` for what each kind holds on an encrypted project).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

CONVERTING = "converting"
RESTORING = "restoring"
PART = "part"

_KINDS = (CONVERTING, RESTORING, PART)
_STALE = re.compile(
    r"^(?P<name>.+)\.(?P<pid>[0-9]+)-(?P<token>[A-Za-z0-9_]+)\.(?P<kind>"
    + "|".join(_KINDS)
    + r")(?:-journal|-wal|-shm)?$"
)


def temp_name(target: Path, kind: str, *, hidden: bool = False) -> Path:
    """A fresh temporary name beside ``target`` for a file that replaces it later."""
    if kind not in _KINDS:
        raise ValueError(f"unknown temporary file kind {kind!r}")
    dot = "." if hidden else ""
    return target.with_name(f"{dot}{target.name}.{temp_prefix_tail()}{os.urandom(4).hex()}.{kind}")


def discard(path: Path) -> None:
    """Delete the temporary file ``path`` and any SQLite journal, WAL or shm beside it."""
    for side in ("", "-journal", "-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)


def temp_prefix_tail() -> str:
    """The part of a temporary name that names this process (``PID-``)."""
    return f"{os.getpid()}-"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process, or a number we cannot ask about: keep it
    return True


def is_stale(path: Path) -> bool:
    """Whether ``path`` is a temporary file of a process that no longer runs."""
    match = _STALE.match(path.name)
    return match is not None and not _running(int(match["pid"]))


def remove_stale(folder: Path) -> list[Path]:
    """Delete the stale temporary files directly in ``folder``; return what was removed."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    removed = []
    for entry in sorted(entries):
        if not is_stale(entry):
            continue
        try:
            if entry.is_file() and not entry.is_symlink():
                entry.unlink()
                removed.append(entry)
        except OSError:
            continue  # a read-only folder: nothing to do about it here
    return removed


def remove_stale_for(project: str | os.PathLike[str]) -> list[Path]:
    """Delete stale temporary files beside ``project`` (also where a link to it points)
    and in its default backup folder; return what was removed."""
    named = Path(project)
    folders = [named.parent, named.resolve().parent]
    folders += [f.with_name(f"{f.stem}-backups") for f in (named, named.resolve())]
    seen: set[Path] = set()
    removed: list[Path] = []
    for folder in folders:
        key = folder.resolve() if folder.exists() else folder
        if key in seen:
            continue
        seen.add(key)
        removed += remove_stale(folder)
    return removed
