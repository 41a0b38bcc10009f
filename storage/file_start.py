"""The first bytes of a project file, read without dropping this process's SQLite locks.

POSIX record locks belong to a process and a file, not to a descriptor: closing *any*
descriptor of a file drops every lock the process holds on it, SQLite's included.
SQLite keeps its own descriptors open for that reason, but a plain ``open()`` and
``close()`` of a project that a Store of this process has open (a second Store opened in
a worker thread, a backup made from the app: both read the file's header first) dropped
the open Store's shared lock. Another program closing the project then took itself for
its last user, checkpointed and deleted the write-ahead log under the open Store, and
whatever that Store wrote afterwards went into a deleted file: lost when the app was
killed or its terminal closed.

So while a :class:`storage.base.Database` has a file open it also holds one read-only
descriptor of it here (:func:`hold`, :meth:`Held.release` after the connection is
closed), and :func:`read_start` reads through that descriptor instead of opening the
file again. Files no Store of this process has open are opened and closed as usual.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

FileId = tuple[int, int]
"""A file's identity: (device, inode)."""

_kept: dict[FileId, list[int]] = {}
"""File identity → [descriptor, how many holds]."""
_guard = threading.Lock()


def file_id(path: str | os.PathLike[str]) -> FileId | None:
    """The (device, inode) of ``path``, or ``None`` if it does not exist."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


@dataclass
class Held:
    """One hold on a file's kept descriptor; :meth:`release` once (idempotent)."""

    identity: FileId | None
    _released: bool = field(default=False, repr=False)

    def release(self) -> None:
        """Give the hold back; the last one closes the descriptor (call it after the
        connection that needed it was closed)."""
        if self._released or self.identity is None:
            return
        self._released = True
        with _guard:
            kept = _kept.get(self.identity)
            if kept is None:
                return
            kept[1] -= 1
            if kept[1] <= 0:
                del _kept[self.identity]
                os.close(kept[0])


def hold(path: str | os.PathLike[str]) -> Held:
    """Keep a read-only descriptor of ``path`` while it is open in this process."""
    identity = file_id(path)
    if identity is None:
        return Held(None)
    with _guard:
        kept = _kept.get(identity)
        if kept is None:
            try:
                fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
            except OSError:
                return Held(None)
            kept = _kept[identity] = [fd, 0]
        kept[1] += 1
    return Held(identity)


def read_start(path: str | os.PathLike[str], size: int) -> bytes:
    """The first ``size`` bytes of ``path`` (fewer if it is shorter); raises OSError."""
    identity = file_id(path)
    with _guard:
        kept = _kept.get(identity) if identity is not None else None
        if kept is not None:
            return os.pread(kept[0], size, 0)
    with open(path, "rb") as handle:
        return handle.read(size)
