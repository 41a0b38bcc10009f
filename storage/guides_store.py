"""Interview guides (protocols) and their questions."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Literal

from storage.base import Part, new_uuid
from storage.errors import N_, ConflictError, NotFoundError, ValidationError
from storage.models import QUESTION_KINDS, Guide, Question, QuestionKind
from storage.text import normalize


class GuidesPart(Part):
    """Protocols: several per project, each an ordered list of questions and probes.

    The one writer of ``guide`` and ``question``.
    """

    def all(self) -> list[Guide]:
        """All guides by creation."""
        rows = self.conn.execute("SELECT id, uuid, name FROM guide ORDER BY id").fetchall()
        return [Guide(*r) for r in rows]

    def get(self, guide_id: int) -> Guide:
        """One guide by id."""
        row = self.conn.execute(
            "SELECT id, uuid, name FROM guide WHERE id = ?", (guide_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No guide with id {id}"), id=guide_id)
        return Guide(*row)

    def find(self, name: str) -> Guide | None:
        """The guide called ``name``, or None."""
        row = self.conn.execute(
            "SELECT id, uuid, name FROM guide WHERE name = ?", (normalize(name).strip(),)
        ).fetchone()
        return Guide(*row) if row else None

    def add(self, name: str, *, uuid: str | None = None) -> Guide:
        """Create an empty guide."""
        name = normalize(name).strip()
        if not name:
            raise ValidationError(N_("A guide needs a name"))
        with self.transaction():
            try:
                cur = self.conn.execute(
                    "INSERT INTO guide (uuid, name) VALUES (?, ?)", (uuid or new_uuid(), name)
                )
            except sqlite3.IntegrityError:
                raise ConflictError(N_("A guide named {name!r} exists"), name=name) from None
            self._audit("add", "guide", None, name=name)
        return self.get(int(cur.lastrowid or 0))

    def rename(self, guide_id: int, name: str) -> Guide:
        """Rename a guide."""
        with self.transaction():
            try:
                self.conn.execute(
                    "UPDATE guide SET name = ? WHERE id = ?", (normalize(name).strip(), guide_id)
                )
            except sqlite3.IntegrityError:
                raise ConflictError(N_("A guide named {name!r} exists"), name=name) from None
        return self.get(guide_id)

    def delete(self, guide_id: int) -> None:
        """Delete a guide and its questions."""
        with self.transaction():
            self.conn.execute("DELETE FROM guide WHERE id = ?", (guide_id,))
            self._audit("delete", "guide", None, id=guide_id)

    def questions(self, guide_id: int | None = None) -> list[Question]:
        """Questions of a guide (or of all guides) in order; probes follow their question."""
        sql = "SELECT id, uuid, guide_id, position, area, kind, parent_id, texts FROM question"
        args: tuple[Any, ...] = ()
        if guide_id is not None:
            sql += " WHERE guide_id = ?"
            args = (guide_id,)
        rows = self.conn.execute(sql + " ORDER BY guide_id, position, id", args).fetchall()
        return [_question(r) for r in rows]

    def question(self, question_id: int) -> Question:
        """One question by id."""
        row = self.conn.execute(
            "SELECT id, uuid, guide_id, position, area, kind, parent_id, texts FROM question"
            " WHERE id = ?",
            (question_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No question with id {id}"), id=question_id)
        return _question(row)

    def add_question(
        self,
        guide_id: int,
        texts: dict[str, str],
        *,
        area: str = "",
        kind: QuestionKind = "main",
        parent_id: int | None = None,
        position: int | None = None,
        uuid: str | None = None,
    ) -> Question:
        """Append a question (or insert it at ``position``, shifting the rest down)."""
        if kind not in QUESTION_KINDS:
            raise ValidationError(N_("Unknown question kind {kind!r}"), kind=kind)
        clean = {k: normalize(v).strip() for k, v in texts.items() if v and v.strip()}
        if not clean:
            raise ValidationError(N_("A question needs text in at least one language"))
        with self.transaction():
            if position is None:
                (position,) = self.conn.execute(
                    "SELECT COALESCE(MAX(position), -1) + 1 FROM question WHERE guide_id = ?",
                    (guide_id,),
                ).fetchone()
            else:
                self.conn.execute(
                    "UPDATE question SET position = position + 1"
                    " WHERE guide_id = ? AND position >= ?",
                    (guide_id, position),
                )
            cur = self.conn.execute(
                "INSERT INTO question (uuid, guide_id, position, area, kind, parent_id, texts)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    uuid or new_uuid(),
                    guide_id,
                    position,
                    normalize(area).strip(),
                    kind,
                    parent_id,
                    json.dumps(clean, ensure_ascii=False),
                ),
            )
            self._audit("add", "question", None, guide=guide_id)
        return self.question(int(cur.lastrowid or 0))

    def update_question(
        self,
        question_id: int,
        *,
        texts: dict[str, str] | None = None,
        area: str | None = None,
        kind: QuestionKind | None = None,
        parent_id: int | Literal["keep"] | None = "keep",
    ) -> Question:
        """Change a question; ``texts`` replaces the given languages only."""
        old = self.question(question_id)
        merged = dict(old.texts)
        for lang, text in (texts or {}).items():
            if text and text.strip():
                merged[lang] = normalize(text).strip()
            else:
                merged.pop(lang, None)
        if not merged:
            raise ValidationError(N_("A question needs text in at least one language"))
        if kind is not None and kind not in QUESTION_KINDS:
            raise ValidationError(N_("Unknown question kind {kind!r}"), kind=kind)
        with self.transaction():
            self.conn.execute(
                "UPDATE question SET texts = ?, area = ?, kind = ?, parent_id = ? WHERE id = ?",
                (
                    json.dumps(merged, ensure_ascii=False),
                    normalize(area).strip() if area is not None else old.area,
                    kind or old.kind,
                    old.parent_id if parent_id == "keep" else parent_id,
                    question_id,
                ),
            )
            self._audit("update", "question", old.uuid)
        return self.question(question_id)

    def move_question(self, question_id: int, offset: int) -> None:
        """Move a question up (negative) or down (positive) within its guide."""
        q = self.question(question_id)
        ordered = [x.id for x in self.questions(q.guide_id)]
        index = ordered.index(question_id)
        target = max(0, min(len(ordered) - 1, index + offset))
        if target == index:
            return
        ordered.insert(target, ordered.pop(index))
        with self.transaction():
            for pos, qid in enumerate(ordered):
                self.conn.execute("UPDATE question SET position = ? WHERE id = ?", (pos, qid))

    def delete_question(self, question_id: int) -> None:
        """Delete a question and its probes."""
        with self.transaction():
            self.conn.execute("DELETE FROM question WHERE id = ?", (question_id,))
            self._audit("delete", "question", None, id=question_id)


def _question(r: tuple[Any, ...]) -> Question:
    return Question(
        id=r[0],
        uuid=r[1],
        guide_id=r[2],
        position=r[3],
        area=r[4],
        kind=r[5],
        parent_id=r[6],
        texts=json.loads(r[7]),
    )
