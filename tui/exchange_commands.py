"""Opening the Import and Merge dialogs, from any screen and from the command palette."""

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
