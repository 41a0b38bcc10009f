"""Live-session state and notes: what the interviewer sees and types during a session.

Everything is written as it happens so that a crash (``kill -9``, power cut of the
terminal, a closed laptop lid) loses at most the keystroke being typed: the draft
note is stored on every change in one autocommitted statement (WAL with
``synchronous=NORMAL`` makes that a cheap append to the log), and the state —
current question, speaker, clock, answered/skipped marks — on every change.

The clock survives restarts: it is kept as milliseconds counted before the last
start plus the wall-clock time (``now_ms``, epoch milliseconds) it was started at,
so a session that was running when the program died is still running, with the
time in between counted, when it is opened again.

When a session ends, its notes become a transcript (one utterance per note, with
times, speakers and question links) via :meth:`TranscriptsPart.add`;
the live-session row remembers that transcript so it can be told apart from a
full transcription imported later.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import EllipsisType
from typing import Any, Literal

from storage.base import Database, Part, new_uuid, utc_now
from storage.errors import N_, ConflictError, NotFoundError, ValidationError
from storage.models import Transcript, TranscriptInput, UtteranceInput
from storage.sessions_store import SessionsPart
from storage.text import normalize
from storage.transcripts_store import TranscriptsPart

LiveStatus = Literal["active", "ended"]
LiveMark = Literal["answered", "skipped"]
LIVE_MARKS: tuple[LiveMark, ...] = ("answered", "skipped")

_STATE_COLUMNS = (
    "session_id, guide_id, language, question_id, speaker_id, speaker, started,"
    " elapsed_ms, running_since_ms, status, ended, transcript_id, draft, draft_ms"
)
_NOTE_COLUMNS = "id, uuid, session_id, elapsed_ms, question_id, speaker_id, speaker, text"


def epoch_ms() -> int:
    """The current wall-clock time in epoch milliseconds (the default clock)."""
    return int(time.time() * 1000)


@dataclass(frozen=True)
class LiveState:
    """Where a live session is: question, speaker, clock, draft note and status."""

    session_id: int
    guide_id: int | None
    language: str
    question_id: int | None
    speaker_id: int | None
    speaker: str
    started: str
    elapsed_ms: int
    running_since_ms: int | None
    status: LiveStatus
    ended: str | None
    transcript_id: int | None
    draft: str
    draft_ms: int | None

    @property
    def running(self) -> bool:
        """Whether the clock is running."""
        return self.running_since_ms is not None and self.status == "active"

    def elapsed_at(self, now_ms: int) -> int:
        """Milliseconds of session time at wall-clock time ``now_ms``."""
        if self.running_since_ms is None or self.status != "active":
            return self.elapsed_ms
        return self.elapsed_ms + max(0, now_ms - self.running_since_ms)


@dataclass(frozen=True)
class LiveNote:
    """A note typed during a session, stamped with session time, question and speaker."""

    id: int
    uuid: str
    session_id: int
    elapsed_ms: int
    question_id: int | None
    speaker_id: int | None
    speaker: str
    text: str


class LivePart(Part):
    """Live sessions: state, answered/skipped marks, notes, and ending into a transcript."""

    def __init__(self, db: Database, sessions: SessionsPart, transcripts: TranscriptsPart) -> None:
        super().__init__(db)
        self._sessions = sessions
        self._transcripts = transcripts

    # -- reading -------------------------------------------------------------------------

    def state(self, session_id: int) -> LiveState | None:
        """The live state of a session, or None if it was never started."""
        row = self.conn.execute(
            f"SELECT {_STATE_COLUMNS} FROM live_session WHERE session_id = ?", (session_id,)
        ).fetchone()
        return _state(row) if row else None

    def states(self, status: LiveStatus | None = None) -> list[LiveState]:
        """Every started session (or those with ``status``), most recently touched first."""
        sql = f"SELECT {_STATE_COLUMNS} FROM live_session"
        args: tuple[Any, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            args = (status,)
        rows = self.conn.execute(sql + " ORDER BY updated_ms DESC, session_id DESC", args)
        return [_state(r) for r in rows]

    def marks(self, session_id: int) -> dict[int, LiveMark]:
        """Question id → answered/skipped for a live session."""
        rows = self.conn.execute(
            "SELECT question_id, mark FROM live_mark WHERE session_id = ?", (session_id,)
        )
        return {int(r[0]): r[1] for r in rows}

    def notes(self, session_id: int) -> list[LiveNote]:
        """The notes of a session in session-time order."""
        rows = self.conn.execute(
            f"SELECT {_NOTE_COLUMNS} FROM live_note WHERE session_id = ? ORDER BY elapsed_ms, id",
            (session_id,),
        )
        return [LiveNote(*r) for r in rows]

    def note(self, note_id: int) -> LiveNote:
        """One note by id."""
        row = self.conn.execute(
            f"SELECT {_NOTE_COLUMNS} FROM live_note WHERE id = ?", (note_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No note with id {id}"), id=note_id)
        return LiveNote(*row)

    def notes_transcript_ids(self) -> set[int]:
        """Ids of transcripts that were made from live notes (not full transcriptions)."""
        rows = self.conn.execute(
            "SELECT transcript_id FROM live_session WHERE transcript_id IS NOT NULL"
        )
        return {int(r[0]) for r in rows}

    # -- the session's state ---------------------------------------------------------------

    def start(
        self,
        session_id: int,
        *,
        guide_id: int | None = None,
        language: str | None = None,
        question_id: int | None = None,
        speaker_id: int | None = None,
        speaker: str = "",
        now_ms: int | None = None,
    ) -> LiveState:
        """Start a session's clock (or return its state if it is already under way).

        Refuses a session that has ended: its notes are a transcript already.
        """
        existing = self.state(session_id)
        if existing is not None:
            if existing.status == "ended":
                raise ConflictError(
                    N_("This session has ended; its notes are a transcript already")
                )
            return existing
        self._sessions.get(session_id)
        now = epoch_ms() if now_ms is None else now_ms
        with self.transaction():
            self.conn.execute(
                "INSERT INTO live_session (session_id, guide_id, language, question_id,"
                " speaker_id, speaker, started, elapsed_ms, running_since_ms, status, draft,"
                " updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 'active', '', ?)",
                (
                    session_id,
                    guide_id,
                    language or "",
                    question_id,
                    speaker_id,
                    normalize(speaker).strip(),
                    utc_now(),
                    now,
                    now,
                ),
            )
            self._audit("start", "live_session", None, session=session_id)
        state = self.state(session_id)
        assert state is not None
        return state

    def update(
        self,
        session_id: int,
        *,
        now_ms: int | None = None,
        **fields: Any,
    ) -> LiveState:
        """Change the current question, speaker (``speaker_id`` and label) or language."""
        allowed = {"question_id", "speaker_id", "speaker", "language", "guide_id"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(
                N_("Unknown live-session field {field!r}"), field=sorted(unknown)[0]
            )
        self._active(session_id)
        if "speaker" in fields:
            fields["speaker"] = normalize(str(fields["speaker"] or "")).strip()
        now = epoch_ms() if now_ms is None else now_ms
        sets = ", ".join(f"{k} = ?" for k in fields)
        self.conn.execute(
            f"UPDATE live_session SET {sets}{', ' if sets else ''}updated_ms = ?"
            " WHERE session_id = ?",
            (*fields.values(), now, session_id),
        )
        return self._active(session_id)

    def reopen(self, session_id: int, *, now_ms: int | None = None) -> LiveState:
        """Resume a session that ended without notes (so nothing became a transcript).

        Its clock goes on from where it stopped; a session whose notes are a transcript
        cannot be reopened (that would make a second transcript of the same notes).
        """
        state = self.state(session_id)
        if state is None:
            raise NotFoundError(N_("Session {id} has not been started"), id=session_id)
        if state.status == "active":
            return state
        if state.transcript_id is not None or self.notes(session_id):
            raise ConflictError(N_("This session has ended; its notes are a transcript already"))
        now = epoch_ms() if now_ms is None else now_ms
        with self.transaction():
            self.conn.execute(
                "UPDATE live_session SET status = 'active', ended = NULL, running_since_ms = ?,"
                " updated_ms = ? WHERE session_id = ?",
                (now, now, session_id),
            )
        return self._active(session_id)

    def pause(self, session_id: int, *, now_ms: int | None = None) -> LiveState:
        """Stop the clock (the elapsed time so far is kept)."""
        state = self._active(session_id)
        if state.running_since_ms is None:
            return state
        now = epoch_ms() if now_ms is None else now_ms
        self.conn.execute(
            "UPDATE live_session SET elapsed_ms = ?, running_since_ms = NULL, updated_ms = ?"
            " WHERE session_id = ?",
            (state.elapsed_at(now), now, session_id),
        )
        return self._active(session_id)

    def resume(self, session_id: int, *, now_ms: int | None = None) -> LiveState:
        """Start the clock again after a pause."""
        state = self._active(session_id)
        if state.running_since_ms is not None:
            return state
        now = epoch_ms() if now_ms is None else now_ms
        self.conn.execute(
            "UPDATE live_session SET running_since_ms = ?, updated_ms = ? WHERE session_id = ?",
            (now, now, session_id),
        )
        return self._active(session_id)

    def mark_question(self, session_id: int, question_id: int, mark: LiveMark | None) -> None:
        """Mark a question answered or skipped (None clears the mark)."""
        self._active(session_id)
        if mark is not None and mark not in LIVE_MARKS:
            raise ValidationError(N_("Unknown question mark {mark!r}"), mark=mark)
        if mark is None:
            self.conn.execute(
                "DELETE FROM live_mark WHERE session_id = ? AND question_id = ?",
                (session_id, question_id),
            )
        else:
            self.conn.execute(
                "INSERT INTO live_mark (session_id, question_id, mark) VALUES (?, ?, ?)"
                " ON CONFLICT DO UPDATE SET mark = excluded.mark",
                (session_id, question_id, mark),
            )

    # -- notes ---------------------------------------------------------------------------

    def set_draft(self, session_id: int, text: str, *, now_ms: int | None = None) -> None:
        """Store the note being typed (called on every keystroke; one cheap statement).

        The draft is stamped with the session time of its first character.
        """
        now = epoch_ms() if now_ms is None else now_ms
        cur = self.conn.execute(
            "UPDATE live_session SET draft = ?1,"
            " draft_ms = CASE WHEN ?1 = '' THEN NULL ELSE COALESCE(draft_ms, elapsed_ms"
            " + CASE WHEN running_since_ms IS NULL THEN 0"
            " ELSE MAX(0, ?2 - running_since_ms) END) END,"
            " updated_ms = ?2 WHERE session_id = ?3 AND status = 'active'",
            (text, now, session_id),
        )
        if cur.rowcount == 0:
            self._active(session_id)

    def commit_draft(self, session_id: int, *, now_ms: int | None = None) -> LiveNote | None:
        """Turn the draft into a note with the current question and speaker; clear the draft.

        Returns the new note, or None when the draft is empty.
        """
        state = self._active(session_id)
        text = normalize(state.draft).strip()
        now = epoch_ms() if now_ms is None else now_ms
        if not text:
            if state.draft:
                self.set_draft(session_id, "", now_ms=now)
            return None
        stamp = state.draft_ms if state.draft_ms is not None else state.elapsed_at(now)
        with self.transaction():
            note_id = self._insert_note(state, text, stamp)
            self.conn.execute(
                "UPDATE live_session SET draft = '', draft_ms = NULL, updated_ms = ?"
                " WHERE session_id = ?",
                (now, session_id),
            )
        return self.note(note_id)

    def add_note(
        self,
        session_id: int,
        text: str,
        *,
        elapsed_ms: int | None = None,
        question_id: int | EllipsisType | None = ...,
        speaker_id: int | EllipsisType | None = ...,
        speaker: str | None = None,
        now_ms: int | None = None,
    ) -> LiveNote:
        """Add a note directly (not from the draft); defaults come from the current state."""
        state = self._active(session_id)
        text = normalize(text).strip()
        if not text:
            raise ValidationError(N_("A note needs some text"))
        now = epoch_ms() if now_ms is None else now_ms
        with self.transaction():
            note_id = self._insert_note(
                state,
                text,
                state.elapsed_at(now) if elapsed_ms is None else elapsed_ms,
                question_id=state.question_id if question_id is ... else question_id,
                speaker_id=state.speaker_id if speaker_id is ... else speaker_id,
                speaker=state.speaker if speaker is None else normalize(speaker).strip(),
            )
        return self.note(note_id)

    def update_note(
        self,
        note_id: int,
        *,
        text: str | None = None,
        speaker_id: int | EllipsisType | None = ...,
        speaker: str | None = None,
        question_id: int | EllipsisType | None = ...,
    ) -> LiveNote:
        """Correct a note's text, speaker or question."""
        old = self.note(note_id)
        new_text = normalize(text).strip() if text is not None else old.text
        if not new_text:
            raise ValidationError(N_("A note needs some text"))
        with self.transaction():
            self.conn.execute(
                "UPDATE live_note SET text = ?, speaker_id = ?, speaker = ?, question_id = ?"
                " WHERE id = ?",
                (
                    new_text,
                    old.speaker_id if speaker_id is ... else speaker_id,
                    old.speaker if speaker is None else normalize(speaker).strip(),
                    old.question_id if question_id is ... else question_id,
                    note_id,
                ),
            )
        return self.note(note_id)

    def delete_note(self, note_id: int) -> None:
        """Delete a note."""
        with self.transaction():
            self.conn.execute("DELETE FROM live_note WHERE id = ?", (note_id,))

    # -- ending --------------------------------------------------------------------------

    def end(
        self,
        session_id: int,
        *,
        language: str | None = None,
        title: str | None = None,
        now_ms: int | None = None,
    ) -> Transcript | None:
        """End a session: stop the clock and turn its notes into a transcript.

        The draft note (if any) is kept as the last note. Every note becomes an
        utterance in ``language`` (default: the session's first language, else the
        project's) that runs until the next note starts; the last runs to the end of
        the session. The session's duration is filled in when it was empty. Returns
        the transcript, or None when there were no notes. All in one transaction.
        """
        state = self._active(session_id)
        now = epoch_ms() if now_ms is None else now_ms
        session = self._sessions.get(session_id)
        total = state.elapsed_at(now)
        with self.transaction():
            self.commit_draft(session_id, now_ms=now)
            notes = self.notes(session_id)
            transcript: Transcript | None = None
            if notes:
                lang = language or (session.languages[0] if session.languages else "")
                if not lang:
                    (languages,) = self.conn.execute("SELECT languages FROM project").fetchone()
                    lang = str(languages).split(",")[0]
                codes = {
                    int(r[0]): str(r[1])
                    for r in self.conn.execute("SELECT id, code FROM participant")
                }
                utterances = tuple(
                    UtteranceInput(
                        speaker=_speaker_label(note, codes),
                        start_ms=note.elapsed_ms,
                        end_ms=max(
                            note.elapsed_ms,
                            notes[i + 1].elapsed_ms if i + 1 < len(notes) else total,
                        ),
                        texts=(note.text,),
                        question_id=note.question_id,
                    )
                    for i, note in enumerate(notes)
                )
                transcript = self._transcripts.add(
                    session_id,
                    TranscriptInput(
                        title=title or f"{session.title} (live notes)",
                        languages=(lang,),
                        utterances=utterances,
                    ),
                )
                self._link_note_speakers(transcript.id, notes)
            self.conn.execute(
                "UPDATE live_session SET status = 'ended', ended = ?, elapsed_ms = ?,"
                " running_since_ms = NULL, transcript_id = ?, updated_ms = ? WHERE session_id = ?",
                (utc_now(), total, transcript.id if transcript else None, now, session_id),
            )
            if session.duration_min is None and total > 0:
                self._sessions.update(session_id, duration_min=round(total / 60000, 1))
            self._audit("end", "live_session", session.uuid, notes=len(notes))
        return transcript

    def discard(self, session_id: int) -> None:
        """Forget a session's live state and notes (its notes transcript, if any, stays)."""
        with self.transaction():
            self.conn.execute("DELETE FROM live_session WHERE session_id = ?", (session_id,))
            self._audit("discard", "live_session", None, session=session_id)

    # -- helpers -------------------------------------------------------------------------

    def _active(self, session_id: int) -> LiveState:
        state = self.state(session_id)
        if state is None:
            raise NotFoundError(N_("Session {id} has not been started"), id=session_id)
        if state.status != "active":
            raise ConflictError(N_("This session has ended; its notes are a transcript already"))
        return state

    def _insert_note(
        self,
        state: LiveState,
        text: str,
        elapsed_ms: int,
        *,
        question_id: int | EllipsisType | None = ...,
        speaker_id: int | EllipsisType | None = ...,
        speaker: str | None = None,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO live_note (uuid, session_id, elapsed_ms, question_id, speaker_id,"
            " speaker, text, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new_uuid(),
                state.session_id,
                max(0, int(elapsed_ms)),
                state.question_id if question_id is ... else question_id,
                state.speaker_id if speaker_id is ... else speaker_id,
                state.speaker if speaker is None else speaker,
                text,
                utc_now(),
            ),
        )
        return int(cur.lastrowid or 0)

    def _link_note_speakers(self, transcript_id: int, notes: Sequence[LiveNote]) -> None:
        """Link utterances to the participants the notes were stamped with."""
        ids = self._transcripts.utterance_ids(transcript_id)
        self._transcripts.set_utterance_participants(
            [
                (utterance_id, note.speaker_id)
                for utterance_id, note in zip(ids, notes, strict=True)
                if note.speaker_id is not None
            ]
        )


def _speaker_label(note: LiveNote, codes: dict[int, str]) -> str:
    if note.speaker_id is not None and note.speaker_id in codes:
        return codes[note.speaker_id]
    return note.speaker


def _state(r: tuple[Any, ...]) -> LiveState:
    return LiveState(
        session_id=r[0],
        guide_id=r[1],
        language=r[2] or "",
        question_id=r[3],
        speaker_id=r[4],
        speaker=r[5] or "",
        started=r[6],
        elapsed_ms=int(r[7]),
        running_since_ms=r[8],
        status=r[9],
        ended=r[10],
        transcript_id=r[11],
        draft=r[12] or "",
        draft_ms=r[13],
    )
