"""Undo and redo of coding and codebook changes, for as long as a Store is open.

Once :meth:`HistoryPart.enable` is called, temporary triggers (they live
on this connection only and vanish when it closes) copy every row inserted,
updated or deleted in ``code``, ``coding`` and ``memo``, and every shift of an
utterance ``span`` and change of its language (code-switching marks), into a temporary
change log. Each write transaction becomes
one undo step; :meth:`HistoryPart.undoable` groups several writes (say, creating
a code and applying it) into one step with a label.

Undo replays a step's changes backwards, redo forwards, so a step is reversed
exactly: a deleted code comes back with its subtree, codings and ids. Steps are
strictly last-in first-out. Splitting and joining utterances log the utterances' rows
before and after (:mod:`storage.utterance_rows`) besides their text edits. Other
structural changes (a layer added or removed, as by an import) cannot be undone and
clear the history.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from storage.base import Database
from storage.errors import N_, ConflictError, NotFoundError
from storage.span_index import SpanIndex
from storage.transcript_rows import remove as remove_rows
from storage.transcript_rows import restore as restore_rows
from storage.utterance_rows import replace as replace_utterance_rows

TRACKED_TABLES = ("code", "coding", "memo")
"""Tables whose every row change is recorded (inserts, updates and deletes)."""

MAX_STEPS = 500
"""How many steps the undo stack keeps; older ones are forgotten."""

_LABELS: dict[tuple[str, str], str] = {
    ("code", "insert"): N_("Add code"),
    ("code", "update"): N_("Change code"),
    ("code", "delete"): N_("Delete code"),
    ("coding", "insert"): N_("Add coding"),
    ("coding", "update"): N_("Change coding"),
    ("coding", "delete"): N_("Remove coding"),
    ("memo", "insert"): N_("Add memo"),
    ("memo", "update"): N_("Change memo"),
    ("memo", "delete"): N_("Delete memo"),
    ("layer_text", "update"): N_("Edit text"),
    ("span", "update"): N_("Edit text"),
    ("span_language", "update"): N_("Utterance language"),
    ("transcript_rows", "delete"): N_("Delete transcript"),
    ("utterance_rows", "split"): N_("Split utterance"),
    ("utterance_rows", "join"): N_("Join utterances"),
}
_LABEL_PRIORITY = (
    "transcript_rows",
    "utterance_rows",
    "layer_text",
    "code",
    "coding",
    "memo",
    "span",
    "span_language",
)


@dataclass(frozen=True)
class HistoryStep:
    """One undoable step: its label (an English msgid) and what it touched."""

    id: int
    label: str
    tables: frozenset[str]
    layer_ids: frozenset[int]


class HistoryPart:
    """Session-scoped undo/redo over the change log kept by temporary triggers.

    While on, it is the shared :class:`Database`'s step recorder: the outermost
    transaction of any part is recorded as one step.
    """

    def __init__(self, db: Database, index: SpanIndex) -> None:
        self.db = db
        self._index = index
        self._history_enabled = False
        self._history_columns: dict[str, list[str]] = {}
        self._undo_steps: list[HistoryStep] = []
        self._redo_steps: list[HistoryStep] = []
        self._open_step: int | None = None
        self._step_counter = 0
        self.version = 0
        """Grows whenever the history changes (a step recorded, undone or redone)."""

    @property
    def conn(self) -> sqlite3.Connection:
        """The shared connection."""
        return self.db.conn

    # -- switching on --------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        """Whether changes on this Store are being recorded for undo."""
        return self._history_enabled

    def enable(self) -> None:
        """Start recording changes for undo/redo (idempotent)."""
        if self._history_enabled:
            return
        self._undo_steps = []
        self._redo_steps = []
        self._history_columns = {}
        conn = self.conn
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS history_change (id INTEGER PRIMARY KEY,"
            " step INTEGER NOT NULL, tbl TEXT NOT NULL, op TEXT NOT NULL, rid INTEGER NOT NULL,"
            " old TEXT, new TEXT)"
        )
        conn.execute("CREATE INDEX IF NOT EXISTS temp.history_change_step ON history_change(step)")
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS history_state (step INTEGER, barrier INTEGER"
            " NOT NULL DEFAULT 0)"
        )
        conn.execute("DELETE FROM temp.history_state")
        conn.execute("INSERT INTO temp.history_state (step, barrier) VALUES (NULL, 0)")
        recording = "(SELECT step FROM temp.history_state) IS NOT NULL"
        step = "(SELECT step FROM temp.history_state)"
        for table in TRACKED_TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")]
            self._history_columns[table] = columns
            for op, source in (("insert", "NEW"), ("delete", "OLD"), ("update", None)):
                if source is None:
                    old = _json_row("OLD", columns)
                    new = _json_row("NEW", columns)
                    rid = "NEW.id"
                else:
                    old = _json_row(source, columns) if op == "delete" else "NULL"
                    new = _json_row(source, columns) if op == "insert" else "NULL"
                    rid = f"{source}.id"
                conn.execute(
                    f"CREATE TEMP TRIGGER IF NOT EXISTS history_{table}_{op}"
                    f" AFTER {op.upper()} ON main.{table} WHEN {recording} BEGIN"
                    " INSERT INTO history_change (step, tbl, op, rid, old, new)"
                    f" VALUES ({step}, '{table}', '{op}', {rid}, {old}, {new}); END"
                )
        conn.execute(
            "CREATE TEMP TRIGGER IF NOT EXISTS history_span_update AFTER UPDATE ON main.span"
            f' WHEN {recording} AND (OLD.start IS NOT NEW.start OR OLD."end" IS NOT NEW."end")'
            " BEGIN INSERT INTO history_change (step, tbl, op, rid, old, new)"
            f" VALUES ({step}, 'span', 'update', NEW.id, json_array(OLD.start, OLD.\"end\"),"
            ' json_array(NEW.start, NEW."end")); END'
        )
        conn.execute(  # an utterance's own language in a layer (code-switching)
            "CREATE TEMP TRIGGER IF NOT EXISTS history_span_language AFTER UPDATE OF language"
            f" ON main.span WHEN {recording} AND OLD.language IS NOT NEW.language"
            " BEGIN INSERT INTO history_change (step, tbl, op, rid, old, new)"
            f" VALUES ({step}, 'span_language', 'update', NEW.id,"
            " json_array(OLD.language, NEW.layer_id), json_array(NEW.language, NEW.layer_id));"
            " END"
        )
        for op in ("insert", "delete"):
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS history_layer_{op} AFTER {op.upper()}"
                " ON main.layer BEGIN UPDATE history_state SET barrier = 1; END"
            )
        self._history_enabled = True
        self.db.recorder = self

    # -- recording -----------------------------------------------------------------------

    @contextmanager
    def undoable(self, label: str) -> Iterator[sqlite3.Connection]:
        """Run a block of changes atomically and record them as one undo step.

        ``label`` is an English msgid (``N_("Apply code")``) that the UI translates.
        Nested blocks join the outermost one.
        """
        if self._history_enabled and self.db.depth == 0 and self._open_step is None:
            with self.recorded(label) as conn:
                yield conn
        else:
            with self.db.plain_transaction() as conn:
                yield conn

    @contextmanager
    def recorded(self, label: str | None) -> Iterator[sqlite3.Connection]:
        """Run a block in one transaction and record its changes as one step."""
        self._step_counter += 1
        step_id = self._step_counter
        self._open_step = step_id
        try:
            with self.db.plain_transaction() as conn:
                conn.execute("UPDATE temp.history_state SET step = ?", (step_id,))
                yield conn
                conn.execute("UPDATE temp.history_state SET step = NULL")
        finally:
            self._open_step = None
        self._close_step(step_id, label)

    def record_text_edit(self, layer_id: int, start: int, old: str, new: str) -> None:
        """Log that ``old`` at ``start`` of a layer became ``new`` (called by the editor)."""
        if not self._history_enabled or self._open_step is None:
            return
        self.conn.execute(
            "INSERT INTO temp.history_change (step, tbl, op, rid, old, new)"
            " VALUES (?, 'layer_text', 'update', ?, ?, ?)",
            (
                self._open_step,
                layer_id,
                json.dumps([start, old], ensure_ascii=False),
                json.dumps([start, new], ensure_ascii=False),
            ),
        )

    def record_transcript_deletion(self, saved: str) -> None:
        """Log that a transcript's own rows (``saved``, see :mod:`storage.transcript_rows`) went.

        Called by the transcripts part after it deleted the transcript's codings, memos
        and rows inside a recorded step; such a step can then be undone (the layers'
        removal no longer clears the history).
        """
        if not self._history_enabled or self._open_step is None:
            return
        self.conn.execute(
            "INSERT INTO temp.history_change (step, tbl, op, rid, old, new)"
            " VALUES (?, 'transcript_rows', 'delete', 0, ?, NULL)",
            (self._open_step, saved),
        )
        self.conn.execute("UPDATE temp.history_state SET barrier = 0")

    def record_utterance_rows(self, op: str, before: str, after: str) -> None:
        """Log that utterances' rows (see :mod:`storage.utterance_rows`) went from ``before``
        to ``after`` by a ``split`` or a ``join`` (``op``); called by the transcripts part."""
        if not self._history_enabled or self._open_step is None:
            return
        self.conn.execute(
            "INSERT INTO temp.history_change (step, tbl, op, rid, old, new)"
            " VALUES (?, 'utterance_rows', ?, 0, ?, ?)",
            (self._open_step, op, before, after),
        )

    def _close_step(self, step_id: int, label: str | None) -> None:
        (barrier,) = self.conn.execute("SELECT barrier FROM temp.history_state").fetchone()
        if barrier:
            self.conn.execute("UPDATE temp.history_state SET barrier = 0")
            self.clear()
            return
        step = self._describe(step_id, label)
        if step is None:
            return
        for dropped in self._redo_steps:
            self._forget(dropped.id)
        self._redo_steps = []
        self._undo_steps.append(step)
        while len(self._undo_steps) > MAX_STEPS:
            self._forget(self._undo_steps.pop(0).id)
        self.version += 1

    def _describe(self, step_id: int, label: str | None) -> HistoryStep | None:
        rows = self.conn.execute(
            "SELECT tbl, op, rid, old, new FROM temp.history_change WHERE step = ? ORDER BY id",
            (step_id,),
        ).fetchall()
        if not rows:
            return None
        tables = frozenset(r[0] for r in rows)
        layer_ids: set[int] = set()
        coding_layer = self._history_columns["coding"].index("layer_id")
        for tbl, _op, rid, old, new in rows:
            if tbl == "layer_text":
                layer_ids.add(int(rid))
            elif tbl == "span_language":
                layer_ids.add(int(json.loads(new)[1]))
            elif tbl == "coding":
                for values in (old, new):
                    if values:
                        layer_ids.add(int(json.loads(values)[coding_layer]))
        if label is None:
            label = N_("Change")
            for table in _LABEL_PRIORITY:
                ops = [op for tbl, op, *_rest in rows if tbl == table]
                if ops:
                    label = _LABELS.get((table, ops[0]), label)
                    break
        return HistoryStep(step_id, label, tables, frozenset(layer_ids))

    def _forget(self, step_id: int) -> None:
        self.conn.execute("DELETE FROM temp.history_change WHERE step = ?", (step_id,))

    # -- undo and redo -------------------------------------------------------------------

    def can_undo(self) -> bool:
        """Whether there is a step to undo."""
        return self._history_enabled and bool(self._undo_steps)

    def can_redo(self) -> bool:
        """Whether there is an undone step to redo."""
        return self._history_enabled and bool(self._redo_steps)

    def undo_steps(self) -> list[HistoryStep]:
        """Steps that can be undone, oldest first (the last one is undone next)."""
        return list(self._undo_steps) if self._history_enabled else []

    def undo(self) -> HistoryStep | None:
        """Reverse the last step; return it (``None`` when there is nothing to undo)."""
        if not self.can_undo():
            return None
        return self._replay_last(self._undo_steps, self._redo_steps, backwards=True)

    def redo(self) -> HistoryStep | None:
        """Apply the last undone step again; return it (``None`` when there is none)."""
        if not self.can_redo():
            return None
        return self._replay_last(self._redo_steps, self._undo_steps, backwards=False)

    def _replay_last(
        self, steps: list[HistoryStep], other: list[HistoryStep], *, backwards: bool
    ) -> HistoryStep:
        """Replay the last of ``steps`` (``backwards`` to undo it), then move it to ``other``.

        A replay that fails leaves the step where it was.
        """
        step = steps[-1]
        self._replay(step, backwards=backwards)
        steps.pop()
        other.append(step)
        self.version += 1
        return step

    def clear(self) -> None:
        """Forget every step (undo and redo)."""
        if not self._history_enabled:
            return
        self.conn.execute("DELETE FROM temp.history_change")
        self._undo_steps = []
        self._redo_steps = []
        self.version += 1

    def _replay(self, step: HistoryStep, *, backwards: bool) -> None:
        order = "DESC" if backwards else "ASC"
        rows = self.conn.execute(
            "SELECT tbl, op, rid, old, new FROM temp.history_change WHERE step = ?"
            f" ORDER BY id {order}",
            (step.id,),
        ).fetchall()
        edited = sorted(
            {int(r[2]) for r in rows if r[0] == "layer_text"}
            # an utterance's language decides its word-form keys: its layer is re-indexed
            | {int(json.loads(r[4])[1]) for r in rows if r[0] == "span_language"}
        )
        try:
            with self.db.plain_transaction() as conn:
                conn.execute("PRAGMA defer_foreign_keys = ON")
                for layer_id in edited:
                    self._index.remove_layer(layer_id)
                for tbl, op, rid, old, new in rows:
                    self._apply_change(tbl, op, int(rid), old, new, backwards)
                for layer_id in edited:
                    self._index.add_layer(layer_id)
                # Layers put back or removed by a transcript's undo are not a barrier.
                conn.execute("UPDATE temp.history_state SET barrier = 0")
                self.db.audit("undo" if backwards else "redo", "history", None, label=step.label)
        except (sqlite3.IntegrityError, NotFoundError, IndexError, TypeError) as error:
            if self.conn.in_transaction:  # a deferred foreign key failed at COMMIT
                self.conn.execute("ROLLBACK")
            self.clear()
            raise ConflictError(
                N_("Cannot undo or redo {label!r}: the project was changed elsewhere ({reason})"),
                label=step.label,
                reason=str(error),
            ) from None

    def _apply_change(
        self, tbl: str, op: str, rid: int, old: str | None, new: str | None, backwards: bool
    ) -> None:
        if tbl == "layer_text":
            start, before = json.loads(old or '[0, ""]')
            _start, after = json.loads(new or '[0, ""]')
            remove, insert = (after, before) if backwards else (before, after)
            (text,) = self.conn.execute("SELECT text FROM layer WHERE id = ?", (rid,)).fetchone()
            if text[start : start + len(remove)] != remove:
                raise IndexError(f"layer {rid} text differs at {start}")
            self.conn.execute(
                "UPDATE layer SET text = ? WHERE id = ?",
                (text[:start] + insert + text[start + len(remove) :], rid),
            )
            return
        if tbl == "transcript_rows":
            (restore_rows if backwards else remove_rows)(self.conn, self._index, old or "{}")
            return
        if tbl == "utterance_rows":
            current, wanted = (new, old) if backwards else (old, new)
            replace_utterance_rows(self.conn, current or "{}", wanted or "{}")
            return
        if tbl == "span_language":
            language = json.loads((old if backwards else new) or "[null]")[0]
            self.conn.execute("UPDATE span SET language = ? WHERE id = ?", (language, rid))
            return
        if tbl == "span":
            values = json.loads((old if backwards else new) or "[]")
            self.conn.execute(
                'UPDATE span SET start = ?, "end" = ? WHERE id = ?', (values[0], values[1], rid)
            )
            return
        columns = self._history_columns[tbl]
        quoted = [f'"{c}"' for c in columns]
        if (op == "insert" and backwards) or (op == "delete" and not backwards):
            self.conn.execute(f"DELETE FROM {tbl} WHERE id = ?", (rid,))
            return
        if op in ("insert", "delete"):
            values = json.loads((new if op == "insert" else old) or "[]")
            marks = ", ".join("?" for _ in columns)
            self.conn.execute(
                f"INSERT INTO {tbl} ({', '.join(quoted)}) VALUES ({marks})", _values(values)
            )
            return
        values = json.loads((old if backwards else new) or "[]")
        sets = ", ".join(f"{c} = ?" for c in quoted)
        self.conn.execute(f"UPDATE {tbl} SET {sets} WHERE id = ?", (*_values(values), rid))


def _json_row(source: str, columns: list[str]) -> str:
    return "json_array(" + ", ".join(f'{source}."{c}"' for c in columns) + ")"


def _values(values: list[Any]) -> tuple[Any, ...]:
    return tuple(values)
