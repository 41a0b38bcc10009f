"""Starting a session live from the picker, asking first when that may not be meant.

A session that already has a transcript (imported, or typed earlier) gets a second one
from live notes, so the picker asks before starting it; a session that ended without
notes is asked about and resumed; one whose notes became a transcript cannot start
again, and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from i18n import _, ngettext
from storage import Store
from storage.models import Session
from tui.dialogs.confirm_modal import ConfirmModal

StartCallback = Callable[[], None]


def confirm_start(app: Any, store: Store, session: Session, start: StartCallback) -> None:
    """Call ``start`` at once, or after the user agrees, or tell why it cannot start."""
    state = store.live.state(session.id)
    if state is not None and state.status == "active":
        start()
        return
    if state is not None and state.transcript_id is not None:
        app.notify(
            _("«{title}» has ended; its notes are the transcript already.").format(
                title=session.title
            ),
            severity="warning",
            markup=False,
        )
        return
    if state is not None:
        question = _("«{title}» ended without notes. Resume it? The clock goes on.").format(
            title=session.title
        )
        yes = _("Resume")
    else:
        count = len(store.transcripts.all(session.id))
        if not count:
            start()
            return
        question = ngettext(
            "«{title}» has {n} transcript already. Start live notes anyway? "
            "They become another transcript.",
            "«{title}» has {n} transcripts already. Start live notes anyway? "
            "They become another transcript.",
            count,
        ).format(title=session.title, n=count)
        yes = _("Start live notes")

    def answered(yes_answer: bool | None) -> None:
        if yes_answer:
            start()

    app.push_screen(ConfirmModal(question, yes=yes), answered)
