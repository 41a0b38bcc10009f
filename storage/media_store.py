"""Recordings linked to sessions and transcripts, and machine-made transcripts.

A media row remembers where a recording is (relative to the project file, so a
project folder moved to another laptop keeps its links), what it was when linked
(size, modification time, duration, checksum) and where utterance time 0 falls on its timeline
(``offset_ms``, for a recording started late). The file itself is never copied into
the project. Whether a linked file is still there is asked at read time
(:func:`media_status`), so a moved or missing recording never blocks opening.

A transcript made by a speech recogniser is marked in ``machine_transcript`` until
somebody reviews it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from storage.base import Database, Part, new_uuid, utc_now
from storage.errors import N_, NotFoundError, ValidationError

MediaKind = Literal["audio", "video"]
MediaStatus = Literal["ok", "missing", "changed"]

_COLUMNS = (
    "id, uuid, session_id, transcript_id, path, kind, size, duration_ms, checksum,"
    " offset_ms, created, mtime_ns"
)
CHUNK = 1 << 20


@dataclass(frozen=True)
class MediaFile:
    """A recording linked to a session (and optionally one of its transcripts)."""

    id: int
    uuid: str
    session_id: int
    transcript_id: int | None
    path: str
    kind: MediaKind
    size: int
    duration_ms: int
    checksum: str
    offset_ms: int
    created: str
    mtime_ns: int | None = None
    """The file's modification time when it was linked (None for links made before)."""


@dataclass(frozen=True)
class MediaFacts:
    """What a media file is: read from the file by the caller before linking."""

    kind: MediaKind
    size: int
    duration_ms: int
    checksum: str
    mtime_ns: int | None = None


@dataclass(frozen=True)
class MachineTranscript:
    """A transcript made by a speech recogniser; ``reviewed`` is when a person checked it."""

    transcript_id: int
    engine: str
    model: str
    language: str
    created: str
    reviewed: str | None


def stored_path(project: Path, media: Path) -> str:
    """How ``media`` is written in the project: relative to the project's folder if possible.

    A file on another drive (Windows) keeps its absolute path. Separators are ``/``
    so a project made on Windows opens on Linux and the other way round.
    """
    folder = project.resolve().parent
    target = media.resolve()
    try:
        relative = os.path.relpath(target, folder)
    except ValueError:
        return target.as_posix()
    return Path(relative).as_posix()


def resolved_path(project: Path, stored: str) -> Path:
    """The file a stored media path names, seen from the project's folder."""
    path = Path(stored)
    return path if path.is_absolute() else project.resolve().parent / path


def file_checksum(path: Path) -> str:
    """The SHA-256 of a file's bytes, as ``sha256:<hex>``."""
    import hashlib  # (OpenSSL: 2 ms of every start of a command that never hashes)

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


_VERIFIED: dict[tuple[Path, int, int, str], bool] = {}
"""Checksums compared in this process: (file, size, modification time, stored checksum)
→ whether they matched, so that a touched file is read in full once, not at each look."""


def media_status(project: Path, media: MediaFile, *, verify: bool = True) -> MediaStatus:
    """``ok``, ``missing`` (no file at the stored path) or ``changed`` (other content).

    Cheap while the file is untouched: another size is ``changed`` at once, and the
    same size with the modification time seen when linking is ``ok``. Only a file
    written since (a later time, e.g. overwritten with other sound of the same size)
    is read in full and its checksum compared, once per process. Links made before the
    time was kept count the link's own time as the time seen. Without ``verify`` (a
    player that only needs the file to be there) nothing is read: same size is ``ok``.
    """
    path = resolved_path(project, media.path)
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    if stat.st_size != media.size:
        return "changed"
    if media.mtime_ns is not None:
        untouched = stat.st_mtime_ns == media.mtime_ns
    else:
        linked = datetime.fromisoformat(media.created.replace("Z", "+00:00")).timestamp()
        untouched = stat.st_mtime < linked
    if untouched or not verify:
        return "ok"
    key = (path, stat.st_size, stat.st_mtime_ns, media.checksum)
    if key not in _VERIFIED:
        try:
            _VERIFIED[key] = file_checksum(path) == media.checksum
        except OSError:
            return "missing"
    return "ok" if _VERIFIED[key] else "changed"


class MediaPart(Part):
    """The ``media`` and ``machine_transcript`` tables."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)

    def all(
        self, *, session_id: int | None = None, transcript_id: int | None = None
    ) -> list[MediaFile]:
        """Every linked recording, optionally of one session or one transcript."""
        where, params = [], []
        if session_id is not None:
            where.append("session_id = ?")
            params.append(session_id)
        if transcript_id is not None:
            where.append("transcript_id = ?")
            params.append(transcript_id)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM media{clause} ORDER BY id", params)
        return [MediaFile(*row) for row in rows]

    def get(self, media_id: int) -> MediaFile:
        """One linked recording by id."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM media WHERE id = ?", (media_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No linked recording with id {id}"), id=media_id)
        return MediaFile(*row)

    def for_transcript(self, transcript_id: int) -> MediaFile | None:
        """The recording a transcript plays: its own, else its session's only one."""
        own = self.all(transcript_id=transcript_id)
        if own:
            return own[0]
        row = self.conn.execute(
            "SELECT session_id FROM transcript WHERE id = ?", (transcript_id,)
        ).fetchone()
        if row is None:
            return None
        shared = [m for m in self.all(session_id=row[0]) if m.transcript_id is None]
        return shared[0] if len(shared) == 1 else None

    def link(
        self,
        session_id: int,
        path: str,
        facts: MediaFacts,
        *,
        transcript_id: int | None = None,
        offset_ms: int = 0,
    ) -> MediaFile:
        """Link a recording (``path`` as :func:`stored_path` writes it) to a session."""
        if not path:
            raise ValidationError(N_("A recording needs a file"))
        with self.transaction():
            if transcript_id is not None:
                row = self.conn.execute(
                    "SELECT session_id FROM transcript WHERE id = ?", (transcript_id,)
                ).fetchone()
                if row is None:
                    raise NotFoundError(N_("No transcript with id {id}"), id=transcript_id)
                session_id = int(row[0])
            if (
                self.conn.execute("SELECT 1 FROM session WHERE id = ?", (session_id,)).fetchone()
                is None
            ):
                raise NotFoundError(N_("No session with id {id}"), id=session_id)
            uuid = new_uuid()
            cur = self.conn.execute(
                "INSERT INTO media (uuid, session_id, transcript_id, path, kind, size, duration_ms,"
                " checksum, offset_ms, created, mtime_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    uuid,
                    session_id,
                    transcript_id,
                    path,
                    facts.kind,
                    facts.size,
                    facts.duration_ms,
                    facts.checksum,
                    offset_ms,
                    utc_now(),
                    facts.mtime_ns,
                ),
            )
            self._audit("add", "media", uuid, path=path)
        return self.get(int(cur.lastrowid or 0))

    def relink(self, media_id: int, path: str, facts: MediaFacts) -> MediaFile:
        """Point a link at a file's new place (the caller checked it is the same recording)."""
        media = self.get(media_id)
        with self.transaction():
            self.conn.execute(
                "UPDATE media SET path = ?, kind = ?, size = ?, duration_ms = ?, checksum = ?,"
                " mtime_ns = ? WHERE id = ?",
                (
                    path,
                    facts.kind,
                    facts.size,
                    facts.duration_ms,
                    facts.checksum,
                    facts.mtime_ns,
                    media_id,
                ),
            )
            self._audit("relink", "media", media.uuid, path=path, old=media.path)
        return self.get(media_id)

    def set_offset(self, media_id: int, offset_ms: int) -> MediaFile:
        """Set where utterance time 0 falls on the recording's timeline."""
        media = self.get(media_id)
        with self.transaction():
            self.conn.execute("UPDATE media SET offset_ms = ? WHERE id = ?", (offset_ms, media_id))
            self._audit("offset", "media", media.uuid, offset_ms=offset_ms)
        return self.get(media_id)

    def follow_transcript(self, transcript_id: int, session_id: int) -> None:
        """A transcript moved to another session: its recordings move with it."""
        with self.transaction():
            self.conn.execute(
                "UPDATE media SET session_id = ? WHERE transcript_id = ?",
                (session_id, transcript_id),
            )

    def unlink(self, media_id: int) -> None:
        """Forget a recording (the file itself is left alone)."""
        media = self.get(media_id)
        with self.transaction():
            self.conn.execute("DELETE FROM media WHERE id = ?", (media_id,))
            self._audit("delete", "media", media.uuid, path=media.path)

    # -- machine transcripts --------------------------------------------------------------

    def mark_machine(self, transcript_id: int, *, engine: str, model: str, language: str) -> None:
        """Mark a transcript as made by a speech recogniser, not yet reviewed."""
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO machine_transcript"
                " (transcript_id, engine, model, language, created, reviewed)"
                " VALUES (?, ?, ?, ?, ?, NULL)",
                (transcript_id, engine, model, language, utc_now()),
            )

    def machine(self, transcript_id: int) -> MachineTranscript | None:
        """How a machine-made transcript was made, or None for one a person typed."""
        row = self.conn.execute(
            "SELECT transcript_id, engine, model, language, created, reviewed"
            " FROM machine_transcript WHERE transcript_id = ?",
            (transcript_id,),
        ).fetchone()
        return MachineTranscript(*row) if row else None

    def mark_reviewed(self, transcript_id: int) -> None:
        """Record that a person has reviewed a machine-made transcript."""
        with self.transaction():
            cur = self.conn.execute(
                "UPDATE machine_transcript SET reviewed = ? WHERE transcript_id = ?",
                (utc_now(), transcript_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(
                    N_("Transcript {id} was not made by speech recognition"), id=transcript_id
                )

    def review_utterance(self, utterance_id: int, reviewed: bool = True) -> None:
        """Mark one utterance of a machine transcript as checked (or not) in review."""
        with self.transaction():
            if reviewed:
                self.conn.execute(
                    "INSERT OR REPLACE INTO reviewed_utterance (utterance_id, reviewed)"
                    " VALUES (?, ?)",
                    (utterance_id, utc_now()),
                )
            else:
                self.conn.execute(
                    "DELETE FROM reviewed_utterance WHERE utterance_id = ?", (utterance_id,)
                )

    def reviewed_utterances(self, transcript_id: int) -> set[int]:
        """The utterances of a transcript checked in review mode."""
        rows = self.conn.execute(
            "SELECT r.utterance_id FROM reviewed_utterance r"
            " JOIN utterance u ON u.id = r.utterance_id WHERE u.transcript_id = ?",
            (transcript_id,),
        )
        return {row[0] for row in rows}

    # -- word times of recognised speech ----------------------------------------------------

    def set_word_times(self, utterance_id: int, words: Sequence[tuple[int, int, str]]) -> None:
        """Keep when each recognised word of an utterance was said: ``(start, end, word)``."""
        with self.transaction():
            self.conn.execute("DELETE FROM utterance_word WHERE utterance_id = ?", (utterance_id,))
            self.conn.executemany(
                "INSERT INTO utterance_word (utterance_id, position, start_ms, end_ms, word)"
                " VALUES (?, ?, ?, ?, ?)",
                [(utterance_id, i, start, end, word) for i, (start, end, word) in enumerate(words)],
            )

    def word_times(self, utterance_id: int) -> list[tuple[int, int, str]]:
        """The recognised words of an utterance with their times, in order (empty if none)."""
        rows = self.conn.execute(
            "SELECT start_ms, end_ms, word FROM utterance_word WHERE utterance_id = ?"
            " ORDER BY position",
            (utterance_id,),
        )
        return [(int(r[0]), int(r[1]), str(r[2])) for r in rows]
