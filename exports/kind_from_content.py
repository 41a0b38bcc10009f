"""Telling an imported transcript's session kind when the user did not give one.

The file name decides when it names a kind (``focus_group_astana``, ``интервью_3``);
otherwise the content does: two or more speakers besides the moderator or
interviewer make a focus group, fewer an interview. The choice comes with a note
(msgid and parameters) saying what was chosen and why, for the import report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storage.errors import N_
from storage.models import SessionKind

_FOCUS_NAME = re.compile(r"focus|фокус", re.IGNORECASE)
_INTERVIEW_NAME = re.compile(r"interview|интервью|сұхбат", re.IGNORECASE)
_STAFF_WORDS = (
    "interviewer",
    "moderator",
    "facilitator",
    "observer",
    "интервьюер",
    "модератор",
    "фасилитатор",
    "наблюдатель",
    "ведущий",
    "сұхбаткер",
    "сұхбат алушы",
    "бақылаушы",
    "жүргізуші",
)
"""Speaker labels (and their beginnings: ``Модератор 2``) of people who run a session."""
_STAFF_LABELS = frozenset({"i", "int", "q", "mod", "и", "в"})
"""Short labels used for the interviewer (``I:``/``R:``, ``В:``/``О:`` transcripts)."""


def is_staff_speaker(label: str) -> bool:
    """True when ``label`` names the moderator, interviewer or an observer."""
    folded = " ".join(label.casefold().replace(".", " ").split())
    return folded in _STAFF_LABELS or folded.startswith(_STAFF_WORDS)


def respondents(speakers: Iterable[str]) -> list[str]:
    """The distinct speaker labels other than the moderator's or interviewer's, in order."""
    seen: dict[str, None] = {}
    for label in dict.fromkeys(speakers):  # each label once, in order: not once per turn
        if label.strip() and not is_staff_speaker(label):
            seen.setdefault(label.strip(), None)
    return list(seen)


def kind_from_content(
    file: str, stem: str, speakers: Iterable[str]
) -> tuple[SessionKind, tuple[str, dict[str, object]]]:
    """The kind for a new session of the file ``file`` (name ``stem``), with a note why."""
    if _FOCUS_NAME.search(stem):
        return "focus_group", (
            N_("{file}: stored as a focus group: its name says so"),
            {"file": file},
        )
    if _INTERVIEW_NAME.search(stem):
        return "interview", (N_("{file}: stored as an interview: its name says so"), {"file": file})
    people = respondents(speakers)
    if len(people) >= 2:
        return "focus_group", (
            N_(
                "{file}: stored as a focus group: besides the moderator, {count} people speak"
                " in it ({speakers}); choose the kind with --kind or on the Sessions screen"
            ),
            {"file": file, "count": len(people), "speakers": ", ".join(people)},
        )
    if people:
        return "interview", (
            N_(
                "{file}: stored as an interview: besides the interviewer, one person speaks"
                " in it ({speakers}); choose the kind with --kind or on the Sessions screen"
            ),
            {"file": file, "speakers": people[0]},
        )
    return "interview", (
        N_(
            "{file}: stored as an interview: no respondent is named in it; choose the kind"
            " with --kind or on the Sessions screen"
        ),
        {"file": file},
    )
