"""Import a transcript or a REFI-QDA file (QDPX, QDE, QDC) into the project.

A ``.qdpx``, ``.qdc`` or ``.qde`` is read as REFI-QDA (or refused), other files as
transcripts unless a ``.zip`` or ``.xml`` holds REFI-QDA
(:func:`exports.refi.imports_as_refi`), as ``suhbat import`` does. The import runs in
a worker thread with its own Store and in one transaction: a file that cannot be read
changes nothing. What was brought in (counts, warnings, notes) is shown in a report
dialog afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static

from exports.refi import import_refi, imports_as_refi
from exports.transcript_import import import_transcript, import_translation
from i18n import _, translate_error
from storage import Store, SuhbatError
from tui.dialogs.file_task_modal import FileTaskModal, file_task_css
from tui.dialogs.report_modal import ReportModal
from tui.exchange_reports import refi_import_lines, transcript_import_lines
from tui.keys.bindings import key_binding
from tui.store_access import app_store
from tui.widgets.file_picker import FilePicker

IMPORT_SUFFIXES = (".txt", ".md", ".vtt", ".srt", ".docx", ".eaf", ".qdpx", ".qdc", ".qde")
"""What the folder browser lists (see :func:`exports.refi.imports_as_refi`)."""


@dataclass(frozen=True)
class ImportRequest:
    """A file to import, with the options that apply to transcripts."""

    path: Path
    session: str | None = None
    language: str | None = None
    replace: bool = False
    translation_of: str | None = None


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the file, whether it was REFI-QDA, and the report's lines."""

    file: str
    refi: bool
    lines: list[str]


def run_import(project_path: Path, request: ImportRequest) -> ImportOutcome:
    """Import ``request`` into the project at ``project_path`` with a Store of its own."""
    store = Store(project_path)
    try:
        if imports_as_refi(request.path):
            refi = import_refi(store, request.path)
            return ImportOutcome(request.path.name, True, refi_import_lines(refi))
        if request.translation_of:
            report = import_translation(
                store,
                request.path,
                request.translation_of,
                language=request.language,
                replace=request.replace,
            )
        else:
            report = import_transcript(
                store,
                request.path,
                session=request.session,
                language=request.language,
                replace=request.replace,
            )
        return ImportOutcome(request.path.name, False, transcript_import_lines(report))
    finally:
        store.close()


class ImportModal(FileTaskModal[ImportOutcome | None]):
    """Ask for a file, import it off the UI thread, then show what was imported.

    Dismisses with the outcome (and opens a :class:`ReportModal` with it), or with
    None when cancelled. Errors are shown in the dialog; nothing is written then.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "cancel", _("Cancel"), _("Close"), "import-file-cancel"),
    ]

    DEFAULT_CSS = file_task_css(
        "ImportModal",
        "import-file",
        extra="""
        ImportModal .caption { padding: 1 0 0 0; }
        ImportModal #import-file-options { height: auto; }
        ImportModal #import-file-options Input { width: 1fr; }
        """,
    )

    ID_PREFIX = "import-file"
    RUN_BUTTON = "import-file-run"

    def compose(self) -> ComposeResult:
        folder = self.project_path.resolve().parent
        with Vertical():
            yield Static(_("Import into this project"), id="import-file-title")
            yield Static(
                _(
                    "A transcript (txt, md, vtt, srt, docx, eaf) or a REFI-QDA file "
                    "(qdpx, qdc, qde):"
                    " type its path or choose it below"
                )
            )
            yield FilePicker(folder, IMPORT_SUFFIXES, placeholder="interview.docx", id="picker")
            yield Label(_("For transcripts (leave empty to take them from the file):"))
            with Horizontal(id="import-file-options"):
                yield Input(placeholder=_("Session title"), id="import-file-session")
                yield Input(placeholder=_("Language, e.g. ru"), id="import-file-language")
            titles = [t.title for t in app_store(self).transcripts.all()]
            yield Input(
                placeholder=_("Translation of (a transcript's title; empty: a new transcript)"),
                suggester=SuggestFromList(titles, case_sensitive=False) if titles else None,
                id="import-file-translation-of",
            )
            yield Checkbox(
                _("Replace the text of a transcript of the same name (codings follow the text)"),
                id="import-file-replace",
            )
            yield ProgressBar(total=None, show_eta=False, id="import-file-progress")
            yield Static("", id="import-file-status", markup=False)
            with Horizontal(id="import-file-buttons"):
                yield Button(_("Import"), id="import-file-run", variant="primary")
                yield Button(_("Cancel"), id="import-file-cancel-button")

    def request(self) -> ImportRequest | None:
        """The import the dialog describes, or None (with a message) if the path is wrong."""
        path = self.chosen_file(_("Type the path of a file to import"))
        if path is None:
            return None
        session = self.query_one("#import-file-session", Input).value.strip()
        language = self.query_one("#import-file-language", Input).value.strip().lower()
        original = self.query_one("#import-file-translation-of", Input).value.strip()
        return ImportRequest(
            path,
            session=session or None,
            language=language or None,
            replace=self.query_one("#import-file-replace", Checkbox).value,
            translation_of=original or None,
        )

    def start(self) -> None:
        """Check the path and run the import in a worker."""
        if self.busy:
            return
        request = self.request()
        if request is None:
            return
        self.set_busy(True)
        self.show_status(_("Importing {file}…").format(file=request.path.name))
        self.import_in_background(self.project_path, request)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def import_in_background(self, project_path: Path, request: ImportRequest) -> None:
        """Import in a worker thread with its own Store."""
        try:
            outcome = run_import(project_path, request)
        except SuhbatError as error:
            self.app.call_from_thread(self._failed, translate_error(error))
            return
        except OSError as error:
            self.app.call_from_thread(
                self._failed,
                _("{file}: cannot read ({reason})").format(
                    file=request.path.name, reason=error.strerror or str(error)
                ),
            )
            return
        self.app.call_from_thread(self._done, outcome)

    def _failed(self, message: str) -> None:
        self.set_busy(False)
        self.show_status(message + "\n" + _("Nothing was imported."), error=True)

    def _done(self, outcome: ImportOutcome) -> None:
        self.set_busy(False)
        app = self.app
        self.dismiss(outcome)
        app.push_screen(ReportModal(_("Imported {file}").format(file=outcome.file), outcome.lines))
