"""Participants by pseudonym and real name, case-folded: many look-ups without rereading them.

:meth:`ParticipantsPart.find` reads every participant to compare names the Unicode
way (SQLite folds ASCII only), which is fine for one look-up and quadratic for a
table of thousands of rows. A :class:`ParticipantNames` built once answers the same
question in constant time, as long as it is told about each participant added or
changed after it was built.
"""

from __future__ import annotations

from collections.abc import Iterable

from storage.models import Attribute, Participant
from storage.text import normalize


class ParticipantNames:
    """Which participants a name (pseudonym or real name, any case) points to."""

    def __init__(
        self, participants: Iterable[Participant] = (), attributes: Iterable[Attribute] = ()
    ) -> None:
        self.attributes = {a.name: a for a in attributes}
        """Attribute definitions by name (the participants part adds those it makes)."""
        self._ids: dict[str, set[int]] = {}
        """Folded name → ids of participants with that pseudonym or real name."""
        self._names: dict[int, tuple[str, ...]] = {}
        """Participant id → its folded names."""
        for participant in participants:
            self.record(participant)

    def record(self, participant: Participant) -> None:
        """Record a new participant, or the new names of a changed one."""
        for name in self._names.pop(participant.id, ()):
            ids = self._ids[name]
            ids.discard(participant.id)
            if not ids:
                del self._ids[name]
        names = tuple({n.casefold() for n in (participant.code, participant.real_name or "") if n})
        self._names[participant.id] = names
        for name in names:
            self._ids.setdefault(name, set()).add(participant.id)

    def find(self, name: str) -> int | None:
        """The id :meth:`ParticipantsPart.find` would return for ``name`` (the oldest match)."""
        ids = self._ids.get(normalize(name).strip().casefold())
        return min(ids) if ids else None
