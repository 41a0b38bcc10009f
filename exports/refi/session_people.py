"""Who took part in a session, with role and consent, as one REFI-QDA source variable.

REFI-QDA has no element for a participant's place in a session, so suhbat writes
it as the text variable "Session participants" on each text of the session: one
line per participant, ``R1: respondent, consent given`` or ``M1: moderator, no
consent`` (fixed English words, so the file reads the same in every UI language),
and reads it back from its own files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from storage.models import ROLES, Role, SessionParticipant

PEOPLE_VARIABLE = "Session participants"
"""The name of the source variable."""
CONSENT_GIVEN = "consent given"
NO_CONSENT = "no consent"


class PersonInSession(NamedTuple):
    """A participant's place in a session as the variable carries it."""

    pseudonym: str
    role: Role
    consent: bool


def people_value(links: Sequence[SessionParticipant], pseudonyms: Mapping[int, str]) -> str | None:
    """The variable's text for a session's ``links`` (None when nobody is linked)."""
    lines = [
        f"{pseudonyms[link.participant_id]}: {link.role}, "
        + (CONSENT_GIVEN if link.consent else NO_CONSENT)
        for link in links
        if link.participant_id in pseudonyms
    ]
    return "\n".join(lines) or None


def parse_people(value: str) -> list[PersonInSession]:
    """The participants a "Session participants" value lists (lines it cannot read are left)."""
    people: list[PersonInSession] = []
    for line in value.split("\n"):
        pseudonym, sep, rest = line.strip().rpartition(": ")
        role, _comma, consent = rest.partition(",")
        if not sep or not pseudonym or role.strip() not in ROLES:
            continue
        people.append(
            PersonInSession(
                pseudonym,
                role.strip(),  # type: ignore[arg-type]
                consent.strip() == CONSENT_GIVEN,
            )
        )
    return people
