"""Sessions (interviews and focus groups) and who took part in them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from storage.base import Database, Part, new_uuid
from storage.codes_store import MemosPart
from storage.errors import N_, ConflictError, NotFoundError, ValidationError
from storage.models import ROLES, SESSION_KINDS, Role, Session, SessionKind, SessionParticipant
from storage.participants_store import parse_date
from storage.schema import REVISION_TABLES
from storage.text import normalize
from storage.transcripts_store import TranscriptsPart

_SESSION_COLUMNS = (
    "id, uuid, kind, title, date, location, setting, region, languages, duration_min,"
    " interviewer, consent, notes, guide_id, position, participant_count"
)
_EDITABLE = (*REVISION_TABLES["session"], "guide_id", "position")
"""What :meth:`SessionsPart.update` may set: the columns whose change is a revision, and
the guide and display order, which are not revisions."""


class SessionsPart(Part):
    """Interviews and focus groups (the one writer of ``session`` and ``session_participant``).

    Deleting a session deletes its transcripts through the transcripts part, which
    keeps the search index in step; the rest follows by foreign keys.
    """

    def __init__(self, db: Database, transcripts: TranscriptsPart, memos: MemosPart) -> None:
        super().__init__(db)
        self._transcripts = transcripts
        self._memos = memos

    def all(self) -> list[Session]:
        """All sessions in the order conducted (date, then position, then creation)."""
        rows = self.conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM session ORDER BY date IS NULL, date, position, id"
        ).fetchall()
        return [_session(r) for r in rows]

    def without_transcripts(self) -> list[Session]:
        """The sessions that have no transcript yet (a register's rows awaiting theirs), in
        the order conducted."""
        rows = self.conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM session s WHERE NOT EXISTS"
            " (SELECT 1 FROM transcript t WHERE t.session_id = s.id)"
            " ORDER BY date IS NULL, date, position, id"
        ).fetchall()
        return [_session(r) for r in rows]

    def get(self, session_id: int) -> Session:
        """One session by id."""
        row = self.conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM session WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No session with id {id}"), id=session_id)
        return _session(row)

    def find(self, title: str) -> Session | None:
        """The session titled ``title`` (exact, after NFC), or None."""
        row = self.conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM session WHERE title = ?", (normalize(title).strip(),)
        ).fetchone()
        return _session(row) if row else None

    def add(
        self, title: str, kind: SessionKind = "interview", *, uuid: str | None = None, **fields: Any
    ) -> Session:
        """Create a session; ``fields`` are any of the editable session columns."""
        title = normalize(title).strip()
        if not title:
            raise ValidationError(N_("A session needs a title"))
        values = _clean_fields({"kind": kind, **fields})
        with self.transaction():
            if "position" not in values:
                values["position"] = self.next_position()
            names = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            try:
                cur = self.conn.execute(
                    f"INSERT INTO session (uuid, title, {names}) VALUES (?, ?, {marks})",
                    (uuid or new_uuid(), title, *values.values()),
                )
            except sqlite3.IntegrityError:
                raise ConflictError(N_("A session titled {title!r} exists"), title=title) from None
            self._audit("add", "session", None, title=title)
        return self.get(int(cur.lastrowid or 0))

    def next_position(self) -> int:
        """The position a new session takes by default (after every other).

        This reads every session: an import adding many passes ``position`` itself,
        counting up from here.
        """
        (position,) = self.conn.execute(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM session"
        ).fetchone()
        return int(position)

    def update(self, session_id: int, **fields: Any) -> Session:
        """Change the given fields of a session."""
        old = self.get(session_id)
        values = _clean_fields(fields)
        if not values:
            return old
        with self.transaction():
            sets = ", ".join(f"{k} = ?" for k in values)
            try:
                self.conn.execute(
                    f"UPDATE session SET {sets} WHERE id = ?", (*values.values(), session_id)
                )
            except sqlite3.IntegrityError:
                raise ConflictError(
                    N_("A session titled {title!r} exists"), title=values.get("title")
                ) from None
            self._audit("update", "session", old.uuid, **{k: str(v) for k, v in values.items()})
        return self.get(session_id)

    def delete(self, session_id: int) -> None:
        """Delete a session with its transcripts and their codings."""
        with self.transaction():
            self._transcripts.delete_of_session(session_id)
            self._memos.delete_attached("session", [session_id])
            self.conn.execute("DELETE FROM session WHERE id = ?", (session_id,))
            self._audit("delete", "session", None, id=session_id)

    # -- participants in sessions ----------------------------------------------------------

    def participants(self, session_id: int | None = None) -> list[SessionParticipant]:
        """Who took part in a session (or in every session), with role and consent."""
        sql = "SELECT session_id, participant_id, role, consent FROM session_participant"
        args: tuple[int, ...] = ()
        if session_id is not None:
            sql += " WHERE session_id = ?"
            args = (session_id,)
        rows = self.conn.execute(sql + " ORDER BY session_id, participant_id", args).fetchall()
        return [SessionParticipant(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def link_participant(
        self, session_id: int, participant_id: int, role: Role = "respondent", consent: bool = False
    ) -> None:
        """Add a participant to a session (or change their role and consent)."""
        if role not in ROLES:
            raise ValidationError(N_("Unknown role {role!r}"), role=role)
        with self.transaction():
            self.conn.execute(
                "INSERT INTO session_participant (session_id, participant_id, role, consent)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET role = excluded.role,"
                " consent = excluded.consent",
                (session_id, participant_id, role, int(consent)),
            )
            self._audit("link", "session_participant", None, session=session_id, p=participant_id)

    def unlink_participant(self, session_id: int, participant_id: int) -> None:
        """Remove a participant from a session."""
        with self.transaction():
            self.conn.execute(
                "DELETE FROM session_participant WHERE session_id = ? AND participant_id = ?",
                (session_id, participant_id),
            )

    def link_participants_bulk(self, pairs: Sequence[tuple[int, int]]) -> int:
        """Add ``(session id, participant id)`` links as respondents; return how many were new."""
        with self.transaction():
            added = self.conn.executemany(
                "INSERT OR IGNORE INTO session_participant (session_id, participant_id, role)"
                " VALUES (?, ?, 'respondent')",
                pairs,
            ).rowcount
            if added:
                self._audit("link", "session_participant", None, count=added)
        return added


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in _EDITABLE:
            raise ValidationError(N_("Unknown session field {field!r}"), field=key)
        if key == "kind" and value not in SESSION_KINDS:
            raise ValidationError(N_("Unknown session kind {kind!r}"), kind=value)
        if key == "date" and value:
            value = parse_date(str(value))
        if key == "languages" and not isinstance(value, str):
            value = ",".join(value)
        if key == "title":
            value = normalize(str(value)).strip()
            if not value:
                raise ValidationError(N_("A session needs a title"))
        if key in ("duration_min", "participant_count") and value not in (None, ""):
            try:
                value = float(str(value).replace(",", ".")) if key == "duration_min" else int(value)
            except ValueError:
                raise ValidationError(
                    N_("{field}: {value!r} is not a number"), field=key, value=value
                ) from None
        if value == "":
            value = None if key not in ("notes", "languages") else ""
        values[key] = value
    return values


def _session(r: tuple[Any, ...]) -> Session:
    return Session(
        id=r[0],
        uuid=r[1],
        kind=r[2],
        title=r[3],
        date=r[4],
        location=r[5],
        setting=r[6],
        region=r[7],
        languages=tuple(x for x in (r[8] or "").split(",") if x),
        duration_min=r[9],
        interviewer=r[10],
        consent=r[11],
        notes=r[12] or "",
        guide_id=r[13],
        position=r[14],
        participant_count=r[15],
    )
