"""The screen shown instead of the project when it cannot be opened (damaged, read-only…).

It says why in the words the command line uses, lists the newest verified backups of a
damaged project with the ``suhbat restore`` command for each, and quits on any of its
keys; nothing in the project is touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from i18n import _, translate_error
from i18n.formatting import format_datetime
from storage.damage import DamagedProject, restore_command
from tui.widgets.bindings import key_binding


class CannotOpenScreen(Screen[None]):
    """Why the project cannot be opened, and what to do about it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("q,й", "app.quit", _("Quit"), _("Quit suhbat"), "cannot-open-quit"),
        key_binding("escape", "app.quit", _("Quit"), _("Quit suhbat"), "cannot-open-escape"),
    ]

    DEFAULT_CSS = """
    CannotOpenScreen > Vertical { padding: 1 2; }
    CannotOpenScreen #cannot-open-title { text-style: bold; color: $error; margin-bottom: 1; }
    CannotOpenScreen .cannot-open-backup { margin-left: 2; }
    CannotOpenScreen #cannot-open-help { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, project: Path, error: BaseException) -> None:
        super().__init__()
        self.project = project
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                _("{path} cannot be opened").format(path=self.project),
                id="cannot-open-title",
                markup=False,
            )
            yield Static(translate_error(self.error), id="cannot-open-reason", markup=False)
            backups = self.error.backups if isinstance(self.error, DamagedProject) else ()
            if backups:
                yield Static(
                    _("Newest verified backups, and the command that restores each:"),
                    markup=False,
                )
                for backup in backups:
                    yield Static(
                        f"{format_datetime(backup.created)}  {backup.path}\n"
                        f"  {restore_command(self.project, backup.path)}",
                        classes="cannot-open-backup",
                        markup=False,
                    )
            yield Static(
                _("Nothing was changed. Quit, run the command, then open the project again."),
                id="cannot-open-help",
                markup=False,
            )
        yield Footer()
