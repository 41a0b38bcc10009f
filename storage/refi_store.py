"""Rows for bulk writes used when a whole project is brought in at once (REFI-QDA import).

The ordinary ``add_*`` methods check one entity at a time; an imported project
carries tens of thousands of codings, so the owning parts also insert many rows in
one statement each (given as the row types below). They keep the same invariants:
a layer's text is its utterances joined by ``\\n``, spans are code points, every
coding lies inside its layer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from storage.base import Part
from storage.errors import N_, ValidationError

UUID_TABLES: tuple[str, ...] = (
    "attribute",
    "code",
    "coder",
    "coding",
    "layer",
    "memo",
    "participant",
    "session",
    "transcript",
    "utterance",
)
"""Entities whose UUIDs :meth:`BulkPart.uuid_index` can list."""


@dataclass(frozen=True)
class LayerRows:
    """One language layer to insert: its lines, one per utterance, in order."""

    uuid: str
    language: str
    is_original: bool
    lines: tuple[str, ...]


class UtteranceRow(NamedTuple):
    """An utterance to insert: speaker label, linked participant and media times."""

    speaker: str = ""
    participant_id: int | None = None
    start_ms: int | None = None
    end_ms: int | None = None


class CodingRow(NamedTuple):
    """A coding to insert as it is (offsets already in code points of the layer)."""

    uuid: str
    code_id: int
    layer_id: int
    start: int
    end: int
    coder_id: int
    created: str | None = None
    memo: str = ""


class TurnRow(NamedTuple):
    """An utterance's place in one layer, as whole-project exports need it (immutable)."""

    transcript_id: int
    uuid: str
    speaker: str
    participant_id: int | None
    start_ms: int | None
    layer_id: int
    start: int
    end: int


class CodingRecord(NamedTuple):
    """A coding as whole-project exports read it (immutable; same fields as ``Coding``)."""

    id: int
    uuid: str
    code_id: int
    layer_id: int
    start: int
    end: int
    coder_id: int
    created: str
    memo: str
    valence: int | None = None


class BulkPart(Part):
    """UUID look-ups, lean whole-project reads and the big-import transaction (reads only).

    The many-row inserts themselves belong to the parts that own the tables:
    :meth:`TranscriptsPart.add_rows`, :meth:`CodingsPart.add_bulk`,
    :meth:`SessionsPart.link_participants_bulk`.
    """

    def turn_rows(self) -> list[TurnRow]:
        """Every utterance span of every layer, by transcript, layer and position."""
        rows = self.conn.execute(
            "SELECT u.transcript_id, u.uuid, u.speaker, u.participant_id, u.start_ms,"
            ' s.layer_id, s.start, s."end" FROM span s JOIN utterance u ON u.id = s.utterance_id'
            " ORDER BY u.transcript_id, s.layer_id, u.position"
        )
        return list(map(TurnRow._make, rows))

    def coding_rows(self) -> list[CodingRecord]:
        """Every coding, by layer and position (a lean form of :meth:`CodingsPart.all`)."""
        rows = self.conn.execute(
            'SELECT id, uuid, code_id, layer_id, start, "end", coder_id, created, memo, valence'
            ' FROM coding ORDER BY layer_id, start, "end", id'
        )
        return list(map(CodingRecord._make, rows))

    @contextmanager
    def writes(self, cache_mb: int = 256) -> Iterator[None]:
        """A transaction for a big import, with a page cache large enough to hold it.

        With SQLite's small default cache a large transaction spills pages to the
        WAL while it runs; a bigger cache keeps them in memory until the commit.
        """
        (previous,) = self.conn.execute("PRAGMA cache_size").fetchone()
        self.conn.execute(f"PRAGMA cache_size = {-1024 * int(cache_mb)}")
        try:
            with self.transaction():
                yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(previous)}")

    def uuid_index(self, table: str) -> dict[str, int]:
        """Map every (lower-case) UUID of ``table`` to its row id."""
        if table not in UUID_TABLES:
            raise ValidationError(N_("Unknown entity {name!r}"), name=table)
        rows = self.conn.execute(f"SELECT uuid, id FROM {table}")
        return {str(u).lower(): int(i) for u, i in rows}

    # -- helpers -------------------------------------------------------------------------

    def _max_id(self, table: str) -> int:
        (value,) = self.conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()
        return int(value)

    def _uuid_of(self, table: str, row_id: int) -> str:
        row = self.conn.execute(f"SELECT uuid FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return str(row[0]) if row else ""
