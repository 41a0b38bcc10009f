"""A live session's answered/skipped marks, as rows of a transcript's metadata table.

The marks the interviewer set on the guide's questions during a live session are kept
with the session (``live_mark``); exports of the session's transcripts list the
questions answered and skipped, numbered as in the guide, so the record of what was
covered travels with the text.
"""

from __future__ import annotations

from collections.abc import Callable

from storage.errors import N_
from storage.store import Store

LABELS = {"answered": N_("Questions answered"), "skipped": N_("Questions skipped")}
"""The metadata label of each mark (msgids)."""

MAX_QUESTION = 60
"""A question's text is cut to this many characters in the list."""


def question_mark_rows(
    store: Store, session_id: int, language: str, tr: Callable[[str], str]
) -> list[tuple[str, str]]:
    """``(label, questions)`` rows for the answered and the skipped questions (may be empty)."""
    marks = store.live.marks(session_id)
    if not marks:
        return []
    state = store.live.state(session_id)
    guide_id = state.guide_id if state is not None else None
    questions = [q for q in store.guides.questions(guide_id) if q.parent_id is None]
    fallbacks = tuple(store.project().languages)
    rows: list[tuple[str, str]] = []
    for mark, label in (
        ("answered", tr("Questions answered")),
        ("skipped", tr("Questions skipped")),
    ):
        listed = []
        for number, question in enumerate(questions, start=1):
            if marks.get(question.id) == mark:
                text = " ".join(question.text(language, fallbacks).split())
                if len(text) > MAX_QUESTION:
                    text = text[: MAX_QUESTION - 1].rstrip() + "…"
                listed.append(f"{number}. {text}")
        if listed:
            rows.append((label, "\n".join(listed)))
    return rows
