"""Transcripts, their language layers, utterances and spans (the search index through SpanIndex)."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from itertools import accumulate, chain, count, repeat
from typing import Any

from storage.base import Database, Part, new_uuid, utc_now
from storage.codes_store import CodingsPart, MemosPart
from storage.errors import N_, NN_, ConflictError, NotFoundError, ValidationError
from storage.media_store import MediaPart
from storage.models import Layer, Transcript, TranscriptCounts, TranscriptInput, Utterance
from storage.refi_store import LayerRows, UtteranceRow
from storage.span_index import SpanIndex
from storage.text import fold, normalize
from storage.text_edits import LayerEdit, narrow
from storage.transcript_layout import (
    PreparedLayer,
    PreparedTranscript,
    line_offsets,
    prepare_layer,
    prepare_transcript,
)
from storage.transcript_rows import snapshot as snapshot_rows
from storage.translation_work_store import TranslationWorkPart
from storage.utterance_cuts import join_separator, split_cut, split_time, words_before
from storage.utterance_rows import snapshot as snapshot_utterances
from storage.utterance_spans import UtteranceSpans
from storage.uuid7 import ordered_uuids

_SPANS_OF_LINES = (
    'INSERT INTO span (id, utterance_id, layer_id, start, "end")'
    " SELECT ?1 + i, ?2 + i, ?3, c + i, next_c + i FROM ("
    "  SELECT key AS i, value AS c, lead(value) OVER (ORDER BY key) AS next_c"
    "  FROM json_each(?4)"
    ") WHERE i < ?5"
)
"""The spans of a layer's lines ``i`` (ids from ``?1``, utterances from ``?2``, layer ``?3``)
from the JSON array ``?4`` of :func:`storage.transcript_layout.line_offsets` (``?5`` lines)."""

_IDS = "(SELECT value FROM json_each(?))"
"""The ids of a JSON array parameter, for ``IN``."""


def _transcripts_where(
    transcript_id: int | None, transcript_ids: Collection[int] | None, column: str
) -> tuple[str, tuple[Any, ...]]:
    """The ``WHERE`` clause on ``column`` and its arguments for one transcript, several,
    or all."""
    if transcript_id is not None:
        return f"WHERE {column} = ?", (transcript_id,)
    if transcript_ids is not None:
        return f"WHERE {column} IN {_IDS}", (json.dumps(sorted(transcript_ids)),)
    return "", ()


class TranscriptsPart(Part):
    """Transcripts with aligned layers; keeps the folded FTS5 index in step.

    The one writer of ``transcript``, ``layer``, ``utterance`` and ``span``; every
    change to them goes through the search index (:class:`SpanIndex`) and, for text
    edits, moves codings through the codings part.
    """

    def __init__(
        self,
        db: Database,
        index: SpanIndex,
        codings: CodingsPart,
        memos: MemosPart,
        media: MediaPart | None = None,
        translation_work: TranslationWorkPart | None = None,
    ) -> None:
        super().__init__(db)
        self._translation_work = translation_work
        self._index = index
        self._codings = codings
        self._memos = memos
        self._media = media

    @contextmanager
    def deferred_indexing(self) -> Iterator[None]:
        """Run a block in one transaction, indexing new utterance spans at its end.

        See :meth:`SpanIndex.deferred`: imports of many files use this.
        """
        with self._index.deferred():
            yield

    # -- reading -------------------------------------------------------------------------

    def all(self, session_id: int | None = None) -> list[Transcript]:
        """All transcripts (or those of one session)."""
        sql = "SELECT id, uuid, session_id, title, source_file, created FROM transcript"
        args: tuple[Any, ...] = ()
        if session_id is not None:
            sql += " WHERE session_id = ?"
            args = (session_id,)
        return [Transcript(*r) for r in self.conn.execute(sql + " ORDER BY id", args)]

    def get(self, transcript_id: int) -> Transcript:
        """One transcript by id."""
        row = self.conn.execute(
            "SELECT id, uuid, session_id, title, source_file, created FROM transcript WHERE id = ?",
            (transcript_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No transcript with id {id}"), id=transcript_id)
        return Transcript(*row)

    def find(self, name: str) -> Transcript | None:
        """A transcript by title, source file name or source file stem."""
        name = normalize(name).strip()
        for t in self.all():
            source = (t.source_file or "").rsplit("/", 1)[-1]
            if name in (t.title, source, source.split(".", 1)[0]):
                return t
        return None

    def layers(
        self,
        transcript_id: int | None = None,
        *,
        with_text: bool = True,
        transcript_ids: Collection[int] | None = None,
    ) -> list[Layer]:
        """Layers of a transcript, of ``transcript_ids``, or all, original first; text
        omitted if not wanted."""
        text = "text" if with_text else "''"
        sql = (
            f"SELECT id, uuid, transcript_id, language, is_original, {text}, source_file,"
            " encoding FROM layer"
        )
        where, args = _transcripts_where(transcript_id, transcript_ids, "transcript_id")
        rows = self.conn.execute(
            f"{sql} {where} ORDER BY transcript_id, is_original DESC, id", args
        )
        return [Layer(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7]) for r in rows]

    def layer(self, layer_id: int) -> Layer:
        """One layer (with its text) by id."""
        row = self.conn.execute(
            "SELECT id, uuid, transcript_id, language, is_original, text, source_file, encoding"
            " FROM layer WHERE id = ?",
            (layer_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No layer with id {id}"), id=layer_id)
        return Layer(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6], row[7])

    def utterances(
        self, transcript_id: int | None = None, *, transcript_ids: Collection[int] | None = None
    ) -> list[Utterance]:
        """Utterances (of a transcript, of ``transcript_ids``, or all) in order, each with its
        span in every layer."""
        where, args = _transcripts_where(transcript_id, transcript_ids, "u.transcript_id")
        spans: dict[int, dict[int, tuple[int, int]]] = {}
        for uid, lid, start, end in self.conn.execute(
            'SELECT s.utterance_id, s.layer_id, s.start, s."end" FROM span s'
            f" JOIN utterance u ON u.id = s.utterance_id {where}",
            args,
        ):
            spans.setdefault(uid, {})[lid] = (start, end)
        rows = self.conn.execute(
            "SELECT id, uuid, transcript_id, position, speaker, participant_id, start_ms, end_ms,"
            f" question_id FROM utterance u {where} ORDER BY transcript_id, position",
            args,
        )
        return [
            Utterance(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], spans.get(r[0], {}))
            for r in rows
        ]

    def utterance_spans(self) -> UtteranceSpans:
        """Every utterance's span in every layer with its speaker, as columns (statistics)."""
        rows = self.conn.execute(
            'SELECT s.layer_id, s.start, s."end", s.utterance_id, u.transcript_id,'
            " u.participant_id FROM span s JOIN utterance u ON u.id = s.utterance_id"
            ' ORDER BY s.layer_id, s.start, s."end", s.utterance_id'
        )
        return UtteranceSpans.from_rows(rows, self.transcript_speakers())

    def transcript_speakers(self) -> frozenset[tuple[int, int]]:
        """``(transcript, participant)`` for every participant who speaks in a transcript."""
        return frozenset(
            self.conn.execute(
                "SELECT DISTINCT transcript_id, participant_id FROM utterance"
                " WHERE participant_id IS NOT NULL"
            ).fetchall()
        )

    def span_rows(self) -> list[tuple[int, int, int, int]]:
        """Every span as ``(layer, start, end, utterance)``, sorted (statistics that only ask
        which utterances a range overlaps: no utterance row is read)."""
        rows: list[tuple[int, int, int, int]] = self.conn.execute(
            'SELECT layer_id, start, "end", utterance_id FROM span'
            ' ORDER BY layer_id, start, "end", utterance_id'
        ).fetchall()
        return rows

    def utterance_counts(self) -> dict[int, int]:
        """Number of utterances per transcript id."""
        rows = self.conn.execute("SELECT transcript_id, COUNT(*) FROM utterance GROUP BY 1")
        return {r[0]: r[1] for r in rows}

    # -- writing -------------------------------------------------------------------------

    def add(
        self,
        session_id: int,
        data: TranscriptInput,
        *,
        replace: bool = False,
        uuid: str | None = None,
    ) -> Transcript:
        """Store a transcript with one layer per language, in one transaction.

        Refuses a second copy of the same source (by content hash) unless ``replace``
        is true, in which case the earlier copy (and its codings) is replaced.
        """
        return self.add_prepared(session_id, prepare_transcript(data), replace=replace, uuid=uuid)

    def add_prepared(
        self,
        session_id: int,
        data: PreparedTranscript,
        *,
        replace: bool = False,
        uuid: str | None = None,
    ) -> Transcript:
        """Store a transcript laid out by :func:`storage.transcript_layout.prepare_transcript`.

        Same rules as :meth:`add`, which calls this.
        """
        index: list[tuple[int, list[str]]] = []
        with self.transaction():
            if data.source_hash:
                dupes = self.conn.execute(
                    "SELECT id, title FROM transcript WHERE source_hash = ?", (data.source_hash,)
                ).fetchall()
                if dupes and not replace:
                    raise ConflictError(
                        N_("{title!r} is already imported; use --replace to replace it"),
                        title=dupes[0][1],
                    )
                for tid, _title in dupes:
                    self.delete(tid)
            cur = self.conn.execute(
                "INSERT INTO transcript (uuid, session_id, title, source_file, source_hash,"
                " created) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    uuid or new_uuid(),
                    session_id,
                    data.title,
                    data.source_file,
                    data.source_hash,
                    utc_now(),
                ),
            )
            tid = int(cur.lastrowid or 0)
            uid0 = self._next_id("utterance")
            count = len(data.uuids)
            names = self._participant_names()
            links = {label: names.get(label.casefold()) for label in set(data.speakers)}
            self.conn.executemany(
                "INSERT INTO utterance (id, uuid, transcript_id, position, speaker,"
                " participant_id, start_ms, end_ms, question_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                zip(
                    range(uid0, uid0 + count),
                    data.uuids,
                    repeat(tid),
                    range(count),
                    data.speakers,
                    map(links.__getitem__, data.speakers),
                    data.start_ms,
                    data.end_ms,
                    data.question_ids,
                    strict=False,
                ),
            )
            for column, layer in enumerate(data.layers):
                _lid, sid0 = self._insert_prepared_layer(
                    tid,
                    layer,
                    range(uid0, uid0 + count),
                    is_original=column == 0,
                    source_file=data.source_file,
                    source_hash=data.source_hash if column == 0 else None,
                    encoding=data.encoding,
                )
                index.append((sid0, layer.folded))
                if not self._index.queuing:
                    self._index.add(sid0, layer.folded)
            self._audit("add", "transcript", None, title=data.title)
        if self._index.queuing:  # queued only once the rows are written
            for sid0, folded in index:
                self._index.add(sid0, folded)
        return self.get(tid)

    def add_layer(
        self,
        transcript_id: int,
        language: str,
        texts: Sequence[str],
        *,
        source_file: str | None = None,
        encoding: str | None = None,
        replace: bool = False,
    ) -> Layer:
        """Add a translation layer: ``texts`` holds one text per utterance, in order."""
        utterances = self.utterances(transcript_id)
        if len(texts) != len(utterances):
            raise ValidationError(
                NN_(
                    "The translation has {got} utterance, the transcript {want}",
                    "The translation has {got} utterances, the transcript {want}",
                    "got",
                ),
                got=len(texts),
                want=len(utterances),
            )
        with self.transaction():
            existing = self.conn.execute(
                "SELECT id FROM layer WHERE transcript_id = ? AND language = ?",
                (transcript_id, language),
            ).fetchone()
            if existing and not replace:
                raise ConflictError(
                    N_("This transcript already has a {language} layer; use --replace"),
                    language=language,
                )
            if existing:
                self._delete_layer(existing[0])
            lid = self._insert_layer(
                transcript_id,
                language,
                list(texts),
                [u.id for u in utterances],
                is_original=False,
                source_file=source_file,
                encoding=encoding,
            )
            self._audit("add", "layer", None, transcript=transcript_id, language=language)
        return self.layer(lid)

    def delete(self, transcript_id: int) -> None:
        """Delete a transcript with its layers, utterances, codings and index entries.

        While undo is on, the deletion is one step that undo reverses in full.
        """
        with self.transaction():
            transcript = self.get(transcript_id)
            saved = snapshot_rows(self.conn, transcript_id)
            for (lid,) in self.conn.execute(
                "SELECT id FROM layer WHERE transcript_id = ?", (transcript_id,)
            ).fetchall():
                self._delete_layer(lid)
            self._memos.delete_attached("transcript", [transcript_id])
            self.conn.execute("DELETE FROM transcript WHERE id = ?", (transcript_id,))
            self._audit("delete", "transcript", transcript.uuid, id=transcript_id)
            if self.db.recorder is not None:
                self.db.recorder.record_transcript_deletion(saved)

    def deletion_counts(self, transcript_id: int) -> TranscriptCounts:
        """What deleting a transcript takes with it (for the confirmation)."""
        self.get(transcript_id)
        (layers,) = self.conn.execute(
            "SELECT COUNT(*) FROM layer WHERE transcript_id = ?", (transcript_id,)
        ).fetchone()
        (utterances,) = self.conn.execute(
            "SELECT COUNT(*) FROM utterance WHERE transcript_id = ?", (transcript_id,)
        ).fetchone()
        (codings,) = self.conn.execute(
            "SELECT COUNT(*) FROM coding WHERE layer_id IN"
            " (SELECT id FROM layer WHERE transcript_id = ?)",
            (transcript_id,),
        ).fetchone()
        (memos,) = self.conn.execute(
            "SELECT COUNT(*) FROM memo WHERE (target = 'transcript' AND target_id = ?)"
            " OR (target = 'coding' AND target_id IN (SELECT c.id FROM coding c"
            " JOIN layer l ON l.id = c.layer_id WHERE l.transcript_id = ?))",
            (transcript_id, transcript_id),
        ).fetchone()
        return TranscriptCounts(int(layers), int(utterances), int(codings), int(memos))

    def rename(self, transcript_id: int, title: str) -> Transcript:
        """Give a transcript a new title (not empty)."""
        clean = normalize(title).strip()
        if not clean:
            raise ValidationError(N_("A transcript needs a title"))
        transcript = self.get(transcript_id)
        with self.transaction():
            self.conn.execute(
                "UPDATE transcript SET title = ? WHERE id = ?", (clean, transcript_id)
            )
            self._audit("rename", "transcript", transcript.uuid, title=clean)
        return self.get(transcript_id)

    def move(self, transcript_id: int, session_id: int) -> Transcript:
        """Move a transcript (with its layers and codings) to another session."""
        transcript = self.get(transcript_id)
        row = self.conn.execute("SELECT id FROM session WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise NotFoundError(N_("No session with id {id}"), id=session_id)
        with self.transaction():
            self.conn.execute(
                "UPDATE transcript SET session_id = ? WHERE id = ?", (session_id, transcript_id)
            )
            if self._media is not None:  # its recordings go with it
                self._media.follow_transcript(transcript_id, session_id)
            self._audit("move", "transcript", transcript.uuid, session=session_id)
        return self.get(transcript_id)

    def set_layer_language(self, layer_id: int, language: str) -> Layer:
        """Say which language a layer is in (a code like ru, kk or en, one per transcript)."""
        layer = self.layer(layer_id)
        code = language.strip().lower()
        if not (code.isalpha() and 2 <= len(code) <= 3):
            raise ValidationError(
                N_("{language!r} is not a language code like ru, kk or en"), language=language
            )
        if code == layer.language:
            return layer
        taken = self.conn.execute(
            "SELECT 1 FROM layer WHERE transcript_id = ? AND language = ?",
            (layer.transcript_id, code),
        ).fetchone()
        if taken:
            raise ConflictError(N_("The transcript has a {language} layer already"), language=code)
        with self.transaction():
            self._index.remove_layer(layer_id)  # word-form keys depend on the language
            self.conn.execute("UPDATE layer SET language = ? WHERE id = ?", (code, layer_id))
            self._index.add_layer(layer_id)
            self._audit("language", "layer", layer.uuid, old=layer.language, new=code)
        return self.layer(layer_id)

    def update_source(
        self,
        transcript_id: int,
        *,
        source_file: str | None,
        source_hash: str | None,
        encoding: str | None,
        start_ms: Sequence[int | None],
        end_ms: Sequence[int | None],
    ) -> None:
        """Record that a transcript now holds an edited file: its name, hash, encoding, times.

        Used when a re-import replaced the text in place (the text itself is changed with
        :meth:`edit_utterance_text`, so codings move with it). ``start_ms`` and ``end_ms``
        have one entry per utterance, in order.
        """
        with self.transaction():
            self.conn.execute(
                "UPDATE transcript SET source_file = ?, source_hash = ? WHERE id = ?",
                (source_file, source_hash, transcript_id),
            )
            self.conn.execute(
                "UPDATE layer SET source_file = ?, source_hash = ?, encoding = ?"
                " WHERE transcript_id = ? AND is_original = 1",
                (source_file, source_hash, encoding, transcript_id),
            )
            ids = [
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM utterance WHERE transcript_id = ? ORDER BY position",
                    (transcript_id,),
                )
            ]
            self.conn.executemany(
                "UPDATE utterance SET start_ms = ?, end_ms = ? WHERE id = ?",
                zip(start_ms, end_ms, ids, strict=False),
            )
            self._audit("replace", "transcript", None, id=transcript_id, file=source_file)

    def delete_of_session(self, session_id: int) -> None:
        """Delete every transcript of a session (called by the sessions part before it goes)."""
        for t in self.all(session_id):
            self.delete(t.id)

    def _next_id(self, table: str) -> int:
        (value,) = self.conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()
        return int(value)

    def _insert_layer(
        self,
        transcript_id: int,
        language: str,
        texts: list[str],
        utterance_ids: Sequence[int],
        *,
        is_original: bool,
        source_file: str | None = None,
        source_hash: str | None = None,
        encoding: str | None = None,
    ) -> int:
        """Insert a layer of one text per utterance and index it."""
        layer = prepare_layer(language, texts)
        lid, sid0 = self._insert_prepared_layer(
            transcript_id,
            layer,
            utterance_ids,
            is_original=is_original,
            source_file=source_file,
            source_hash=source_hash,
            encoding=encoding,
        )
        self._index.add(sid0, layer.folded)
        return lid

    def _insert_prepared_layer(
        self,
        transcript_id: int,
        layer: PreparedLayer,
        utterance_ids: Sequence[int],
        *,
        is_original: bool,
        source_file: str | None,
        source_hash: str | None,
        encoding: str | None,
    ) -> tuple[int, int]:
        """Insert a layer and its spans (not the index); return its id and its first span id.

        Line ``i`` belongs to utterance ``utterance_ids[i]``.
        """
        cur = self.conn.execute(
            "INSERT INTO layer (uuid, transcript_id, language, is_original, text, source_file,"
            " source_hash, encoding, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new_uuid(),
                transcript_id,
                layer.language,
                int(is_original),
                layer.text,
                source_file,
                source_hash,
                encoding,
                layer.words,
            ),
        )
        lid = int(cur.lastrowid or 0)
        sid0 = self._next_id("span")
        c = line_offsets(layer.lines)
        n = len(layer.lines)
        if isinstance(utterance_ids, range) and utterance_ids.step == 1 and len(utterance_ids) == n:
            # one statement for the layer's spans (a new transcript's utterances are numbered
            # in a row): no Python tuple and parameter binding per span
            self.conn.execute(_SPANS_OF_LINES, (sid0, utterance_ids.start, lid, json.dumps(c), n))
            return lid, sid0
        self.conn.executemany(
            'INSERT INTO span (id, utterance_id, layer_id, start, "end") VALUES (?, ?, ?, ?, ?)',
            zip(
                range(sid0, sid0 + n),
                utterance_ids,
                repeat(lid),
                map(int.__add__, c, range(n)),
                map(int.__add__, c[1:], range(n)),
                strict=False,
            ),
        )
        return lid, sid0

    def _delete_layer(self, layer_id: int) -> None:
        layer = self.layer(layer_id)
        rows = self.conn.execute(
            'SELECT id, start, "end" FROM span WHERE layer_id = ?', (layer_id,)
        ).fetchall()
        self._index.remove(layer.text, rows)
        self._codings.delete_of_layer(layer_id)
        self.conn.execute("DELETE FROM layer WHERE id = ?", (layer_id,))

    def index_layer(self, layer_id: int) -> None:
        """Add a layer's spans to the search index (after they were copied in by a merge)."""
        self._index.add_layer(layer_id)

    # -- bulk writes (whole-project imports) ---------------------------------------------

    def add_rows(
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
            uid0 = self._next_id("utterance")
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
            self._index.add(first_span, folded)
        return self.get(tid)

    def utterance_ids(self, transcript_id: int) -> list[int]:
        """Ids of a transcript's utterances in order."""
        rows = self.conn.execute(
            "SELECT id FROM utterance WHERE transcript_id = ? ORDER BY position", (transcript_id,)
        )
        return [int(r[0]) for r in rows]

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
        sid0 = self._next_id("span")
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

    # -- correcting text -----------------------------------------------------------------

    def edit_utterance_text(self, utterance_id: int, layer_id: int, text: str) -> LayerEdit:
        """Replace one utterance's text in a layer (the change is narrowed to what differs)."""
        row = self.conn.execute(
            'SELECT start, "end" FROM span WHERE utterance_id = ? AND layer_id = ?',
            (utterance_id, layer_id),
        ).fetchone()
        if row is None:
            raise NotFoundError(
                N_("Utterance {id} has no text in layer {layer}"), id=utterance_id, layer=layer_id
            )
        return self.edit_layer_text(layer_id, row[0], row[1], text)

    def edit_layer_text(self, layer_id: int, start: int, end: int, replacement: str) -> LayerEdit:
        """Replace ``[start, end)`` of a layer's text with ``replacement``.

        The replacement is normalised (NFC) together with the characters around it,
        and the edit is narrowed to the part that really changes, so retyping an
        utterance moves only the codings near the words that differ.
        """
        layer = self.layer(layer_id)
        text = layer.text
        if not 0 <= start <= end <= len(text):
            raise ValidationError(
                N_("Range {start}–{end} is outside the text (0–{length})"),
                start=start,
                end=end,
                length=len(text),
            )
        replacement = normalize(replacement)
        if "\n" in replacement or "\n" in text[start:end]:
            raise ValidationError(
                N_("An edit cannot join or split utterances; edit one utterance at a time")
            )
        start, end, replacement = narrow(text, start, end, replacement)
        if start == end and not replacement:
            return LayerEdit(layer_id, start, end, end, 0, 0)
        new_text = text[:start] + replacement + text[end:]
        delta = len(replacement) - (end - start)
        with self.transaction():
            span = self.conn.execute(
                'SELECT id, start, "end" FROM span WHERE layer_id = ? AND start <= ?'
                ' AND "end" >= ? ORDER BY start DESC LIMIT 1',
                (layer_id, start, end),
            ).fetchone()
            if span is not None:
                span_id, span_start, span_end = span
                self._index.remove(text, [(span_id, span_start, span_end)])
                if delta:
                    self.conn.execute(
                        'UPDATE span SET "end" = "end" + ? WHERE id = ?', (delta, span_id)
                    )
                    self.conn.execute(
                        'UPDATE span SET start = start + ?, "end" = "end" + ?'
                        " WHERE layer_id = ? AND start > ?",
                        (delta, delta, layer_id, span_end),
                    )
                self._index.add_text(span_id, new_text[span_start : span_end + delta])
            self.conn.execute("UPDATE layer SET text = ? WHERE id = ?", (new_text, layer_id))
            if self.db.recorder is not None:
                self.db.recorder.record_text_edit(layer_id, start, text[start:end], replacement)
            moved, removed = self._codings.follow_edit(layer_id, start, end, len(replacement))
            self._audit(
                "edit",
                "layer",
                layer.uuid,
                start=start,
                end=end,
                length=len(replacement),
                moved=moved,
                removed=removed,
            )
        return LayerEdit(layer_id, start, end, start + len(replacement), moved, removed)

    # -- splitting and joining utterances --------------------------------------------------

    def split_utterance(
        self, utterance_id: int, layer_id: int, offset: int
    ) -> tuple[Utterance, Utterance]:
        """Cut an utterance in two at ``offset`` (code points into its text in a layer).

        The white space at the cut becomes the line break between the parts (see
        :func:`storage.utterance_cuts.split_cut`). Both parts keep the speaker; the second
        starts at the time of its first recognised word, or a time interpolated by
        characters. Every other layer keeps its whole text in the first part and gets an
        empty second part. Codings move with their text; one that covers the cut is cut
        in two (:meth:`CodingsPart.divide_at`). One transaction, one undo step.
        """
        with self.transaction():
            utterance = self._utterance(utterance_id)
            layers = self.layers(utterance.transcript_id)
            if layer_id not in utterance.spans:
                raise NotFoundError(
                    N_("Utterance {id} has no text in layer {layer}"),
                    id=utterance_id,
                    layer=layer_id,
                )
            split_layer = next(x for x in layers if x.id == layer_id)
            s, e = utterance.spans[layer_id]
            a, b = split_cut(split_layer.text[s:e], offset)
            following = self._following(utterance)
            before = snapshot_utterances(self.conn, [utterance_id])
            words = self._media.word_times(utterance_id) if self._media else []
            kept = len(words)  # a translation's split leaves the recognised words in place
            if split_layer.is_original:
                kept = min(kept, words_before(split_layer.text[s : s + a]))
            start_ms = self._second_start(utterance, words, kept, a, e - s, following)
            new_id = self._next_id("utterance")
            self.conn.execute(
                "UPDATE utterance SET position = position + 1 WHERE transcript_id = ?"
                " AND position > ?",
                (utterance.transcript_id, utterance.position),
            )
            self.conn.execute(
                "INSERT INTO utterance (id, uuid, transcript_id, position, speaker,"
                " participant_id, start_ms, end_ms, question_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new_id,
                    new_uuid(),
                    utterance.transcript_id,
                    utterance.position + 1,
                    utterance.speaker,
                    utterance.participant_id,
                    start_ms,
                    utterance.end_ms,
                    utterance.question_id,
                ),
            )
            if utterance.end_ms is not None:
                self.conn.execute(
                    "UPDATE utterance SET end_ms = ? WHERE id = ?", (start_ms, utterance_id)
                )
            for layer in layers:
                self._unindex(layer, [utterance_id])
            for layer in layers:
                start, end = utterance.spans[layer.id]
                cut, rest = (start + a, start + b) if layer.id == layer_id else (end, end)
                delta = self._replace_break(layer, cut, rest, "\n", end)
                self.conn.execute(
                    'UPDATE span SET "end" = ? WHERE utterance_id = ? AND layer_id = ?',
                    (cut, utterance_id, layer.id),
                )
                self.conn.execute(
                    'INSERT INTO span (utterance_id, layer_id, start, "end", language)'
                    " SELECT ?, layer_id, ?, ?, language FROM span"
                    " WHERE utterance_id = ? AND layer_id = ?",
                    (new_id, cut + 1, end + delta, utterance_id, layer.id),
                )
                if layer.id == layer_id:
                    self._codings.divide_at(layer.id, cut)
            for layer in layers:
                self._reindex(layer.id, [utterance_id, new_id])
            if self._media is not None:
                if kept < len(words):
                    self._media.set_word_times(utterance_id, words[:kept])
                    self._media.set_word_times(new_id, words[kept:])
                if utterance_id in self._media.reviewed_utterances(utterance.transcript_id):
                    self._media.review_utterance(new_id)
            if self._translation_work is not None:
                self._translation_work.follow_split(utterance_id, new_id)
            after = snapshot_utterances(self.conn, [utterance_id, new_id])
            if self.db.recorder is not None:
                self.db.recorder.record_utterance_rows("split", before, after)
            self._audit("split", "utterance", utterance.uuid, layer=layer_id, offset=offset)
        by_id = {u.id: u for u in self.utterances(utterance.transcript_id)}
        return by_id[utterance_id], by_id[new_id]

    def join_utterances(self, utterance_id: int, *, force: bool = False) -> Utterance:
        """Join an utterance with the next one of its transcript, in every layer.

        The texts are joined with one space (nothing if one is empty); the second's
        codings move with its text, its recognised words follow the first's, its time
        and row go. The joined utterance keeps the first's speaker, start, language
        marks and question (the second's if the first has none), ends at the second's
        end, and counts as reviewed only if both were. Two different speakers are
        refused unless ``force``. One transaction, one undo step.
        """
        with self.transaction():
            first = self._utterance(utterance_id)
            following = self._following(first)
            if following is None:
                raise ValidationError(
                    N_("Utterance {position} is the last one: there is nothing to join it with"),
                    position=first.position + 1,
                )
            second = self._utterance(following)
            if (first.speaker, first.participant_id) != (
                second.speaker,
                second.participant_id,
            ) and not force:
                raise ConflictError(
                    N_(
                        "Utterances {first} and {second} have different speakers"
                        " ({first_speaker}, {second_speaker})"
                    ),
                    first=first.position + 1,
                    second=second.position + 1,
                    first_speaker=first.speaker,
                    second_speaker=second.speaker,
                )
            before = snapshot_utterances(self.conn, [utterance_id, second.id])
            layers = self.layers(first.transcript_id)
            parts = {
                layer.id: (
                    layer.text[slice(*first.spans[layer.id])],
                    layer.text[slice(*second.spans[layer.id])],
                )
                for layer in layers
            }
            for layer in layers:
                self._unindex(layer, [utterance_id, second.id])
            for layer in layers:
                start, end = first.spans[layer.id]
                next_start, next_end = second.spans[layer.id]
                gap = join_separator(layer.text[start:end], layer.text[next_start:next_end])
                delta = self._replace_break(layer, end, next_start, gap, next_end)
                self.conn.execute(
                    'UPDATE span SET "end" = ? WHERE utterance_id = ? AND layer_id = ?',
                    (next_end + delta, utterance_id, layer.id),
                )
            if self._media is not None:
                words = self._media.word_times(second.id)
                if words:
                    self._media.set_word_times(
                        utterance_id, [*self._media.word_times(utterance_id), *words]
                    )
                reviewed = self._media.reviewed_utterances(first.transcript_id)
                if utterance_id in reviewed and second.id not in reviewed:
                    self._media.review_utterance(utterance_id, False)
            self.conn.execute(
                "UPDATE utterance SET end_ms = ?, question_id = ? WHERE id = ?",
                (
                    second.end_ms if second.end_ms is not None else first.end_ms,
                    first.question_id if first.question_id is not None else second.question_id,
                    utterance_id,
                ),
            )
            if self._translation_work is not None:
                self._translation_work.fold_join(utterance_id, second.id, parts)
            self.conn.execute("DELETE FROM utterance WHERE id = ?", (second.id,))
            self.conn.execute(
                "UPDATE utterance SET position = position - 1 WHERE transcript_id = ?"
                " AND position > ?",
                (first.transcript_id, second.position),
            )
            for layer in layers:
                self._reindex(layer.id, [utterance_id])
            after = snapshot_utterances(self.conn, [utterance_id])
            if self.db.recorder is not None:
                self.db.recorder.record_utterance_rows("join", before, after)
            self._audit("join", "utterance", first.uuid, joined=second.uuid)
        return next(u for u in self.utterances(first.transcript_id) if u.id == utterance_id)

    def _utterance(self, utterance_id: int) -> Utterance:
        """One utterance with its spans (NotFoundError if there is none)."""
        row = self.conn.execute(
            "SELECT transcript_id FROM utterance WHERE id = ?", (utterance_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No utterance with id {id}"), id=utterance_id)
        spans = {
            int(lid): (int(s), int(e))
            for lid, s, e in self.conn.execute(
                'SELECT layer_id, start, "end" FROM span WHERE utterance_id = ?', (utterance_id,)
            )
        }
        found = self.conn.execute(
            "SELECT id, uuid, transcript_id, position, speaker, participant_id, start_ms, end_ms,"
            " question_id FROM utterance WHERE id = ?",
            (utterance_id,),
        ).fetchone()
        r = found
        return Utterance(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], spans)

    def _following(self, utterance: Utterance) -> int | None:
        """The id of the utterance after this one in its transcript (None for the last)."""
        row = self.conn.execute(
            "SELECT id FROM utterance WHERE transcript_id = ? AND position > ?"
            " ORDER BY position LIMIT 1",
            (utterance.transcript_id, utterance.position),
        ).fetchone()
        return None if row is None else int(row[0])

    def _second_start(
        self,
        utterance: Utterance,
        words: list[tuple[int, int, str]],
        kept: int,
        cut: int,
        length: int,
        following: int | None,
    ) -> int | None:
        """When the second part of a split starts: its first recognised word, or interpolated."""
        if 0 < kept < len(words):
            return words[kept][0]
        end_ms = utterance.end_ms
        if end_ms is None and following is not None:
            end_ms = self._utterance(following).start_ms
        return split_time(utterance.start_ms, end_ms, cut, length)

    def _span_rows(self, layer_id: int, utterance_ids: list[int]) -> list[tuple[int, int, int]]:
        """``(span id, start, end)`` of these utterances in a layer."""
        rows = self.conn.execute(
            'SELECT id, start, "end" FROM span WHERE layer_id = ? AND utterance_id IN'
            " (SELECT value FROM json_each(?))",
            (layer_id, json.dumps(utterance_ids)),
        )
        return [(int(i), int(s), int(e)) for i, s, e in rows]

    def _unindex(self, layer: Layer, utterance_ids: list[int]) -> None:
        """Take these utterances' text in ``layer`` (as it is now) out of the search index."""
        self._index.remove(layer.text, self._span_rows(layer.id, utterance_ids))

    def _reindex(self, layer_id: int, utterance_ids: list[int]) -> None:
        """Index these utterances' text in a layer as it is now (after a split or join)."""
        text = self.conn.execute("SELECT text FROM layer WHERE id = ?", (layer_id,)).fetchone()[0]
        for span_id, start, end in self._span_rows(layer_id, utterance_ids):
            self._index.add_text(span_id, text[start:end])

    def _replace_break(self, layer: Layer, start: int, end: int, new: str, span_end: int) -> int:
        """Replace ``[start, end)`` of a layer with ``new`` at an utterance boundary.

        Shifts the spans that begin after ``span_end``, moves codings, logs the edit for
        undo; returns how far the text after the edit moved. The caller fixes the spans
        of the utterances at the boundary and keeps the search index.
        """
        text = self.conn.execute("SELECT text FROM layer WHERE id = ?", (layer.id,)).fetchone()[0]
        delta = len(new) - (end - start)
        if delta:
            self.conn.execute(
                'UPDATE span SET start = start + ?, "end" = "end" + ? WHERE layer_id = ?'
                " AND start > ?",
                (delta, delta, layer.id, span_end),
            )
        self.conn.execute(
            "UPDATE layer SET text = ? WHERE id = ?", (text[:start] + new + text[end:], layer.id)
        )
        if self.db.recorder is not None:
            self.db.recorder.record_text_edit(layer.id, start, text[start:end], new)
        self._codings.follow_edit(layer.id, start, end, len(new))
        return delta

    # -- languages of utterances inside a layer (code-switching) ---------------------------

    def set_utterance_language(
        self, layer_id: int, utterance_ids: Sequence[int], language: str | None
    ) -> int:
        """Say that these utterances are in ``language`` inside a layer (None: the layer's).

        For Kazakh–Russian code-switching: a Russian layer whose turns are partly in
        Kazakh. Returns how many utterances changed.
        """
        layer = self.layer(layer_id)
        code = (language or "").strip().lower() or None
        if code is not None and not (code.isalpha() and 2 <= len(code) <= 3):
            raise ValidationError(
                N_("{language!r} is not a language code like ru, kk or en"), language=language
            )
        if code == layer.language:
            code = None
        # Word-form keys follow an utterance's language: re-keyed in the same transaction.
        with self.transaction(), self._index.language_change(layer_id, utterance_ids):
            count = 0
            for uid in utterance_ids:
                count += self.conn.execute(
                    "UPDATE span SET language = ? WHERE layer_id = ? AND utterance_id = ?"
                    " AND language IS NOT ?",
                    (code, layer_id, uid, code),
                ).rowcount
            self._audit("language", "utterances", layer.uuid, language=code, count=count)
        return count

    def utterance_languages(
        self, transcript_id: int | None = None, *, transcript_ids: Collection[int] | None = None
    ) -> dict[tuple[int, int], str]:
        """``(utterance id, layer id)`` → language, for utterances not in their layer's
        language: of one transcript, of ``transcript_ids``, or of all."""
        sql = "SELECT s.utterance_id, s.layer_id, s.language FROM span s"
        args: tuple[Any, ...] = ()
        if transcript_id is not None:
            sql += " JOIN layer l ON l.id = s.layer_id WHERE l.transcript_id = ? AND"
            args = (transcript_id,)
        elif transcript_ids is not None:
            sql += f" JOIN layer l ON l.id = s.layer_id WHERE l.transcript_id IN {_IDS} AND"
            args = (json.dumps(sorted(transcript_ids)),)
        else:
            sql += " WHERE"
        rows = self.conn.execute(sql + " s.language IS NOT NULL", args)
        return {(int(r[0]), int(r[1])): str(r[2]) for r in rows}

    # -- speakers ------------------------------------------------------------------------

    def unresolved_speakers(self, transcript_id: int) -> list[str]:
        """Speaker labels of a transcript not linked to any participant."""
        rows = self.conn.execute(
            "SELECT DISTINCT speaker FROM utterance WHERE transcript_id = ?"
            " AND participant_id IS NULL AND speaker != '' ORDER BY speaker",
            (transcript_id,),
        )
        return [r[0] for r in rows]

    def speakers(self, *, unresolved_only: bool = False) -> list[tuple[str, int | None, int]]:
        """Speaker labels with the participant they are linked to and their utterance count."""
        sql = "SELECT speaker, participant_id, COUNT(*) FROM utterance"
        if unresolved_only:
            sql += " WHERE participant_id IS NULL"
        rows = self.conn.execute(sql + " GROUP BY speaker, participant_id ORDER BY speaker")
        return [(r[0], r[1], r[2]) for r in rows]

    def link_speaker(
        self, label: str, participant_id: int, transcript_id: int | None = None
    ) -> int:
        """Link every utterance spoken under ``label`` to a participant; return how many."""
        label = normalize(label).strip()
        with self.transaction():
            sql = "UPDATE utterance SET participant_id = ? WHERE speaker = ?"
            args: tuple[Any, ...] = (participant_id, label)
            if transcript_id is not None:
                sql += " AND transcript_id = ?"
                args = (*args, transcript_id)
            count = self.conn.execute(sql, args).rowcount
            if count == 0:
                raise NotFoundError(N_("No utterance is spoken by {label!r}"), label=label)
            self._audit("link", "speaker", None, label=label, participant=participant_id)
        return count

    def unlink_speaker(self, label: str, participant_id: int | None = None) -> int:
        """Unlink the utterances spoken under ``label`` (from one participant, or any)."""
        label = normalize(label).strip()
        with self.transaction():
            sql = "UPDATE utterance SET participant_id = NULL WHERE speaker = ?"
            args: tuple[Any, ...] = (label,)
            if participant_id is not None:
                sql += " AND participant_id = ?"
                args = (label, participant_id)
            count = self.conn.execute(sql + " AND participant_id IS NOT NULL", args).rowcount
            self._audit("unlink", "speaker", None, label=label, participant=participant_id)
        return count

    def set_utterance_speaker(self, utterance_id: int, label: str) -> None:
        """Give one utterance another speaker label (linked to the participant of that name)."""
        label = normalize(label).strip()
        if not label:
            raise ValidationError(N_("A speaker needs a label"))
        with self.transaction():
            participant = self._participant_names().get(label.casefold())
            cur = self.conn.execute(
                "UPDATE utterance SET speaker = ?, participant_id = ? WHERE id = ?",
                (label, participant, utterance_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(N_("No utterance with id {id}"), id=utterance_id)
            self._audit("speaker", "utterance", None, id=utterance_id, label=label)

    def _participant_names(self) -> dict[str, int]:
        """Participant ids by case-folded pseudonym, and by real name where no pseudonym is equal.

        A speaker label equal to one of these is linked to that participant on import.
        """
        names: dict[str, int] = {}
        real_names: list[tuple[str, int]] = []
        for pid, code, real in self.conn.execute("SELECT id, code, real_name FROM participant"):
            names[code.casefold()] = pid
            if real:
                real_names.append((real.casefold(), pid))
        for real, pid in real_names:
            names.setdefault(real, pid)
        return names
