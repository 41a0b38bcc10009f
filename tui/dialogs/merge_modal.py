"""Merge a coder's copy of the project into it: a dry run first, then the merge if confirmed.

Both steps run in a worker thread with a Store of its own
(:func:`storage.merge.merge_project`). The dry run's report (what would be added
or updated, codes merged, conflicts) is shown in a :class:`ReportModal` with a
Merge button; only that button writes anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, ProgressBar, Static

from i18n import _, translate_error
from storage import Store, SuhbatError
from storage.merge import MergeReport, merge_project
from tui.dialogs.file_task_modal import FileTaskModal, file_task_css
from tui.dialogs.report_modal import ReportModal
from tui.exchange_reports import merge_lines
from tui.keys.bindings import key_binding
from tui.widgets.file_picker import FilePicker


def run_merge(project_path: Path, other: Path, *, dry_run: bool) -> MergeReport:
    """Merge ``other`` into the project at ``project_path`` with a Store of its own."""
    store = Store(project_path)
    try:
        return merge_project(store, other, dry_run=dry_run)
    finally:
        store.close()


class MergeModal(FileTaskModal[MergeReport | None]):
    """Ask for a coder's copy, show a dry run of merging it, and merge it if confirmed.

    Dismisses with the report of the real merge, or None if nothing was merged.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "cancel", _("Cancel"), _("Close"), "merge-cancel"),
    ]

    DEFAULT_CSS = file_task_css("MergeModal", "merge")

    ID_PREFIX = "merge"
    RUN_BUTTON = "merge-check"

    def __init__(self) -> None:
        super().__init__()
        self.other: Path | None = None

    def compose(self) -> ComposeResult:
        folder = self.project_path.resolve().parent
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
                exclude=self.project_path,
                id="picker",
            )
            yield ProgressBar(total=None, show_eta=False, id="merge-progress")
            yield Static("", id="merge-status", markup=False)
            with Horizontal(id="merge-buttons"):
                yield Button(_("Check (dry run)"), id="merge-check", variant="primary")
                yield Button(_("Cancel"), id="merge-cancel-button")

    def start(self) -> None:
        """Run a dry run of merging the chosen copy."""
        if self.busy:
            return
        other = self.chosen_file(_("Type the path of the coder's copy (.suhbat)"))
        if other is None:
            return
        self.other = other
        self.set_busy(True)
        self.show_status(_("Checking {file}…").format(file=other.name))
        self.merge_in_background(other, dry_run=True)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def merge_in_background(self, other: Path, *, dry_run: bool) -> None:
        """Merge (or try merging) in a worker thread with its own Store."""
        try:
            report = run_merge(self.project_path, other, dry_run=dry_run)
        except (SuhbatError, OSError) as error:
            self.app.call_from_thread(self._failed, translate_error(error))
            return
        done = self._previewed if dry_run else self._merged
        self.app.call_from_thread(done, report)

    def _failed(self, message: str) -> None:
        self.set_busy(False)
        self.show_status(message + "\n" + _("Nothing was merged."), error=True)

    def _previewed(self, report: MergeReport) -> None:
        self.set_busy(False)
        self.show_status("")
        name = Path(report.other).name
        if not report.changed:
            self.app.push_screen(ReportModal(_("Nothing to merge"), merge_lines(report)))
            return

        def answered(go: bool | None) -> None:
            if go and self.other is not None:
                self.set_busy(True)
                self.show_status(_("Merging {file}…").format(file=name))
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
        self.set_busy(False)
        app = self.app
        self.dismiss(report)
        app.push_screen(
            ReportModal(
                _("Merged {file}").format(file=Path(report.other).name), merge_lines(report)
            )
        )
