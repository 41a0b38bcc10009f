"""Import a participants, sessions or protocol table (CSV/XLSX) in a background worker."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Protocol, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, LoadingIndicator, Static

from exports.tables import TableKind, TableReport, import_table
from i18n import _, ngettext, translate_error, translate_message
from storage import Store, SuhbatError
from tui.keys.bindings import key_binding


class _HasProjectPath(Protocol):
    project_path: Path


class TableImportModal(ModalScreen[TableReport | None]):
    """Ask for a file and import it into the project in one transaction, off the UI thread.

    Dismisses with the import report, or None when cancelled. A bad row is reported
    inline with its line number and nothing is written.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "cancel", _("Cancel"), _("Close"), "import-cancel"),
    ]

    DEFAULT_CSS = """
    TableImportModal { align: center middle; }
    TableImportModal > Vertical {
        width: 84; height: auto; border: thick $primary 60%; background: $surface; padding: 0 1;
    }
    TableImportModal #import-title { text-style: bold; padding: 0 0 1 0; }
    TableImportModal #import-status { height: auto; }
    TableImportModal #import-status.-error { color: $error; }
    TableImportModal LoadingIndicator { height: 1; display: none; }
    TableImportModal.-busy LoadingIndicator { display: block; }
    TableImportModal Horizontal { height: auto; align-horizontal: right; }
    TableImportModal Button { margin-left: 2; }
    """

    def __init__(self, kind: TableKind, *, title: str, guide: str | None = None) -> None:
        super().__init__()
        self.kind: TableKind = kind
        self.dialog_title = title
        self.guide = guide

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.dialog_title, id="import-title", markup=False)
            yield Label(_("File (CSV or XLSX)"))
            yield Input(placeholder="participants.csv", id="import-path")
            if self.kind == "protocol":
                yield Label(_("Import into a new guide named"))
                yield Input(value=self.guide or "", id="import-guide")
            yield LoadingIndicator()
            yield Static("", id="import-status", markup=False)
            with Horizontal():
                yield Button(_("Import"), id="import-run", variant="primary")
                yield Button(_("Cancel"), id="import-cancel-button")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def action_cancel(self) -> None:
        """Close without importing."""
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start_import()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "import-run":
            self.start_import()
        else:
            self.action_cancel()

    def start_import(self) -> None:
        """Check the path and run the import in a worker."""
        raw = self.query_one("#import-path", Input).value.strip()
        status = self.query_one("#import-status", Static)
        if not raw:
            status.set_class(True, "-error")
            status.update(_("Type the path of a CSV or XLSX file"))
            return
        path = Path(raw).expanduser()
        if not path.is_file():
            status.set_class(True, "-error")
            status.update(_("{path}: no such file").format(path=path))
            return
        guide = None
        if self.kind == "protocol":
            guide = self.query_one("#import-guide", Input).value.strip() or path.stem
        status.set_class(False, "-error")
        status.update(_("Importing {file}…").format(file=path.name))
        self.add_class("-busy")
        self.run_import(cast(_HasProjectPath, self.app).project_path, path, guide)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_import(self, project_path: Path, path: Path, guide: str | None) -> None:
        """Import in a worker thread with its own Store."""
        try:
            store = Store(project_path)
            try:
                report = import_table(store, self.kind, path, guide=guide)
            finally:
                store.close()
        except (SuhbatError, OSError) as error:
            self.app.call_from_thread(self._failed, translate_error(error))
            return
        self.app.call_from_thread(self._done, report)

    def _failed(self, message: str) -> None:
        self.remove_class("-busy")
        status = self.query_one("#import-status", Static)
        status.set_class(True, "-error")
        status.update(message + "\n" + _("Nothing was imported."))

    def _done(self, report: TableReport) -> None:
        self.remove_class("-busy")
        message = ngettext(
            "{file}: {rows} row read, {created} created, {updated} updated",
            "{file}: {rows} rows read, {created} created, {updated} updated",
            report.rows,
        ).format(file=report.file, rows=report.rows, created=report.created, updated=report.updated)
        notes = [translate_message(msgid, params) for msgid, params in report.notes]
        self.app.notify("\n".join([message, *notes]), title=_("Imported"), markup=False)
        self.dismiss(report)
