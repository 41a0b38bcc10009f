"""Translation typed in the app: drafts per keystroke, status, review, marks and the glossary.

The translation's text lives where every translation lives, in the transcript's
layer of that language (one line per utterance; an untranslated utterance has an
empty line), written through :class:`TranscriptsPart` so that codings, the search
index and undo follow it. This part is the one writer of ``translation_status``,
``translation_seen`` and ``glossary_term``; drafts and marks are written through
:class:`storage.translation_work_store.TranslationWorkPart`, which the transcripts part
also calls when utterances are split or joined.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from storage.base import Database, Part, new_uuid, utc_now
from storage.errors import N_, NotFoundError, ValidationError
from storage.models import Layer
from storage.text import fold, normalize
from storage.transcripts_store import TranscriptsPart
from storage.translation_models import (
    PROGRESS_COUNTS,
    GlossaryTerm,
    TranslationProgress,
    TranslationRow,
    TranslationStatus,
    text_hash,
)
from storage.translation_work_store import TranslationWorkPart

_STATUS_COLUMNS = (
    "layer_id, utterance_id, translator, translated, reviewer, reviewed, source_hash, rev"
)


@dataclass(frozen=True)
class TermInput:
    """A glossary entry to store (from the editor or a CSV file)."""

    source_language: str
    term: str
    target_language: str
    rendering: str
    note: str = ""


class TranslationsPart(Part):
    """Translation work on transcripts: see the module docstring."""

    def __init__(
        self, db: Database, transcripts: TranscriptsPart, work: TranslationWorkPart
    ) -> None:
        super().__init__(db)
        self._transcripts = transcripts
        self._work = work

    # -- layers --------------------------------------------------------------------------

    def original_layer(self, transcript_id: int) -> Layer:
        """The transcript's original layer."""
        for layer in self._transcripts.layers(transcript_id):
            if layer.is_original:
                return layer
        raise NotFoundError(N_("No transcript with id {id}"), id=transcript_id)

    def target_layer(self, transcript_id: int, language: str) -> Layer | None:
        """The transcript's translation layer in ``language``, if it has one."""
        for layer in self._transcripts.layers(transcript_id):
            if layer.language == language and not layer.is_original:
                return layer
        return None

    def rows_into(self, transcript_id: int, language: str) -> list[TranslationRow]:
        """:meth:`rows` of the layer in ``language``; all untranslated if there is none yet.

        Reads only (no layer is created), so it works on a project opened read-only.
        """
        language = self._check_target(transcript_id, language)
        layer = self.target_layer(transcript_id, language)
        if layer is not None:
            return self.rows(layer.id)
        original = self.original_layer(transcript_id)
        rows = []
        for u in self._transcripts.utterances(transcript_id):
            s, e = u.spans.get(original.id, (0, 0))
            rows.append(
                TranslationRow(
                    u.id, u.uuid, u.position, u.speaker, u.start_ms, original.text[s:e], "", None
                )
            )
        return rows

    def ensure_layer(self, transcript_id: int, language: str) -> Layer:
        """The translation layer in ``language``, created empty (aligned) if there is none."""
        language = self._check_target(transcript_id, language)
        layer = self.target_layer(transcript_id, language)
        if layer is not None:
            return layer
        count = len(self._transcripts.utterance_ids(transcript_id))
        return self._transcripts.add_layer(transcript_id, language, [""] * count)

    def _check_target(self, transcript_id: int, language: str) -> str:
        """``language`` cleaned, if the transcript can be translated into it."""
        language = language.strip().lower()
        (languages,) = self.conn.execute("SELECT languages FROM project").fetchone()
        if language not in str(languages).split(","):
            raise ValidationError(
                N_("{language} is not a language of this project"), language=language
            )
        original = self.original_layer(transcript_id)
        if original.language == language:
            raise ValidationError(
                N_("The transcript's original is in {language}; choose another language"),
                language=language,
            )
        return language

    # -- reading -------------------------------------------------------------------------

    def rows(self, layer_id: int) -> list[TranslationRow]:
        """Every utterance of the layer's transcript with original, translation and status."""
        target = self._transcripts.layer(layer_id)
        original = self.original_layer(target.transcript_id)
        statuses = self._status_rows(layer_id)
        drafts = self.drafts(layer_id)
        rows = []
        for u in self._transcripts.utterances(target.transcript_id):
            o0, o1 = u.spans.get(original.id, (0, 0))
            t0, t1 = u.spans.get(layer_id, (0, 0))
            text = original.text[o0:o1]
            status = statuses.get(u.id)
            if status is not None:
                status = _with_stale(status, text)
            rows.append(
                TranslationRow(
                    u.id,
                    u.uuid,
                    u.position,
                    u.speaker,
                    u.start_ms,
                    text,
                    target.text[t0:t1],
                    status,
                    drafts.get(u.id),
                )
            )
        return rows

    def statuses(self, layer_id: int) -> dict[int, TranslationStatus]:
        """Status per utterance id of a translation layer (stale computed from the original)."""
        return {r.utterance_id: r.status for r in self.rows(layer_id) if r.status is not None}

    def _status_rows(self, layer_id: int) -> dict[int, TranslationStatus]:
        return {
            int(r[1]): TranslationStatus(*r)
            for r in self.conn.execute(
                f"SELECT {_STATUS_COLUMNS} FROM translation_status WHERE layer_id = ?", (layer_id,)
            )
        }

    def drafts(self, layer_id: int) -> dict[int, str]:
        """Text typed but not yet saved, per utterance id."""
        return self._work.drafts(layer_id)

    # -- typing --------------------------------------------------------------------------

    def set_draft(self, layer_id: int, utterance_id: int, text: str) -> None:
        """Store the translation being typed (called on every keystroke; one statement)."""
        self._work.set_draft(layer_id, utterance_id, text)

    def discard_draft(self, layer_id: int, utterance_id: int) -> None:
        """Forget the text typed for an utterance."""
        self._work.discard_draft(layer_id, utterance_id)

    def save(
        self, layer_id: int, utterance_id: int, text: str, translator: str
    ) -> TranslationStatus | None:
        """Make ``text`` the utterance's translation, recording translator and time.

        Returns the new status, or None when the text is empty (no longer translated).
        An unchanged text only clears the draft.
        """
        with self.transaction():
            statuses = self.save_many(layer_id, [(utterance_id, text)], translator)
        return statuses.get(utterance_id)

    def save_many(
        self, layer_id: int, texts: Sequence[tuple[int, str]], translator: str
    ) -> dict[int, TranslationStatus]:
        """Save several utterances' translations in one transaction (used by imports)."""
        target = self._transcripts.layer(layer_id)
        if target.is_original:
            raise ValidationError(N_("The original cannot be translated into itself"))
        original = self.original_layer(target.transcript_id)
        spans = self._spans(original.id)
        layer_uuid = target.uuid
        uuids = self._utterance_uuids(target.transcript_id)
        now = utc_now()
        out: dict[int, TranslationStatus] = {}
        with self.transaction():
            for utterance_id, raw in texts:
                text = " ".join(normalize(raw).split("\n")).strip()
                if utterance_id not in spans:
                    raise NotFoundError(
                        N_("Utterance {id} has no text in layer {layer}"),
                        id=utterance_id,
                        layer=layer_id,
                    )
                current = self._line(layer_id, utterance_id)
                self.discard_draft(layer_id, utterance_id)
                if text == current:
                    continue
                self._transcripts.edit_utterance_text(utterance_id, layer_id, text)
                if not text:
                    self.conn.execute(
                        "DELETE FROM translation_status WHERE layer_id = ? AND utterance_id = ?",
                        (layer_id, utterance_id),
                    )
                    continue
                s, e = spans[utterance_id]
                status = TranslationStatus(
                    layer_id,
                    utterance_id,
                    normalize(translator).strip(),
                    now,
                    None,
                    None,
                    text_hash(original.text[s:e]),
                    new_uuid().replace("-", "")[:16],
                )
                self._write_status(status, layer_uuid, uuids[utterance_id])
                out[utterance_id] = status
            self._audit("translate", "layer", layer_uuid, utterances=len(texts))
        return out

    def review(
        self, layer_id: int, utterance_ids: Iterable[int], reviewer: str
    ) -> list[TranslationStatus]:
        """Mark translations reviewed (and no longer stale); untranslated ones are skipped.

        A translation without a status (imported as a layer) gets one, with no translator.
        """
        target = self._transcripts.layer(layer_id)
        original = self.original_layer(target.transcript_id)
        spans = self._spans(original.id)
        uuids = self._utterance_uuids(target.transcript_id)
        statuses = self._status_rows(layer_id)
        now = utc_now()
        out = []
        with self.transaction():
            for uid in utterance_ids:
                old = statuses.get(uid)
                if old is None and self._line(layer_id, uid).strip():
                    old = TranslationStatus(layer_id, uid, "", now, None, None, "", "")
                if old is None:
                    continue
                s, e = spans[uid]
                status = TranslationStatus(
                    layer_id,
                    uid,
                    old.translator,
                    old.translated,
                    normalize(reviewer).strip(),
                    now,
                    text_hash(original.text[s:e]),
                    new_uuid().replace("-", "")[:16],
                )
                self._write_status(status, target.uuid, uuids[uid])
                out.append(status)
            self._audit("review", "layer", target.uuid, utterances=len(out))
        return out

    def put_status(self, status: TranslationStatus, layer_uuid: str, utterance_uuid: str) -> None:
        """Store a status as it is (a merge taking a copy's status)."""
        with self.transaction():
            self._write_status(status, layer_uuid, utterance_uuid)

    def seen(self, layer_uuid: str, utterance_uuid: str) -> set[str]:
        """Every revision of an utterance's translation this file has had or taken in."""
        return {
            str(r[0])
            for r in self.conn.execute(
                "SELECT rev FROM translation_seen WHERE layer_uuid = ? AND utterance_uuid = ?",
                (layer_uuid, utterance_uuid),
            )
        }

    def add_seen(self, layer_uuid: str, utterance_uuid: str, revs: Iterable[str]) -> None:
        """Remember revisions learnt from a copy (so merging back changes nothing)."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO translation_seen (layer_uuid, utterance_uuid, rev)"
            " VALUES (?, ?, ?)",
            [(layer_uuid, utterance_uuid, r) for r in revs],
        )

    def _write_status(
        self, status: TranslationStatus, layer_uuid: str, utterance_uuid: str
    ) -> None:
        self.conn.execute(
            f"INSERT OR REPLACE INTO translation_status ({_STATUS_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                status.layer_id,
                status.utterance_id,
                status.translator,
                status.translated,
                status.reviewer,
                status.reviewed,
                status.source_hash,
                status.rev,
            ),
        )
        self.add_seen(layer_uuid, utterance_uuid, [status.rev])

    def _spans(self, layer_id: int) -> dict[int, tuple[int, int]]:
        return {
            int(u): (int(s), int(e))
            for u, s, e in self.conn.execute(
                'SELECT utterance_id, start, "end" FROM span WHERE layer_id = ?', (layer_id,)
            )
        }

    def _line(self, layer_id: int, utterance_id: int) -> str:
        row = self.conn.execute(
            'SELECT substr(l.text, s.start + 1, s."end" - s.start) FROM span s'
            " JOIN layer l ON l.id = s.layer_id WHERE s.layer_id = ? AND s.utterance_id = ?",
            (layer_id, utterance_id),
        ).fetchone()
        return str(row[0]) if row else ""

    def _utterance_uuids(self, transcript_id: int) -> dict[int, str]:
        return {
            int(i): str(u)
            for i, u in self.conn.execute(
                "SELECT id, uuid FROM utterance WHERE transcript_id = ?", (transcript_id,)
            )
        }

    # -- marks ---------------------------------------------------------------------------

    def mark(self, utterance_ids: Iterable[int], marked: bool = True) -> None:
        """Mark utterances as needing translation (or take the mark off)."""
        self._work.mark(utterance_ids, marked)

    def marked(self, transcript_id: int | None = None) -> set[int]:
        """Utterances marked one by one (of one transcript, or all)."""
        return self._work.marked(transcript_id)

    def mark_codes(self, code_ids: Iterable[int], marked: bool = True) -> None:
        """Mark (or unmark) codes whose coded passages all need translation."""
        self._work.mark_codes(code_ids, marked)

    def marked_codes(self) -> set[int]:
        """Codes whose passages are marked for translation."""
        return {int(r[0]) for r in self.conn.execute("SELECT code_id FROM translation_mark_code")}

    def coded_with_marked_codes(self, transcript_id: int) -> set[int]:
        """Utterances of a transcript that a marked code's coding touches (in any layer)."""
        rows = self.conn.execute(
            "SELECT DISTINCT s.utterance_id FROM coding c"
            " JOIN translation_mark_code m ON m.code_id = c.code_id"
            " JOIN layer l ON l.id = c.layer_id AND l.transcript_id = ?"
            ' JOIN span s ON s.layer_id = c.layer_id AND s.start < c."end"'
            ' AND s."end" > c.start',
            (transcript_id,),
        )
        return {int(r[0]) for r in rows}

    # -- progress ------------------------------------------------------------------------

    def progress(self, layer_id: int, marked: set[int]) -> TranslationProgress:
        """Counts of translated utterances and words, of all and of ``marked``."""
        target = self._transcripts.layer(layer_id)
        counts = dict.fromkeys(PROGRESS_COUNTS, 0)
        for row in self.rows(layer_id):
            words = len(row.original.split())
            done = row.translated
            counts["utterances"] += 1
            counts["words"] += words
            counts["done_utterances"] += done
            counts["done_words"] += words if done else 0
            if row.utterance_id in marked:
                counts["marked_utterances"] += 1
                counts["marked_words"] += words
                counts["marked_done_utterances"] += done
                counts["marked_done_words"] += words if done else 0
            if done and row.status is not None:
                counts["reviewed"] += row.status.is_reviewed
                counts["stale"] += row.status.stale
        return TranslationProgress(target.language, **counts)

    def untranslated(
        self, original_layer_id: int, language: str, marked: set[int]
    ) -> TranslationProgress:
        """Progress into a language the transcript has no layer for (nothing translated)."""
        original = self._transcripts.layer(original_layer_id)
        words = 0
        marked_count = marked_words = count = 0
        for uid, (s, e) in self._spans(original_layer_id).items():
            n = len(original.text[s:e].split())
            count += 1
            words += n
            if uid in marked:
                marked_count += 1
                marked_words += n
        return TranslationProgress(
            language,
            utterances=count,
            words=words,
            marked_utterances=marked_count,
            marked_words=marked_words,
        )

    # -- translation memory --------------------------------------------------------------

    def memory(self, language: str) -> dict[str, str]:
        """Original utterance text → its latest translation into ``language``, project-wide."""
        out: dict[str, str] = {}
        layers = self.conn.execute(
            "SELECT t.id, t.transcript_id, o.id FROM layer t JOIN layer o"
            " ON o.transcript_id = t.transcript_id AND o.is_original = 1"
            " WHERE t.language = ? AND t.is_original = 0 ORDER BY t.id",
            (language,),
        ).fetchall()
        for target_id, _tid, original_id in layers:
            texts = dict(
                self.conn.execute(
                    "SELECT id, text FROM layer WHERE id IN (?, ?)", (target_id, original_id)
                ).fetchall()
            )
            pairs = self.conn.execute(
                'SELECT o.start, o."end", t.start, t."end" FROM span o JOIN span t'
                " ON t.utterance_id = o.utterance_id AND t.layer_id = ?"
                ' WHERE o.layer_id = ? AND t."end" > t.start',
                (target_id, original_id),
            )
            for o0, o1, t0, t1 in pairs:
                key = " ".join(texts[original_id][o0:o1].split())
                if key:
                    out[key] = texts[target_id][t0:t1]
        return out

    # -- glossary ------------------------------------------------------------------------

    def glossary(
        self, source_language: str | None = None, target_language: str | None = None
    ) -> list[GlossaryTerm]:
        """Glossary terms, optionally of one source and one target language, by term."""
        sql = (
            "SELECT id, uuid, source_language, term, target_language, rendering, note"
            " FROM glossary_term WHERE 1"
        )
        args: list[str] = []
        if source_language:
            sql += " AND source_language = ?"
            args.append(source_language)
        if target_language:
            sql += " AND target_language = ?"
            args.append(target_language)
        return [GlossaryTerm(*r) for r in self.conn.execute(sql + " ORDER BY folded, id", args)]

    def set_term(self, term: TermInput, *, uuid: str | None = None) -> GlossaryTerm:
        """Add a term, or change the rendering and note of the same term (same languages)."""
        clean = clean_term(term)
        with self.transaction():
            self.conn.execute(
                "INSERT INTO glossary_term (uuid, source_language, term, folded,"
                " target_language, rendering, note) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (source_language, folded, target_language) DO UPDATE SET"
                " term = excluded.term, rendering = excluded.rendering, note = excluded.note",
                (
                    uuid or new_uuid(),
                    clean.source_language,
                    clean.term,
                    fold(clean.term),
                    clean.target_language,
                    clean.rendering,
                    clean.note,
                ),
            )
            row = self.conn.execute(
                "SELECT id, uuid, source_language, term, target_language, rendering, note"
                " FROM glossary_term WHERE source_language = ? AND folded = ?"
                " AND target_language = ?",
                (clean.source_language, fold(clean.term), clean.target_language),
            ).fetchone()
            self._audit("update", "glossary_term", str(row[1]), term=clean.term)
        return GlossaryTerm(*row)

    def set_terms(self, terms: Sequence[TermInput]) -> int:
        """Add or update several terms in one transaction; returns how many."""
        with self.transaction():
            for term in terms:
                self.set_term(term)
        return len(terms)

    def delete_term(self, term_id: int) -> None:
        """Remove a glossary term."""
        with self.transaction():
            row = self.conn.execute(
                "SELECT uuid FROM glossary_term WHERE id = ?", (term_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(N_("No glossary term with id {id}"), id=term_id)
            self.conn.execute("DELETE FROM glossary_term WHERE id = ?", (term_id,))
            self._audit("delete", "glossary_term", str(row[0]), id=term_id)


def _with_stale(status: TranslationStatus, original: str) -> TranslationStatus:
    if text_hash(original) == status.source_hash:
        return status
    return replace(status, stale=True)


def clean_term(term: TermInput) -> TermInput:
    """A term with normalised text, checked (non-empty, two different languages)."""

    def one(value: str) -> str:
        return " ".join(normalize(value).split())

    clean = TermInput(
        one(term.source_language).lower(),
        one(term.term),
        one(term.target_language).lower(),
        one(term.rendering),
        one(term.note),
    )
    if not clean.term or not clean.rendering:
        raise ValidationError(N_("A glossary entry needs a term and its rendering"))
    for language in (clean.source_language, clean.target_language):
        if not (language.isalpha() and 2 <= len(language) <= 3):
            raise ValidationError(
                N_("{language!r} is not a language code like ru, kk or en"), language=language
            )
    if clean.source_language == clean.target_language:
        raise ValidationError(N_("A glossary entry needs two different languages"))
    return clean
