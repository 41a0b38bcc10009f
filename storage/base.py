"""The connection every Store part shares: open, migrate, transactions, audit, settings.

:class:`Database` owns the SQLite connection of one project file and its one
transaction (nested blocks become savepoints). Each area of the Store is a
:class:`Part` holding that same :class:`Database`; parts never inherit from one
another, so no behaviour depends on the order of base classes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, Self

from storage.connection import (
    SQLITE_MAGIC,
    header_damaged,
    is_corruption,
    open_connection,
    outdated_project,
    project_passphrase,
    read_only_project,
    remember_passphrase,
    writable,
)
from storage.damage import damaged_project, quick_check
from storage.errors import N_, ProjectError
from storage.file_start import hold as hold_file
from storage.locking import acquire_writer_lock, refuse_hard_links
from storage.schema import MIGRATIONS, migrate

__all__ = ["SQLITE_MAGIC", "Database", "Part", "StepRecorder", "new_uuid", "new_uuids", "utc_now"]


def new_uuid() -> str:
    """A fresh random UUID as lower-case text."""
    return str(uuid.uuid4())


def new_uuids(count: int) -> list[str]:
    """``count`` fresh random (version 4) UUIDs; faster than calling :func:`new_uuid` often."""
    raw = bytearray(os.urandom(16 * count))
    out = []
    for i in range(0, 16 * count, 16):
        raw[i + 6] = (raw[i + 6] & 0x0F) | 0x40
        raw[i + 8] = (raw[i + 8] & 0x3F) | 0x80
        h = raw[i : i + 16].hex()
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def utc_now() -> str:
    """The current time as ISO 8601 UTC text (seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class StepRecorder(Protocol):
    """What records each outermost transaction as one undo step (the history part)."""

    def recorded(self, label: str | None) -> AbstractContextManager[sqlite3.Connection]:
        """Run a block in one transaction and record its changes as one step."""
        ...

    def record_text_edit(self, layer_id: int, start: int, old: str, new: str) -> None:
        """Log that ``old`` at ``start`` of a layer became ``new``."""
        ...

    def record_transcript_deletion(self, saved: str) -> None:
        """Log that a transcript's own rows (saved as JSON) were deleted."""
        ...

    def record_utterance_rows(self, op: str, before: str, after: str) -> None:
        """Log that utterances' rows (saved as JSON) changed by a split or a join."""
        ...


class Database:
    """Owns the SQLite connection of one project file. One Store belongs to one thread."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = False,
        passphrase: str | None = None,
        read_only: bool = False,
    ) -> None:
        """Open (or with ``create``, create) a project file.

        ``read_only`` opens it for reading alongside a writer in another process (the
        app): no writer lock is taken and every write is refused by SQLite. In a
        read-only folder it reads without writing anything beside the file; a writing
        open there raises :class:`~storage.connection.ReadOnlyProject`. A damaged file raises
        :class:`~storage.damage.DamagedProject` (see :mod:`storage.damage`).
        """
        self.path = Path(path)
        self.read_only = read_only and not create
        exists = self.path.exists() and self.path.stat().st_size > 0
        if not exists and not create:
            raise ProjectError(N_("{path}: no such project file"), path=str(self.path))
        refuse_hard_links(self.path)  # readers too: SQLite's journal follows the name
        # A descriptor of the file kept while it is open: see storage.file_start.
        self._file_hold = hold_file(self.path)
        try:
            key = self._connect(exists, create=create, passphrase=passphrase)
        except BaseException:
            self._file_hold.release()
            raise
        if not exists:  # created just now
            self._file_hold = hold_file(self.path)
        weakref.finalize(self, self._file_hold.release)  # a Store dropped without close()
        if key is not None:
            remember_passphrase(self.path, key)

    def _connect(self, exists: bool, *, create: bool, passphrase: str | None) -> str | None:
        """Check the file, take the writer lock and open the connection; the key used."""
        if exists and header_damaged(self.path):
            raise damaged_project(self.path)
        can_write = writable(self.path)
        if not self.read_only and not can_write:
            raise read_only_project(self.path)
        key = project_passphrase(self.path, passphrase, create=create)
        self._writer_lock = None if self.read_only else acquire_writer_lock(self.path)
        try:
            self.conn = open_connection(self.path, key, readonly=not can_write)
            self._configure_connection(exists, in_place=can_write)
        except BaseException as error:
            if self._writer_lock is not None:
                self._writer_lock.release()
            with suppress(sqlite3.Error, AttributeError):
                self.conn.close()
            if isinstance(error, sqlite3.DatabaseError) and is_corruption(error):
                raise damaged_project(self.path) from None
            if isinstance(error, sqlite3.Error):
                raise ProjectError(
                    N_("{path}: cannot be opened ({reason})"),
                    path=str(self.path),
                    reason=str(error),
                ) from None
            raise
        return key

    def _configure_connection(self, exists: bool, *, in_place: bool = True) -> None:
        """Set the connection's pragmas, check the file is a sound project, migrate it.

        ``in_place`` is false for a read-only file or folder, where the journal mode
        cannot be set (the file is read as it is).
        """
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 5000")
        if in_place:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self._depth = 0
        self.actor: str | None = None
        self.recorder: StepRecorder | None = None
        """Set by the history part while undo is on: outermost transactions become steps."""
        if exists:
            tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
            (version,) = self.conn.execute("PRAGMA user_version").fetchone()
            if "project" not in tables or version == 0:
                self.conn.close()
                raise ProjectError(N_("{path}: not a suhbat project"), path=str(self.path))
            if version > len(MIGRATIONS):
                self.conn.close()
                raise ProjectError(
                    N_("{path}: made by a newer suhbat (schema {version}); please upgrade"),
                    path=str(self.path),
                    version=version,
                )
            quick_check(self.conn, self.path)
            if self.read_only:
                if version < len(MIGRATIONS):
                    self.conn.close()
                    raise outdated_project(self.path)
                self.conn.execute("PRAGMA query_only = ON")
                return
        migrate(self.conn)

    # -- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (checkpointing the WAL) and release the writer lock."""
        self.conn.close()
        self._file_hold.release()
        if self._writer_lock is not None:
            self._writer_lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------

    def change_stamp(self) -> tuple[int, int]:
        """A stamp that changes whenever the project file changes (by this Store or another).

        Screens and caches compare stamps to skip reloading what did not change:
        ``total_changes`` counts this connection's writes, ``data_version`` moves when
        another connection (a background import, a second window) commits.
        """
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        return self.conn.total_changes, int(version)

    def checkpoint(self) -> bool:
        """Copy committed pages from the write-ahead log into the project file without
        waiting for readers or writers (``PRAGMA wal_checkpoint(PASSIVE)``); True when
        every committed page is now in the file itself."""
        row = self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        busy, logged, copied = (int(v) for v in row)
        return not busy and copied == logged

    @property
    def depth(self) -> int:
        """How many transaction blocks are open (0: none)."""
        return self._depth

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block atomically; nested blocks become savepoints.

        While a step recorder is set (undo is on), the outermost block is recorded
        as one undo step.
        """
        if self._depth == 0 and self.recorder is not None:
            with self.recorder.recorded(None) as conn:
                yield conn
        else:
            with self.plain_transaction() as conn:
                yield conn

    @contextmanager
    def plain_transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block atomically, never recorded for undo; nested blocks become savepoints.

        The outermost block takes the write lock at once (``BEGIN IMMEDIATE``),
        so a failure anywhere leaves the file exactly as it was.
        """
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            self.conn.execute(f"SAVEPOINT sp{self._depth}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            if not self.conn.in_transaction:
                raise  # SQLite rolled it all back itself (a full disk, an I/O error)
            if self._depth == 0:
                self.conn.execute("ROLLBACK")
            else:
                self.conn.execute(f"ROLLBACK TO sp{self._depth}")
                self.conn.execute(f"RELEASE sp{self._depth}")
            raise
        else:
            self._depth -= 1
            if self._depth == 0:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.Error:
                    if self.conn.in_transaction:  # a COMMIT the disk refused
                        self.conn.execute("ROLLBACK")
                    raise
            else:
                self.conn.execute(f"RELEASE sp{self._depth}")

    def audit(self, action: str, entity: str, entity_uuid: str | None, **detail: Any) -> None:
        """Record a change in the audit log (inside the caller's transaction)."""
        self.conn.execute(
            "INSERT INTO audit (at, actor, action, entity, entity_uuid, detail)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (utc_now(), self.actor, action, entity, entity_uuid, json.dumps(detail, default=str)),
        )

    # -- settings ------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A project-wide setting (e.g. the last coder), or ``default``."""
        row = self.conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a project-wide setting."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def delete_setting(self, key: str) -> None:
        """Forget a project-wide setting (reading it gives the default again)."""
        with self.transaction():
            self.conn.execute("DELETE FROM setting WHERE key = ?", (key,))


class Part:
    """One area of the Store (sessions, transcripts, codes, ...) over the shared :class:`Database`.

    A part reads what it likes but writes only its own tables; it reaches other
    areas through the parts it is given explicitly, never through inheritance.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def conn(self) -> sqlite3.Connection:
        """The shared connection."""
        return self.db.conn

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """The shared transaction (nested blocks become savepoints)."""
        return self.db.transaction()

    def _audit(self, action: str, entity: str, entity_uuid: str | None, **detail: Any) -> None:
        self.db.audit(action, entity, entity_uuid, **detail)
