"""Recognising a write that failed because the disk (or the file-size limit) is full.

SQLite reports a full disk as ``SQLITE_FULL`` ("database or disk is full") or, when
the system refuses a write for another size reason (a quota, a file-size limit), as
``SQLITE_IOERR`` ("disk I/O error"); plain file writes raise :class:`OSError` with
``ENOSPC``, ``EDQUOT`` or ``EFBIG``. A failed write inside a transaction rolls it
back, so the project file is as it was; callers turn the error into
:class:`DiskFull`, whose one-line message says what happened and what to do.
"""

from __future__ import annotations

import errno
import sqlite3

from storage.errors import N_, ProjectError

SQLITE_IOERR = 10
SQLITE_FULL = 13
_FULL_ERRNOS = frozenset(
    code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None), errno.EFBIG) if code
)
_MESSAGES = ("database or disk is full", "disk i/o error")


class DiskFull(ProjectError):
    """A write failed because the disk is full; nothing was half-written."""

    def __init__(self) -> None:
        super().__init__(
            N_("Disk full: nothing was saved; free some space and try again"),
        )


def is_disk_full(error: BaseException) -> bool:
    """Whether ``error`` is a write refused for lack of space (see the module docstring)."""
    if isinstance(error, DiskFull):
        return True
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF in (SQLITE_FULL, SQLITE_IOERR)
        return str(error).casefold() in _MESSAGES
    if isinstance(error, OSError):
        return error.errno in _FULL_ERRNOS
    return False
