"""Writing the folded full-text index of utterance spans, at once or deferred to a block's end.

FTS5 writes the rows it holds in memory to disk at every savepoint opened after
the index was changed in a transaction. An import of many files, each in its own
savepoint, would therefore leave one small index segment per file and pay for
merging them. :meth:`SpanIndexMixin.deferred_indexing` keeps the new rows until
the end of one transaction instead, and writes them in one go.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import count

from storage.base import StoreBase

QUEUE_LIMIT = 8_000_000
"""Code points of queued texts after which the queue is written out (bounds memory)."""


class SpanIndexMixin(StoreBase):
    """Adds span texts to the FTS5 index ``span_fts``, optionally queued until a block ends."""

    _index_queue: list[tuple[int, Sequence[str]]] | None = None
    _index_queued = 0

    @contextmanager
    def deferred_indexing(self) -> Iterator[None]:
        """Run a block in one transaction, indexing new utterance spans at its end.

        Searches and edits inside the block first write out what is queued, so they
        see every span. An error must leave the block (the transaction is then
        rolled back, queued rows with it). Nested blocks join the outermost one.
        """
        if self._index_queue is not None:
            yield
            return
        with self.transaction():
            self._index_queue = []
            self._index_queued = 0
            try:
                yield
                self._flush_index_queue()
            finally:
                self._index_queue = None
                self._index_queued = 0

    def _index_spans(self, first_id: int, folded: Sequence[str]) -> None:
        """Index ``folded[i]`` as the text of span ``first_id + i`` (empty texts skipped).

        Call inside a transaction. Within :meth:`deferred_indexing` the texts are
        queued; call this only once the rows they belong to are safely written.
        """
        if self._index_queue is None:
            self._write_index([(first_id, folded)])
            return
        self._index_queue.append((first_id, folded))
        self._index_queued += sum(map(len, folded))
        if self._index_queued > QUEUE_LIMIT:
            self._flush_index_queue()

    def _flush_index_queue(self) -> None:
        """Write out queued index rows (before anything reads or deletes index entries)."""
        if self._index_queue:
            self._write_index(self._index_queue)
            self._index_queue.clear()
            self._index_queued = 0

    def _write_index(self, batches: Iterable[tuple[int, Sequence[str]]]) -> None:
        self.conn.executemany(
            "INSERT INTO span_fts (rowid, folded) VALUES (?, ?)",
            (
                row
                for first_id, folded in batches
                for row in zip(count(first_id), folded, strict=False)
                if row[1]
            ),
        )
