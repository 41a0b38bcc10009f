"""What the codebook shows about each code: counts and the coded segments themselves.

Counts come from set-based queries over the whole project, so the codebook of a
large project (hundreds of transcripts, tens of thousands of codings) opens at
once. A theme's totals count *distinct* segments, documents and participants of
its subtree, never the sum of its children's counts. Participants are the most
expensive count (each coding has to be matched with the utterances it overlaps),
so they can be asked for separately: a screen can show the other counts first.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from operator import itemgetter

from storage.base import Part
from storage.coding_speakers import CodingRows, SpeakerSpans
from storage.models import Coding, Layer

CONTEXT_CHARS = 80
"""How much text around a coded segment :meth:`CodeCountsPart.coded_segments` returns."""

_SUBTREES = (
    "WITH RECURSIVE anc(code_id, ancestor) AS (SELECT id, id FROM code UNION ALL"
    " SELECT a.code_id, c.parent_id FROM anc a JOIN code c ON c.id = a.ancestor"
    " WHERE c.parent_id IS NOT NULL)"
)
"""Every (code, ancestor-or-self) pair of the code tree."""


@dataclass(frozen=True)
class CodeCounts:
    """Counts for one code.

    Every count covers the code *and its descendants*, as the analysis frequency
    table does: ``codings`` counts code applications, ``segments``, ``documents`` and
    ``participants`` count distinct coded segments (layer and range), transcripts
    and linked participants. ``participants``
    is None when it was not asked for.
    """

    codings: int = 0
    segments: int = 0
    documents: int = 0
    participants: int | None = 0


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


class CodeCountsPart(Part):
    """Codebook statistics and coded-segment listings."""

    def code_counts(
        self, *, coder_id: int | None = None, participants: bool = True
    ) -> dict[int, CodeCounts]:
        """Counts for every code (see :class:`CodeCounts`), optionally one coder's only."""
        where, args = ("WHERE c.coder_id = ?", (coder_id,)) if coder_id is not None else ("", ())
        counts = {
            code_id: CodeCounts(participants=None if not participants else 0)
            for (code_id,) in self.conn.execute("SELECT id FROM code")
        }
        for ancestor, own, segments, documents in self.conn.execute(
            f"{_SUBTREES} SELECT a.ancestor, COUNT(*),"
            ' COUNT(DISTINCT (c.layer_id << 42) | (c.start << 21) | c."end"),'
            " COUNT(DISTINCT l.transcript_id) FROM coding c JOIN anc a ON a.code_id = c.code_id"
            f" JOIN layer l ON l.id = c.layer_id {where} GROUP BY a.ancestor",
            args,
        ):
            counts[ancestor] = replace(
                counts[ancestor], codings=own, segments=segments, documents=documents
            )
        if participants:
            for code_id, number in self.code_participant_counts(coder_id=coder_id).items():
                counts[code_id] = replace(counts[code_id], participants=number)
        return counts

    def codes_by_session(
        self, coder_ids: Collection[int] | None = None
    ) -> dict[int, frozenset[int]]:
        """Session id → the codes applied in its transcripts (by these coders, default all)."""
        ids = sorted(set(coder_ids)) if coder_ids is not None else None
        where = f"WHERE c.coder_id IN ({', '.join('?' * len(ids))})" if ids is not None else ""
        found: dict[int, set[int]] = {}
        for session_id, code_id in self.conn.execute(
            "SELECT DISTINCT t.session_id, c.code_id FROM coding c"
            " JOIN layer l ON l.id = c.layer_id JOIN transcript t ON t.id = l.transcript_id"
            f" {where}",
            ids or (),
        ):
            found.setdefault(session_id, set()).add(code_id)
        return {session_id: frozenset(codes) for session_id, codes in found.items()}

    def coding_rows(self) -> CodingRows:
        """Every coding's id, code, layer, range and coder, in id order."""
        rows = self.conn.execute(
            'SELECT id, code_id, layer_id, start, "end", coder_id FROM coding ORDER BY id'
        ).fetchall()
        return CodingRows(tuple(rows))

    def layer_outlines(self) -> list[Layer]:
        """Every layer without its text, file name or encoding.

        Reading a column stored after a layer's text walks the whole text: these columns
        come before it, so 200 layers of a large project read in no time.
        """
        rows = self.conn.execute(
            "SELECT id, uuid, transcript_id, language, is_original FROM layer"
            " ORDER BY transcript_id, is_original DESC, id"
        )
        return [Layer(r[0], r[1], r[2], r[3], bool(r[4]), "") for r in rows]

    def layer_lengths(self) -> dict[int, int]:
        """Layer id → the length of its text in code points, without reading it into Python."""
        return dict(self.conn.execute("SELECT id, length(text) FROM layer").fetchall())

    def speaker_spans(self, *, with_languages: bool = True) -> SpeakerSpans:
        """Every utterance span with its speaker and own language, sorted for bisection.

        Without ``with_languages`` only the spans a participant speaks are read, with no
        language (None): spans do not overlap one another, so those are the ones a coding
        can be attributed through, and half a focus group's spans are the moderator's.
        """
        language, spoken_only = (
            (", s.language", "") if with_languages else ("", " WHERE u.participant_id IS NOT NULL")
        )
        # From the utterances to their spans: a pass over the utterance table reads the
        # speakers in order, where a pass over the span index looks each one up.
        rows = self.conn.execute(
            f'SELECT s.layer_id, s.start, s."end", u.participant_id{language} FROM utterance u'
            f" JOIN span s ON s.utterance_id = u.id{spoken_only}"
        ).fetchall()
        rows.sort(key=itemgetter(0, 1, 2))  # (sorting in SQL costs more)
        if with_languages:
            layers, starts, ends, speakers, languages = tuple(zip(*rows, strict=True)) or ((),) * 5
        else:
            layers, starts, ends, speakers = tuple(zip(*rows, strict=True)) or ((),) * 4
            languages = (None,) * len(rows)
        # Every utterance has a span in every layer of its transcript (``suhbat check``).
        transcript_of = dict(self.conn.execute("SELECT id, transcript_id FROM layer").fetchall())
        spoken = frozenset(
            (transcript_of[layer], pid)
            for layer, pid in set(zip(layers, speakers, strict=True))
            if pid is not None
        )
        return SpeakerSpans(layers, starts, ends, speakers, languages, spoken)

    def code_participant_counts(self, *, coder_id: int | None = None) -> dict[int, int]:
        """Distinct linked participants whose utterances a code (or its subtree) touches."""
        where = "WHERE c.coder_id = ?" if coder_id is not None else ""
        args: tuple[int, ...] = (coder_id,) if coder_id is not None else ()
        rows = self.conn.execute(
            f"{_SUBTREES}, pairs AS MATERIALIZED (SELECT DISTINCT c.code_id, u.participant_id"
            " FROM coding c JOIN span s ON s.layer_id = c.layer_id"
            " AND s.start >= (SELECT MAX(s0.start) FROM span s0 WHERE s0.layer_id = c.layer_id"
            ' AND s0.start <= c.start) AND s.start < c."end"'
            " JOIN utterance u ON u.id = s.utterance_id AND u.participant_id IS NOT NULL"
            f" {where})"
            " SELECT a.ancestor, COUNT(DISTINCT p.participant_id) FROM pairs p"
            " JOIN anc a ON a.code_id = p.code_id GROUP BY a.ancestor",
            args,
        )
        return {int(code_id): int(number) for code_id, number in rows}

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
        args: list[object] = [*ids]
        where = f"c.code_id IN ({marks})"
        if coder_id is not None:
            where += " AND c.coder_id = ?"
            args.append(coder_id)
        sql = (
            "SELECT x.*, u.id, u.speaker, u.start_ms FROM (SELECT c.id, c.uuid, c.code_id,"
            ' c.layer_id, c.start, c."end", c.coder_id, c.created, c.memo, c.valence,'
            " l.transcript_id, t.title, l.language FROM coding c JOIN layer l ON l.id = c.layer_id"
            f" JOIN transcript t ON t.id = l.transcript_id WHERE {where}"
            ' ORDER BY l.transcript_id, c.layer_id, c.start, c."end", c.id'
            + (f" LIMIT {int(limit)}" if limit is not None else "")
            + ") x LEFT JOIN utterance u ON u.id = (SELECT s.utterance_id FROM span s"
            " WHERE s.layer_id = x.layer_id AND s.start <= x.start"
            " ORDER BY s.start DESC LIMIT 1)"
            ' ORDER BY x.transcript_id, x.layer_id, x.start, x."end", x.id'
        )
        rows = self.conn.execute(sql, args).fetchall()
        texts: dict[int, str] = {}
        layer_ids = sorted({r[3] for r in rows})
        for chunk in range(0, len(layer_ids), 500):
            part = layer_ids[chunk : chunk + 500]
            texts.update(
                self.conn.execute(
                    f"SELECT id, text FROM layer WHERE id IN ({','.join('?' for _ in part)})",
                    part,
                ).fetchall()
            )
        result: list[CodedSegment] = []
        for r in rows:
            coding = Coding(*r[:10])
            text = texts[coding.layer_id]
            before = text[max(0, coding.start - context) : coding.start].rsplit("\n", 1)[-1]
            after = text[coding.end : coding.end + context].split("\n", 1)[0]
            result.append(
                CodedSegment(
                    coding=coding,
                    transcript_id=r[10],
                    transcript_title=r[11],
                    language=r[12],
                    speaker=r[14] or "",
                    start_ms=r[15],
                    utterance_id=r[13],
                    text=text[coding.start : coding.end],
                    before=before,
                    after=after,
                )
            )
        return result
