"""Transcripts, their language layers, utterances, spans and the search index."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import Any

from storage.base import new_uuid, utc_now
from storage.errors import N_, NN_, ConflictError, NotFoundError, ValidationError
from storage.models import Layer, Transcript, TranscriptInput, Utterance
from storage.span_index import SpanIndexMixin
from storage.text import fold, normalize
from storage.transcript_layout import (
    PreparedLayer,
    PreparedTranscript,
    line_offsets,
    prepare_layer,
    prepare_transcript,
)


class TranscriptsMixin(SpanIndexMixin):
    """Transcripts with aligned layers; keeps the folded FTS5 index in step."""

    # -- reading -------------------------------------------------------------------------

    def transcripts(self, session_id: int | None = None) -> list[Transcript]:
        """All transcripts (or those of one session)."""
        sql = "SELECT id, uuid, session_id, title, source_file, created FROM transcript"
        args: tuple[Any, ...] = ()
        if session_id is not None:
            sql += " WHERE session_id = ?"
            args = (session_id,)
        return [Transcript(*r) for r in self.conn.execute(sql + " ORDER BY id", args)]

    def transcript(self, transcript_id: int) -> Transcript:
        """One transcript by id."""
        row = self.conn.execute(
            "SELECT id, uuid, session_id, title, source_file, created FROM transcript WHERE id = ?",
            (transcript_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No transcript with id {id}"), id=transcript_id)
        return Transcript(*row)

    def find_transcript(self, name: str) -> Transcript | None:
        """A transcript by title, source file name or source file stem."""
        name = normalize(name).strip()
        for t in self.transcripts():
            source = (t.source_file or "").rsplit("/", 1)[-1]
            if name in (t.title, source, source.split(".", 1)[0]):
                return t
        return None

    def layers(self, transcript_id: int | None = None, *, with_text: bool = True) -> list[Layer]:
        """Layers of a transcript (or all), original first; text omitted if not wanted."""
        text = "text" if with_text else "''"
        sql = (
            f"SELECT id, uuid, transcript_id, language, is_original, {text}, source_file,"
            " encoding FROM layer"
        )
        args: tuple[Any, ...] = ()
        if transcript_id is not None:
            sql += " WHERE transcript_id = ?"
            args = (transcript_id,)
        rows = self.conn.execute(sql + " ORDER BY transcript_id, is_original DESC, id", args)
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

    def utterances(self, transcript_id: int | None = None) -> list[Utterance]:
        """Utterances in order, each with its span in every layer."""
        where, args = ("WHERE u.transcript_id = ?", (transcript_id,)) if transcript_id else ("", ())
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

    def utterance_counts(self) -> dict[int, int]:
        """Number of utterances per transcript id."""
        rows = self.conn.execute("SELECT transcript_id, COUNT(*) FROM utterance GROUP BY 1")
        return {r[0]: r[1] for r in rows}

    # -- writing -------------------------------------------------------------------------

    def add_transcript(
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
        return self.add_prepared_transcript(
            session_id, prepare_transcript(data), replace=replace, uuid=uuid
        )

    def add_prepared_transcript(
        self,
        session_id: int,
        data: PreparedTranscript,
        *,
        replace: bool = False,
        uuid: str | None = None,
    ) -> Transcript:
        """Store a transcript laid out by :func:`storage.transcript_layout.prepare_transcript`.

        Same rules as :meth:`add_transcript`, which calls this.
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
                    self.delete_transcript(tid)
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
                if self._index_queue is None:
                    self._index_spans(sid0, layer.folded)
            self._audit("add", "transcript", None, title=data.title)
        if self._index_queue is not None:  # queued only once the rows are written
            for sid0, folded in index:
                self._index_spans(sid0, folded)
        return self.transcript(tid)

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

    def delete_transcript(self, transcript_id: int) -> None:
        """Delete a transcript with its layers, utterances, codings and index entries."""
        with self.transaction():
            for (lid,) in self.conn.execute(
                "SELECT id FROM layer WHERE transcript_id = ?", (transcript_id,)
            ).fetchall():
                self._delete_layer(lid)
            self.conn.execute("DELETE FROM transcript WHERE id = ?", (transcript_id,))
            self._audit("delete", "transcript", None, id=transcript_id)

    def _delete_transcripts_of_session(self, session_id: int) -> None:
        for t in self.transcripts(session_id):
            self.delete_transcript(t.id)

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
        self._index_spans(sid0, layer.folded)
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
        self._unindex(layer.text, rows)
        self.conn.execute("DELETE FROM layer WHERE id = ?", (layer_id,))

    def _unindex(self, text: str, rows: Iterable[tuple[int, int, int]]) -> None:
        """Remove spans from the contentless index (it needs the indexed values back)."""
        self._flush_index_queue()
        self.conn.executemany(
            "INSERT INTO span_fts (span_fts, rowid, folded) VALUES ('delete', ?, ?)",
            [(sid, fold(text[s:e])) for sid, s, e in rows if e > s],
        )

    def _reindex(self, layer_id: int) -> None:
        """Index a layer's spans afresh (after its text or spans changed)."""
        self._flush_index_queue()
        text = self.layer(layer_id).text
        rows = self.conn.execute(
            'SELECT id, start, "end" FROM span WHERE layer_id = ?', (layer_id,)
        ).fetchall()
        self.conn.executemany(
            "INSERT INTO span_fts (rowid, folded) VALUES (?, ?)",
            [(sid, fold(text[s:e])) for sid, s, e in rows if e > s],
        )

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
