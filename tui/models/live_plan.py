"""What the live-session screen runs through: the guide's steps and the session's speakers.

Kept free of widgets so that the screen, the crash test and the benchmark share it.
"""

from __future__ import annotations

from dataclasses import dataclass

from i18n import _
from i18n.collation import sort_key
from storage import Store
from storage.live_store import LiveState, epoch_ms
from storage.models import Question, Session


@dataclass(frozen=True)
class Step:
    """A top-level question of the guide with the probes nested under it."""

    question: Question
    probes: tuple[Question, ...]


@dataclass(frozen=True)
class Speaker:
    """Someone notes can be attributed to: number key, participant (if any) and label."""

    key: int
    participant_id: int | None
    label: str


def guide_steps(questions: list[Question]) -> list[Step]:
    """Main and closing questions in order, each with its probes (in their order).

    A probe whose parent is missing from the guide is a step of its own.
    """
    ids = {q.id for q in questions}
    probes: dict[int, list[Question]] = {}
    tops: list[Question] = []
    for q in questions:
        if q.parent_id is not None and q.parent_id in ids:
            probes.setdefault(q.parent_id, []).append(q)
        else:
            tops.append(q)
    return [Step(q, tuple(probes.get(q.id, ()))) for q in tops]


def session_speakers(store: Store, session: Session) -> list[Speaker]:
    """Key 0: the interviewer or moderator; keys 1–9: the respondents, by pseudonym."""
    codes = {p.id: p.code for p in store.participants.all()}
    links = store.sessions.participants(session.id)
    leads = [x for x in links if x.role in ("interviewer", "moderator")]
    if leads:
        lead = Speaker(0, leads[0].participant_id, codes.get(leads[0].participant_id, "?"))
    elif session.interviewer:
        lead = Speaker(0, None, session.interviewer)
    else:
        lead = Speaker(
            0, None, _("Moderator") if session.kind == "focus_group" else _("Interviewer")
        )
    respondents = sorted(
        (x for x in links if x.role == "respondent"),
        key=lambda x: _natural(codes.get(x.participant_id, "")),
    )
    others = [
        Speaker(i, x.participant_id, codes.get(x.participant_id, "?"))
        for i, x in enumerate(respondents[:9], start=1)
    ]
    if not others:
        others = [Speaker(1, None, _("Respondent"))]
    return [lead, *others]


def _natural(code: str) -> tuple[object, ...]:
    """Sort key that puts P2 before P10 and letters in the UI language's alphabet order."""
    parts: list[object] = []
    number = ""
    text = ""
    for ch in code.casefold():
        if ch.isdigit():
            if text:
                parts.append((1, sort_key(text)))
                text = ""
            number += ch
        else:
            if number:
                parts.append((0, int(number)))
                number = ""
            text += ch
    if number:
        parts.append((0, int(number)))
    if text:
        parts.append((1, sort_key(text)))
    return tuple(parts)


def session_language(store: Store, session: Session) -> str:
    """The language to show questions in first: the session's, else the project's first."""
    project = store.project().languages
    for language in session.languages:
        if language in project:
            return language
    return project[0]


def start_or_resume(store: Store, session: Session, *, now_ms: int | None = None) -> LiveState:
    """Start ``session`` live (first question, lead respondent) or bring it back if running.

    A session that ended without notes is resumed; one whose notes became a transcript
    raises :class:`storage.ConflictError`.
    """
    now = epoch_ms() if now_ms is None else now_ms
    state = store.live.state(session.id)
    if state is not None and state.status == "active":
        return store.live.update(session.id, now_ms=now)
    if state is not None and state.transcript_id is None:
        return store.live.reopen(session.id, now_ms=now)  # ended without notes
    guide_id = session.guide_id
    if guide_id is None:
        guides = store.guides.all()
        guide_id = guides[0].id if guides else None
    steps = guide_steps(store.guides.questions(guide_id)) if guide_id is not None else []
    speakers = session_speakers(store, session)
    first = speakers[1] if session.kind == "interview" and len(speakers) > 1 else speakers[0]
    return store.live.start(
        session.id,
        guide_id=guide_id,
        language=session_language(store, session),
        question_id=steps[0].question.id if steps else None,
        speaker_id=first.participant_id,
        speaker=first.label,
        now_ms=now,
    )
