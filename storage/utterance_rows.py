"""Utterances' own rows before and after a split or join, kept so that undo can swap them.

Splitting or joining utterances inserts or deletes an utterance and renumbers the ones
after it; the history's triggers do not follow those tables. The transcripts part
saves the rows of the utterances split or joined (:func:`snapshot`) before and after
the change and gives both to the history part, whose undo and redo call
:func:`replace` to put one set in place of the other and renumber the utterances
after them. Text, span shifts and codings are recorded as usual.

Besides ``utterance`` and ``span`` the rows include what hangs on an utterance and
would go with it (word times, review marks, translation status, drafts and marks), so
an undone join brings the second utterance back whole.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from storage.transcript_rows import insert_saved

ROW_TABLES = (
    "utterance",
    "span",
    "utterance_word",
    "reviewed_utterance",
    "translation_status",
    "translation_draft",
    "translation_mark",
)
"""The tables saved, parents first (the order rows are put back in)."""

_IDS = "(SELECT value FROM json_each(?))"


def snapshot(conn: sqlite3.Connection, utterance_ids: Sequence[int]) -> str:
    """Every row of these utterances in :data:`ROW_TABLES`, as JSON."""
    ids = json.dumps(list(utterance_ids))
    transcript, position = conn.execute(
        f"SELECT transcript_id, MIN(position) FROM utterance WHERE id IN {_IDS}", (ids,)
    ).fetchone()
    data: dict[str, Any] = {
        "ids": list(utterance_ids),
        "transcript": transcript,
        "position": position,
    }
    for table in ROW_TABLES:
        columns = [str(r[1]) for r in conn.execute(f"PRAGMA main.table_info({table})")]
        key = "id" if table == "utterance" else "utterance_id"
        quoted = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(f"SELECT {quoted} FROM {table} WHERE {key} IN {_IDS}", (ids,))
        data[table] = {"columns": columns, "rows": [list(r) for r in rows]}
    return json.dumps(data, ensure_ascii=False)


def replace(conn: sqlite3.Connection, current: str, saved: str) -> None:
    """Delete the utterances of ``current`` (with what hangs on them), insert ``saved``'s rows.

    The utterances after them move up or down by the difference in number.

    Runs inside the caller's transaction; the caller re-indexes the layers.
    """
    now, wanted = json.loads(current), json.loads(saved)
    conn.execute(f"DELETE FROM utterance WHERE id IN {_IDS}", (json.dumps(now["ids"]),))
    shift = len(wanted["ids"]) - len(now["ids"])
    if shift:
        conn.execute(
            "UPDATE utterance SET position = position + ? WHERE transcript_id = ?"
            " AND position >= ?",
            (shift, now["transcript"], now["position"] + len(now["ids"])),
        )
    insert_saved(conn, wanted, ROW_TABLES)
