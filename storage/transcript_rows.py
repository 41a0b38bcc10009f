"""A deleted transcript's own rows, kept so that undo can bring the transcript back.

Deleting a transcript removes its codings and memos through their parts (the history
records those row by row) and then the transcript, its layers, utterances and spans,
with what hangs on them and would go with them: word times, review marks, translation
status, drafts and marks, the machine-transcript mark and the linked recording; a live
session that made the transcript loses its link. :func:`snapshot` keeps all that as
JSON before it goes; :func:`restore` puts it back with the same ids (and the live
sessions' links) and re-indexes the layers; :func:`remove` deletes it again (for redo).
The transcripts part calls these; only it and the history part use them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from storage.span_index import SpanIndex

_OF_UTTERANCES = "utterance_id IN (SELECT id FROM utterance WHERE transcript_id = ?)"
_WHERE = {
    "transcript": "id = ?",
    "layer": "transcript_id = ?",
    "utterance": "transcript_id = ?",
    "span": _OF_UTTERANCES,
    "utterance_word": _OF_UTTERANCES,
    "reviewed_utterance": _OF_UTTERANCES,
    "translation_status": _OF_UTTERANCES,
    "translation_draft": _OF_UTTERANCES,
    "translation_mark": _OF_UTTERANCES,
    "machine_transcript": "transcript_id = ?",
    "media": "transcript_id = ?",
}
ROW_TABLES = tuple(_WHERE)
"""The tables a transcript's deletion takes rows from, parents first (the order rows are
put back in)."""


def snapshot(conn: sqlite3.Connection, transcript_id: int) -> str:
    """Every row of a transcript's own tables, as JSON (columns and values per table)."""
    data: dict[str, Any] = {"id": transcript_id}
    for table in ROW_TABLES:
        columns = _columns(conn, table)
        quoted = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(
            f"SELECT {quoted} FROM {table} WHERE {_WHERE[table]} ORDER BY 1", (transcript_id,)
        ).fetchall()
        data[table] = {"columns": columns, "rows": [list(r) for r in rows]}
    data["live_sessions"] = [
        r[0]
        for r in conn.execute(
            "SELECT session_id FROM live_session WHERE transcript_id = ?", (transcript_id,)
        )
    ]
    return json.dumps(data, ensure_ascii=False)


def restore(conn: sqlite3.Connection, index: SpanIndex, saved: str) -> None:
    """Put a transcript's rows back as they were and index its layers (inside a transaction)."""
    data = json.loads(saved)
    insert_saved(conn, data, ROW_TABLES)
    conn.executemany(
        "UPDATE live_session SET transcript_id = ? WHERE session_id = ?",
        [(data["id"], live) for live in data["live_sessions"]],
    )
    for row in data["layer"]["rows"]:
        index.add_layer(int(row[data["layer"]["columns"].index("id")]))


def insert_saved(conn: sqlite3.Connection, data: dict[str, Any], tables: Sequence[str]) -> None:
    """Insert the rows a snapshot saved (``{table: {"columns": …, "rows": …}}``), in order."""
    for table in tables:
        columns = data[table]["columns"]
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        conn.executemany(
            f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
            [tuple(r) for r in data[table]["rows"]],
        )


def remove(conn: sqlite3.Connection, index: SpanIndex, saved: str) -> None:
    """Delete a restored transcript again: index entries first, then its rows."""
    data = json.loads(saved)
    for row in data["layer"]["rows"]:
        index.remove_layer(int(row[data["layer"]["columns"].index("id")]))
    conn.execute("DELETE FROM transcript WHERE id = ?", (data["id"],))


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA main.table_info({table})")]
