"""One writer per project: an exclusive lock on a sidecar file while a project is open.

SQLite alone lets two programs write the same file one transaction after another,
which is safe for the file but not for the user: two copies of the app would each
show a stale picture and overwrite each other's work. So a project is open for
writing in one *process* at a time.

The lock is an ``flock`` on ``PROJECT-lock`` beside the project file (next to
SQLite's own ``-wal`` and ``-shm``). The kernel drops it when the process ends,
however it ends (``kill -9``, power loss of a terminal), so a stale lock file never
blocks anybody. Within one process the lock is shared and counted: the app and its
worker threads each open their own Store on the same path (see ARCHITECTURE §3).
The lock file is never deleted, because deleting it would let two processes lock
two different files of the same name.

Where ``fcntl`` does not exist (Windows) there is no lock; see ``docs/security.md``.
"""

from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

from storage.errors import N_, ProjectError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = "-lock"


def lock_path(project: str | os.PathLike[str]) -> Path:
    """The sidecar lock file of ``project`` (``study.suhbat`` → ``study.suhbat-lock``)."""
    path = Path(project)
    return path.with_name(path.name + LOCK_SUFFIX)


@dataclass
class _Held:
    """A lock this process holds: its open file and how many Stores use it."""

    fd: int
    count: int = 0


_registry: dict[Path, _Held] = {}
_registry_guard = threading.Lock()


def _key(project: str | os.PathLike[str]) -> Path:
    return Path(project).resolve()


@dataclass
class WriterLock:
    """This process's claim on one project; :meth:`release` once when done (idempotent)."""

    project: Path
    _released: bool = field(default=False, repr=False)

    def release(self) -> None:
        """Give the claim back; the last claim of the process unlocks the file."""
        if self._released:
            return
        self._released = True
        key = _key(self.project)
        with _registry_guard:
            held = _registry.get(key)
            if held is None:
                return
            held.count -= 1
            if held.count <= 0:
                del _registry[key]
                os.close(held.fd)  # closing the descriptor drops the flock


def held_in_process(project: str | os.PathLike[str]) -> int:
    """How many open Stores of this process hold ``project`` (0: none)."""
    with _registry_guard:
        held = _registry.get(_key(project))
        return held.count if held else 0


def acquire_writer_lock(project: str | os.PathLike[str]) -> WriterLock:
    """Claim ``project`` for this process, or raise :class:`ProjectError` if another has it."""
    key = _key(project)
    with _registry_guard:
        held = _registry.get(key)
        if held is None:
            held = _Held(_lock_file(Path(project)))
            _registry[key] = held
        held.count += 1
    return WriterLock(Path(project))


def _lock_file(project: Path) -> int:
    """Open and lock the sidecar file; return its descriptor (held until closed)."""
    target = lock_path(project)
    try:
        fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise ProjectError(
            N_("{path}: cannot create the lock file ({reason})"),
            path=str(project),
            reason=error.strerror or str(error),
        ) from None
    if fcntl is None:  # pragma: no cover - Windows
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        holder = _read_holder(fd)
        os.close(fd)
        if holder:
            raise ProjectError(
                N_(
                    "{path} is open elsewhere (process {pid} on {host}); close it there"
                    " first, or work on a copy"
                ),
                path=str(project),
                pid=holder[0],
                host=holder[1],
            ) from None
        raise ProjectError(
            N_("{path} is open elsewhere; close it there first, or work on a copy"),
            path=str(project),
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
    return fd


def _read_holder(fd: int) -> tuple[str, str] | None:
    """The process id and host written by the lock's holder, if readable."""
    try:
        parts = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
    except OSError:
        return None
    return (parts[0], parts[1]) if len(parts) >= 2 else None
