"""Split the utterance at the cursor in two, or join it with the next (coding screen).

Shift+S splits the utterance at the cursor of the focused layer, where the cursor is
(the white space there becomes the break; the other layers keep their text in the first
part). Shift+J joins the utterance at the cursor with the next one, asking first when
their speakers differ. Codings stay on their words; Ctrl+Z undoes either as one step.
"""

from __future__ import annotations

from typing import Any

from i18n import _, translate_error
from storage import SuhbatError
from storage.errors import N_
from tui.dialogs.confirm_modal import ConfirmModal
from tui.keys.bindings import key_binding

UTTERANCE_SPLIT_BINDINGS = [
    key_binding(
        "S,Ы",
        "split_utterance",
        _("Split turn"),
        _("Split the utterance in two at the cursor (codings stay on their words)"),
        "coding-split",
        show=False,
    ),
    key_binding(
        "J,О",
        "join_utterance",
        _("Join turns"),
        _("Join the utterance at the cursor with the next one"),
        "coding-join",
        show=False,
    ),
]
"""The coding screen's keys for :func:`split_at_cursor` and :func:`join_with_next`."""


def split_at_cursor(screen: Any) -> None:
    """Split the utterance at the cursor of the focused pane where the cursor is.

    ``screen`` is the coding screen: it has ``model``, ``view`` and ``store``.
    """
    model = screen.model
    pane = screen.view.focused_pane()
    if model is None or pane.layer_id is None or not model.utterances:
        return
    line = pane.selection.end[0]
    start, _end = model.utterance_range(pane.layer_id, line)
    store = screen.store
    try:
        with store.history.undoable(N_("Split utterance")):
            store.transcripts.split_utterance(
                model.utterances[line].id, pane.layer_id, pane.cursor_offset() - start
            )
    except SuhbatError as error:
        screen.notify(translate_error(error), severity="error", markup=False)
        return
    _changed(screen, line + 1, _("Utterance split in two"))


def join_with_next(screen: Any) -> None:
    """Join the utterance at the cursor with the next one (asking if the speakers differ)."""
    model = screen.model
    if model is None or not model.utterances:
        return
    line = screen.view.focused_pane().selection.end[0]
    if line + 1 >= len(model.utterances):
        screen.notify(
            _("This is the last utterance: there is nothing to join it with"),
            severity="warning",
            markup=False,
        )
        return
    first, second = model.utterances[line], model.utterances[line + 1]

    def join(force: bool | None) -> None:
        if not force and force is not None:
            return
        store = screen.store
        try:
            with store.history.undoable(N_("Join utterances")):
                store.transcripts.join_utterances(first.id, force=bool(force))
        except SuhbatError as error:
            screen.notify(translate_error(error), severity="error", markup=False)
            return
        _changed(screen, line, _("Utterances joined"))

    if (first.speaker, first.participant_id) == (second.speaker, second.participant_id):
        join(None)
        return
    screen.app.push_screen(
        ConfirmModal(
            _("These utterances have different speakers ({first}, {second}). Join them?").format(
                first=first.speaker, second=second.speaker
            ),
            yes=_("Join"),
        ),
        join,
    )


def _changed(screen: Any, line: int, message: str) -> None:
    """Show the transcript again with the cursor on ``line`` and say what happened."""
    model = screen.model
    for layer in list(model.layers):
        model.reload_layer(screen.store, layer.id)
    screen.media.open(screen.store, model.transcript.id, model.utterances)
    screen._show_layers(line)
    screen._after_change()
    screen.notify(message + " · " + _("Ctrl+Z undoes this"), timeout=3, markup=False)
