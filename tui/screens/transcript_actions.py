"""What can be done to a whole transcript from the app: rename, move, delete, layer language.

Each function asks what it needs in dialogs over ``screen``, changes the Store and calls
``done`` once something changed. Deleting asks first, giving the counts, and is one undo
step (history is switched on for it), so Ctrl+Z brings the transcript back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from i18n import _, ngettext, translate_error
from storage import Store, SuhbatError
from storage.errors import N_
from storage.models import Layer, Transcript
from tui.dialogs.coding_dialogs import ChoiceDialog, TextPrompt
from tui.dialogs.confirm_modal import ConfirmModal
from tui.keys.bindings import key_binding

Done = Callable[[], object]


def _failed(screen: Screen[Any], error: SuhbatError) -> None:
    screen.notify(translate_error(error), severity="error", markup=False)


def rename_transcript(screen: Screen[Any], store: Store, transcript_id: int, done: Done) -> None:
    """Ask for a new title and rename the transcript."""
    transcript = store.transcripts.get(transcript_id)

    def chosen(title: str | None) -> None:
        if title is None or title.strip() == transcript.title:
            return
        try:
            store.transcripts.rename(transcript_id, title)
        except SuhbatError as error:
            _failed(screen, error)
            return
        done()

    screen.app.push_screen(TextPrompt(_("Rename transcript"), value=transcript.title), chosen)


def move_transcript(screen: Screen[Any], store: Store, transcript_id: int, done: Done) -> None:
    """Ask for a session and move the transcript (with its codings) there."""
    transcript = store.transcripts.get(transcript_id)
    sessions = [(s.id, s.title) for s in store.sessions.all() if s.id != transcript.session_id]
    if not sessions:
        screen.notify(
            _("There is no other session to move it to"), severity="warning", markup=False
        )
        return

    def chosen(session_id: int | None) -> None:
        if session_id is None:
            return
        try:
            store.transcripts.move(transcript_id, session_id)
        except SuhbatError as error:
            _failed(screen, error)
            return
        done()

    screen.app.push_screen(
        ChoiceDialog(_("Move «{title}» to session").format(title=transcript.title), sessions),
        chosen,
    )


def deletion_question(store: Store, transcript_id: int) -> str:
    """ "Delete «title» with N utterances, N codings and N memos?" in the UI language."""
    title = store.transcripts.get(transcript_id).title
    counts = store.transcripts.deletion_counts(transcript_id)
    return _("Delete «{title}» with {utterances}, {codings} and {memos}?").format(
        title=title,
        utterances=ngettext("{n} utterance", "{n} utterances", counts.utterances).format(
            n=counts.utterances
        ),
        codings=ngettext("{n} coding", "{n} codings", counts.codings).format(n=counts.codings),
        memos=ngettext("{n} memo", "{n} memos", counts.memos).format(n=counts.memos),
    )


def delete_transcript(screen: Screen[Any], store: Store, transcript_id: int, done: Done) -> None:
    """Ask (with the counts), then delete the transcript as one undo step."""
    title = store.transcripts.get(transcript_id).title

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        store.history.enable()
        try:
            with store.history.undoable(N_("Delete transcript")):
                store.transcripts.delete(transcript_id)
        except SuhbatError as error:
            _failed(screen, error)
            return
        screen.notify(
            _("Deleted {title}").format(title=title) + " · " + _("Ctrl+Z undoes this"),
            markup=False,
        )
        done()

    screen.app.push_screen(ConfirmModal(deletion_question(store, transcript_id)), answered)


def set_layer_language(screen: Screen[Any], store: Store, transcript_id: int, done: Done) -> None:
    """Choose a layer (when there are several) and say which language it is in."""
    layers = store.transcripts.layers(transcript_id, with_text=False)

    def ask(layer_id: int | None) -> None:
        if layer_id is None:
            return
        layer = store.transcripts.layer(layer_id)

        def chosen(code: str | None) -> None:
            if code is None or code.strip().lower() == layer.language:
                return
            try:
                store.transcripts.set_layer_language(layer_id, code)
            except SuhbatError as error:
                _failed(screen, error)
                return
            done()

        screen.app.push_screen(
            TextPrompt(
                _("Language of the {language} layer").format(language=layer.language),
                value=layer.language,
                hint=_("A language code such as ru, kk or en"),
                suggestions=list(store.project().languages),
            ),
            chosen,
        )

    if len(layers) == 1:
        ask(layers[0].id)
        return
    items = [(x.id, x.language + (" · " + _("original") if x.is_original else "")) for x in layers]
    screen.app.push_screen(ChoiceDialog(_("Which layer?"), items), ask)


TRANSCRIPT_BINDINGS: list[Binding] = [
    key_binding(
        "n,т",
        "rename_transcript",
        _("Rename"),
        _("Rename the highlighted transcript"),
        "transcript-rename",
        show=False,
    ),
    key_binding(
        "v,м",
        "move_transcript",
        _("Move"),
        _("Move the highlighted transcript to another session"),
        "transcript-move",
        show=False,
    ),
    key_binding(
        "delete,x,ч",
        "delete_transcript",
        _("Delete"),
        _("Delete the highlighted transcript (asks first; Ctrl+Z undoes)"),
        "transcript-delete",
        show=False,
    ),
    key_binding(
        "l,д",
        "layer_language",
        _("Layer language"),
        _("Say which language a layer of the highlighted transcript is in"),
        "transcript-language",
        show=False,
    ),
    key_binding(
        "s,ы",
        "speakers",
        _("Speakers"),
        _("Speaker labels: link them to participants"),
        "transcript-speakers",
        show=False,
    ),
]
"""Keys for the transcript actions, for a screen that lists transcripts (Project home)."""

TranscriptAction = Callable[[Screen[Any], Store, int, Done], None]
"""One of the functions above."""


def open_speakers(screen: Screen[Any], done: Done | None = None) -> None:
    """Open the Speakers screen; ``done`` runs when it closes after a change."""
    from tui.dialogs.speakers import SpeakersScreen
    from tui.store_access import app_store

    def closed(changed: bool | None) -> None:
        if changed and done is not None:
            done()

    screen.app.push_screen(SpeakersScreen(app_store(screen)), closed)


def transcript_changed(store: Store, transcript: Transcript, layers: Sequence[Layer]) -> bool:
    """Whether a transcript shown on a screen was deleted, renamed, moved or relabelled since."""
    try:
        now = store.transcripts.get(transcript.id)
    except SuhbatError:
        return True
    languages = [x.language for x in store.transcripts.layers(transcript.id, with_text=False)]
    return now != transcript or sorted(languages) != sorted(x.language for x in layers)
