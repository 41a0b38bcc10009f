"""Bulk writes used when a whole project is brought in at once (REFI-QDA import).

The ordinary ``add_*`` methods check one entity at a time; an imported project
carries tens of thousands of codings, so these methods insert many rows in one
statement each. They keep the same invariants: a layer's text is its utterances
joined by ``\\n``, spans are code points, every coding lies inside its layer.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate, chain, count, repeat
from typing import NamedTuple

from storage.base import new_uuid, utc_now
from storage.errors import N_, NN_, NotFoundError, ValidationError
from storage.models import Transcript
from storage.span_index import SpanIndexMixin
from storage.text import fold

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
"""Entities whose UUIDs :meth:`RefiMixin.uuid_index` can list."""


_sequence = 0
_RAND_B = (1 << 62) - 1


def ordered_uuids(count: int) -> list[str]:
    """``count`` new UUIDs laid out as UUIDv7 (RFC 9562): time first, then random bits.

    Rows inserted together get neighbouring UUIDs, so the UUID index grows at
    one end instead of being rewritten all over (twice as fast for big imports).
    Within one call the random part counts up from a random start, which keeps
    the UUIDs unique and cheap to make.
    """
    global _sequence
    _sequence = (_sequence + 1) & 0xFFF
    stamp = f"{int(time.time() * 1000):012x}"
    head = f"{stamp[:8]}-{stamp[8:]}-7{_sequence:03x}-"
    base = int.from_bytes(os.urandom(8), "big") & _RAND_B
    variant = 1 << 63
    out = []
    for i in range(count):
        tail = f"{variant | ((base + i) & _RAND_B):016x}"
        out.append(f"{head}{tail[:4]}-{tail[4:]}")
    return out


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


class RefiMixin(SpanIndexMixin):
    """Many-row inserts, UUID look-ups and lean whole-project reads for exchange formats."""

    def turn_rows(self) -> list[TurnRow]:
        """Every utterance span of every layer, by transcript, layer and position."""
        rows = self.conn.execute(
            "SELECT u.transcript_id, u.uuid, u.speaker, u.participant_id, u.start_ms,"
            ' s.layer_id, s.start, s."end" FROM span s JOIN utterance u ON u.id = s.utterance_id'
            " ORDER BY u.transcript_id, s.layer_id, u.position"
        )
        return list(map(TurnRow._make, rows))

    def coding_rows(self) -> list[CodingRecord]:
        """Every coding, by layer and position (a lean form of :meth:`codings`)."""
        rows = self.conn.execute(
            'SELECT id, uuid, code_id, layer_id, start, "end", coder_id, created, memo'
            ' FROM coding ORDER BY layer_id, start, "end", id'
        )
        return list(map(CodingRecord._make, rows))

    @contextmanager
    def bulk_writes(self, cache_mb: int = 256) -> Iterator[None]:
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

    def add_transcript_rows(
        self,
        session_id: int,
        title: str,
        layers: Sequence[LayerRows],
        utterances: Sequence[UtteranceRow],
        *,
        uuid: str | None = None,
        source_file: str | None = None,
    ) -> Transcript:
        """Insert a transcript whose layers are given line by line (lines kept verbatim).

        Every layer must have one line per utterance. Speaker labels that equal a
        participant's pseudonym are linked when no participant is given.
        """
        if not layers or not utterances:
            raise ValidationError(N_("A transcript needs at least one utterance"))
        for layer in layers:
            if len(layer.lines) != len(utterances) or any("\n" in x for x in layer.lines):
                raise ValidationError(
                    NN_(
                        "The translation has {got} utterance, the transcript {want}",
                        "The translation has {got} utterances, the transcript {want}",
                        "got",
                    ),
                    got=len(layer.lines),
                    want=len(utterances),
                )
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO transcript (uuid, session_id, title, source_file, created)"
                " VALUES (?, ?, ?, ?, ?)",
                (uuid or new_uuid(), session_id, title, source_file, utc_now()),
            )
            tid = int(cur.lastrowid or 0)
            uid0 = self._max_id("utterance") + 1
            pseudonyms = {
                str(code).casefold(): int(pid)
                for pid, code in self.conn.execute("SELECT id, code FROM participant")
            }
            by_label = {
                label: pseudonyms.get(label.casefold()) for label in {u.speaker for u in utterances}
            }
            speakers, participants, start_ms, end_ms = zip(*utterances, strict=True)
            rows = len(utterances)
            self.conn.executemany(
                "INSERT INTO utterance (id, uuid, transcript_id, position, speaker,"
                " participant_id, start_ms, end_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                zip(
                    range(uid0, uid0 + rows),
                    ordered_uuids(rows),
                    repeat(tid),
                    range(rows),
                    speakers,
                    [
                        by_label[label] if pid is None else pid
                        for label, pid in zip(speakers, participants, strict=True)
                    ],
                    start_ms,
                    end_ms,
                    strict=False,  # repeat() never ends; the others have one item per row
                ),
            )
            index = [self._insert_layer_rows(tid, layer, uid0) for layer in layers]
            self._audit("import", "transcript", None, title=title)
        for first_span, folded in index:  # queued (or written) once the rows are in
            self._index_spans(first_span, folded)
        row = self.conn.execute(
            "SELECT id, uuid, session_id, title, source_file, created FROM transcript WHERE id = ?",
            (tid,),
        ).fetchone()
        return Transcript(*row)

    def utterance_ids(self, transcript_id: int) -> list[int]:
        """Ids of a transcript's utterances in order."""
        rows = self.conn.execute(
            "SELECT id FROM utterance WHERE transcript_id = ? ORDER BY position", (transcript_id,)
        )
        return [int(r[0]) for r in rows]

    def add_codings_bulk(self, rows: Sequence[CodingRow]) -> int:
        """Insert codings; exact duplicates (same UUID, or same code/range/coder) are skipped.

        Returns how many were inserted. Every range must lie inside its layer.
        """
        if not rows:
            return 0
        lengths: dict[int, int] = {}
        for layer_id in {r.layer_id for r in rows}:
            found = self.conn.execute(
                "SELECT length(text) FROM layer WHERE id = ?", (layer_id,)
            ).fetchone()
            if found is None:
                raise NotFoundError(N_("No layer with id {id}"), id=layer_id)
            lengths[layer_id] = int(found[0])
        bad = next((r for r in rows if not 0 <= r.start < r.end <= lengths[r.layer_id]), None)
        if bad is not None:
            raise ValidationError(
                N_("Range {start}–{end} is outside the text (0–{length})"),
                start=bad.start,
                end=bad.end,
                length=lengths[bad.layer_id],
            )
        now = utc_now()
        with self.transaction():
            before = self.conn.total_changes
            self.conn.executemany(
                'INSERT OR IGNORE INTO coding (uuid, code_id, layer_id, start, "end", coder_id,'
                " created, memo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(*r[:6], r.created or now, r.memo) for r in rows],
            )
            added = self.conn.total_changes - before
            self._audit("import", "coding", None, count=added)
        return added

    def set_utterance_participants(self, links: Sequence[tuple[int, int]]) -> None:
        """Link utterances to participants: ``(utterance_id, participant_id)`` pairs."""
        with self.transaction():
            self.conn.executemany(
                "UPDATE utterance SET participant_id = ? WHERE id = ?",
                [(pid, uid) for uid, pid in links],
            )

    def speaker_sessions(self, transcript_ids: Sequence[int]) -> set[tuple[int, int]]:
        """``(session id, participant id)`` for everyone who speaks in these transcripts."""
        found: set[tuple[int, int]] = set()
        for tid in transcript_ids:
            rows = self.conn.execute(
                "SELECT DISTINCT t.session_id, u.participant_id FROM utterance u"
                " JOIN transcript t ON t.id = u.transcript_id"
                " WHERE u.transcript_id = ? AND u.participant_id IS NOT NULL",
                (tid,),
            )
            found.update((int(s), int(p)) for s, p in rows)
        return found

    def link_participants_bulk(self, pairs: Sequence[tuple[int, int]]) -> int:
        """Add ``(session id, participant id)`` links as respondents; return how many were new."""
        with self.transaction():
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO session_participant (session_id, participant_id, role)"
                " VALUES (?, ?, 'respondent')",
                pairs,
            )
            added = self.conn.total_changes - before
            if added:
                self._audit("link", "session_participant", None, count=added)
        return added

    def set_code_codable(self, code_id: int) -> None:
        """Make a folder code codable (an imported project applied it to text)."""
        with self.transaction():
            self.conn.execute("UPDATE code SET is_codable = 1 WHERE id = ?", (code_id,))
            self._audit("update", "code", self._uuid_of("code", code_id), fields=["is_codable"])

    # -- helpers -------------------------------------------------------------------------

    def _max_id(self, table: str) -> int:
        (value,) = self.conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()
        return int(value)

    def _uuid_of(self, table: str, row_id: int) -> str:
        row = self.conn.execute(f"SELECT uuid FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return str(row[0]) if row else ""

    def _insert_layer_rows(
        self, transcript_id: int, layer: LayerRows, first_utterance: int
    ) -> tuple[int, list[str]]:
        """Insert a layer and its spans; return the first span id and the folded lines."""
        lines = layer.lines
        text = "\n".join(lines)
        cur = self.conn.execute(
            "INSERT INTO layer (uuid, transcript_id, language, is_original, text)"
            " VALUES (?, ?, ?, ?, ?)",
            (layer.uuid, transcript_id, layer.language, int(layer.is_original), text),
        )
        lid = int(cur.lastrowid or 0)
        sid0 = self._max_id("span") + 1
        ends = list(accumulate(len(line) + 1 for line in lines))
        self.conn.executemany(
            'INSERT INTO span (id, utterance_id, layer_id, start, "end") VALUES (?, ?, ?, ?, ?)',
            zip(
                count(sid0),
                count(first_utterance),
                repeat(lid),
                chain((0,), ends),
                (end - 1 for end in ends),
                strict=False,
            ),
        )
        # Folding never makes or removes a line break: fold the whole layer in one call.
        folded = fold(text).split("\n")
        if len(folded) != len(lines):
            folded = [fold(line) for line in lines]
        return sid0, folded
