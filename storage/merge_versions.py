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

import json
import sqlite3
from collections import defaultdict
from typing import Any, Literal

from storage.base import new_uuid
from storage.schema import REVISION_TABLES, revision_state

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
        self.order: dict[tuple[str, str], int] = {}
        self.states: dict[tuple[str, str], str | None] = {}
        for seq, uuid, rev, state in conn.execute(
            "SELECT seq, uuid, rev, state FROM revision_seen ORDER BY seq"
        ):
            self.seen[str(uuid)].add(str(rev))
            self.order[str(uuid), str(rev)] = int(seq)
            self.states[str(uuid), str(rev)] = None if state is None else str(state)

    def state(self, uuid: str, rev: str | None = None) -> dict[str, Any] | None:
        """The entity's state at ``rev`` (default: now) as this file recorded it, if known."""
        if rev is None:
            current = self.current.get(uuid)
            if current is None:
                return None
            rev = current[0]
        text = self.states.get((uuid, rev))
        if text is None:
            return None
        value = json.loads(text)
        return value if isinstance(value, dict) else None

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

    def base(self, uuid: str) -> dict[str, Any] | None:
        """The entity's state when the files last agreed on it (their latest common revision)."""
        common = self.master.seen[uuid] & self.copy.seen[uuid]
        if not common:
            return None
        rev = max(common, key=lambda r: self.copy.order.get((uuid, r), 0))
        return self.copy.state(uuid, rev) or self.master.state(uuid, rev)

    def split(self, uuid: str, keys: list[str]) -> tuple[list[str], list[str]]:
        """Of the fields that differ, those only the copy changed and those both changed.

        Fields only the master changed since the common past are in neither list.
        Without a known common state every field counts as changed in both.
        """
        base = self.base(uuid)
        mine = self.master.state(uuid)
        theirs = self.copy.state(uuid)
        if base is None or mine is None or theirs is None:
            return [], list(keys)
        take = [k for k in keys if base.get(k) == mine.get(k)]
        both = [k for k in keys if k not in take and base.get(k) != theirs.get(k)]
        return take, both

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

    def record_deletion(self, uuid: str) -> None:
        """The master deleted the entity before it had revisions: a tombstone that has seen
        the copy's revision, so that the next merge the other way deletes it there too."""
        if uuid not in self.copy.current:
            return
        self._learn(uuid)
        self._set(uuid, new_uuid().replace("-", "")[:16], True)

    def _learn(self, uuid: str) -> None:
        """The master takes in every revision of the entity the copy has seen, in its order."""
        known = self.master.seen[uuid]
        fresh = sorted(self.copy.seen[uuid] - known, key=lambda r: self.copy.order[uuid, r])
        for rev in fresh:
            self._remember(uuid, rev, self.copy.states.get((uuid, rev)))

    def _remember(self, uuid: str, rev: str, state: str | None) -> None:
        cur = self.master.conn.execute(
            "INSERT OR IGNORE INTO revision_seen (uuid, rev, state) VALUES (?, ?, ?)",
            (uuid, rev, state),
        )
        if cur.rowcount:
            self.master.order[uuid, rev] = int(cur.lastrowid or 0)
            self.master.states[uuid, rev] = state
        self.master.seen[uuid].add(rev)

    def _set(self, uuid: str, rev: str, deleted: bool) -> None:
        entity = self.copy.entity.get(uuid) or self.master.entity.get(uuid, "")
        self.master.conn.execute(
            "INSERT INTO revision (uuid, entity, rev, deleted) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (uuid) DO UPDATE SET rev = excluded.rev, deleted = excluded.deleted",
            (uuid, entity, rev, int(deleted)),
        )
        state = self.copy.states.get((uuid, rev))
        if state is None and not deleted and entity in REVISION_TABLES:
            row = self.master.conn.execute(
                f"SELECT {revision_state(entity, 't')} FROM {entity} t WHERE t.uuid = ?", (uuid,)
            ).fetchone()
            state = None if row is None else str(row[0])
        self._remember(uuid, rev, state)
        self.master.current[uuid] = (rev, deleted)
