"""The concordance (keyword in context): every occurrence of a word or its forms.

Type a word (or a query as on the search screen); each occurrence is one row with
its left context, the form found and its right context. X switches between every
form and the exact form typed, S sorts by the text, the left or the right words,
L picks a language, Enter opens the occurrence in its transcript, C and W export
the lines as CSV or Word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from analysis.concordance import ConcordanceLine, concordance, sort_lines
from i18n import _, get_language, ngettext, translate_error
from storage import Store, SuhbatError
from storage.models import Occurrence
from storage.search import exact_query
from tui.cells import clipped_cell
from tui.dialogs.concordance_export_modal import ConcordanceExportModal
from tui.dialogs.confirm_modal import ConfirmModal
from tui.keys.bindings import binding_maker
from tui.keys.screen_commands import ScreenActionsProvider
from tui.models.transcript_model import format_time
from tui.screens.transcript import show_in_transcript
from tui.store_access import app_store

LIMIT = 5_000
"""How many occurrences are listed at most."""

DEBOUNCE_SECONDS = 0.15
"""Pause in typing before the concordance is made."""

MIN_CONTEXT = 10
"""The context columns are never narrower than this."""

MAX_WHERE = 30
"""The "Where" column (session · speaker · time) is cut with "…" past this many cells."""

SORTS = ("text", "left", "right")

_b = binding_maker("concordance")


def sort_name(order: str) -> str:
    """The translated name of a concordance order."""
    return {
        "text": _("as in the text"),
        "left": _("by the left words"),
        "right": _("by the right words"),
    }[order]


class ConcordanceScreen(Screen[None]):
    """The concordance screen (F12; also K on the search screen)."""

    COMMANDS: ClassVar[set[Any]] = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        _b("down", "lines", _("Lines"), _("Go to the concordance lines"), "lines", show=False),
        _b("slash,f,а", "query", _("Query"), _("Go to the word field"), "query"),
        _b(
            "x,ч",
            "toggle_exact",
            _("Forms"),
            _("Every form of the word, or the exact form"),
            "exact",
        ),
        _b(
            "s,ы",
            "next_sort",
            _("Sort"),
            _("Sort by the text, the left or the right words"),
            "sort",
        ),
        _b(
            "l,д,ctrl+l",
            "next_language",
            _("Language"),
            _("All layers or one language"),
            "lang",
        ),
        _b("c,с", "export('csv')", _("CSV"), _("Export the lines as CSV"), "csv"),
        _b("w,ц", "export('docx')", _("Word"), _("Export the lines as a Word document"), "docx"),
    ]

    DEFAULT_CSS = """
    ConcordanceScreen #concordance-bar { height: auto; }
    ConcordanceScreen #concordance-query { width: 1fr; }
    ConcordanceScreen #concordance-options {
        width: auto; max-width: 44; height: auto; padding: 0 1; color: $text-muted;
    }
    ConcordanceScreen #concordance-status { height: 1; padding: 0 1; background: $boost; }
    ConcordanceScreen #concordance-lines { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.occurrences: list[Occurrence] = []
        self.lines: list[ConcordanceLine] = []
        self.exact = False
        self.order = "text"
        self.language: str | None = None
        self._timer: Timer | None = None
        self._message = ""

    @property
    def store(self) -> Store:
        """The app's Store."""
        return app_store(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="concordance-bar"):
            yield Input(placeholder=_("Concordance of a word or its forms"), id="concordance-query")
            yield Static("", id="concordance-options", markup=False)
        yield Static("", id="concordance-status", markup=False)
        yield DataTable(id="concordance-lines", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self._update_options()
        self._fill()
        self.query_one("#concordance-query", Input).focus()

    def retranslate(self) -> None:
        """Redraw in the current UI language."""
        self._update_options()
        self._fill()

    def show_word(self, query: str) -> None:
        """Make the concordance of ``query`` now (used by the search screen)."""
        self.query_one("#concordance-query", Input).value = query
        self.run_concordance()

    # -- making the lines ----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self.run_concordance)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_concordance()
        self.action_lines()

    def query_text(self) -> str:
        """The query the concordance runs: the field's text, quoted for the exact form."""
        text = self.query_one("#concordance-query", Input).value.strip()
        return exact_query(text) if self.exact and text else text

    def run_concordance(self) -> None:
        """Find every occurrence of the word in the field now."""
        query = self.query_text()
        self._message = ""
        self.occurrences = []
        if query:
            try:
                self.occurrences = self.store.search.occurrences(
                    query, language=self.language, limit=LIMIT
                )
            except SuhbatError as error:
                self._message = translate_error(error)
        self._fill()

    def on_resize(self) -> None:
        """Fit the context columns to the new width."""
        if self.is_mounted and self.occurrences:
            self._fill()

    def _context_width(self, where: list[str]) -> int:
        width = self.size.width or self.app.size.width
        keyword = max((cell_len(o.matched) for o in self.occurrences), default=0)
        keyword = max(keyword, cell_len(_("Keyword")))
        place = max((cell_len(w) for w in where), default=0)
        place = min(MAX_WHERE, max(place, cell_len(_("Where"))))
        room = width - keyword - place - 2 - 4 * 2
        return max(MIN_CONTEXT, room // 2)

    def _fill(self) -> None:
        table = self.query_one("#concordance-lines", DataTable)
        table.clear(columns=True)
        where = [
            " · ".join(
                x for x in (o.session_title, o.speaker, format_time(o.start_ms).strip()) if x
            )
            for o in self.occurrences
        ]
        width = self._context_width(where)
        self.lines = sort_lines(concordance(self.occurrences, width), self.order)
        places = {id(o): w for o, w in zip(self.occurrences, where, strict=True)}
        table.add_column(_("Left context"), key="left", width=width)
        table.add_column(_("Keyword"), key="keyword")
        table.add_column(_("Right context"), key="right", width=width)
        table.add_column(
            _("Where"),
            key="where",
            width=min(MAX_WHERE, max(map(cell_len, where), default=0)) or None,
        )
        for index, line in enumerate(self.lines):
            table.add_row(
                Text(line.left, justify="right", no_wrap=True, overflow="ellipsis"),
                Text(line.keyword, style="bold"),
                Text(line.right, no_wrap=True, overflow="ellipsis"),
                clipped_cell(places[id(line.occurrence)]),
                key=str(index),
            )
        self._update_status()

    def _update_status(self) -> None:
        if self._message:
            text = self._message
        elif not self.lines:
            text = _("Type a word to see it in context")
            if self.query_one("#concordance-query", Input).value.strip():
                text = _("No hits")
        else:
            text = ngettext("{count} occurrence", "{count} occurrences", len(self.lines)).format(
                count=len(self.lines)
            )
            if len(self.lines) >= LIMIT:
                text += " " + _("(the first {limit})").format(limit=LIMIT)
        self.query_one("#concordance-status", Static).update(text)

    def _update_options(self) -> None:
        forms = _("exact form") if self.exact else _("every form")
        language = self.language or _("all languages")
        self.query_one("#concordance-options", Static).update(
            f"{forms} · {language}\n{_('Sort')}: {sort_name(self.order)}"
        )

    # -- actions -------------------------------------------------------------------------

    def action_lines(self) -> None:
        """Move to the lines."""
        table = self.query_one("#concordance-lines", DataTable)
        if table.row_count:
            table.focus()

    def action_query(self) -> None:
        """Move to the word field."""
        self.query_one("#concordance-query", Input).focus()

    def action_toggle_exact(self) -> None:
        """Every form of the word, or only the form typed."""
        self.exact = not self.exact
        self._update_options()
        self.run_concordance()

    def action_next_sort(self) -> None:
        """Sort as in the text, by the left words or by the right words."""
        self.order = SORTS[(SORTS.index(self.order) + 1) % len(SORTS)]
        self._update_options()
        self._fill()

    def action_next_language(self) -> None:
        """Every layer, or only one language."""
        languages: list[str | None] = [None, *self.store.project().languages]
        index = languages.index(self.language) if self.language in languages else 0
        self.language = languages[(index + 1) % len(languages)]
        self._update_options()
        self.run_concordance()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key is None:
            return
        o = self.lines[int(key)].occurrence
        await show_in_transcript(self.app, o.transcript_id, o.layer_id, o.start, o.end)

    def action_export(self, file_format: str) -> None:
        """Ask for a file and write the lines as shown (CSV or Word)."""
        if not self.lines:
            self.notify(_("There are no lines to export yet."), severity="warning", markup=False)
            return
        from exports.file_names import safe_file_stem

        project: Path = getattr(self.app, "project_path", Path("concordance"))
        word = self.query_one("#concordance-query", Input).value.strip()
        stem = safe_file_stem(f"{project.stem}-concordance-{word}")
        default = project.parent / f"{stem}.{file_format}"
        lines = list(self.lines)

        def write(path: Path) -> None:
            self.run_export(lines, word, path, file_format, get_language())

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if not path.exists():
                write(path)
                return

            def answered(yes: bool | None) -> None:
                if yes:
                    write(path)

            question = _("{path} already exists. Replace it?").format(path=path)
            self.app.push_screen(ConfirmModal(question, yes=_("Replace")), answered)

        self.app.push_screen(ConcordanceExportModal(default, file_format), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="concordance-export")
    def run_export(
        self, lines: list[ConcordanceLine], word: str, path: Path, file_format: str, language: str
    ) -> None:
        """Write the file in a worker thread."""
        from exports.concordance_files import write_concordance_csv, write_concordance_docx

        try:
            if file_format == "csv":
                write_concordance_csv(lines, word, path, language=language)
            else:
                write_concordance_docx(lines, word, path, language=language)
        except (SuhbatError, OSError) as error:
            self.app.call_from_thread(
                self.notify,
                translate_error(error),
                title=_("Export failed"),
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(
            self.notify, _("Wrote {path}").format(path=path), title=_("Exported"), markup=False
        )
