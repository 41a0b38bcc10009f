"""Set the language of the utterances at the cursor or in the selection (code-switching).

Used by the coding screen (G): the utterances the selection touches, or the one at the
cursor, in the focused layer, are marked as being in another language than their layer
(Kazakh turns in a Russian layer); the layer's own language clears the mark.
"""

from __future__ import annotations

from typing import Any

from i18n import _, ngettext, translate_error
from storage import SuhbatError
from tui.dialogs.coding_dialogs import TextPrompt
from tui.keys.bindings import key_binding

UTTERANCE_LANGUAGE_BINDING = key_binding(
    "g,п",
    "utterance_language",
    _("Utterance language"),
    _("Say which language the utterances at the cursor or in the selection are in"),
    "coding-utterance-language",
    show=False,
)
"""The coding screen's key for :func:`ask_utterance_language`."""


def utterances_in_range(spans: list[tuple[int, int, int]], start: int, end: int) -> list[int]:
    """Ids of the utterances ``(id, start, end)`` that ``[start, end]`` touches."""
    return [uid for uid, s, e in spans if s <= end and e >= start and (s < end or start == end)]


def ask_utterance_language(screen: Any) -> None:
    """Ask for a language and set it on the utterances at the cursor or in the selection.

    ``screen`` is the coding screen: it has ``model``, ``view`` and ``store``.
    """
    model = screen.model
    if model is None:
        return
    pane = screen.view.focused_pane()
    layer_id = pane.layer_id
    if layer_id is None:
        return
    selected = pane.selected_range()
    start, end = selected if selected else (pane.cursor_offset(), pane.cursor_offset())
    spans = [(u.id, *u.spans[layer_id]) for u in model.utterances if layer_id in u.spans]
    ids = utterances_in_range(spans, start, end)
    if not ids:
        return
    store = screen.store
    layer = model.layer(layer_id)
    current = store.transcripts.utterance_languages(model.transcript.id)
    value = current.get((ids[0], layer_id), layer.language)

    def chosen(code: str | None) -> None:
        if code is None or not code.strip():
            return
        try:
            count = store.transcripts.set_utterance_language(layer_id, ids, code)
        except SuhbatError as error:
            screen.notify(translate_error(error), severity="error", markup=False)
            return
        screen.show_utterance_languages()
        screen.notify(
            ngettext("{count} utterance changed", "{count} utterances changed", count).format(
                count=count
            ),
            markup=False,
        )

    screen.app.push_screen(
        TextPrompt(
            ngettext(
                "Language of {count} utterance in the {language} layer",
                "Language of {count} utterances in the {language} layer",
                len(ids),
            ).format(count=len(ids), language=layer.language),
            value=value,
            hint=_("A language code such as ru, kk or en; the layer's own language clears it"),
            suggestions=list(store.project().languages),
        ),
        chosen,
    )
