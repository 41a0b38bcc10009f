"""Merging a coder's copy of a project into this one (the master), matched by UUID.

The double-coding workflow: copy the project file, let each coder code their
copy, then merge every copy back. Entities are matched by UUID, so merging the
same copy twice changes nothing. The merge is additive: what the copy added
(coders, codes, participants, sessions, transcripts, translations, codings,
memos) is added; codings keep their coder, so each coder's work stays apart.

Changes to things both files have are reconciled with the audit log: the part
of the log both files share is their common past (the moment of the copy). A
field changed only in the copy since then takes the copy's value (a renamed
code, say); a field changed in both, or where the log cannot tell, keeps the
master's value and is reported as a conflict. A code that the copy merged into
another (its codings now point to the other code and it is gone from the copy)
is merged the same way in the master. Deletions in the copy are not repeated.

Everything happens in one transaction; a dry run does the same work and rolls
it back, so its report says exactly what a real merge would change.
"""

from __future__ import annotations

import os
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.errors import N_, ConflictError, ProjectError, SuhbatError, ValidationError
from storage.merge_report import MergeConflict, MergeReport
from storage.merge_texts import merge_memos, merge_texts
from storage.models import Code

if TYPE_CHECKING:
    from storage.store import Store

__all__ = ["MergeConflict", "MergeReport", "merge_project"]

CODE_FIELDS = ("names", "description", "inclusion", "exclusion", "example", "color", "is_codable")


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


class MergeContext:
    """What the merge steps share: both stores, UUID maps and the fork point."""

    def __init__(self, master: Store, other: Store, report: MergeReport) -> None:
        self.master = master
        self.other = other
        self.report = report
        fork = fork_point(master.conn, other.conn)
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

    def decide(self, uuid: str) -> str:
        """Whose change wins for an entity both files have: ``copy`` or ``master`` (conflict)."""
        if uuid in self.changed_in_copy and uuid not in self.changed_in_master:
            return "copy"
        return "master"


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
    if ctx.report.changed and not ctx.report.dry_run:
        ctx.master.db.audit(
            "merge",
            "project",
            None,
            file=ctx.report.other,
            added=ctx.report.added,
            updated=ctx.report.updated,
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
        match = by_uuid.get(attribute.uuid) or by_name.get(attribute.name)
        if match is None:
            created = ctx.master.participants.add_attribute(
                attribute.name,
                attribute.type,
                attribute.allowed,
                sensitive=attribute.sensitive,
                uuid=attribute.uuid,
            )
            ctx.attributes[attribute.id] = created.id
            ctx.report.add("attributes")
            continue
        ctx.attributes[attribute.id] = match.id
        if (match.type, match.allowed) != (attribute.type, attribute.allowed):
            ctx.report.conflict(
                "attribute",
                match.name,
                "type",
                f"{match.type} {list(match.allowed)}",
                f"{attribute.type} {list(attribute.allowed)}",
                N_("defined differently in the copy"),
            )


def _merge_participants(ctx: MergeContext) -> None:
    master = ctx.master
    mine = master.participants.all()
    by_uuid = {p.uuid: p for p in mine}
    by_code = {p.code.casefold(): p for p in mine}
    for theirs in ctx.other.participants.all():
        match = by_uuid.get(theirs.uuid)
        if match is None and ctx.existed_at_copy("participant", theirs.id):
            ctx.report.note(
                N_("Participant {code!r} was deleted in the master; not added again"),
                code=theirs.code,
            )
            continue
        if match is None and theirs.code.casefold() in by_code:
            match = by_code[theirs.code.casefold()]
            ctx.report.note(N_("Participant {code!r} matched by pseudonym"), code=theirs.code)
        if match is None:
            created = master.participants.add(
                theirs.code,
                real_name=theirs.real_name,
                attributes=theirs.attributes,
                notes=theirs.notes,
                uuid=theirs.uuid,
            )
            ctx.participants[theirs.id] = created.id
            ctx.report.add("participants")
            continue
        ctx.participants[theirs.id] = match.id
        winner = ctx.decide(match.uuid)
        changes: dict[str, Any] = {}
        values: dict[str, str] = {}
        for name, value in theirs.attributes.items():
            have = match.attributes.get(name)
            if have is None:
                values[name] = value
            elif have != value:
                if winner == "copy":
                    values[name] = value
                else:
                    ctx.report.conflict(
                        "participant", match.code, name, have, value, N_("changed in both files")
                    )
        for field_name in ("code", "notes", "real_name"):
            have, want = getattr(match, field_name), getattr(theirs, field_name)
            if have == want or want in (None, ""):
                continue
            if winner == "copy" or have in (None, ""):
                changes[field_name] = want
            else:
                ctx.report.conflict(
                    "participant", match.code, field_name, have, want, N_("changed in both files")
                )
        if changes or values:
            try:
                master.participants.update(match.id, attributes=values, **changes)
                ctx.report.update("participants")
            except SuhbatError as error:
                ctx.report.conflict(
                    "participant", match.code, "values", "", str(error), N_("not valid here")
                )


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


_SESSION_FIELDS = (
    "kind",
    "title",
    "date",
    "location",
    "setting",
    "region",
    "languages",
    "duration_min",
    "interviewer",
    "consent",
    "notes",
    "participant_count",
)


def _merge_sessions(ctx: MergeContext) -> None:
    master = ctx.master
    by_uuid = {s.uuid: s for s in master.sessions.all()}
    for theirs in ctx.other.sessions.all():
        match = by_uuid.get(theirs.uuid)
        if match is None and ctx.existed_at_copy("session", theirs.id):
            ctx.report.note(
                N_("Session {title!r} was deleted in the master; not added again"),
                title=theirs.title,
            )
            continue
        if match is None:
            existing = master.sessions.find(theirs.title)
            if existing is not None:
                ctx.sessions[theirs.id] = existing.id
                ctx.report.note(N_("Session {title!r} matched by title"), title=theirs.title)
                continue
            fields = {k: getattr(theirs, k) for k in _SESSION_FIELDS if k not in ("kind", "title")}
            created = master.sessions.add(theirs.title, theirs.kind, uuid=theirs.uuid, **fields)
            ctx.sessions[theirs.id] = created.id
            ctx.report.add("sessions")
            continue
        ctx.sessions[theirs.id] = match.id
        changes = {}
        for name in _SESSION_FIELDS:
            have, want = getattr(match, name), getattr(theirs, name)
            if have == want:
                continue
            if ctx.decide(match.uuid) == "copy":
                changes[name] = want
            else:
                ctx.report.conflict(
                    "session", match.title, name, have, want, N_("changed in both files")
                )
        if changes:
            try:
                master.sessions.update(match.id, **changes)
                ctx.report.update("sessions")
            except SuhbatError as error:
                ctx.report.conflict(
                    "session", match.title, ",".join(changes), "", str(error), N_("not valid here")
                )
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
            gone_to = _merged_in_master(ctx, code.id)
            if gone_to or ctx.existed_at_copy("code", code.id):
                # The master had this code (its codings are there) or had it when the
                # copy was made: it was deleted or merged there since. Do not bring it back.
                if len(gone_to) == 1:
                    ctx.codes[code.id] = next(iter(gone_to))
                ctx.report.note(
                    N_(
                        "Code {name!r} was deleted or merged in the master after the copy was"
                        " made; it was not added again"
                    ),
                    name=code.name(),
                )
                continue
        if match is None:
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
            ctx.report.add("codes")
            continue
        ctx.codes[code.id] = match.id
        want = _code_state(code, theirs_uuid_of.get(code.parent_id or -1))
        have = _code_state(match, mine_uuid_of.get(match.parent_id or -1))
        differing = [k for k in want if want[k] != have[k]]
        if not differing:
            continue
        if ctx.decide(match.uuid) != "copy":
            for key in differing:
                ctx.report.conflict(
                    "code", match.name(), key, have[key], want[key], N_("changed in both files")
                )
            continue
        fields: dict[str, Any] = {k: want[k] for k in differing if k != "parent"}
        if "parent" in differing:
            fields["parent_id"] = parent
        try:
            master.codes.update(match.id, **fields)
        except SuhbatError as error:
            ctx.report.conflict(
                "code", match.name(), ",".join(differing), "", str(error), N_("not valid here")
            )
            continue
        ctx.report.update("codes renamed" if "names" in differing else "codes")
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
        ctx.report.merged_codes.append((name, ctx.master.codes.get(target).name()))
    return merged
