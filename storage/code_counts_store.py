"""What the codebook shows about each code: counts and the coded segments themselves.

Counts come from a few set-based queries over the whole project, so the codebook
of a large project (hundreds of transcripts, tens of thousands of codings) opens
at once. A theme's totals count *distinct* segments, documents and participants
of its subtree, never the sum of its children's counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storage.base import StoreBase
from storage.models import Coding

CONTEXT_CHARS = 80
"""How much text around a coded segment :meth:`CodeCountsMixin.coded_segments` returns."""


@dataclass(frozen=True)
class CodeCounts:
    """Counts for one code.

    ``codings`` counts the code's own codings; ``segments``, ``documents`` and
    ``participants`` count distinct coded segments (layer and range), transcripts
    and linked participants over the code *and its descendants*.
    """

    codings: int = 0
    segments: int = 0
    documents: int = 0
    participants: int = 0


@dataclass(frozen=True)
class CodedSegment:
    """A coding with where it is and the text it covers, with some context."""

    coding: Coding
    transcript_id: int
    transcript_title: str
    language: str
    speaker: str
    start_ms: int | None
    utterance_id: int | None
    text: str
    before: str
    after: str


class CodeCountsMixin(StoreBase):
    """Codebook statistics and coded-segment listings."""

    def code_counts(self, *, coder_id: int | None = None) -> dict[int, CodeCounts]:
        """Counts for every code (see :class:`CodeCounts`), optionally one coder's only."""
        parents = dict(self.conn.execute("SELECT id, parent_id FROM code").fetchall())
        ancestors: dict[int, list[int]] = {}
        for code_id in parents:
            chain: list[int] = []
            current: int | None = code_id
            while current is not None and current not in chain:
                chain.append(current)
                current = parents.get(current)
            ancestors[code_id] = chain
        where = "WHERE c.coder_id = ?" if coder_id is not None else ""
        args: tuple[int, ...] = (coder_id,) if coder_id is not None else ()
        own: dict[int, int] = {}
        segments: dict[int, set[tuple[int, int, int]]] = {}
        documents: dict[int, set[int]] = {}
        for code_id, layer_id, start, end, transcript_id in self.conn.execute(
            'SELECT c.code_id, c.layer_id, c.start, c."end", l.transcript_id FROM coding c'
            f" JOIN layer l ON l.id = c.layer_id {where}",
            args,
        ):
            own[code_id] = own.get(code_id, 0) + 1
            segment = (layer_id, start, end)
            for ancestor in ancestors.get(code_id, (code_id,)):
                segments.setdefault(ancestor, set()).add(segment)
                documents.setdefault(ancestor, set()).add(transcript_id)
        participants: dict[int, set[int]] = {}
        for code_id, participant_id in self._coded_participants(where, args):
            for ancestor in ancestors.get(code_id, (code_id,)):
                participants.setdefault(ancestor, set()).add(participant_id)
        return {
            code_id: CodeCounts(
                codings=own.get(code_id, 0),
                segments=len(segments.get(code_id, ())),
                documents=len(documents.get(code_id, ())),
                participants=len(participants.get(code_id, ())),
            )
            for code_id in parents
        }

    def _coded_participants(self, where: str, args: tuple[int, ...]) -> Iterable[tuple[int, int]]:
        """(code, participant) for every utterance a coding overlaps, distinct."""
        return self.conn.execute(
            "SELECT DISTINCT c.code_id, u.participant_id FROM coding c"
            " JOIN span s ON s.layer_id = c.layer_id"
            " AND s.start >= (SELECT MAX(s0.start) FROM span s0 WHERE s0.layer_id = c.layer_id"
            " AND s0.start <= c.start)"
            ' AND s.start < c."end"'
            " JOIN utterance u ON u.id = s.utterance_id AND u.participant_id IS NOT NULL"
            f" {where}",
            args,
        ).fetchall()

    def coded_segments(
        self,
        code_id: int,
        *,
        include_descendants: bool = False,
        coder_id: int | None = None,
        limit: int | None = None,
        context: int = CONTEXT_CHARS,
    ) -> list[CodedSegment]:
        """The segments coded with a code, in document order, with text around them."""
        if include_descendants:
            ids = [
                r[0]
                for r in self.conn.execute(
                    "WITH RECURSIVE t(id) AS (SELECT ? UNION ALL SELECT c.id FROM code c JOIN t"
                    " ON c.parent_id = t.id) SELECT id FROM t",
                    (code_id,),
                )
            ]
        else:
            ids = [code_id]
        marks = ",".join("?" for _ in ids)
        args: list[object] = [context, context, context, *ids]
        where = f"c.code_id IN ({marks})"
        if coder_id is not None:
            where += " AND c.coder_id = ?"
            args.append(coder_id)
        sql = (
            'SELECT c.id, c.uuid, c.code_id, c.layer_id, c.start, c."end", c.coder_id, c.created,'
            " c.memo, l.transcript_id, t.title, l.language,"
            ' substr(l.text, c.start + 1, c."end" - c.start),'
            " substr(l.text, max(1, c.start + 1 - ?), min(c.start, ?)),"
            ' substr(l.text, c."end" + 1, ?),'
            " u.id, u.speaker, u.start_ms"
            " FROM coding c JOIN layer l ON l.id = c.layer_id"
            " JOIN transcript t ON t.id = l.transcript_id"
            " LEFT JOIN span s ON s.id = (SELECT s0.id FROM span s0 WHERE s0.layer_id = c.layer_id"
            " AND s0.start <= c.start ORDER BY s0.start DESC LIMIT 1)"
            " LEFT JOIN utterance u ON u.id = s.utterance_id"
            f' WHERE {where} ORDER BY l.transcript_id, l.id, c.start, c."end", c.id'
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        result: list[CodedSegment] = []
        for r in self.conn.execute(sql, args):
            before = r[13].rsplit("\n", 1)[-1]
            after = r[14].split("\n", 1)[0]
            result.append(
                CodedSegment(
                    coding=Coding(*r[:9]),
                    transcript_id=r[9],
                    transcript_title=r[10],
                    language=r[11],
                    speaker=r[16] or "",
                    start_ms=r[17],
                    utterance_id=r[15],
                    text=r[12],
                    before=before,
                    after=after,
                )
            )
        return result
