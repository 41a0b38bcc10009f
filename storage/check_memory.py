"""Clean damage checks remembered between runs, so reading a project does not re-read it.

``PRAGMA quick_check`` reads every page of a project (tens of milliseconds for a large
one, more than a command like ``suhbat info`` needs for everything else). A clean result
is remembered in the user's state folder (``state/checked/`` in the folder of the user's
suhbat settings), keyed by the identity of the file and of its write-ahead log: device,
inode, size, modification and change times (nanoseconds). The next open with the same
identity skips the check; anything that writes the file (a command, another program, a
copy put in its place, a restore) changes the identity and the file is checked again.
The change time cannot be set back by tools that restore modification times.

Two guards keep the guarantee where file times are coarse or the damage does not come
through the file system:

- a file or log modified less than :data:`SETTLE_SECONDS` before the check is not
  remembered (a second write within the same timestamp tick, 2 s on FAT, would leave the
  identity as it was; a write after an older modification time always moves it);
- a remembered check is trusted for :data:`TRUSTED_SECONDS` only, so damage from the
  disk itself, which no file time shows, is still found within a day.

The state file names no project: its name is a checksum of the project's path, and it
holds only numbers (two projects whose paths share a checksum share the file, and only
the last one checked is remembered). Failing to read or write it only means the check
runs again.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import zlib
from pathlib import Path

from storage.user_folder import config_dir

SETTLE_SECONDS = 3.0
"""A file changed this recently is checked but not remembered (coarse file times)."""
TRUSTED_SECONDS = 24 * 3600.0
"""How long a remembered clean check is trusted."""
Identity = list[int]
"""Device, inode, size, mtime and ctime (ns) of a project, then of its log when it has frames."""


def state_dir() -> Path:
    """The user's state folder: ``state`` in the folder of their suhbat settings."""
    return config_dir() / "state"


def _record(path: Path) -> Path:
    name = os.fsencode(path.resolve())  # two checksums: no hashlib (OpenSSL) to load
    return state_dir() / "checked" / f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}.json"


def _stat_numbers(info: os.stat_result) -> Identity:
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def file_identity(path: Path) -> Identity:
    """What changes whenever ``path`` or its write-ahead log is written, replaced or touched.

    A log without frames (empty or absent) holds nothing to check and adds nothing.
    """
    identity = _stat_numbers(path.stat())
    try:
        log = path.with_name(path.name + "-wal").stat()
    except OSError:
        return identity
    return identity + _stat_numbers(log) if log.st_size > 0 else identity


def remembered_clean(path: Path) -> bool:
    """Whether a clean check of ``path`` as it is now is remembered and still trusted."""
    try:
        saved = json.loads(_record(path).read_text(encoding="utf-8"))
        identity = file_identity(path)
        checked = float(saved["checked"])
    except (OSError, ValueError, TypeError, KeyError):
        return False
    return saved.get("identity") == identity and 0 <= time.time() - checked < TRUSTED_SECONDS


def remember_clean(path: Path, identity: Identity, started: float) -> None:
    """Remember that ``path`` with ``identity`` (taken before a check begun at ``started``,
    :func:`time.time`) was clean; not when it had changed within :data:`SETTLE_SECONDS`."""
    changed = max(identity[3::5]) / 1e9  # modification times: any write sets them to now
    if started - changed < SETTLE_SECONDS:
        return
    record = _record(path)
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        temporary = record.with_name(f"{record.stem}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"identity": identity, "checked": started}), "utf-8")
        temporary.replace(record)
    except OSError:
        pass


def forget_clean(path: Path) -> None:
    """Forget a remembered check of ``path`` (it was found damaged)."""
    with contextlib.suppress(OSError):
        _record(path).unlink(missing_ok=True)
