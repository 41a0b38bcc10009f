"""A deleted transcript's own rows, kept so that undo can bring the transcript back.

Deleting a transcript removes its codings and memos through their parts (the history
records those row by row) and then the transcript, its layers, utterances and spans.
:func:`snapshot` keeps the latter as JSON before they go; :func:`restore` puts them
back with the same ids and re-indexes the layers; :func:`remove` deletes them again
(for redo). The transcripts part calls these; only it and the history part use them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from storage.span_index import SpanIndex

ROW_TABLES = ("transcript", "layer", "utterance", "span")
"""The tables a transcript owns, parents first (the order rows are put back in)."""

_WHERE = {
    "transcript": "id = ?",
    "layer": "transcript_id = ?",
    "utterance": "transcript_id = ?",
    "span": "utterance_id IN (SELECT id FROM utterance WHERE transcript_id = ?)",
}


def snapshot(conn: sqlite3.Connection, transcript_id: int) -> str:
    """Every row of a transcript's own tables, as JSON (columns and values per table)."""
    data: dict[str, Any] = {"id": transcript_id}
    for table in ROW_TABLES:
        columns = _columns(conn, table)
        quoted = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(
            f"SELECT {quoted} FROM {table} WHERE {_WHERE[table]} ORDER BY id", (transcript_id,)
        ).fetchall()
        data[table] = {"columns": columns, "rows": [list(r) for r in rows]}
    return json.dumps(data, ensure_ascii=False)


def restore(conn: sqlite3.Connection, index: SpanIndex, saved: str) -> None:
    """Put a transcript's rows back as they were and index its layers (inside a transaction)."""
    data = json.loads(saved)
    insert_saved(conn, data, ROW_TABLES)
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
