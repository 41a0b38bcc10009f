"""What merging a coder's copy into the master did (or, in a dry run, would do)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storage.errors import english


@dataclass(frozen=True)
class MergeConflict:
    """A difference the merge did not resolve: the master's value was kept.

    ``reason`` is an English msgid (translated at the edge); ``entity`` is the kind
    of thing (``code``, ``coding``, ``participant``…) and ``name`` says which one,
    or ``label`` does (an English msgid with parameters, e.g. a coding's transcript,
    time, coder and text). A conflict without ``field`` is something the copy had
    that was left out of the master (``reason`` says why).
    """

    entity: str
    name: str
    field: str
    kept: str
    other: str
    reason: str
    label: tuple[str, dict[str, Any]] | None = None

    @property
    def title(self) -> str:
        """Which thing it is, in English (``name``, or ``label`` filled in)."""
        if self.label is None:
            return self.name
        message, params = self.label
        return message.format(**params)

    def as_dict(self) -> dict[str, str]:
        """The conflict as plain JSON-ready data."""
        return {
            "entity": self.entity,
            "name": self.title,
            "field": self.field,
            "kept": self.kept,
            "other": self.other,
            "reason": self.reason,
        }


@dataclass
class MergeReport:
    """Counts of what was added, updated and deleted, codes merged, notes and conflicts.

    ``notes`` are ``(msgid, params)`` pairs that explain a decision (e.g. a new
    code matched an existing one by name); ``conflicts`` list what was not merged.
    """

    other: str
    dry_run: bool
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    merged_codes: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    conflicts: list[MergeConflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True if the merge changed (or would change) the master."""
        return bool(
            any(self.added.values())
            or any(self.updated.values())
            or any(self.deleted.values())
            or self.merged_codes
        )

    def add(self, entity: str, count: int = 1) -> None:
        """Count ``count`` new ``entity`` rows."""
        if count:
            self.added[entity] = self.added.get(entity, 0) + count

    def update(self, entity: str, count: int = 1) -> None:
        """Count ``count`` updated ``entity`` rows."""
        if count:
            self.updated[entity] = self.updated.get(entity, 0) + count

    def delete(self, entity: str, count: int = 1) -> None:
        """Count ``count`` ``entity`` rows deleted because the copy deleted them."""
        if count:
            self.deleted[entity] = self.deleted.get(entity, 0) + count

    def note(self, message: str, /, **params: Any) -> None:
        """Explain a decision (an English msgid with parameters)."""
        self.notes.append((message, params))

    def conflict(
        self,
        entity: str,
        name: str,
        field: str,
        kept: object,
        other: object,
        reason: str,
        *,
        label: tuple[str, dict[str, Any]] | None = None,
    ) -> None:
        """Record a difference that was not merged (the master's value stays)."""
        self.conflicts.append(
            MergeConflict(entity, name, field, str(kept), str(other), reason, label)
        )

    def left_out(self, entity: str, label: tuple[str, dict[str, Any]], reason: str) -> None:
        """Record something of the copy that was not brought in, and why (a msgid)."""
        self.conflicts.append(MergeConflict(entity, "", "", "", "", reason, label))

    def as_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return {
            "other": self.other,
            "dry_run": self.dry_run,
            "changed": self.changed,
            "added": dict(sorted(self.added.items())),
            "updated": dict(sorted(self.updated.items())),
            "deleted": dict(sorted(self.deleted.items())),
            "merged_codes": [{"from": a, "into": b} for a, b in self.merged_codes],
            "notes": [
                {"message": english(m, p), "msgid": str(m), "params": p} for m, p in self.notes
            ],
            "conflicts": [c.as_dict() for c in self.conflicts],
        }
