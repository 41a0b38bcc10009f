"""Which file changed an entity since the two last agreed: revisions for a three-way merge.

Every write to an attribute, participant (with its values), session, transcript,
code, coding or memo gives the row a new random revision (triggers in
:mod:`storage.schema`), and a deletion leaves a tombstone revision. Each file
also keeps every revision it has had or taken in from a copy. For an entity
both files know, with the master at revision ``m`` and the copy at ``c``:

* ``m == c``: neither changed it since they last agreed (``same``);
* the master has seen ``c``: the copy's state is in the master's past, so the
  master's (possibly newer) state stays and nothing is said (``master``);
* the copy has seen ``m``: only the copy changed it; its state is taken
  (``copy``), be it new values or a deletion;
* neither has seen the other's: both changed it (``both``); the master's state
  stays, the difference is reported, and the master records that it has decided
  (a new revision that has seen both), so the next merge the other way takes it.

So merging A into B and B into A leaves both files alike, however often it is done.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Literal

from storage.base import new_uuid

Relation = Literal["same", "master", "copy", "both", "new", "unknown"]
"""How the copy's revision of an entity relates to the master's (see the module doc)."""


class Revisions:
    """The revisions of one file: current (with tombstones) and every one it has seen."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.current: dict[str, tuple[str, bool]] = {}
        self.entity: dict[str, str] = {}
        for uuid, entity, rev, deleted in conn.execute(
            "SELECT uuid, entity, rev, deleted FROM revision"
        ):
            self.current[str(uuid)] = (str(rev), bool(deleted))
            self.entity[str(uuid)] = str(entity)
        self.seen: dict[str, set[str]] = defaultdict(set)
        for uuid, rev in conn.execute("SELECT uuid, rev FROM revision_seen"):
            self.seen[str(uuid)].add(str(rev))

    def deleted(self, entity: str) -> list[str]:
        """UUIDs of the ``entity`` rows this file deleted (its tombstones)."""
        rows = self.conn.execute(
            "SELECT uuid FROM revision WHERE entity = ? AND deleted = 1 ORDER BY rowid", (entity,)
        )
        return [str(u) for (u,) in rows]

    def is_original(self, uuid: str) -> bool:
        """True if the entity is as it was when the file was upgraded to revisions."""
        rev = self.current.get(uuid)
        return rev is not None and rev[0] == "v0-" + uuid


class MergeRevisions:
    """Both files' revisions, and the master's bookkeeping as a merge decides."""

    def __init__(self, master: sqlite3.Connection, copy: sqlite3.Connection) -> None:
        self.master = Revisions(master)
        self.copy = Revisions(copy)

    def relation(self, uuid: str) -> Relation:
        """Who changed the entity since the files last agreed on it (see the module doc)."""
        mine = self.master.current.get(uuid)
        theirs = self.copy.current.get(uuid)
        if theirs is None:
            return "master" if mine is not None else "unknown"
        if mine is None:
            return "new"
        if mine[0] == theirs[0]:
            return "same"
        if theirs[0] in self.master.seen[uuid]:
            return "master"
        if mine[0] in self.copy.seen[uuid]:
            return "copy"
        return "both"

    def deleted_in_master(self, uuid: str) -> bool:
        """True if the master deleted the entity after (or at) the copy's revision of it."""
        mine = self.master.current.get(uuid)
        return mine is not None and mine[1] and self.relation(uuid) in ("master", "same")

    def take_copy(self, uuid: str) -> None:
        """The master now holds the copy's state: it takes the copy's revision and past."""
        theirs = self.copy.current.get(uuid)
        if theirs is None:
            return
        self._learn(uuid)
        self._set(uuid, theirs[0], theirs[1])

    def keep_master(self, uuid: str) -> None:
        """The master kept its state over the copy's: a new revision that has seen both."""
        mine = self.master.current.get(uuid)
        if mine is None or uuid not in self.copy.current:
            return
        self._learn(uuid)
        self._set(uuid, new_uuid().replace("-", "")[:16], mine[1])

    def _learn(self, uuid: str) -> None:
        known = self.master.seen[uuid]
        fresh = self.copy.seen[uuid] - known
        self.master.conn.executemany(
            "INSERT OR IGNORE INTO revision_seen (uuid, rev) VALUES (?, ?)",
            [(uuid, rev) for rev in sorted(fresh)],
        )
        known |= fresh

    def _set(self, uuid: str, rev: str, deleted: bool) -> None:
        entity = self.copy.entity.get(uuid) or self.master.entity.get(uuid, "")
        self.master.conn.execute(
            "INSERT INTO revision (uuid, entity, rev, deleted) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (uuid) DO UPDATE SET rev = excluded.rev, deleted = excluded.deleted",
            (uuid, entity, rev, int(deleted)),
        )
        self.master.conn.execute(
            "INSERT OR IGNORE INTO revision_seen (uuid, rev) VALUES (?, ?)", (uuid, rev)
        )
        self.master.current[uuid] = (rev, deleted)
        self.master.seen[uuid].add(rev)
