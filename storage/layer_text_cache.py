"""Recently read layer texts, kept while the project file has not changed.

Search cuts its snippets from whole layer texts. Reading a layer means decoding its
UTF-8 (about 0.4 ms for a 260 KB Cyrillic layer), and a query whose first 50 hits
are spread over 16 layers spends most of its time there; a search screen asks again
at every keystroke. The cache is dropped as soon as anything may have changed, as
told by the Store's change stamp (a write on this connection or a commit by another
one), so it never serves a stale text.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Iterable

MAX_CHARACTERS = 16_000_000
"""How much text the cache holds at most (about 32–64 MB for Cyrillic)."""


class LayerTextCache:
    """Layer texts by layer id, least recently used first out."""

    def __init__(self, max_characters: int = MAX_CHARACTERS) -> None:
        self._texts: OrderedDict[int, str] = OrderedDict()
        self._size = 0
        self._stamp: tuple[int, int] | None = None
        self._max = max_characters

    def texts(
        self, conn: sqlite3.Connection, stamp: tuple[int, int], layer_ids: Iterable[int]
    ) -> dict[int, str]:
        """The texts of ``layer_ids`` as stored now (``stamp``: the Store's change stamp)."""
        if stamp != self._stamp:
            self.clear()
            self._stamp = stamp
        out: dict[int, str] = {}
        for layer_id in layer_ids:
            text = self._texts.get(layer_id)
            if text is None:
                row = conn.execute("SELECT text FROM layer WHERE id = ?", (layer_id,)).fetchone()
                text = row[0] if row is not None else ""
                self._remember(layer_id, text)
            else:
                self._texts.move_to_end(layer_id)
            out[layer_id] = text
        return out

    def clear(self) -> None:
        """Forget every text."""
        self._texts.clear()
        self._size = 0

    def _remember(self, layer_id: int, text: str) -> None:
        self._texts[layer_id] = text
        self._size += len(text)
        while self._size > self._max and len(self._texts) > 1:
            _old_id, old = self._texts.popitem(last=False)
            self._size -= len(old)
