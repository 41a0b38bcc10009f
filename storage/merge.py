"""Merging a coder's copy of a project into this one (the master), matched by UUID.

The double-coding workflow: copy the project file, let each coder code their
copy, then merge every copy back. Entities are matched by UUID, so merging the
same copy twice changes nothing. The merge is additive: what the copy added
(coders, codes, participants, sessions, transcripts, translations, codings,
memos) is added; codings keep their coder, so each coder's work stays apart.

Changes to things both files have are decided with revisions
(:mod:`storage.merge_versions`): a field changed only in the copy since the two
files last agreed takes the copy's value (a renamed code, say); a field changed
only in the master stays, silently; a field changed in both to different values
keeps the master's value and is reported as a conflict. What the copy deleted is
deleted (:mod:`storage.merge_deletions`), what the master deleted is not brought
back, and a deletion wins over a change made meanwhile. A code that the copy
merged into another (its codings now point to the other code and it is gone from
the copy) is merged the same way in the master. The master records what it
decided, so that merging it back into the copy makes both files alike.

Everything happens in one transaction; a dry run does the same work and rolls
it back, so its report says exactly what a real merge would change.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from storage.errors import N_, ConflictError, ProjectError, SuhbatError, ValidationError
from storage.merge_deletions import merge_deletions
from storage.merge_report import MergeConflict, MergeReport
from storage.merge_texts import merge_memos, merge_texts
from storage.merge_versions import MergeRevisions
from storage.models import Code, Participant
from storage.schema import REVISION_TABLES

if TYPE_CHECKING:
    from storage.store import Store

__all__ = ["MergeConflict", "MergeReport", "merge_project"]

Decision = Literal["copy", "master", "both"]
"""Whose state an entity takes in a merge (see :meth:`MergeContext.decide`)."""

FieldChange = tuple[Decision, list[str], list[str]]
"""What :meth:`MergeContext.fields` decided: the decision, fields to take, conflicts."""

CODE_FIELDS = ("names", "description", "inclusion", "exclusion", "example", "color", "is_codable")


class _Row(Protocol):
    """A row of the copy as the Store returns it: what :meth:`MergeContext.may_add` needs."""

    @property
    def id(self) -> int: ...

    @property
    def uuid(self) -> str: ...


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


class MergeContext:
    """What the merge steps share: both stores, UUID maps and the fork point."""

    def __init__(self, master: Store, other: Store, report: MergeReport) -> None:
        self.master = master
        self.other = other
        self.report = report
        self.revisions = MergeRevisions(master.conn, other.conn)
        fork = fork_point(master.conn, other.conn)
        self.fork = fork
        self._deleted_ids: set[tuple[str, int]] | None = None
        self.changed_in_master = updated_since(master.conn, fork)
        self.changed_in_copy = updated_since(other.conn, fork)
        self.coders: dict[int, int] = {}
        self.attributes: dict[int, int] = {}
        self.participants: dict[int, int] = {}
        self.codes: dict[int, int] = {}
        self.sessions: dict[int, int] = {}
        self.questions: dict[int, int] = {}
        self._shared_max: dict[str, int] = {}

    def existed_at_copy(self, table: str, row_id: int) -> bool:
        """True if the copy's row ``row_id`` of ``table`` was there when the copy was made.

        Both files had the same rows then, and rows added later get higher ids than
        any row that was there; so a row whose id is at most the highest id both
        files share (with the same UUID) is older than the copy.
        """
        if table not in self._shared_max:
            mine = dict(self.master.conn.execute(f"SELECT id, uuid FROM {table}").fetchall())
            shared = [
                int(i)
                for i, u in self.other.conn.execute(f"SELECT id, uuid FROM {table}")
                if mine.get(i) == u
            ]
            self._shared_max[table] = max(shared, default=0)
        return row_id <= self._shared_max[table]

    def deleted_by_log(self, table: str, row_id: int) -> bool:
        """True if the master's audit log since the copy was made shows ``row_id`` deleted.

        Rows older than the copy have the same id in both files, and the log names
        deleted rows (and codes merged into others) by id.
        """
        if self._deleted_ids is None:
            self._deleted_ids = set()
            for entity, detail in self.master.conn.execute(
                "SELECT entity, detail FROM audit WHERE id > ? AND action IN ('delete', 'merge')",
                (self.fork,),
            ):
                try:
                    data = json.loads(str(detail))
                except ValueError:
                    continue
                for key in ("id", "source"):
                    if isinstance(data, dict) and isinstance(data.get(key), int):
                        self._deleted_ids.add((str(entity), int(data[key])))
        return (table, row_id) in self._deleted_ids

    def decide(self, uuid: str) -> Decision:
        """Whose state wins for an entity both files have and that differs between them.

        ``copy``: only the copy changed it, take the copy's; ``master``: only the
        master changed it (or the copy's state is in its past), keep it silently;
        ``both``: both changed it, keep the master's and report the difference.
        """
        relation = self.revisions.relation(uuid)
        if relation in ("copy", "both"):
            return relation
        if relation == "same":
            # Equal revisions yet different states: changed before the file had
            # revisions. The audit log since the copy was made is all there is.
            in_copy, in_master = uuid in self.changed_in_copy, uuid in self.changed_in_master
            if in_copy and not in_master:
                return "copy"
            return "master" if in_master and not in_copy else "both"
        return "master"

    def fields(
        self, uuid: str | None, differing: list[str]
    ) -> tuple[Decision, list[str], list[str]]:
        """For fields that differ: the decision, the fields taken from the copy, the conflicts.

        Where both files changed the entity, each field is compared with the common
        past: a field only the copy changed is taken, one only the master changed is
        kept silently, one both changed is a conflict. ``uuid`` None: the entity was
        matched by name, without a common past (every difference is a conflict).
        """
        if uuid is None:
            return "both", [], list(differing)
        decision = self.decide(uuid)
        if decision == "master":
            return decision, [], []
        if decision == "copy":
            return decision, list(differing), []
        if self.revisions.relation(uuid) != "both":
            return decision, [], list(differing)
        take, both = self.revisions.split(uuid, differing)
        return decision, take, both

    def settle(self, uuid: str, decision: Decision) -> None:
        """Record in the master's revisions what was decided for ``uuid``."""
        if decision == "copy":
            self.revisions.take_copy(uuid)
        elif decision == "both":
            self.revisions.keep_master(uuid)

    def settle_equal(self, uuid: str) -> None:
        """Both files hold the same state: the master takes the newer revision history."""
        relation = self.revisions.relation(uuid)
        if relation == "copy":
            self.revisions.take_copy(uuid)
        elif relation == "both":
            self.revisions.keep_master(uuid)

    def may_add(self, table: str, uuid: str, row_id: int) -> bool:
        """Whether a row only the copy has is added to the master.

        A row the master deleted stays deleted, even if the copy changed it since
        (a deletion wins over a change made meanwhile, in both directions, so that
        merges converge; the master records that it has seen the copy's change). A
        row the master never heard of is new, except rows older than the copy in
        files that had no revisions yet: the master deleted those before it could
        say so.
        """
        relation = self.revisions.relation(uuid)
        if relation == "new":
            if self.revisions.copy.is_original(uuid) and (
                self.existed_at_copy(table, row_id) or self.deleted_by_log(table, row_id)
            ):
                # Record the deletion now, so that merging back carries it to the copy.
                self.revisions.record_deletion(uuid)
                return False
            return True
        if relation == "both":
            self.revisions.keep_master(uuid)
        return False

    def added_again(self, table: str, row: _Row, note: str, **params: Any) -> bool:
        """:meth:`may_add` for the copy's ``row``, with ``note`` (a msgid) in the report
        when it is not added."""
        if self.may_add(table, row.uuid, row.id):
            return True
        self.report.note(note, **params)
        return False

    def take_fields(
        self,
        entity: str,
        name: str,
        change: FieldChange,
        write: tuple[Callable[..., object], int, dict[str, Any]],
        shown: dict[str, tuple[object, object, str]],
        *,
        counter: str | None = None,
        refused: str | None = None,
    ) -> Decision:
        """Write the fields taken from the copy and report those changed in both files.

        ``write`` is (an update method of the master, the row's id, its keyword
        arguments), counted under ``counter`` (default: the entity's plural); refused
        input becomes a conflict "not valid here" on the field ``refused`` (default:
        the fields taken), and the entity counts as changed in both. ``shown`` gives,
        for each field changed in both, its (master, copy) values and its name in the
        report. Returns the decision to settle.
        """
        decision, take, both = change
        if take:
            update, row_id, values = write
            try:
                with self.master.transaction():
                    update(row_id, **values)
                self.report.update(counter or entity + "s")
            except SuhbatError as error:
                field = refused or ", ".join(take)
                self.report.conflict(entity, name, field, "", str(error), N_("not valid here"))
                decision = "both"
        for key in both:
            kept, other, field = shown[key]
            self.report.conflict(entity, name, field, kept, other, N_("changed in both files"))
        return decision


def fork_point(master: sqlite3.Connection, other: sqlite3.Connection) -> int:
    """The last audit entry both files share (0 if they share none)."""
    sql = "SELECT id, at, action, entity, entity_uuid, detail FROM audit ORDER BY id"
    fork = 0
    for mine, theirs in zip(master.execute(sql), other.execute(sql), strict=False):
        if mine != theirs:
            break
        fork = int(mine[0])
    return fork


def updated_since(conn: sqlite3.Connection, fork: int) -> set[str]:
    """UUIDs of the entities a file's audit log shows as updated after ``fork``."""
    rows = conn.execute(
        "SELECT DISTINCT entity_uuid FROM audit WHERE id > ? AND action IN ('update', 'link')"
        " AND entity_uuid IS NOT NULL",
        (fork,),
    )
    return {str(r[0]) for r in rows}


def merge_project(
    store: Store, other_path: str | os.PathLike[str], dry_run: bool = False
) -> MergeReport:
    """Merge the project at ``other_path`` (a coder's copy) into ``store``.

    Raises :class:`ProjectError` if the other file is this file or a different
    project. With ``dry_run`` nothing is written; the report says what would be.
    """
    from storage.store import Store

    path = Path(other_path)
    if path.exists() and store.path.exists() and os.path.samefile(path, store.path):
        raise ProjectError(N_("{path}: cannot merge a project into itself"), path=str(path))
    other = Store(path)
    try:
        if other.project().uuid != store.project().uuid:
            raise ProjectError(
                N_("{path} is not a copy of this project (it has another project id)"),
                path=str(path),
            )
        report = MergeReport(other=str(path), dry_run=dry_run)
        try:
            with store.transaction():
                ctx = MergeContext(store, other, report)
                _merge_all(ctx)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return report
    finally:
        other.close()


def _merge_all(ctx: MergeContext) -> None:
    _merge_coders(ctx)
    _merge_attributes(ctx)
    _merge_participants(ctx)
    _merge_questions(ctx)
    _merge_sessions(ctx)
    merged = _merge_codes(ctx)
    merge_texts(ctx, merged)
    merge_memos(ctx)
    merge_deletions(ctx)
    if ctx.report.changed and not ctx.report.dry_run:
        ctx.master.db.audit(
            "merge",
            "project",
            None,
            file=ctx.report.other,
            added=ctx.report.added,
            updated=ctx.report.updated,
            deleted=ctx.report.deleted,
        )


# -- coders, attributes, participants --------------------------------------------------


def _merge_coders(ctx: MergeContext) -> None:
    by_uuid = {c.uuid: c.id for c in ctx.master.coders.all()}
    by_name = {c.name: c.id for c in ctx.master.coders.all()}
    for coder in ctx.other.coders.all():
        if coder.uuid in by_uuid:
            ctx.coders[coder.id] = by_uuid[coder.uuid]
        elif coder.name in by_name:
            ctx.coders[coder.id] = by_name[coder.name]
            ctx.report.note(N_("Coder {name!r} matched by name"), name=coder.name)
        else:
            ctx.coders[coder.id] = ctx.master.coders.get(coder.name, uuid=coder.uuid).id
            ctx.report.add("coders")


def _merge_attributes(ctx: MergeContext) -> None:
    mine = ctx.master.participants.attributes()
    by_uuid = {a.uuid: a for a in mine}
    by_name = {a.name: a for a in mine}
    for attribute in ctx.other.participants.attributes():
        match = by_uuid.get(attribute.uuid)
        if match is None:
            if not ctx.added_again(
                "attribute",
                attribute,
                N_("Attribute {name!r} was deleted in the master; it was not added again"),
                name=attribute.name,
            ):
                continue
            match = by_name.get(attribute.name)
        if match is None:
            created = ctx.master.participants.add_attribute(
                attribute.name,
                attribute.type,
                attribute.allowed,
                sensitive=attribute.sensitive,
                uuid=attribute.uuid,
            )
            ctx.attributes[attribute.id] = created.id
            ctx.revisions.take_copy(attribute.uuid)
            ctx.report.add("attributes")
            continue
        ctx.attributes[attribute.id] = match.id
        keys = ("name", "type", "allowed", "sensitive")
        differing = [k for k in keys if getattr(match, k) != getattr(attribute, k)]
        same_entity = match.uuid == attribute.uuid
        if not differing:
            if same_entity:
                ctx.settle_equal(match.uuid)
            continue
        change = ctx.fields(match.uuid if same_entity else None, differing)
        decision = ctx.take_fields(
            "attribute",
            match.name,
            change,
            (
                ctx.master.participants.update_attribute,
                match.id,
                {k: getattr(attribute, k) for k in change[1]},
            ),
            {k: (_shown(getattr(match, k)), _shown(getattr(attribute, k)), k) for k in change[2]},
        )
        if same_entity:
            ctx.settle(match.uuid, decision)


def _shown(value: object) -> str:
    """A field's value as a report shows it (a list of allowed values joined by commas)."""
    if isinstance(value, (tuple, list)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _merge_participants(ctx: MergeContext) -> None:
    master = ctx.master
    mine = master.participants.all()
    known = {a.name for a in master.participants.attributes()}
    by_uuid = {p.uuid: p for p in mine}
    by_code = {p.code.casefold(): p for p in mine}
    for theirs in ctx.other.participants.all():
        match = by_uuid.get(theirs.uuid)
        if match is None:
            if not ctx.added_again(
                "participant",
                theirs,
                N_("Participant {code!r} was deleted in the master; not added again"),
                code=theirs.code,
            ):
                continue
            if theirs.code.casefold() in by_code:
                match = by_code[theirs.code.casefold()]
                ctx.report.note(N_("Participant {code!r} matched by pseudonym"), code=theirs.code)
        if match is None:
            created = master.participants.add(
                theirs.code,
                real_name=theirs.real_name,
                attributes={k: v for k, v in theirs.attributes.items() if k in known},
                notes=theirs.notes,
                uuid=theirs.uuid,
            )
            ctx.participants[theirs.id] = created.id
            ctx.revisions.take_copy(theirs.uuid)
            ctx.report.add("participants")
            continue
        ctx.participants[theirs.id] = match.id
        same_entity = match.uuid == theirs.uuid
        attribute_uuid = {a.name: a.uuid for a in master.participants.attributes()}
        differing = [
            k
            for k in ("code", "real_name", "notes")
            if (getattr(match, k) or "") != (getattr(theirs, k) or "")
        ]
        differing += [
            "value:" + attribute_uuid[name]
            for name in sorted(set(match.attributes) | set(theirs.attributes))
            if name in attribute_uuid and match.attributes.get(name) != theirs.attributes.get(name)
        ]
        if not differing:
            if same_entity:
                ctx.settle_equal(match.uuid)
            continue
        decision, take, both = ctx.fields(match.uuid if same_entity else None, differing)
        if not same_entity:
            # Matched by pseudonym: fill in what the master lacks, report what differs.
            take = [k for k in both if _value_of(match, k, attribute_uuid) in (None, "")]
            both = [k for k in both if k not in take and _value_of(theirs, k, attribute_uuid)]
        names = {"value:" + u: n for n, u in attribute_uuid.items()}
        values = {names[k]: theirs.attributes.get(names[k], "") for k in take if k in names}
        fields = {k: getattr(theirs, k) for k in take if k not in names}
        decision = ctx.take_fields(
            "participant",
            match.code,
            (decision, take, both),
            (master.participants.update, match.id, {"attributes": values, **fields}),
            {
                k: (
                    _value_of(match, k, attribute_uuid) or "",
                    _value_of(theirs, k, attribute_uuid) or "",
                    _field_name(k, attribute_uuid),
                )
                for k in both
            },
            refused="values",
        )
        if same_entity:
            ctx.settle(match.uuid, decision)


def _value_of(person: Participant, key: str, attribute_uuid: dict[str, str]) -> str | None:
    """A participant's field or attribute value (``value:<attribute uuid>``) by state key."""
    if key.startswith("value:"):
        name = next((n for n, u in attribute_uuid.items() if "value:" + u == key), "")
        return person.attributes.get(name)
    value = getattr(person, key)
    return None if value is None else str(value)


def _field_name(key: str, attribute_uuid: dict[str, str]) -> str:
    if key.startswith("value:"):
        return next((n for n, u in attribute_uuid.items() if "value:" + u == key), key)
    return key


# -- protocol questions and sessions ----------------------------------------------------


def _merge_questions(ctx: MergeContext) -> None:
    """Map questions by UUID (new protocols in a copy are added with their questions)."""
    master = ctx.master
    guides = {g.uuid: g.id for g in master.guides.all()}
    questions = {q.uuid: q.id for q in master.guides.questions()}
    other_guides = {g.id: g for g in ctx.other.guides.all()}
    guide_map: dict[int, int] = {}
    for gid, guide in other_guides.items():
        if guide.uuid in guides:
            guide_map[gid] = guides[guide.uuid]
            continue
        try:
            guide_map[gid] = master.guides.add(guide.name, uuid=guide.uuid).id
            ctx.report.add("guides")
        except ConflictError:
            existing = master.guides.find(guide.name)
            if existing is not None:
                guide_map[gid] = existing.id
    for question in ctx.other.guides.questions():
        if question.uuid in questions:
            ctx.questions[question.id] = questions[question.uuid]
            continue
        guide_id = guide_map.get(question.guide_id)
        if guide_id is None:
            continue
        created = master.guides.add_question(
            guide_id,
            question.texts,
            area=question.area,
            kind=question.kind,
            parent_id=ctx.questions.get(question.parent_id or -1),
            uuid=question.uuid,
        )
        ctx.questions[question.id] = created.id
        ctx.report.add("questions")


_SESSION_FIELDS = REVISION_TABLES["session"]
"""The session fields a merge carries: the ones whose changes revisions record."""


def _merge_sessions(ctx: MergeContext) -> None:
    master = ctx.master
    by_uuid = {s.uuid: s for s in master.sessions.all()}
    for theirs in ctx.other.sessions.all():
        match = by_uuid.get(theirs.uuid)
        if match is None:
            if not ctx.added_again(
                "session",
                theirs,
                N_("Session {title!r} was deleted in the master; not added again"),
                title=theirs.title,
            ):
                continue
            existing = master.sessions.find(theirs.title)
            if existing is not None:
                ctx.sessions[theirs.id] = existing.id
                ctx.report.note(N_("Session {title!r} matched by title"), title=theirs.title)
                continue
            fields = {k: getattr(theirs, k) for k in _SESSION_FIELDS if k not in ("kind", "title")}
            created = master.sessions.add(theirs.title, theirs.kind, uuid=theirs.uuid, **fields)
            ctx.sessions[theirs.id] = created.id
            ctx.revisions.take_copy(theirs.uuid)
            ctx.report.add("sessions")
            continue
        ctx.sessions[theirs.id] = match.id
        differing = [k for k in _SESSION_FIELDS if getattr(match, k) != getattr(theirs, k)]
        if not differing:
            ctx.settle_equal(match.uuid)
            continue
        change = ctx.fields(match.uuid, differing)
        decision = ctx.take_fields(
            "session",
            match.title,
            change,
            (master.sessions.update, match.id, {k: getattr(theirs, k) for k in change[1]}),
            {k: (getattr(match, k), getattr(theirs, k), k) for k in change[2]},
        )
        ctx.settle(match.uuid, decision)
    links = {(sp.session_id, sp.participant_id) for sp in master.sessions.participants()}
    for link in ctx.other.sessions.participants():
        session = ctx.sessions.get(link.session_id)
        person = ctx.participants.get(link.participant_id)
        if session is None or person is None or (session, person) in links:
            continue
        master.sessions.link_participant(session, person, link.role, link.consent)
        links.add((session, person))
        ctx.report.add("session participants")


# -- codes -----------------------------------------------------------------------------


def _code_state(code: Code, parent_uuid: str | None) -> dict[str, Any]:
    state: dict[str, Any] = {name: getattr(code, name) for name in CODE_FIELDS}
    state["parent"] = parent_uuid
    return state


def _merge_codes(ctx: MergeContext) -> dict[int, int]:
    """Add, update and merge codes; return master code id → code it was merged into."""
    master = ctx.master
    mine = master.codes.all()
    mine_by_uuid = {c.uuid: c for c in mine}
    mine_uuid_of = {c.id: c.uuid for c in mine}
    theirs = ctx.other.codes.all()
    theirs_uuid_of = {c.id: c.uuid for c in theirs}
    for code in theirs:
        parent = ctx.codes.get(code.parent_id) if code.parent_id is not None else None
        match = mine_by_uuid.get(code.uuid)
        if match is None:
            add = ctx.may_add("code", code.uuid, code.id)
            gone_to = _merged_in_master(ctx, code.id) if not add else set()
            if not add:
                # The master deleted this code, or merged it into another (the copy's
                # codings of it are there), after it saw the copy's version of it.
                if len(gone_to) == 1:
                    target = next(iter(gone_to))
                    ctx.codes[code.id] = target
                    ctx.report.note(
                        N_(
                            "Code {name!r} was merged into {target!r} in the master;"
                            " the copy's codings of it were put there"
                        ),
                        name=code.name(),
                        target=master.codes.get(target).name(),
                    )
                else:
                    ctx.report.note(
                        N_(
                            "Code {name!r} was deleted in the master after the copy was made;"
                            " it was not added again"
                        ),
                        name=code.name(),
                    )
                continue
            same_name = next(
                (
                    c
                    for c in master.codes.all()
                    if c.parent_id == parent
                    and any(
                        n.casefold() == m.casefold()
                        for lang, n in c.names.items()
                        for lang2, m in code.names.items()
                        if lang == lang2 and n and m
                    )
                ),
                None,
            )
            if same_name is not None:
                ctx.codes[code.id] = same_name.id
                ctx.report.note(
                    N_("New code {name!r} in the copy matched an existing code by name"),
                    name=code.name(),
                )
                continue
            created = master.codes.add(
                code.names,
                parent_id=parent,
                description=code.description,
                inclusion=code.inclusion,
                exclusion=code.exclusion,
                example=code.example,
                color=code.color,
                is_codable=code.is_codable,
                uuid=code.uuid,
            )
            ctx.codes[code.id] = created.id
            ctx.revisions.take_copy(code.uuid)
            ctx.report.add("codes")
            continue
        ctx.codes[code.id] = match.id
        want = _code_state(code, theirs_uuid_of.get(code.parent_id or -1))
        have = _code_state(match, mine_uuid_of.get(match.parent_id or -1))
        differing = [k for k in want if want[k] != have[k]]
        if not differing:
            ctx.settle_equal(match.uuid)
            continue
        decision, take, both = ctx.fields(match.uuid, differing)
        fields: dict[str, Any] = {k: want[k] for k in take if k != "parent"}
        if "parent" in take:
            fields["parent_id"] = parent
        decision = ctx.take_fields(
            "code",
            match.name(),
            (decision, take, both),
            (master.codes.update, match.id, fields),
            {k: (have[k], want[k], k) for k in both},
            counter="codes renamed" if "names" in take else "codes",
        )
        ctx.settle(match.uuid, decision)
    return _merge_merged_codes(ctx, mine)


def _merged_in_master(ctx: MergeContext, their_code: int) -> set[int]:
    """The master codes that the copy's codings of ``their_code`` belong to in the master."""
    uuids = [
        str(u)
        for (u,) in ctx.other.conn.execute(
            "SELECT uuid FROM coding WHERE code_id = ?", (their_code,)
        )
    ]
    if not uuids:
        return set()
    marks = ",".join("?" for _ in uuids)
    return {
        int(c)
        for (c,) in ctx.master.conn.execute(
            f"SELECT DISTINCT code_id FROM coding WHERE uuid IN ({marks})", uuids
        )
    }


def _merge_merged_codes(ctx: MergeContext, mine: list[Code]) -> dict[int, int]:
    """Codes the copy merged into others: gone from the copy, their codings moved there."""
    theirs_uuids = {c.uuid for c in ctx.other.codes.all()}
    gone = {c.id: c for c in mine if c.uuid not in theirs_uuids}
    if not gone:
        return {}
    marks = ",".join("?" for _ in gone)
    coding_code = {
        str(u): int(c)
        for u, c in ctx.master.conn.execute(
            f"SELECT uuid, code_id FROM coding WHERE code_id IN ({marks})", list(gone)
        )
    }
    moved_to: dict[int, set[int]] = defaultdict(set)
    for uuid, code_id in ctx.other.conn.execute("SELECT uuid, code_id FROM coding"):
        source = coding_code.get(str(uuid))
        target = ctx.codes.get(int(code_id))
        if source is not None and target is not None and target != source:
            moved_to[source].add(target)
    merged: dict[int, int] = {}
    for source, targets in moved_to.items():
        name = gone[source].name()
        if len(targets) != 1:
            ctx.report.conflict(
                "code",
                name,
                "merged",
                name,
                ", ".join(ctx.master.codes.get(t).name() for t in sorted(targets)),
                N_("its codings went to several codes in the copy"),
            )
            continue
        target = next(iter(targets))
        try:
            ctx.master.codes.merge(source, target)
        except ValidationError as error:
            ctx.report.conflict("code", name, "merged", "", str(error), N_("not valid here"))
            continue
        merged[source] = target
        ctx.revisions.take_copy(gone[source].uuid)
        ctx.report.merged_codes.append((name, ctx.master.codes.get(target).name()))
    return merged
