"""The Store: the one object that reads and writes a project file."""

from __future__ import annotations

import os
from pathlib import Path

from storage.base import new_uuid, utc_now
from storage.code_counts_store import CodeCountsMixin
from storage.codes_store import CodesMixin
from storage.editing_store import EditingMixin
from storage.errors import N_, ConflictError, ProjectError, ValidationError
from storage.guides_store import GuidesMixin
from storage.history_store import HistoryMixin
from storage.live_store import LiveMixin
from storage.models import Project, ProjectInfo
from storage.participants_store import ParticipantsMixin
from storage.refi_store import RefiMixin
from storage.search import SearchMixin
from storage.sessions_store import SessionsMixin
from storage.text import normalize
from storage.transcripts_store import TranscriptsMixin

LANGUAGE_CODE_LENGTH = (2, 3)


class Store(
    EditingMixin,
    HistoryMixin,
    CodeCountsMixin,
    ParticipantsMixin,
    SessionsMixin,
    GuidesMixin,
    TranscriptsMixin,
    CodesMixin,
    SearchMixin,
    LiveMixin,
    RefiMixin,
):
    """A suhbat project file (``*.suhbat``): returns frozen dataclasses, never rows.

    Open an existing project with ``Store(path)``; create one with :meth:`create`.
    Every write runs in one transaction, so a failure leaves the file as it was.
    """

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
