"""Export: pick what to export and where; the file is written in a background worker.

Word transcripts (codings as comments or highlights, one file or one per
transcript), the codebook, the study report, every table as an Excel
workbook or CSV files, and REFI-QDA files (a QDPX project or a QDC codebook) for
other QDA tools. People appear under their pseudonyms unless "real names"
is ticked (REFI-QDA files never hold real names). An existing file (or a folder that
already holds files) is replaced only after the user confirms it. A redaction list (a file, see
:mod:`exports.redaction`) replaces what it names, and participants' real names, in
every exported text, with its report written beside the export. Progress shows in a
bar; errors are shown on the screen and leave any earlier file in place.

The screen also opens the Import dialog (transcripts and REFI-QDA files) and the
merge of a coder's copy (:mod:`tui.dialogs.import_modal`, :mod:`tui.dialogs.merge_modal`).

A little over 500 lines: every export kind's options live on this one form; the jobs are
:mod:`tui.models.export_jobs`.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Protocol, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    ContentSwitcher,
    Header,
    Input,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
)

from exports.overwrite import export_outputs, taken_outputs
from exports.report_options import SECTION_TITLES, SECTIONS
from exports.table_catalog import TABLES, table_names
from i18n import LANGUAGES, N_, _, get_language, translate_error
from i18n.formatting import language_name
from storage import Store, SuhbatError
from tui.dialogs.confirm_modal import ConfirmModal
from tui.exchange_commands import open_import, open_merge
from tui.keys.bindings import key_binding
from tui.keys.screen_commands import ScreenActionsProvider
from tui.models.export_jobs import (
    EXPORT_KINDS,
    REFI_KINDS,
    ExportJob,
    ExportKind,
    ExportResult,
    default_name,
    run_export,
)
from tui.models.form_state import FormState, capture_form, restore_form
from tui.store_access import app_store
from tui.widgets.stable_footer import StableFooter

KIND_LABELS: dict[ExportKind, str] = {
    "transcripts": N_("Transcripts (Word)"),
    "codebook": N_("Codebook (Word)"),
    "report": N_("Study report (Word)"),
    "xlsx": N_("Tables (Excel workbook)"),
    "csv": N_("Tables (CSV files)"),
    "qdpx": N_("REFI-QDA project (.qdpx)"),
    "qdc": N_("REFI-QDA codebook (.qdc)"),
}
OPTION_PANES: dict[ExportKind, str] = {
    "transcripts": "opt-transcripts",
    "codebook": "opt-codebook",
    "report": "opt-report",
    "xlsx": "opt-tables",
    "csv": "opt-tables",
    "qdpx": "opt-qdpx",
    "qdc": "opt-qdc",
}
CODES_AS = (
    ("comments", N_("Codings as Word comments")),
    ("highlight", N_("Codings as highlights with a legend")),
    ("none", N_("Without codings")),
)


class _HasProjectPath(Protocol):
    project_path: Path


class ExportScreen(Screen[None]):
    """Choose an export, its options and its file, then write it with a progress bar."""

    COMMANDS = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("x,ч", "export", _("Export"), _("Write the export"), "export-run"),
        key_binding(
            "t,е",
            "kind('transcripts')",
            _("Transcripts"),
            _("Export transcripts as Word documents"),
            "export-kind-transcripts",
        ),
        key_binding(
            "c,с",
            "kind('codebook')",
            _("Codebook"),
            _("Export the codebook as a Word document"),
            "export-kind-codebook",
        ),
        key_binding(
            "r,к",
            "kind('report')",
            _("Report"),
            _("Export a study report as a Word document"),
            "export-kind-report",
        ),
        key_binding(
            "w,ц",
            "kind('xlsx')",
            _("Excel"),
            _("Export every table to one Excel workbook"),
            "export-kind-xlsx",
        ),
        key_binding(
            "v,м", "kind('csv')", _("CSV"), _("Export every table as CSV files"), "export-kind-csv"
        ),
        key_binding(
            "p,з",
            "kind('qdpx')",
            _("QDPX"),
            _("Export the project as REFI-QDA (NVivo, ATLAS.ti, MAXQDA, QualCoder)"),
            "export-kind-qdpx",
            show=False,
        ),
        key_binding(
            "q,й",
            "kind('qdc')",
            _("QDC"),
            _("Export the codebook as a REFI-QDA codebook"),
            "export-kind-qdc",
            show=False,
        ),
        key_binding(
            "i,ш",
            "import_file",
            _("Import"),
            _("Import a transcript or a REFI-QDA file (QDPX, QDC) into this project"),
            "export-import",
            show=False,
        ),
        key_binding(
            "m,ь",
            "merge_copy",
            _("Merge"),
            _("Merge a coder's copy of this project into it"),
            "export-merge",
            show=False,
        ),
        key_binding(
            "d,в",
            "suggest_redactions",
            _("Suggest redactions"),
            _(
                "Review names, places and organisations found in the transcripts and add "
                "the accepted ones to the redaction list"
            ),
            "export-suggest-redactions",
            show=False,
        ),
    ]

    DEFAULT_CSS = """
    ExportScreen #export-body { height: 1fr; }
    ExportScreen #export-left { width: 44; padding: 0 1; }
    ExportScreen #export-right { width: 1fr; padding: 0 1; }
    ExportScreen .caption { text-style: bold; padding: 1 0 0 0; }
    ExportScreen RadioSet { width: 100%; }
    ExportScreen SelectionList { height: auto; max-height: 14; }
    ExportScreen ContentSwitcher { height: auto; }
    ExportScreen ContentSwitcher > Vertical { height: auto; }
    ExportScreen #export-actions { height: auto; padding: 1 0 0 0; }
    ExportScreen ProgressBar { margin: 1 0 0 2; display: none; }
    ExportScreen ProgressBar.-shown { display: block; }
    ExportScreen #export-status { height: auto; padding: 0 1; }
    ExportScreen #export-status.-error { color: $error; }
    ExportScreen .hint { color: $text-muted; padding: 1 0 0 0; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.kind: ExportKind = "transcripts"
        self.busy = False
        self.document_language: str | None = None
        """The document language the user picked (None: follow the UI language)."""
        self._shown_language = get_language()

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        store = app_store(self)
        project = cast(_HasProjectPath, self.app).project_path
        language = get_language()
        self._shown_language = self.document_language or language
        yield Header()
        with Horizontal(id="export-body"):
            with VerticalScroll(id="export-left"):
                yield Static(_("What to export"), classes="caption")
                with RadioSet(id="export-kind"):
                    for kind in EXPORT_KINDS:
                        yield RadioButton(
                            _(KIND_LABELS[kind]), value=kind == self.kind, id=f"kind-{kind}"
                        )
                yield Static(_("Document language"), classes="caption")
                yield Select(
                    [(language_name(lang, language=language), lang) for lang in LANGUAGES],
                    value=self._shown_language,
                    allow_blank=False,
                    id="export-language",
                )
                yield Checkbox(_("Real names, not pseudonyms"), value=False, id="export-real-names")
                yield Static(_("Redaction list (optional)"), classes="caption")
                yield Input(
                    placeholder=_("names, places, organisations"),
                    tooltip=_(
                        "Replace what the list names (and real names) in the exported text;"
                        " a report of what was replaced is written beside the export"
                    ),
                    id="export-redact",
                )
            with VerticalScroll(id="export-right"):
                yield Static(_("Options"), classes="caption")
                with ContentSwitcher(initial=OPTION_PANES[self.kind], id="export-options"):
                    with Vertical(id="opt-transcripts"):
                        yield Label(_("Transcripts"))
                        sessions = {s.id: s.title for s in store.sessions.all()}
                        yield SelectionList[int](
                            *[
                                (
                                    Content(f"{sessions.get(t.session_id, '')} · {t.title}"),
                                    t.id,
                                    True,
                                )
                                for t in store.transcripts.all()
                            ],
                            id="export-transcripts",
                        )
                        yield Label(_("Layers (languages, e.g. ru,en; empty: all)"))
                        yield Input(placeholder="ru,en", id="export-layers")
                        with RadioSet(id="export-codes"):
                            for value, label in CODES_AS:
                                yield RadioButton(
                                    _(label), value=value == "comments", id=f"codes-{value}"
                                )
                        yield Checkbox(_("One file per transcript"), id="export-each")
                    with Vertical(id="opt-codebook"):
                        yield Label(_("Code names in (e.g. en,ru,kk; empty: all)"))
                        yield Input(placeholder="en,ru,kk", id="export-names-in")
                        yield Checkbox(_("Frequencies"), value=True, id="export-frequencies")
                    with Vertical(id="opt-report"):
                        yield Label(_("Sections"))
                        yield SelectionList[str](
                            *[(_(SECTION_TITLES[s]), s, True) for s in SECTIONS],
                            id="export-sections",
                        )
                    with Vertical(id="opt-tables"):
                        yield Label(_("Tables"))
                        yield SelectionList[str](
                            *[(_(TABLES[name][0]), name, True) for name in table_names()],
                            id="export-tables",
                        )
                    with Vertical(id="opt-qdpx"):
                        yield Checkbox(
                            _("Include attributes marked sensitive"),
                            value=False,
                            id="export-sensitive",
                        )
                        yield Static(
                            _(
                                "Codes, coders, participants (as cases, under their pseudonyms),"
                                " transcripts with their codings, and memos. Real names are"
                                " never exported."
                            ),
                            classes="hint",
                        )
                    with Vertical(id="opt-qdc"):
                        yield Static(
                            _(
                                "The code tree with descriptions and colours, for NVivo,"
                                " ATLAS.ti, MAXQDA or QualCoder."
                            ),
                            classes="hint",
                        )
                yield Label(_("Save to"), classes="caption")
                folder = project.resolve().parent
                yield Input(str(folder / default_name(project, self.kind)), id="export-out")
                with Horizontal(id="export-actions"):
                    yield Button(_("Export"), id="export-button", variant="primary")
                    yield ProgressBar(total=1, show_eta=False, id="export-progress")
                yield Static("", id="export-status", markup=False)
        yield StableFooter()

    def retranslate(self) -> None:
        """Redraw every label in the current UI language (choices and typed text are kept)."""
        kind = self.kind
        form = capture_form(self)
        # The document language is composed anew: the user's pick, else the new UI language.
        form.choices.pop("export-language", None)
        self.refresh(recompose=True)
        self.call_after_refresh(self._restore, kind, form)

    def _restore(self, kind: ExportKind, form: FormState) -> None:
        self.action_kind(kind)
        restore_form(self, form)

    # -- choosing ----------------------------------------------------------------------

    def action_kind(self, kind: str) -> None:
        """Switch to another kind of export and suggest a file name for it."""
        if kind not in EXPORT_KINDS:
            return
        if kind != self.kind and not self.busy:
            self._status("")  # the last result belongs to the kind shown before
        self.kind = kind
        self.query_one(f"#kind-{kind}", RadioButton).value = True
        self.query_one("#export-options", ContentSwitcher).current = OPTION_PANES[self.kind]
        refi = self.kind in REFI_KINDS
        self.query_one("#export-language", Select).disabled = refi
        self.query_one("#export-real-names", Checkbox).disabled = refi
        self._suggest_name()

    def _suggest_name(self) -> None:
        project = cast(_HasProjectPath, self.app).project_path
        field = self.query_one("#export-out", Input)
        folder = (
            Path(field.value).expanduser().parent
            if field.value.strip()
            else project.resolve().parent
        )
        each = self.query_one("#export-each", Checkbox).value
        field.value = str(folder / default_name(project, self.kind, each))

    @on(RadioSet.Changed, "#export-kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        button_id = event.pressed.id or ""
        kind = button_id.removeprefix("kind-")
        if kind != self.kind:
            self.action_kind(kind)

    @on(Select.Changed, "#export-language")
    def _language_changed(self, event: Select.Changed) -> None:
        # The screen only ever sets the value it shows; any other value is the user's pick.
        if isinstance(event.value, str) and event.value != self._shown_language:
            self.document_language = event.value
            self._shown_language = event.value

    @on(Checkbox.Changed, "#export-each")
    def _each_changed(self) -> None:
        self._suggest_name()

    # -- running -----------------------------------------------------------------------

    @on(Button.Pressed, "#export-button")
    def _pressed(self) -> None:
        self.action_export()

    def job(self) -> ExportJob | None:
        """The export the screen describes, or None (with a message) when it is incomplete."""
        raw = self.query_one("#export-out", Input).value.strip()
        if not raw:
            self._status(_("Type where to save the export"), error=True)
            return None
        language = self.query_one("#export-language", Select).value
        codes = self.query_one("#export-codes", RadioSet).pressed_button
        job = ExportJob(
            kind=self.kind,
            out=Path(raw).expanduser(),
            language=language if isinstance(language, str) else get_language(),
            real_names=self.query_one("#export-real-names", Checkbox).value,
            transcript_ids=tuple(self.query_one("#export-transcripts", SelectionList).selected),
            layers=_languages(self.query_one("#export-layers", Input).value),
            codes_as=(codes.id or "codes-comments").removeprefix("codes-")  # type: ignore[arg-type]
            if codes is not None
            else "comments",
            one_per_transcript=self.query_one("#export-each", Checkbox).value,
            names_in=_languages(self.query_one("#export-names-in", Input).value),
            frequencies=self.query_one("#export-frequencies", Checkbox).value,
            sections=tuple(self.query_one("#export-sections", SelectionList).selected),
            tables=tuple(self.query_one("#export-tables", SelectionList).selected),
            include_sensitive=self.query_one("#export-sensitive", Checkbox).value,
            redaction=_optional_path(self.query_one("#export-redact", Input).value),
        )
        empty = {
            "transcripts": (job.transcript_ids, _("Tick at least one transcript")),
            "report": (job.sections, _("Tick at least one section")),
            "xlsx": (job.tables, _("Tick at least one table")),
            "csv": (job.tables, _("Tick at least one table")),
        }
        if job.kind in empty and not empty[job.kind][0]:
            self._status(empty[job.kind][1], error=True)
            return None
        return job

    def action_export(self) -> None:
        """Write the chosen export in a background worker."""
        if self.busy:
            return
        job = self.job()
        if job is None:
            return
        taken = taken_outputs(export_outputs(job.out, redacted=job.redaction is not None))
        if not taken:
            self._start(job)
            return
        if taken[0].is_dir():
            question = _("The folder {path} already holds files. Write the export into it?")
        else:
            question = _("{path} already exists. Replace it?")

        def answered(yes: bool | None) -> None:
            if yes:
                self._start(job)
            else:
                self._status(_("Nothing was written."))

        self.app.push_screen(
            ConfirmModal(question.format(path=taken[0]), yes=_("Replace")), answered
        )

    def _start(self, job: ExportJob) -> None:
        if self.busy:
            return
        self.busy = True
        self.query_one("#export-button", Button).disabled = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.add_class("-shown")
        bar.update(total=None, progress=0)
        self._status(_("Exporting to {path}…").format(path=job.out))
        self.run_job(cast(_HasProjectPath, self.app).project_path, job)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_job(self, project_path: Path, job: ExportJob) -> None:
        """Run the export with its own Store, reporting progress to the bar."""

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            store = Store(project_path)
            try:
                result = run_export(store, job, progress)
            finally:
                store.close()
        except (SuhbatError, OSError, ValueError) as error:
            self.app.call_from_thread(self._failed, translate_error(error))
            return
        self.app.call_from_thread(self._done, result)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.query_one("#export-button", Button).disabled = False
        self.query_one("#export-progress", ProgressBar).update(total=1, progress=0)
        self._status(message + "\n" + _("Nothing was written."), error=True)

    def _done(self, result: ExportResult) -> None:
        self.busy = False
        self.query_one("#export-button", Button).disabled = False
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=1, progress=1)
        lines = "\n".join(str(p) for p in result.files)
        warnings = "".join("\n" + _("note: ") + w for w in result.warnings)
        self._status(_("Wrote:") + "\n" + lines + warnings)
        self.app.notify(lines, title=_("Export finished"), markup=False)

    # -- importing and merging ----------------------------------------------------------

    def action_import_file(self) -> None:
        """Open the Import dialog (transcripts and REFI-QDA files)."""
        open_import(self.app)

    def action_suggest_redactions(self) -> None:
        """Review redaction suggestions; the list written becomes this export's list."""
        from tui.screens.redaction_review import RedactionReviewScreen

        field = self.query_one("#export-redact", Input)
        given = _optional_path(field.value)

        def written(path: Path | None) -> None:
            if path is not None:
                field.value = str(path)

        self.app.push_screen(RedactionReviewScreen(given), written)

    def action_merge_copy(self) -> None:
        """Open the dialog that merges a coder's copy into this project."""
        open_merge(self.app)

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.set_class(error, "-error")
        status.update(text)


def _languages(value: str) -> tuple[str, ...]:
    return tuple(v.strip().lower() for v in value.replace(";", ",").split(",") if v.strip())


def _optional_path(value: str) -> Path | None:
    return Path(value.strip()).expanduser() if value.strip() else None
