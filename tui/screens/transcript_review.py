"""Reviewing a machine transcript utterance by utterance: listen, correct, mark, move on.

Plain functions over the Store (no Textual): which utterance to review next, and the
status-line note (``machine transcript · 3 of 12 reviewed``).
"""

from __future__ import annotations

from i18n import _
from storage import Store
from storage.models import Utterance


def review_note(store: Store, transcript_id: int, count: int) -> str:
    """The status-line note for a machine transcript (empty for a typed one)."""
    machine = store.media.machine(transcript_id)
    if machine is None:
        return ""
    if machine.reviewed is not None:
        return _("machine transcript, reviewed")
    done = len(store.media.reviewed_utterances(transcript_id))
    return _("machine transcript · {done} of {count} reviewed (H: reviewed, next)").format(
        done=done, count=count
    )


def mark_and_next(
    store: Store, transcript_id: int, utterances: list[Utterance], line: int
) -> int | None:
    """Mark the utterance on ``line`` reviewed; the line of the next one to review, or None.

    When none is left the whole transcript is marked as reviewed.
    """
    store.media.review_utterance(utterances[line].id)
    reviewed = store.media.reviewed_utterances(transcript_id)
    order = [*range(line + 1, len(utterances)), *range(line)]
    following = next((i for i in order if utterances[i].id not in reviewed), None)
    if following is None:
        store.media.mark_reviewed(transcript_id)
    return following
