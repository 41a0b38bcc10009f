"""Merge step for deletions: what the copy deleted goes from the master (:mod:`storage.merge`).

The copy's tombstones (:mod:`storage.merge_versions`) say what it deleted. A
deletion wins over a change the master made meanwhile (the report names what
was deleted that way), as a deletion in the master wins over a change in the
copy: that is what lets merges in both directions converge. Codings and memos go
first, then codes (with their subtrees), transcripts, sessions, participants and
attribute definitions, so that nothing is deleted twice through a cascade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.errors import N_

if TYPE_CHECKING:
    from storage.merge import MergeContext

ORDER = ("coding", "memo", "code", "transcript", "session", "participant", "attribute")
"""The entities whose deletions are carried, in the order they are applied."""

NAMES = {
    "code": "SELECT names FROM code WHERE id = ?",
    "transcript": "SELECT title FROM transcript WHERE id = ?",
    "session": "SELECT title FROM session WHERE id = ?",
    "participant": "SELECT code FROM participant WHERE id = ?",
    "attribute": "SELECT name FROM attribute WHERE id = ?",
}
"""How a deleted thing is named in a report (codings and memos are only counted)."""


def merge_deletions(ctx: MergeContext) -> None:
    """Delete in the master what the copy deleted (a deletion wins over a change)."""
    for entity in ORDER:
        for uuid in ctx.revisions.copy.deleted(entity):
            row = ctx.master.conn.execute(
                f"SELECT id FROM {entity} WHERE uuid = ?", (uuid,)
            ).fetchone()
            if row is None:
                continue
            relation = ctx.revisions.relation(uuid)
            if relation not in ("copy", "both"):
                continue
            name = _name(ctx, entity, int(row[0]))
            if relation == "both" and name:
                ctx.report.note(
                    N_(
                        "The copy deleted {name!r}, which the master changed since;"
                        " it was deleted (a deletion wins)"
                    ),
                    name=name,
                )
            codings = _delete(ctx, entity, int(row[0]))
            ctx.settle(uuid, "copy")
            ctx.report.delete(entity + "s")
            if entity == "code" and codings:
                ctx.report.note(
                    N_("Code {name!r} was deleted in the copy, and with it its codings ({count})"),
                    name=name,
                    count=codings,
                )


def _name(ctx: MergeContext, entity: str, row_id: int) -> str:
    if entity == "code":
        return ctx.master.codes.get(row_id).name()
    sql = NAMES.get(entity)
    if sql is None:
        return ""
    row = ctx.master.conn.execute(sql, (row_id,)).fetchone()
    return str(row[0]) if row else ""


def _delete(ctx: MergeContext, entity: str, row_id: int) -> int:
    """Delete one row through the Store; return how many codings went with a code."""
    master = ctx.master
    if entity == "coding":
        master.codings.delete(row_id)
    elif entity == "memo":
        master.memos.delete(row_id)
    elif entity == "code":
        return master.codes.delete(row_id)[1]
    elif entity == "transcript":
        master.transcripts.delete(row_id)
    elif entity == "session":
        master.sessions.delete(row_id)
    elif entity == "participant":
        master.participants.delete(row_id)
    elif entity == "attribute":
        master.participants.delete_attribute(row_id)
    return 0
