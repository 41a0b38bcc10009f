"""Coded passages: read back every passage coded with a code or a theme, filter, export.

Opened from the codebook (G on a code), from a search hit (G: the codes on it) and
from an Analysis table cell (Enter: the passages behind that number). Each passage
shows who said it, when, in which transcript, its text in full and the aligned
translation; X adds the utterance before and after. The filters above the list
narrow it by coder, session kind, language, valence and a participant attribute
(``attribute=value``). Enter opens the passage in its transcript; E writes the list
as a quotes DOCX and a CSV beside the project; C reads another code's passages.

The passages are found in a worker thread with its own Store (a large study takes
a while to load): the list shows that it is loading, a newer request cancels the
one before, and only the newest request's result is shown.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from analysis.dataset import StudyData
from analysis.passages import Passage
from analysis.table import Table
from analysis.valence import valence_name
from exports.file_names import safe_file_stem
from exports.passages import (
    PassageList,
    passage_source,
    write_passages_csv,
    write_passages_docx,
)
from exports.study.analysis_request import Filters, StatsRequest, parse_where
from i18n import _, get_language, translate_error, translations
from storage import Store, SuhbatError
from storage.models import SearchHit
from storage.valence import SCALES, valence_symbol
from tui.analysis_cells import CellCount, CellScope, cell_request
from tui.dialogs.code_finder import CodeFinder
from tui.dialogs.coding_dialogs import ChoiceDialog
from tui.keys.bindings import binding_maker, key_binding
from tui.keys.screen_commands import ScreenActionsProvider
from tui.models.code_matching import CodeChoice
from tui.models.coding_paint import stripe_style
from tui.models.hanging_indent import HangingIndent
from tui.passages_header import passages_header
from tui.passages_request import PassagesRequest, find_passages
from tui.screens.passage_player import PassagePlayer
from tui.store_access import app_store

ANY = "*"
"""The Select value meaning "no filter"."""

NARROW_WIDTH = 110
"""Below this width the filter bar takes two rows."""

NOT_RATED = "none"
"""The valence Select value for codings without a valence."""

SEVERAL = "\n"
"""Joins the values of a box's option that stands for several coders or languages."""

_b = binding_maker("passages")


class PassagesScreen(Screen[None]):
    """Every passage coded with one code (with its sub-codes), filtered and readable in full."""

    COMMANDS: ClassVar[set[Any]] = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding(
            "p,з",
            "play",
            _("Play"),
            _("Play the highlighted passage's recording from its start (again: stop)"),
            "passages-play",
            show=False,
        ),
        _b("escape", "close", _("Back"), _("Close the passages and go back"), "back"),
        _b("x,ч", "toggle_context", _("Context"), _("Show the utterance before and after"), "ctx"),
        _b("f,а", "filters", _("Filters"), _("Go to the filters above the list"), "filters"),
        _b("e,у", "export", _("Export"), _("Write the list as a quotes DOCX and a CSV"), "export"),
        _b("c,с", "choose_code", _("Code"), _("Read another code's passages"), "code"),
    ]

    DEFAULT_CSS = """
    PassagesScreen #passages-status {
        height: auto; max-height: 3; padding: 0 1; background: $boost;
    }
    PassagesScreen #passages-filters {
        layout: grid; grid-size: 5 1; grid-rows: 1; grid-gutter: 0 1; height: auto;
    }
    PassagesScreen.-narrow #passages-filters { grid-size: 3 2; }
    PassagesScreen #passages-filters > * { width: 1fr; }
    PassagesScreen #passages-list { height: 1fr; }
    PassagesScreen #passages-list.-stale { text-opacity: 50%; }
    """

    def __init__(
        self,
        code_id: int,
        *,
        filters: Filters | None = None,
        languages: tuple[str, ...] = (),
        valences: tuple[int | None, ...] | None = None,
        session_ids: tuple[int, ...] | None = None,
        scope: CellScope | None = None,
        count: CellCount | None = None,
    ) -> None:
        super().__init__()
        filters = filters or Filters()
        if filters.languages and not languages:
            # An analysis cell's language filter is the passages' own language: the filter
            # bar shows it and keeps it when another filter changes.
            languages, filters = filters.languages, replace(filters, languages=())
        self.request = PassagesRequest(
            code_id=code_id,
            filters=filters,
            languages=languages,
            valences=valences,
            session_ids=session_ids,
        )
        self.scope = scope or CellScope()
        """Where the list came from (an analysis cell's column), worded when shown."""
        self.count = count
        """The number in the analysis cell the list came from (None: not from a count)."""
        self.cell_request = self.request
        """The request of that cell: the count is noted while the list still answers it."""
        self.listing: PassageList | None = None
        self.loading_list = False
        """True while a worker looks for the passages of the current request."""
        self.generation = 0
        """Counts the requests; a worker's result is shown only if it is the newest's."""
        self.listed_stamp: tuple[int, int] | None = None
        """The project's change stamp when the list was last asked for."""
        self.listed_language = ""
        """The language the list's code names were asked in."""
        self.context = False
        self._filling = False
        self.player = PassagePlayer(lambda message: self.notify(message, markup=False))
        """Plays the highlighted passage's recording (P)."""

    @property
    def store(self) -> Store:
        """The app's Store."""
        return app_store(self)

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="passages-status", markup=False)
        with Horizontal(id="passages-filters"):
            yield Select[str]([], prompt=_("Coder"), id="filter-coder", compact=True)
            yield Select[str]([], prompt=_("Session kind"), id="filter-kind", compact=True)
            yield Select[str]([], prompt=_("Language"), id="filter-language", compact=True)
            yield Select[str]([], prompt=_("Valence"), id="filter-valence", compact=True)
            yield Input(placeholder=_("attribute=value"), id="filter-where", compact=True)
        yield OptionList(id="passages-list")
        yield Footer()

    def on_resize(self) -> None:
        """Below 110 columns the filters take two rows, so their labels are not cut."""
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")

    def on_mount(self) -> None:
        self._fill_filters()
        self.refresh_list()
        self.query_one(OptionList).focus()

    def on_screen_resume(self) -> None:
        """Back from a transcript where a passage was rated, recoded or uncoded: list again."""
        if self.listed_stamp is not None and self.store.change_stamp() != self.listed_stamp:
            self.refresh_list()

    def retranslate(self) -> None:
        """Redraw in the current UI language: the header and filters from their parts,
        and the list again when code names are read in another language now."""
        self._fill_filters()
        if self.listed_stamp is not None and self._language() != self.listed_language:
            self.refresh_list()
        else:
            self._show()

    def _fill_filters(self) -> None:
        """Offer the project's coders, kinds, languages and valence values, keeping choices."""
        self._filling = True
        store = self.store
        request = self.request
        coders = [(c.name, c.name) for c in store.coders.all()]
        kinds = [("interview", _("interview")), ("focus_group", _("focus group"))]
        languages = [(lang, lang) for lang in store.project().languages]
        scale = store.codings.valence_scale()
        tr = translations(get_language())
        valences = [(str(v), valence_name(v, tr)) for v in SCALES[scale]]
        valences.append((NOT_RATED, valence_name(None, tr)))
        chosen_valence = (
            ANY
            if request.valences is None or len(request.valences) != 1
            else (NOT_RATED if request.valences[0] is None else str(request.valences[0]))
        )
        for select_id, values, current, everyone in (
            ("filter-coder", coders, request.filters.coders, _("all coders")),
            ("filter-kind", kinds, (request.filters.session_kind or "",), _("all kinds")),
            ("filter-language", languages, request.languages, _("all languages")),
            ("filter-valence", valences, (chosen_valence,), _("any valence")),
        ):
            select = self.query_one(f"#{select_id}", Select)
            options = [(Text(everyone), ANY), *[(Text(label), value) for value, label in values]]
            if len(current) > 1:  # several coders or languages (an Analysis table's filter)
                options.insert(1, (Text(", ".join(current)), SEVERAL.join(current)))
            select.set_options(options)
            wanted = SEVERAL.join(current) if current and current[0] else ANY
            select.value = wanted if wanted in {v for _l, v in options} else ANY
        where = ", ".join(f"{name}={value}" for name, value in request.filters.where)
        self.query_one("#filter-where", Input).value = where
        self.call_after_refresh(self._filled)

    def _filled(self) -> None:
        self._filling = False

    # -- the list ------------------------------------------------------------------------

    def refresh_list(self) -> None:
        """Find the passages for the current request in a worker; show that they load."""
        self.generation += 1
        self.listed_stamp = self.store.change_stamp()
        self.listed_language = self._language()
        self.loading_list = True
        self.query_one("#passages-status", Static).update(_("Loading passages…"))
        # Not OptionList.loading: a loading widget cannot keep the focus.
        self.query_one(OptionList).add_class("-stale")
        project = Path(getattr(self.app, "project_path", self.store.path))
        self._load(project, self.request, self.listed_language, self.generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="passages-load")
    def _load(
        self, project: Path, request: PassagesRequest, language: str, generation: int
    ) -> None:
        """Find the passages with a Store of this thread; a newer request cancels this one."""
        worker = get_current_worker()
        listing: PassageList | None = None
        failure: SuhbatError | None = None
        try:
            with Store(project) as store:
                if worker.is_cancelled:
                    return
                listing = find_passages(store, request, language=language)
        except SuhbatError as error:
            failure = error
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, generation, listing, failure)

    def _loaded(
        self, generation: int, listing: PassageList | None, failure: SuhbatError | None
    ) -> None:
        """Show a worker's result if it answers the newest request."""
        if generation != self.generation or not self.is_mounted:
            return
        self.loading_list = False
        self.query_one(OptionList).remove_class("-stale")
        self.listing = listing
        if failure is not None:
            self.notify(translate_error(failure), severity="error", markup=False)
        self._show()

    def _language(self) -> str:
        languages = self.store.project().languages
        current = get_language()
        return current if current in languages else languages[0]

    def _show(self) -> None:
        if self.loading_list:
            return
        listing = self.listing
        status = self.query_one("#passages-status", Static)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if listing is None:
            status.update("")
            return
        count = self.count if self.request == self.cell_request else None
        status.update(
            passages_header(listing.title, len(listing.passages), self.scope.text(), count)
        )
        options.add_options(
            Option(HangingIndent(self._passage_text(p)), id=str(i))
            for i, p in enumerate(listing.passages)
        )
        if listing.passages:
            options.highlighted = min(highlighted or 0, len(listing.passages) - 1)

    def _passage_text(self, p: Passage) -> Text:
        """A passage as the list shows it: a heading line, then, indented (the indent
        hangs when a line wraps), the text and the translation."""
        listing = self.listing
        assert listing is not None
        data = listing.data
        text = Text(no_wrap=False)
        for code_id in p.code_ids:
            code = data.codes.get(code_id)
            text.append("■ ", stripe_style(code.color if code else "#888888"))
        text.append(passage_source(data, p), style="bold")
        if len(p.code_ids) > 1 or p.code_ids != (self.request.code_id,):
            names = ", ".join(data.code_name(c) for c in p.code_ids)
            text.append(f" · {names}", style="dim")
        if p.valences:
            text.append(" · " + " ".join(valence_symbol(v) for v in p.valences), style="bold")
        if self.context and p.before:
            text.append("\n  … " + p.before, style="dim")
        text.append("\n  " + p.text)
        if p.translation:
            label = p.translation_language or ""
            if p.translation_of_turns:
                label = f"{label} · {_('whole turn')}"
            text.append(f"\n  [{label}] {p.translation}", style="italic dim")
        if self.context and p.after:
            text.append("\n  … " + p.after, style="dim")
        text.append("\n")
        return text

    def action_play(self) -> None:
        """Play the highlighted passage's recording from its start."""
        passage = self.highlighted_passage()
        if passage is not None:
            self.player.play(self.store, passage.transcript_id, passage.start_ms, None)

    def on_unmount(self) -> None:
        self.player.close()

    def highlighted_passage(self) -> Passage | None:
        """The passage highlighted in the list."""
        index = self.query_one(OptionList).highlighted
        if self.loading_list or self.listing is None or index is None:
            return None
        if index >= len(self.listing.passages):
            return None
        return self.listing.passages[index]

    # -- events and actions --------------------------------------------------------------

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: open the passage in its transcript, selected."""
        event.stop()
        passage = self.highlighted_passage()
        if passage is None:
            return
        from tui.screens.transcript import show_in_transcript

        await show_in_transcript(
            self.app,
            passage.transcript_id,
            passage.layer_id,
            passage.start,
            passage.end,
            coders=passage.coder_ids,
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if not self._filling:
            self._apply_filters()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply_filters()
        self.query_one(OptionList).focus()

    def _value(self, select_id: str) -> str:
        value: Any = self.query_one(f"#{select_id}", Select).value
        return ANY if value is Select.NULL else str(value)

    def _apply_filters(self) -> None:
        """Read the filter bar into the request and list again."""
        try:
            where = parse_where(self.query_one("#filter-where", Input).value)
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        coder, kind = self._value("filter-coder"), self._value("filter-kind")
        language, valence = self._value("filter-language"), self._value("filter-valence")
        valences: tuple[int | None, ...] | None = None
        if valence == NOT_RATED:
            valences = (None,)
        elif valence != ANY:
            valences = (int(valence),)
        request = PassagesRequest(
            code_id=self.request.code_id,
            filters=Filters(
                coders=() if coder == ANY else tuple(coder.split(SEVERAL)),
                session_kind=None if kind == ANY else kind,
                where=where,
            ),
            languages=() if language == ANY else tuple(language.split(SEVERAL)),
            valences=valences,
            include_subcodes=self.request.include_subcodes,
            session_ids=self.request.session_ids,
        )
        if request == self.request and self.listed_stamp is not None:
            return  # the filters were shown again (a language switch): nothing to find
        self.request = request
        self.refresh_list()

    def action_close(self) -> None:
        """Go back to the screen the passages were opened from."""
        self.dismiss()

    def action_toggle_context(self) -> None:
        """Show or hide the utterance before and after each passage."""
        self.context = not self.context
        self._show()

    def action_filters(self) -> None:
        """Move to the first filter."""
        self.query_one("#filter-coder", Select).focus()

    def action_choose_code(self) -> None:
        """Read the passages of another code or theme."""

        def chosen(choice: CodeChoice | None) -> None:
            if choice is not None and choice.code_id is not None:
                self.request = PassagesRequest(
                    code_id=choice.code_id,
                    filters=self.request.filters,
                    languages=self.request.languages,
                    valences=self.request.valences,
                )
                self.scope, self.count = CellScope(), None
                self.refresh_list()

        self.app.push_screen(
            CodeFinder(
                self.store.codes.all(),
                self._language(),
                title=_("Passages of…"),
                allow_create=False,
                codable_only=False,
            ),
            chosen,
        )

    def action_export(self) -> None:
        """Write the list beside the project as a quotes DOCX and a CSV (never replacing)."""
        listing = self.listing
        if listing is None or self.loading_list:
            if self.loading_list:
                self.notify(_("The passages are still loading"), markup=False)
            return
        project: Path = Path(getattr(self.app, "project_path", self.store.path))
        folder = project.parent
        docx, csv = free_pair(folder, safe_file_stem(f"{project.stem}-{listing.title}", "passages"))
        language = get_language()
        try:
            write_passages_docx(listing, docx, language, self.store.project().name)
            write_passages_csv(listing, csv, language)
        except (OSError, SuhbatError) as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        self.notify(_("Wrote {docx} and {csv}").format(docx=docx.name, csv=csv.name), markup=False)


def free_pair(folder: Path, stem: str) -> tuple[Path, Path]:
    """``stem.docx`` and ``stem.csv`` in ``folder``, numbered until neither exists yet."""
    number = 1
    while True:
        name = stem if number == 1 else f"{stem} ({number})"
        docx, csv = folder / f"{name}.docx", folder / f"{name}.csv"
        if not docx.exists() and not csv.exists():
            return docx, csv
        number += 1


def open_passages(app: Any, code_id: int, **options: Any) -> None:
    """Show the Coded passages of ``code_id`` on top of the current screen."""
    app.push_screen(PassagesScreen(code_id, **options))


def open_cell_passages(
    app: Any, stats: StatsRequest | None, table: Table | None, row: int, column: int
) -> None:
    """Show the passages behind cell (``row``, ``column``) of an analysis table, if any."""
    if stats is None or table is None:
        return
    store: Store = app.store
    languages = store.project().languages
    current = get_language()
    # Which code, sessions and groups a cell stands for needs the code tree and the
    # sessions only (this runs on the UI thread); the texts load in the screen's worker.
    data = StudyData.build(
        codes=store.codes.all(),
        sessions=store.sessions.all(),
        language=current if current in languages else languages[0],
        fallback_languages=languages,
    )
    found = cell_request(stats, table, row, column, data)
    if found is None:
        app.notify(
            _("This table's cells do not stand for coded passages"),
            severity="warning",
            markup=False,
        )
        return
    request = found.request
    app.push_screen(
        PassagesScreen(
            request.code_id,
            filters=request.filters,
            languages=request.languages,
            valences=request.valences,
            session_ids=request.session_ids,
            scope=found.scope,
            count=found.count,
        )
    )


def open_hit_passages(app: Any, hit: SearchHit) -> None:
    """The passages of the code on a search hit (asking which when there are several)."""
    store: Store = app.store
    codes: dict[int, str] = {}
    language = get_language()
    for coding in store.codings.all(layer_id=hit.layer_id):
        if coding.start < hit.end and coding.end > hit.start and coding.code_id not in codes:
            codes[coding.code_id] = " / ".join(store.codes.path(coding.code_id, language))
    if not codes:
        app.notify(_("No code is applied at this hit"), severity="warning", markup=False)
        return
    if len(codes) == 1:
        open_passages(app, next(iter(codes)))
        return

    def chosen(code_id: int | None) -> None:
        if code_id is not None:
            open_passages(app, code_id)

    app.push_screen(
        ChoiceDialog(_("Passages of…"), sorted(codes.items(), key=lambda i: i[1])), chosen
    )
