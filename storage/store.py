"""The Store: the one object that reads and writes a project file."""

from __future__ import annotations

import os
import sqlite3
from contextlib import AbstractContextManager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Self

from storage.base import Database, new_uuid, utc_now
from storage.errors import N_, ConflictError, ProjectError, ValidationError
from storage.models import Project, ProjectInfo
from storage.store_parts import StoreParts
from storage.text import normalize

if TYPE_CHECKING:
    from storage.code_counts_store import CodeCountsPart
    from storage.codes_store import CodersPart, CodesPart, CodingsPart, MemosPart
    from storage.guides_store import GuidesPart
    from storage.history_store import HistoryPart
    from storage.live_store import LivePart
    from storage.media_store import MediaPart
    from storage.participants_store import ParticipantsPart
    from storage.refi_store import BulkPart
    from storage.search import SearchPart
    from storage.sessions_store import SessionsPart
    from storage.transcripts_store import TranscriptsPart
    from storage.translations_store import TranslationsPart

LANGUAGE_CODE_LENGTH = (2, 3)


class Store:
    """A suhbat project file (``*.suhbat``): returns frozen dataclasses, never rows.

    Open an existing project with ``Store(path)``; create one with :meth:`create`.
    Every write runs in one transaction, so a failure leaves the file as it was.

    The Store is composed of one part per area, all sharing one :class:`Database`
    (connection and transaction): ``participants``, ``sessions``, ``guides``,
    ``transcripts``, ``codes``, ``coders``, ``codings``, ``memos``, ``counts``,
    ``search``, ``live``, ``history``, ``bulk``, ``translations`` and ``media``, each
    made on first use (:class:`~storage.store_parts.StoreParts`). Each table is written
    by one part;
    a part that removes rows another part owns calls that part explicitly (a session
    deletes its transcripts through ``transcripts``, which keeps the search index,
    and its memos through ``memos``).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = False,
        passphrase: str | None = None,
        read_only: bool = False,
    ) -> None:
        """Open (or with ``create``, create) a project file.

        ``read_only`` opens it for reading alongside a writer in another process (the
        app): no writer lock is taken and every write is refused by SQLite.
        """
        self.db = Database(path, create=create, passphrase=passphrase, read_only=read_only)
        self._parts = StoreParts(self.db)

    # -- the parts, each made on first use (storage/store_parts.py) ------------------------

    @cached_property
    def memos(self) -> MemosPart:
        """Memos on the project, sessions, codes, codings and participants."""
        return self._parts.memos

    @cached_property
    def participants(self) -> ParticipantsPart:
        """Participants and their attributes."""
        return self._parts.participants

    @cached_property
    def guides(self) -> GuidesPart:
        """Interview guides and their questions."""
        return self._parts.guides

    @cached_property
    def codes(self) -> CodesPart:
        """The codebook."""
        return self._parts.codes

    @cached_property
    def coders(self) -> CodersPart:
        """Coders."""
        return self._parts.coders

    @cached_property
    def codings(self) -> CodingsPart:
        """Codings."""
        return self._parts.codings

    @cached_property
    def media(self) -> MediaPart:
        """Recordings linked to sessions and transcripts."""
        return self._parts.media

    @cached_property
    def transcripts(self) -> TranscriptsPart:
        """Transcripts, layers and utterances."""
        return self._parts.transcripts

    @cached_property
    def sessions(self) -> SessionsPart:
        """Sessions."""
        return self._parts.sessions

    @cached_property
    def live(self) -> LivePart:
        """Live interviews."""
        return self._parts.live

    @cached_property
    def counts(self) -> CodeCountsPart:
        """Code counts."""
        return self._parts.counts

    @cached_property
    def search(self) -> SearchPart:
        """Search."""
        return self._parts.search

    @cached_property
    def history(self) -> HistoryPart:
        """Undo and redo."""
        return self._parts.history

    @cached_property
    def bulk(self) -> BulkPart:
        """Bulk reads and writes (REFI-QDA)."""
        return self._parts.bulk

    @cached_property
    def translations(self) -> TranslationsPart:
        """Translation layers and their review."""
        return self._parts.translations

    # -- the shared connection -----------------------------------------------------------

    @property
    def path(self) -> Path:
        """The project file."""
        return self.db.path

    @property
    def read_only(self) -> bool:
        """Whether the project was opened for reading only."""
        return self.db.read_only

    @property
    def conn(self) -> sqlite3.Connection:
        """The shared SQLite connection (for storage code and tests only)."""
        return self.db.conn

    @property
    def actor(self) -> str | None:
        """Who is named in the audit log for changes made through this Store."""
        return self.db.actor

    @actor.setter
    def actor(self, value: str | None) -> None:
        self.db.actor = value

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """Run a block atomically across parts; nested blocks become savepoints."""
        return self.db.transaction()

    def change_stamp(self) -> tuple[int, int]:
        """A stamp that changes whenever the project file changes (see :class:`Database`)."""
        return self.db.change_stamp()

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A project-wide setting (e.g. the last coder), or ``default``."""
        return self.db.get_setting(key, default)

    def set_setting(self, key: str, value: str) -> None:
        """Store a project-wide setting."""
        self.db.set_setting(key, value)

    def delete_setting(self, key: str) -> None:
        """Forget a project-wide setting."""
        self.db.delete_setting(key)

    def close(self) -> None:
        """Close the connection (checkpointing the WAL) and release the writer lock."""
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        name: str | None = None,
        languages: tuple[str, ...] | list[str] = ("ru", "kk", "en"),
        default_coder: str | None = None,
    ) -> Store:
        """Create a new, empty project file; refuses to overwrite an existing file."""
        target = Path(path)
        if target.exists():
            raise ConflictError(N_("{path} exists already"), path=str(target))
        clean = tuple(dict.fromkeys(x.strip().lower() for x in languages if x.strip()))
        if not clean:
            raise ValidationError(N_("A project needs at least one language"))
        for lang in clean:
            if not (lang.isalpha() and len(lang) in LANGUAGE_CODE_LENGTH):
                raise ValidationError(
                    N_("{language!r} is not a language code like ru, kk or en"), language=lang
                )
        store = cls(target, create=True)
        try:
            with store.transaction():
                store.conn.execute(
                    "INSERT INTO project (id, uuid, name, languages, default_coder, created)"
                    " VALUES (1, ?, ?, ?, ?, ?)",
                    (
                        new_uuid(),
                        normalize(name or target.stem),
                        ",".join(clean),
                        default_coder,
                        utc_now(),
                    ),
                )
        except BaseException:
            store.close()
            target.unlink(missing_ok=True)
            raise
        return store

    def project(self) -> Project:
        """The project's name, languages and default coder."""
        row = self.conn.execute(
            "SELECT uuid, name, languages, default_coder, created FROM project"
        ).fetchone()
        if row is None:
            raise ProjectError(N_("{path}: not a suhbat project"), path=str(self.path))
        return Project(row[0], row[1], tuple(row[2].split(",")), row[3], row[4])

    def update_project(
        self,
        *,
        name: str | None = None,
        languages: tuple[str, ...] | None = None,
        default_coder: str | None = None,
    ) -> Project:
        """Rename the project, change its languages or its default coder."""
        old = self.project()
        with self.transaction():
            self.conn.execute(
                "UPDATE project SET name = ?, languages = ?, default_coder = ?",
                (
                    normalize(name) if name else old.name,
                    ",".join(languages) if languages else ",".join(old.languages),
                    default_coder if default_coder is not None else old.default_coder,
                ),
            )
        return self.project()

    def info(self) -> ProjectInfo:
        """Counts of everything in the project."""
        project = self.project()

        def count(table: str) -> int:
            return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        uncounted = self.conn.execute(
            "SELECT id, text, is_original FROM layer WHERE words < 0"
        ).fetchall()
        extra = 0
        for layer_id, text, is_original in uncounted:
            words_in_layer = len(text.split())
            if self.read_only:
                extra += words_in_layer if is_original else 0
                continue
            with self.transaction():
                self.conn.execute(
                    "UPDATE layer SET words = ? WHERE id = ?", (words_in_layer, layer_id)
                )
        (words,) = self.conn.execute(
            "SELECT COALESCE(SUM(words), 0) FROM layer WHERE is_original = 1 AND words >= 0"
        ).fetchone()
        return ProjectInfo(
            name=project.name,
            languages=project.languages,
            participants=count("participant"),
            sessions=count("session"),
            transcripts=count("transcript"),
            layers=count("layer"),
            utterances=count("utterance"),
            words=int(words) + extra,
            codes=count("code"),
            codings=count("coding"),
            coders=count("coder"),
        )
