"""Analysis: frequencies, crosstabs, co-occurrence, profiles, saturation and agreement.

Choose the table and its options on the left (Tab moves between them); the table is
computed in a worker thread with its own Store and shown on the right with its title,
unit, notes and, for saturation, the verdict. Sort by any column (key or header
click) and export the table as shown to CSV or Excel.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Static

from analysis.table import Table
from exports.study.analysis_request import (
    KIND_TITLES,
    StatsRequest,
    StatsResult,
    compute,
    needs_project,
)
from i18n import _, get_language, ngettext, translate_error, translations
from storage import Store, SuhbatError
from tui.dialogs.confirm_modal import ConfirmModal
from tui.dialogs.table_export_modal import TableExportModal, TableFormat
from tui.keys.bindings import key_binding
from tui.keys.screen_commands import ScreenActionsProvider
from tui.store_access import app_store
from tui.widgets.analysis_options import AnalysisOptions, ProjectChoices
from tui.widgets.stable_footer import StableFooter
from tui.widgets.stats_table import StatsTable

if TYPE_CHECKING:
    from tui.widgets.stats_chart import StatsChart


class _HasProjectPath(Protocol):
    project_path: Path


NARROW_WIDTH = 100
"""Below this many columns the options panel is shown only while it has the focus (K, F
or Tab into it), so that the table has the whole width for its names and numbers."""


class AnalysisScreen(Screen[None]):
    """Statistics over the project as sortable, exportable tables."""

    COMMANDS = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding(
            "r,к",
            "compute",
            _("Recompute"),
            _("Compute the table again from the project file"),
            "analysis-compute",
            show=False,
        ),
        key_binding(
            "s,ы",
            "sort",
            _("Sort"),
            _("Sort by the column under the cursor (again: reverse, then original order)"),
            "analysis-sort",
        ),
        key_binding(
            "e,у",
            "export('csv')",
            _("CSV"),
            _("Export the table as shown to a CSV file"),
            "analysis-export-csv",
        ),
        key_binding(
            "x,ч",
            "export('xlsx')",
            _("Excel"),
            _("Export the table as shown to an Excel workbook"),
            "analysis-export-xlsx",
        ),
        key_binding(
            "n,т",
            "next_table",
            _("Next table"),
            _("Show the next table of this result (agreement gives several)"),
            "analysis-next-table",
        ),
        key_binding(
            "k,л", "choose_kind", _("Kind"), _("Choose which table to compute"), "analysis-kind"
        ),
        key_binding(
            "f,а",
            "focus_filters",
            _("Filters"),
            _("Filter by coder, session kind or participant attribute"),
            "analysis-filters",
        ),
        key_binding(
            "t,е",
            "focus_table",
            _("Table"),
            _("Move to the table (arrows move the cursor; Enter on a header sorts)"),
            "analysis-table",
        ),
        key_binding(
            "g,п",
            "toggle_chart",
            _("Chart"),
            _("Show the table as a chart (frequencies, saturation, crosstab) or back"),
            "analysis-chart",
        ),
        key_binding(
            "w,ц",
            "stop_words",
            _("Stop words"),
            _("Edit the project's stop words for word frequencies"),
            "analysis-stop-words",
            show=False,
        ),
        key_binding(
            "escape",
            "focus_table",
            _("To the table"),
            _("Leave the field and move to the table"),
            "analysis-escape",
            show=False,
        ),
    ]

    DEFAULT_CSS = """
    AnalysisScreen #analysis-body { height: 1fr; }
    AnalysisScreen.-narrow AnalysisOptions { display: none; }
    AnalysisScreen.-narrow.-options AnalysisOptions { display: block; }
    AnalysisScreen #result { width: 1fr; height: 1fr; padding: 0 0 0 1; }
    AnalysisScreen #table-title { text-style: bold; height: auto; }
    AnalysisScreen #table-unit { color: $text-muted; height: auto; }
    AnalysisScreen #verdict { height: auto; color: $success; }
    AnalysisScreen #verdict.-not-reached { color: $warning; }
    AnalysisScreen #verdict.-empty { display: none; }
    AnalysisScreen StatsTable { height: 1fr; }
    AnalysisScreen StatsChart { display: none; }
    AnalysisScreen.-chart StatsChart { display: block; }
    AnalysisScreen.-chart StatsTable { display: none; }
    AnalysisScreen #notes-box { height: auto; max-height: 8; border-top: solid $primary 30%; }
    AnalysisScreen #notes { color: $text-muted; height: auto; }
    AnalysisScreen #status { height: 1; color: $text-muted; }
    AnalysisScreen #status.-error { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.result: StatsResult | None = None
        self.table_index = 0
        self.generation = 0
        self.last_request: StatsRequest | None = None
        self.stale = False
        self.data_seen = -1
        self.keep_table_index = False
        self.chart_shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="analysis-body"):
            yield AnalysisOptions(self._choices(), id="options")
            with Vertical(id="result"):
                yield Static("", id="table-title", markup=False)
                yield Static("", id="table-unit", markup=False)
                yield Static("", id="verdict", markup=False, classes="-empty")
                yield StatsTable(id="stats")
                with VerticalScroll(id="notes-box"):
                    yield Static("", id="notes", markup=False)
                yield Static("", id="status", markup=False)
        yield StableFooter()

    def on_mount(self) -> None:
        self.compute()
        if self.app.size.width < NARROW_WIDTH:
            self.set_class(True, "-narrow")
            self.query_one(StatsTable).focus()

    def on_resize(self) -> None:
        """Below :data:`NARROW_WIDTH` columns the options give the table their width."""
        self._fit_options()

    def on_descendant_focus(self) -> None:
        """Show the options (on a narrow screen) while one of them has the focus."""
        self._fit_options()

    def _fit_options(self) -> None:
        """Narrow (below :data:`NARROW_WIDTH`) and, if so, whether the options are shown.

        ``-options`` is kept off on a wide screen, where the options are always shown: a
        class change restyles the whole screen, and focus moves often.
        """
        narrow = self.app.size.width < NARROW_WIDTH
        focused = self.focused
        options = self.query_one(AnalysisOptions)
        shown = narrow and focused is not None and options in focused.ancestors_with_self
        self.update_classes({"-narrow": narrow, "-options": shown})

    def _open_options(self, control_id: str) -> None:
        """Show the options and focus one of them."""
        self.set_class(True, "-options")
        control = self.query_one(f"#{control_id}")
        self.call_after_refresh(control.focus)

    def on_screen_suspend(self) -> None:
        # Another screen (not one of this screen's dialogs) may change the project.
        # So may a dialog's background worker (an import, a merge): its Store's commits
        # move the app Store's data version.
        self.stale = not isinstance(self.app.screen, ModalScreen)
        self.data_seen = app_store(self).change_stamp()[1]

    def on_screen_resume(self) -> None:
        changed = app_store(self).change_stamp()[1] != self.data_seen
        if self.result is not None and (self.stale or changed):
            self.stale = False
            self.action_compute()

    def _choices(self) -> ProjectChoices:
        store = app_store(self)
        return ProjectChoices(
            attributes=tuple(a.name for a in store.participants.attributes() if not a.sensitive),
            coders=tuple(c.name for c in store.coders.all()),
            languages=store.project().languages,
        )

    def retranslate(self) -> None:
        """Show captions, choices and the table in the current language.

        The table's own words (title, columns, notes) are made when it is computed,
        so the shown table is computed again in the new language.
        """
        self.query_one(AnalysisOptions).retranslate()
        self._show_current()
        if self.result is not None:
            self.compute(force=True, keep_index=True)

    # -------------------------------------------------------------- computing
    def on_analysis_options_changed(self, event: AnalysisOptions.Changed) -> None:
        event.stop()
        self.compute()

    def action_compute(self) -> None:
        """Reload the project's choices and compute the table again."""
        self.query_one(AnalysisOptions).set_choices(self._choices())
        self.compute(force=True)

    def compute(self, *, force: bool = False, keep_index: bool = False) -> None:
        """Start computing the chosen table unless it is already shown (or ``force``).

        ``keep_index`` shows the same table of a several-table result afterwards.
        """
        try:
            request = self.query_one(AnalysisOptions).request()
        except SuhbatError as error:
            self._set_status(translate_error(error), error=True)
            return
        if request == self.last_request and not force:
            return
        self.last_request = request
        self.keep_table_index = keep_index
        self.generation += 1
        self._set_status(_("Computing…"))
        project = cast(_HasProjectPath, self.app).project_path
        self.run_compute(project, request, get_language(), self.generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-compute")
    def run_compute(
        self, project: Path, request: StatsRequest, language: str, generation: int
    ) -> None:
        """Compute in a worker thread with its own Store."""
        try:
            store = Store(project) if needs_project(request) else None
            try:
                result = compute(store, request, language=language, tr=translations(language))
            finally:
                if store is not None:
                    store.close()
        except SuhbatError as error:
            self.app.call_from_thread(self._failed, generation, translate_error(error))
            return
        except (ValueError, OSError) as error:
            self.app.call_from_thread(self._failed, generation, str(error))
            return
        self.app.call_from_thread(self._done, generation, result)

    def _failed(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self.last_request = None
        self.result = None
        table = self.query_one(StatsTable)
        table.clear(columns=True)
        table.table = None
        kind = self.query_one(AnalysisOptions).kind
        self.query_one("#table-title", Static).update(_(KIND_TITLES[kind]))
        self.query_one("#table-unit", Static).update("")
        self._set_verdict([])
        self.query_one("#notes", Static).update("")
        self._set_status(message, error=True)

    def _done(self, generation: int, result: StatsResult) -> None:
        if generation != self.generation:
            return
        self.result = result
        if not self.keep_table_index:
            self.table_index = 0
        self.keep_table_index = False
        self._show_current()

    # ---------------------------------------------------------------- showing
    def _show_current(self) -> None:
        result = self.result
        if result is None or not result.tables:
            return
        self.table_index %= len(result.tables)
        table = result.tables[self.table_index]
        self.query_one(StatsTable).show(table)
        title = table.title
        if len(result.tables) > 1:
            title += "  " + _("(table {n} of {total}: N shows the next)").format(
                n=self.table_index + 1, total=len(result.tables)
            )
        self.query_one("#table-title", Static).update(title)
        unit = _("Unit: {unit}").format(unit=table.unit)
        if table.uncoded_text_counts is not None:
            unit += " · " + (
                _("uncoded text counts")
                if table.uncoded_text_counts
                else _("uncoded text does not count")
            )
        self.query_one("#table-unit", Static).update(unit)
        self._set_verdict(result.sentences())
        outcomes = result.saturation.outcomes if result.saturation is not None else ()
        self.query_one("#verdict", Static).set_class(
            any(not o.reached for o in outcomes), "-not-reached"
        )
        self.query_one("#notes", Static).update("\n".join(f"• {n}" for n in table.notes))
        self._set_status(self._summary(table))
        if self.chart_shown:
            self._draw_chart()

    def _chart(self) -> StatsChart:
        """The chart, added on first use (its plotting library loads then)."""
        from tui.widgets.stats_chart import StatsChart

        for chart in self.query(StatsChart):
            return chart
        chart = StatsChart(id="chart")
        self.query_one("#result").mount(chart, after=self.query_one(StatsTable))
        return chart

    def _draw_chart(self) -> None:
        """Draw the shown table's chart from the table's own numbers."""
        from analysis.charts import chart_for_table

        table = self.query_one(StatsTable).shown()
        result = self.result
        chart = None
        if table is not None and result is not None:
            sat = result.saturation
            chart = chart_for_table(
                table,
                threshold=sat.outcomes[0].threshold if sat and sat.outcomes else None,
                base_total=sat.base_total if sat else 0,
                tr=translations(get_language()),
            )
        self._chart().show(chart)

    def _summary(self, table: Table) -> str:
        return ngettext(
            "{rows} row · S sorts by the cursor column · E/X export",
            "{rows} rows · S sorts by the cursor column · E/X export",
            len(table.rows),
        ).format(rows=len(table.rows))

    def _set_verdict(self, sentences: list[str]) -> None:
        verdict = self.query_one("#verdict", Static)
        verdict.update("\n".join(sentences))
        verdict.set_class(not sentences, "-empty")

    def _set_status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(message)
        status.set_class(error, "-error")

    # ---------------------------------------------------------------- actions
    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a cell of a code table: list the coded passages behind that number."""
        event.stop()
        table = self.query_one(StatsTable)
        if table.table is None or (table.sort_column is not None and not table.order):
            return
        from tui.screens.passages import open_cell_passages

        row = table.order[event.coordinate.row] if event.coordinate.row < len(table.order) else -1
        open_cell_passages(self.app, self.last_request, table.table, row, event.coordinate.column)

    def action_sort(self) -> None:
        """Sort by the column under the table's cursor."""
        table = self.query_one(StatsTable)
        table.sort_by(table.cursor_column)

    def action_toggle_chart(self) -> None:
        """Show the chart of the table, or the table again."""
        self.chart_shown = not self.chart_shown
        self.set_class(self.chart_shown, "-chart")
        if self.chart_shown:
            self._draw_chart()
            self._chart().focus()
        else:
            self.query_one(StatsTable).focus()

    def action_stop_words(self) -> None:
        """Edit the project's stop words; word frequencies are counted again after saving."""
        from tui.dialogs.stop_words_modal import StopWordsModal

        def saved(language: str | None) -> None:
            if language is None:
                return
            self.notify(
                _("Stop words saved for {language}").format(language=language), markup=False
            )
            if self.query_one(AnalysisOptions).kind == "words":
                self.compute(force=True)

        self.app.push_screen(StopWordsModal(app_store(self)), saved)

    def action_next_table(self) -> None:
        """Show the next table of a result with several (agreement)."""
        if self.result is not None and len(self.result.tables) > 1:
            self.table_index += 1
            self._show_current()

    def action_choose_kind(self) -> None:
        """Focus the list of table kinds."""
        self._open_options("kind")

    def action_focus_filters(self) -> None:
        """Focus the first filter."""
        self._open_options("filter-coder")

    def action_focus_table(self) -> None:
        """Focus the table."""
        self.query_one(StatsTable).focus()

    def action_export(self, file_format: str) -> None:
        """Ask for a file and write the table as shown (CSV or XLSX)."""
        table = self.query_one(StatsTable).shown()
        if table is None:
            self.notify(_("There is no table to export yet."), severity="warning", markup=False)
            return
        fmt = cast(TableFormat, file_format)
        project = cast(_HasProjectPath, self.app).project_path
        from exports.file_names import safe_file_stem

        default = project.parent / f"{safe_file_stem(project.stem)}-{table.key}.{fmt}"

        def write(path: Path) -> None:
            self._set_status(_("Writing {path}…").format(path=path))
            self.run_export(table, path, fmt, get_language())

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if not path.exists():
                write(path)
                return

            def answered(yes: bool | None) -> None:
                if yes:
                    write(path)
                else:
                    self._set_status(_("Nothing was written."))

            question = _("{path} already exists. Replace it?").format(path=path)
            self.app.push_screen(ConfirmModal(question, yes=_("Replace")), answered)

        self.app.push_screen(TableExportModal(default, fmt), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-export")
    def run_export(self, table: Table, path: Path, file_format: TableFormat, language: str) -> None:
        """Write the file in a worker thread."""
        from exports.table_files import write_csv, write_xlsx

        try:
            if file_format == "csv":
                write_csv(table, path)
            else:
                write_xlsx([table], path, language=language)
        except SuhbatError as error:
            self.app.call_from_thread(self._export_failed, translate_error(error))
            return
        except OSError as error:
            self.app.call_from_thread(self._export_failed, str(error))
            return
        self.app.call_from_thread(self._exported, path)

    def _export_failed(self, message: str) -> None:
        self._set_status(message, error=True)
        self.notify(message, title=_("Export failed"), severity="error", markup=False)

    def _exported(self, path: Path) -> None:
        message = _("Wrote {path}").format(path=path)
        self._set_status(message)
        self.notify(message, title=_("Exported"), markup=False)
