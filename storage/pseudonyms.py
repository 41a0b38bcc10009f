"""How exports name people: pseudonyms by default, real names only when asked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from storage.models import Participant, Utterance


@dataclass(frozen=True)
class PeopleNames:
    """Labels for participants and speakers in an export.

    With ``real_names`` false (the default) every participant appears under the
    pseudonym; with it true, under the real name where one is recorded.
    """

    participants: dict[int, Participant] = field(default_factory=dict)
    real_names: bool = False

    @classmethod
    def of(cls, participants: Iterable[Participant], *, real_names: bool = False) -> PeopleNames:
        """Names for these participants."""
        return cls({p.id: p for p in participants}, real_names)

    def participant(self, participant_id: int | None, fallback: str = "") -> str:
        """The label of a participant (``fallback`` when unknown)."""
        p = self.participants.get(participant_id) if participant_id is not None else None
        if p is None:
            return fallback
        if self.real_names and p.real_name:
            return p.real_name
        return p.code

    def speaker(self, utterance: Utterance) -> str:
        """The speaker of an utterance: the linked participant, else the transcript's label."""
        return self.participant(utterance.participant_id, utterance.speaker)
