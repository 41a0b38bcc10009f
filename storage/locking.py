"""One writer per project: an exclusive lock on a sidecar file while a project is open.

SQLite alone lets two programs write the same file one transaction after another,
which is safe for the file but not for the user: two copies of the app would each
show a stale picture and overwrite each other's work. So a project is open for
writing in one *process* at a time.

The lock belongs to the project *file*, not to the name it was opened by: a symbolic
link is resolved first, so ``link.suhbat`` and the real ``study.suhbat`` share the
sidecar ``study.suhbat-lock`` beside the real file (where SQLite, which resolves
links too, keeps ``-wal`` and ``-shm``), and within a process a lock is known by the
device and inode of that sidecar. A file with a second *hard* link is refused
outright (:func:`refuse_hard_links`): SQLite names its journal after the path it was
given, so a writer through each name would keep its own journal of one file and the
project would be corrupted.

The lock is a POSIX record lock (``lockf``) on the sidecar. Such a lock belongs to
the process that took it: a child started with ``fork`` does not inherit it, and
the kernel drops it when the process ends, however it ends (``kill -9``, a closed
terminal), so a stale lock never blocks anybody. Earlier versions used ``flock``,
which a forked child does inherit (a read-ahead worker that outlived a killed
import kept the project locked for good); the ``flock`` is still taken, so those
versions keep out while this one writes, and one whose recorded owner is gone is
taken over. Forked children close the sidecar at once (:func:`_forget_in_child`).
A POSIX lock is dropped when its process closes *any* descriptor of the file, so
nothing else in the process may open the sidecar.

The sidecar records the holder's process id and host; the record is emptied when the
lock is released. The sidecar is never deleted, because deleting it would let two
processes lock two different files of the same name. Within one process the lock is
shared and counted: the app and its worker threads each open their own Store on the
same path (see ARCHITECTURE §3).

Where ``fcntl`` does not exist (Windows) there is no lock; see ``docs/security.md``.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from storage.errors import N_, ProjectError
from storage.file_start import FileId, file_id


def _host() -> str:
    """This machine's name (``socket`` is imported only when a lock is written or read)."""
    import socket

    return socket.gethostname()


try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = "-lock"


def project_file(project: str | os.PathLike[str]) -> Path:
    """The project file itself: ``project`` with every symbolic link resolved."""
    return Path(project).resolve()


def lock_path(project: str | os.PathLike[str]) -> Path:
    """The sidecar lock file of ``project`` (``study.suhbat`` → ``study.suhbat-lock``).

    It lies beside the real file, so a symbolic link to a project shares its lock.
    """
    path = project_file(project)
    return path.with_name(path.name + LOCK_SUFFIX)


def refuse_hard_links(project: str | os.PathLike[str]) -> None:
    """Raise :class:`ProjectError` if the project file has more than one name (hard link).

    SQLite keeps a project's journal (``-wal``) beside the *name* it was opened by,
    so two programs using two names of one file each see only their own journal and
    together corrupt the file. A missing file passes (it is about to be created).
    """
    try:
        links = os.stat(project).st_nlink
    except OSError:
        return
    if links > 1:
        raise ProjectError(
            N_(
                "{path} has other names (hard links): SQLite keeps its journal beside the"
                " name, so using two names corrupts the project; copy the file instead of"
                " linking it, and remove the other names"
            ),
            path=str(project),
        )


@dataclass
class _Held:
    """A lock this process holds: its open sidecar and how many Stores use it."""

    fd: int
    count: int = 0


_registry: dict[FileId, _Held] = {}
_registry_guard = threading.Lock()


@dataclass
class WriterLock:
    """This process's claim on one project; :meth:`release` once when done (idempotent)."""

    project: Path
    identity: FileId
    _released: bool = field(default=False, repr=False)

    def release(self) -> None:
        """Give the claim back; the last claim of the process unlocks the file."""
        if self._released:
            return
        self._released = True
        with _registry_guard:
            held = _registry.get(self.identity)
            if held is None:
                return
            held.count -= 1
            if held.count <= 0:
                del _registry[self.identity]
                _unlock(held.fd)


def held_in_process(project: str | os.PathLike[str]) -> int:
    """How many open Stores of this process hold ``project`` (0: none), by any of its names."""
    identity = file_id(lock_path(project))
    with _registry_guard:
        held = _registry.get(identity) if identity is not None else None
        return held.count if held else 0


def acquire_writer_lock(project: str | os.PathLike[str]) -> WriterLock:
    """Claim ``project`` for this process, or raise :class:`ProjectError` if another has it.

    A project file with more than one hard link is refused (:func:`refuse_hard_links`).
    """
    refuse_hard_links(project)
    target = lock_path(project)
    with _registry_guard:
        identity = file_id(target)
        held = _registry.get(identity) if identity is not None else None
        if identity is None or held is None:
            fd = _lock_file(Path(project), target)
            info = os.fstat(fd)
            identity = (info.st_dev, info.st_ino)
            held = _registry[identity] = _Held(fd)
        held.count += 1
    return WriterLock(Path(project), identity)


def _lock_file(project: Path, target: Path) -> int:
    """Open and lock the sidecar ``target``; return its descriptor (held until closed)."""
    try:
        fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise ProjectError(
            N_("{path}: cannot create the lock file ({reason})"),
            path=str(project),
            reason=error.strerror or str(error),
        ) from None
    if fcntl is None:  # pragma: no cover - Windows
        return fd
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        holder = _read_holder(fd)
        os.close(fd)
        _open_elsewhere(project, holder)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        # An earlier version holds it, or a process that inherited it from a holder that
        # is gone (such a lock is taken over: this process already holds the real one).
        holder = _read_holder(fd)
        if holder is not None and _alive_here(holder):
            os.close(fd)
            _open_elsewhere(project, holder)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()} {_host()}\n".encode(), 0)
    return fd


def _unlock(fd: int) -> None:
    """Empty the sidecar's owner record and close it (which drops both locks)."""
    with contextlib.suppress(OSError):  # a sidecar on a file system that refuses it
        os.ftruncate(fd, 0)
    os.close(fd)


def _open_elsewhere(project: Path, holder: tuple[str, str] | None) -> None:
    """Raise the "open elsewhere" error, naming the holder when it is known."""
    if holder:
        raise ProjectError(
            N_(
                "{path} is open elsewhere (process {pid} on {host}); close it there"
                " first, or work on a copy"
            ),
            path=str(project),
            pid=holder[0],
            host=holder[1],
        )
    raise ProjectError(
        N_("{path} is open elsewhere; close it there first, or work on a copy"),
        path=str(project),
    )


def _read_holder(fd: int) -> tuple[str, str] | None:
    """The process id and host written by the lock's holder, if readable."""
    try:
        parts = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
    except OSError:
        return None
    return (parts[0], parts[1]) if len(parts) >= 2 else None


def _alive_here(holder: tuple[str, str]) -> bool:
    """Whether ``holder`` names another running process on this machine.

    A process on another machine cannot be asked; there, only the ``lockf`` lock
    (which network file systems share between machines) counts.
    """
    pid_text, host = holder
    if host != _host() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` has ended but not yet been collected by its parent (Linux)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def _forget_in_child() -> None:
    """In a forked child: close the parent's sidecars without unlocking them.

    The child never holds the ``lockf`` lock; closing its copies of the descriptors
    also lets go of the ``flock`` an older version relied on, so a child that
    outlives its parent keeps nobody out. The guard may have been held by another
    thread at the fork, so the child gets a new one.
    """
    global _registry_guard
    _registry_guard = threading.Lock()
    for held in _registry.values():
        with contextlib.suppress(OSError):  # already closed
            os.close(held.fd)
    _registry.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
