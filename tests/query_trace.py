"""Recording the SQL a piece of code runs on a Store (to check what a statistic reads)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from storage import Store


@contextmanager
def traced(store: Store) -> Iterator[list[str]]:
    """The statements run on ``store``'s connection inside the block, in order."""
    queries: list[str] = []
    store.db.conn.set_trace_callback(queries.append)
    try:
        yield queries
    finally:
        store.db.conn.set_trace_callback(None)
