"""The full-text indexes of utterance spans: the one writer of ``span_fts`` and ``span_key_fts``.

``span_fts`` holds each span's folded text (exact forms, prefixes); ``span_key_fts``
the word-form key of each of its words, in order (see :func:`storage.word_forms.key_text`),
so that a search for ``согласование`` finds «согласования» and phrases still match in
order. Both are written and removed together.

``span_fts`` is a contentless FTS5 table: a row can only be removed by giving back
the folded text it was indexed with, and no foreign key reaches it. Every change to
spans or layer texts therefore goes through :class:`SpanIndex` (``suhbat check``
verifies that the index holds exactly the utterances' folded text).

FTS5 writes the rows it holds in memory to disk at every savepoint opened after
the index was changed in a transaction. An import of many files, each in its own
savepoint, would therefore leave one small index segment per file and pay for
merging them. :meth:`SpanIndex.deferred` keeps the new rows until the end of one
transaction instead, and writes them in one go.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager

from storage.base import Part
from storage.text import fold

QUEUE_LIMIT = 8_000_000
"""Code points of queued texts after which the queue is written out (bounds memory)."""


class SpanIndex(Part):
    """Adds and removes span texts in the FTS5 index ``span_fts``, optionally queued."""

    _queue: list[tuple[int, Sequence[str]]] | None = None
    _queued = 0

    @property
    def queuing(self) -> bool:
        """Whether new rows are being queued (inside :meth:`deferred`)."""
        return self._queue is not None

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Run a block in one transaction, indexing new utterance spans at its end.

        Searches and edits inside the block first write out what is queued, so they
        see every span. An error must leave the block (the transaction is then
        rolled back, queued rows with it). Nested blocks join the outermost one.
        """
        if self._queue is not None:
            yield
            return
        with self.transaction():
            self._queue = []
            self._queued = 0
            try:
                yield
                self.flush()
            finally:
                self._queue = None
                self._queued = 0

    def add(self, first_id: int, folded: Sequence[str]) -> None:
        """Index ``folded[i]`` as the text of span ``first_id + i`` (empty texts skipped).

        Call inside a transaction. Within :meth:`deferred` the texts are queued;
        call this only once the rows they belong to are safely written.
        """
        if self._queue is None:
            self._write([(first_id, folded)])
            return
        self._queue.append((first_id, folded))
        self._queued += sum(map(len, folded))
        if self._queued > QUEUE_LIMIT:
            self.flush()

    def add_text(self, span_id: int, text: str) -> None:
        """Index one span's (unfolded) text now."""
        self.flush()
        if text:
            folded = fold(text)
            self.conn.execute(
                "INSERT INTO span_fts (rowid, folded) VALUES (?, ?)", (span_id, folded)
            )
            self._write_keys("insert", [span_id], [folded])

    def flush(self) -> None:
        """Write out queued index rows (before anything reads or deletes index entries)."""
        if self._queue:
            self._write(self._queue)
            self._queue.clear()
            self._queued = 0

    def remove(self, text: str, rows: Iterable[tuple[int, int, int]]) -> None:
        """Remove spans ``(id, start, end)`` of a layer whose text is ``text``.

        The contentless index needs the indexed values back, so call this before
        the layer's text or spans (or their languages) change.
        """
        self.flush()
        spans = [(sid, fold(text[s:e])) for sid, s, e in rows if e > s]
        if not spans:
            return
        self.conn.executemany(
            "INSERT INTO span_fts (span_fts, rowid, folded) VALUES ('delete', ?, ?)", spans
        )
        ids, folded = zip(*spans, strict=True)
        self._write_keys("delete", ids, folded)

    def remove_layer(self, layer_id: int) -> None:
        """Remove every span of a layer from the index (before it changes or goes)."""
        text, rows = self._layer_spans(layer_id)
        self.remove(text, rows)

    def add_layer(self, layer_id: int) -> None:
        """Index a layer's spans afresh (after its text or spans changed)."""
        self.flush()
        text, rows = self._layer_spans(layer_id)
        spans = [(sid, fold(text[s:e])) for sid, s, e in rows if e > s]
        if spans:
            ids, folded = zip(*spans, strict=True)
            self._insert(ids, folded)

    @contextmanager
    def language_change(self, layer_id: int, utterance_ids: Collection[int]) -> Iterator[None]:
        """Re-key utterances of a layer whose own language (``span.language``) the block changes.

        Word-form keys depend on a span's language (:func:`storage.word_forms.span_family`):
        their old keys are removed before the block and the new ones added after it. Call
        inside the transaction that changes the languages.
        """
        self.flush()
        text, rows = self._layer_spans(layer_id)
        wanted = {
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM span WHERE layer_id = ? AND utterance_id IN"
                " (SELECT value FROM json_each(?))",
                (layer_id, json.dumps(list(utterance_ids))),
            )
        }
        spans = [(sid, fold(text[s:e])) for sid, s, e in rows if e > s and sid in wanted]
        ids, folded = zip(*spans, strict=True) if spans else ((), ())
        self._write_keys("delete", ids, folded)
        yield
        self._write_keys("insert", ids, folded)

    def _layer_spans(self, layer_id: int) -> tuple[str, list[tuple[int, int, int]]]:
        row = self.conn.execute("SELECT text FROM layer WHERE id = ?", (layer_id,)).fetchone()
        text = str(row[0]) if row else ""
        rows = self.conn.execute(
            'SELECT id, start, "end" FROM span WHERE layer_id = ?', (layer_id,)
        ).fetchall()
        return text, [(r[0], r[1], r[2]) for r in rows]

    def _letters(self, ids: Sequence[int]) -> tuple[str, dict[int, str]]:
        """The key family of the layer of spans ``ids`` (of one layer), and the languages
        of those of them with one of their own (see :func:`storage.word_forms.span_family`).

        The few spans with a language of their own are found by id range when ``ids``
        are (nearly) consecutive, as in imports (a range of the table is cheaper to read
        than the layer's index entries), else among the layer's spans.
        """
        from storage.word_forms import family  # on first write: it imports regex

        row = self.conn.execute(
            "SELECT l.id, l.language FROM span s JOIN layer l ON l.id = s.layer_id WHERE s.id = ?",
            (ids[0],),
        ).fetchone()
        low, high = min(ids), max(ids)
        sql, args = "id BETWEEN ? AND ?", [low, high]
        if high - low >= 2 * len(ids):
            sql, args = "layer_id = ?", [int(row[0]) if row else -1]
        rows = self.conn.execute(
            f"SELECT id, language FROM span WHERE {sql} AND language IS NOT NULL", args
        )
        return family(str(row[1]) if row else ""), dict(rows.fetchall())

    def _write(self, batches: Iterable[tuple[int, Sequence[str]]]) -> None:
        """Index batches of consecutive spans (each batch: spans of one layer)."""
        for first_id, folded in batches:
            ids: Sequence[int] = range(first_id, first_id + len(folded))
            if not all(folded):  # empty texts are not indexed
                spans = [row for row in zip(ids, folded, strict=True) if row[1]]
                if not spans:
                    continue
                ids, folded = zip(*spans, strict=True)
            if folded:
                self._insert(ids, folded)

    def _insert(self, ids: Sequence[int], folded: Sequence[str]) -> None:
        """Index the folded texts of spans ``ids`` of one layer."""
        self.conn.executemany(
            "INSERT INTO span_fts (rowid, folded) VALUES (?, ?)", zip(ids, folded, strict=True)
        )
        self._write_keys("insert", ids, folded)

    def _write_keys(self, action: str, ids: Sequence[int], folded: Sequence[str]) -> None:
        """Add (``insert``) or remove (``delete``) the word-form keys of spans of one layer."""
        from storage.word_forms import key_texts, span_family, span_key_texts

        if not ids:
            return
        letter, own = self._letters(ids)
        if own:
            keys = span_key_texts(folded, [span_family(letter, own.get(i)) for i in ids])
        else:  # nearly always: every span in its layer's language
            keys = key_texts(folded, letter)
        if action == "delete":
            self.conn.executemany(
                "INSERT INTO span_key_fts (span_key_fts, rowid, keys) VALUES ('delete', ?, ?)",
                zip(ids, keys, strict=True),
            )
        else:
            self.conn.executemany(
                "INSERT INTO span_key_fts (rowid, keys) VALUES (?, ?)", zip(ids, keys, strict=True)
            )
