"""Merge a coder's copy of the project into it: a dry run first, then the merge if confirmed.

Both steps run in a worker thread with a Store of its own
(:func:`storage.merge.merge_project`). The dry run's report (what would be added
or updated, codes merged, conflicts) is shown in a :class:`ReportModal` with a
Merge button; only that button writes anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Protocol, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, ProgressBar, Static

from i18n import _, translate_error
from storage import Store, SuhbatError
from storage.merge import MergeReport, merge_project
from tui.exchange_reports import merge_lines
from tui.screens.report_modal import ReportModal
from tui.widgets.file_picker import FilePicker


class _HasProjectPath(Protocol):
    project_path: Path


def run_merge(project_path: Path, other: Path, *, dry_run: bool) -> MergeReport:
    """Merge ``other`` into the project at ``project_path`` with a Store of its own."""
    store = Store(project_path)
    try:
        return merge_project(store, other, dry_run=dry_run)
    finally:
        store.close()


class MergeModal(ModalScreen[MergeReport | None]):
    """Ask for a coder's copy, show a dry run of merging it, and merge it if confirmed.

    Dismisses with the report of the real merge, or None if nothing was merged.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="merge-cancel", tooltip=_("Close")),
    ]

    DEFAULT_CSS = """
    MergeModal { align: center middle; }
    MergeModal > Vertical {
        width: 96; height: auto; border: thick $primary 60%; background: $surface; padding: 0 1;
    }
    MergeModal #merge-title { text-style: bold; padding: 0 0 1 0; }
    MergeModal ProgressBar { display: none; }
    MergeModal.-busy ProgressBar { display: block; }
    MergeModal #merge-status { height: auto; }
    MergeModal #merge-status.-error { color: $error; }
    MergeModal #merge-buttons { height: auto; align-horizontal: right; }
    MergeModal Button { margin-left: 2; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        self.other: Path | None = None

    def compose(self) -> ComposeResult:
        folder = cast(_HasProjectPath, self.app).project_path.resolve().parent
        with Vertical():
            yield Static(_("Merge a coder's copy"), id="merge-title")
            yield Static(
                _(
                    "The copy of this project (.suhbat) that a coder worked on. You see what"
                    " would change first; nothing is written until you confirm."
                )
            )
            yield FilePicker(
                folder,
                (".suhbat",),
                placeholder="copy.suhbat",
                exclude=cast(_HasProjectPath, self.app).project_path,
                id="picker",
            )
            yield ProgressBar(total=None, show_eta=False, id="merge-progress")
            yield Static("", id="merge-status", markup=False)
            with Horizontal(id="merge-buttons"):
                yield Button(_("Check (dry run)"), id="merge-check", variant="primary")
                yield Button(_("Cancel"), id="merge-cancel-button")

    def on_mount(self) -> None:
        self.query_one(FilePicker).field.focus()

    def action_cancel(self) -> None:
        """Close without merging (not while a merge runs)."""
        if not self.busy:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.check()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "merge-check":
            self.check()
        else:
            self.action_cancel()

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#merge-status", Static)
        status.set_class(error, "-error")
        status.update(text)

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        self.set_class(busy, "-busy")
        self.query_one("#merge-check", Button).disabled = busy

    def check(self) -> None:
        """Run a dry run of merging the chosen copy."""
        if self.busy:
            return
        raw = self.query_one(FilePicker).value
        if not raw:
            self._status(_("Type the path of the coder's copy (.suhbat)"), error=True)
            return
        other = Path(raw).expanduser()
        if not other.is_file():
            self._status(_("{path}: no such file").format(path=other), error=True)
            return
        self.other = other
        self._busy(True)
        self._status(_("Checking {file}…").format(file=other.name))
        self.merge_in_background(other, dry_run=True)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def merge_in_background(self, other: Path, *, dry_run: bool) -> None:
        """Merge (or try merging) in a worker thread with its own Store."""
        project = cast(_HasProjectPath, self.app).project_path
        try:
            report = run_merge(project, other, dry_run=dry_run)
        except SuhbatError as error:
            self.app.call_from_thread(self._failed, translate_error(error))
            return
        except OSError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        done = self._previewed if dry_run else self._merged
        self.app.call_from_thread(done, report)

    def _failed(self, message: str) -> None:
        self._busy(False)
        self._status(message + "\n" + _("Nothing was merged."), error=True)

    def _previewed(self, report: MergeReport) -> None:
        self._busy(False)
        self._status("")
        name = Path(report.other).name
        if not report.changed:
            self.app.push_screen(ReportModal(_("Nothing to merge"), merge_lines(report)))
            return

        def answered(go: bool | None) -> None:
            if go and self.other is not None:
                self._busy(True)
                self._status(_("Merging {file}…").format(file=name))
                self.merge_in_background(self.other, dry_run=False)

        self.app.push_screen(
            ReportModal(
                _("Merge {file} into this project?").format(file=name),
                merge_lines(report),
                confirm=_("Merge"),
            ),
            answered,
        )

    def _merged(self, report: MergeReport) -> None:
        self._busy(False)
        app = self.app
        self.dismiss(report)
        app.push_screen(
            ReportModal(
                _("Merged {file}").format(file=Path(report.other).name), merge_lines(report)
            )
        )
