"""Opening the Import, Merge and Transcribe dialogs, from any screen and the command palette."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual.app import App, SystemCommand

from i18n import _


def open_import(app: App[Any]) -> None:
    """Open the dialog that imports a transcript or a REFI-QDA file."""
    from tui.dialogs.import_modal import ImportModal

    app.push_screen(ImportModal())


def open_merge(app: App[Any]) -> None:
    """Open the dialog that merges a coder's copy into the project."""
    from tui.dialogs.merge_modal import MergeModal

    app.push_screen(MergeModal())


def open_transcribe(app: App[Any]) -> None:
    """Open the dialog that transcribes a recording offline into a new transcript."""
    from tui.dialogs.transcribe_modal import TranscribeModal

    def done(transcript_id: int | None) -> None:
        if transcript_id is not None:
            app.notify(
                _("Transcribed: a new machine transcript (review it before you code)"),
                markup=False,
            )
            refresh = getattr(app.screen, "action_refresh", None)
            if callable(refresh):
                refresh()

    app.push_screen(TranscribeModal(), done)


def exchange_commands(app: App[Any]) -> Iterable[SystemCommand]:
    """Command-palette entries: import a file, merge a coder's copy."""
    yield SystemCommand(
        _("Import a file"),
        _("Import a transcript or a REFI-QDA file (QDPX, QDC) into this project"),
        partial(open_import, app),
    )
    yield SystemCommand(
        _("Merge a coder's copy"),
        _("Merge a coder's copy of this project into it: a dry run first, then confirm"),
        partial(open_merge, app),
    )
    yield SystemCommand(
        _("Transcribe a recording"),
        _("Speech recognition on this computer: a recording becomes a new transcript"),
        partial(open_transcribe, app),
    )
