"""Search every transcript as you type (Cyrillic and Kazakh aware), jump to hits, auto-code them.

Type a query (words in any form, "one exact form", "a phrase" of forms, ="an exact
phrase", or a prefix*); results follow as you type, each with the form it matched. Down
moves to the results, Enter opens a hit in the transcript, Space leaves a hit out,
A codes every ticked hit (the matched words, or whole utterances after U) with a
code from the finder — as one undo step. K opens the concordance of the query.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from i18n import _, ngettext, pgettext, translate_error
from storage import ConflictError, Store, SuhbatError
from storage.errors import N_
from storage.models import SearchHit
from tui.cells import cell
from tui.dialogs.code_finder import CodeFinder
from tui.dialogs.confirm_modal import ConfirmModal
from tui.keys.bindings import binding_maker
from tui.keys.history_keys import HISTORY_BINDINGS, run_history
from tui.keys.screen_commands import ScreenActionsProvider
from tui.models.code_matching import CodeChoice, chosen_code_id
from tui.models.snippet_window import snippet_window
from tui.models.transcript_model import format_time, snap_in_line
from tui.screens.coding_commands import writing_language
from tui.screens.passage_player import PassagePlayer
from tui.screens.passages import open_hit_passages
from tui.screens.transcript import show_in_transcript
from tui.store_access import app_store

SEARCH_LIMIT = 500
"""How many hits are listed (and can be auto-coded at once)."""

DEBOUNCE_SECONDS = 0.15
"""Pause in typing before the search runs."""

TITLE_WIDTH = 30
"""A transcript title longer than this ends in "…"."""

MIN_HIT_WIDTH = 20
"""The hit column is never narrower than this, even in a narrow window."""

SCROLLBAR = 2
"""Cells kept free for the results' vertical scrollbar."""


def _shortened(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in "…" when cut."""
    return text if cell_len(text) <= width else text[: width - 1] + "…"


_b = binding_maker("search")


class SearchScreen(Screen[None]):
    """The search screen (F8)."""

    COMMANDS: ClassVar[set[Any]] = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        _b("down", "results", _("Results"), _("Go to the results"), "results", show=False),
        _b("slash,f,а", "query", _("Query"), _("Go to the search field"), "query"),
        _b("space", "toggle_hit", _("Tick"), _("Leave the hit in or out of auto-coding"), "tick"),
        _b("a,ф", "auto_code", _("Auto-code"), _("Code every ticked hit with one code"), "auto"),
        _b(
            "u,г", "toggle_scope", _("Scope"), _("Auto-code the words or whole utterances"), "scope"
        ),
        _b(
            "l,д,ctrl+l",
            "next_language",
            _("Language"),
            _("Search all layers or one language"),
            "lang",
        ),
        _b(
            "g,п",
            "passages",
            _("Passages"),
            _("Read every passage coded with a code on the highlighted hit"),
            "passages",
            show=False,
        ),
        _b(
            "k,л",
            "concordance",
            _("Concordance"),
            _("Every occurrence of the query in context"),
            "concordance",
            show=False,  # in the Keys panel and the palette: the footer is full in Russian
        ),
        _b(
            "p,з",
            "play",
            _("Play"),
            _("Play the recording of the highlighted hit from its start (again: stop)"),
            "play",
            show=False,
        ),
        *HISTORY_BINDINGS,
    ]

    DEFAULT_CSS = """
    SearchScreen #search-bar { height: auto; }
    SearchScreen #search-query { width: 1fr; }
    SearchScreen #search-options {
        width: auto; max-width: 38; height: auto; padding: 1 1 0 1; color: $text-muted;
    }
    SearchScreen #search-status { height: 1; padding: 0 1; background: $boost; }
    SearchScreen #hits { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        self.excluded: set[int] = set()
        self.language: str | None = None
        self.whole_utterances = False
        self._timer: Timer | None = None
        self._message = ""
        self.player = PassagePlayer(lambda message: self.notify(message, markup=False))
        """Plays the highlighted hit's recording (P)."""

    @property
    def store(self) -> Store:
        """The app's Store."""
        return app_store(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="search-bar"):
            yield Input(
                placeholder=_(
                    'Search: words in any form, "one exact form", "a phrase" or a prefix*'
                ),
                id="search-query",
            )
            yield Static("", id="search-options", markup=False)
        yield Static("", id="search-status", markup=False)
        yield DataTable(id="hits", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.store.history.enable()
        self._update_options()
        self._fill()
        self.query_one("#search-query", Input).focus()

    def retranslate(self) -> None:
        """Redraw in the current UI language."""
        self._update_options()
        self._fill()

    # -- searching -----------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self.run_search)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_search()
        self.action_results()

    def run_search(self) -> None:
        """Search for the query in the field now."""
        query = self.query_one("#search-query", Input).value
        self.excluded = set()
        self._message = ""
        if not query.strip():
            self.hits = []
        else:
            try:
                self.hits = self.store.search.hits(
                    query, language=self.language, limit=SEARCH_LIMIT
                )
            except SuhbatError as error:
                self.hits = []
                self._message = translate_error(error)
        self._fill()

    def on_resize(self) -> None:
        """Fit the hit column to the new width."""
        if self.is_mounted and self.hits:
            self._fill()

    def _fill(self) -> None:
        table = self.query_one("#hits", DataTable)
        table.clear(columns=True)
        headers = [
            "✓",
            pgettext("word form", "Form"),
            _("Speaker"),
            _("Time"),
            _("Lang."),
            _("Transcript"),
        ]
        rows = [
            [
                "" if index in self.excluded else "✓",
                _shortened(hit.matched, TITLE_WIDTH),
                hit.speaker,
                format_time(hit.start_ms).strip(),
                hit.language,
                _shortened(hit.session_title, TITLE_WIDTH),
            ]
            for index, hit in enumerate(self.hits)
        ]
        widths = [max(map(cell_len, column)) for column in zip(headers, *rows, strict=True)]
        width = self.size.width or self.app.size.width
        hit_width = max(MIN_HIT_WIDTH, width - SCROLLBAR - sum(w + 2 for w in widths) - 2)
        table.add_column("✓", key="tick")
        table.add_column(_("Hit"), key="hit", width=hit_width)
        for header, key in zip(
            headers[1:], ("form", "speaker", "time", "language", "session"), strict=True
        ):
            table.add_column(header, key=key)
        for index, (hit, texts) in enumerate(zip(self.hits, rows, strict=True)):
            snippet = snippet_window(hit.snippet, hit.match_start, hit.match_end, hit_width)
            table.add_row(
                cell(texts[0]), snippet, *(cell(text) for text in texts[1:]), key=str(index)
            )
        self._update_status()

    def _update_status(self) -> None:
        if self._message:
            text = self._message
        elif not self.hits:
            text = _("Type to search every transcript")
            if self.query_one("#search-query", Input).value.strip():
                text = _("No hits")
        else:
            ticked = len(self.hits) - len(self.excluded)
            text = ngettext("{count} hit", "{count} hits", len(self.hits)).format(
                count=len(self.hits)
            )
            if len(self.hits) >= SEARCH_LIMIT:
                text += " " + _("(the first {limit})").format(limit=SEARCH_LIMIT)
            text += " · " + _("{ticked} ticked for auto-coding").format(ticked=ticked)
        self.query_one("#search-status", Static).update(text)

    def _update_options(self) -> None:
        """The current language and auto-coding scope, worded as the footer's keys."""
        language = self.language or _("all languages")
        scope = _("whole utterances") if self.whole_utterances else _("matched words")
        self.query_one("#search-options", Static).update(
            f"{self._key('next_language')} {_('Language')}: {language}\n"
            f"{self._key('toggle_scope')} {_('Scope')}: {scope}"
        )

    def _key(self, action: str) -> str:
        """The key the footer shows for ``action`` (``l``, ``u``)."""
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.action == action:
                return self.app.get_key_display(replace(binding, key=binding.key.split(",")[0]))
        return ""

    # -- actions -------------------------------------------------------------------------

    def action_results(self) -> None:
        """Move to the results."""
        table = self.query_one("#hits", DataTable)
        if table.row_count:
            table.focus()

    def action_query(self) -> None:
        """Move to the search field."""
        self.query_one("#search-query", Input).focus()

    def _current(self) -> int | None:
        table = self.query_one("#hits", DataTable)
        if not table.row_count:
            return None
        return table.cursor_coordinate.row

    def action_passages(self) -> None:
        """Open the Coded passages of a code applied where the highlighted hit is."""
        index = self._current()
        if index is None or index >= len(self.hits):
            return
        open_hit_passages(self.app, self.hits[index])

    def action_toggle_hit(self) -> None:
        """Tick or untick the highlighted hit."""
        index = self._current()
        if index is None:
            return
        self.excluded ^= {index}
        table = self.query_one("#hits", DataTable)
        table.update_cell(str(index), "tick", cell("" if index in self.excluded else "✓"))
        self._update_status()

    def action_toggle_scope(self) -> None:
        """Auto-code the matched words or the whole utterances."""
        self.whole_utterances = not self.whole_utterances
        self._update_options()

    def action_next_language(self) -> None:
        """Search every layer, or only one language."""
        languages: list[str | None] = [None, *self.store.project().languages]
        index = languages.index(self.language) if self.language in languages else 0
        self.language = languages[(index + 1) % len(languages)]
        self._update_options()
        self.run_search()

    async def action_concordance(self) -> None:
        """Open the concordance of the query in the search field."""
        query = self.query_one("#search-query", Input).value
        await self.app.switch_mode("concordance")
        show_word = getattr(self.app.screen, "show_word", None)
        if callable(show_word) and query.strip():
            show_word(query)

    def action_play(self) -> None:
        """Play the recording of the highlighted hit from its utterance's start."""
        table = self.query_one("#hits", DataTable)
        if not self.hits or table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None:
            return
        hit = self.hits[int(key)]
        self.player.play(self.store, hit.transcript_id, hit.start_ms, None)

    def on_unmount(self) -> None:
        self.player.close()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key is None:
            return
        hit = self.hits[int(key)]
        await show_in_transcript(self.app, hit.transcript_id, hit.layer_id, hit.start, hit.end)

    def action_auto_code(self) -> None:
        """Code every ticked hit with a code chosen in the finder (one undo step)."""
        chosen = [h for i, h in enumerate(self.hits) if i not in self.excluded]
        if not chosen:
            self.notify(_("No ticked hits to code"), severity="warning", markup=False)
            return
        language = writing_language(self.store)

        def picked(choice: CodeChoice | None) -> None:
            if choice is None:
                return
            name = choice.new_name or ""
            if choice.code_id is not None:
                name = self.store.codes.get(choice.code_id).name(language)
            scope = _("whole utterances") if self.whole_utterances else _("matched words")
            question = ngettext(
                "Code {count} hit ({scope}) with “{code}”?",
                "Code {count} hits ({scope}) with “{code}”?",
                len(chosen),
            ).format(count=len(chosen), scope=scope, code=name)

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._auto_code(chosen, choice, language)

            self.app.push_screen(ConfirmModal(question, yes=pgettext("action", "Code")), confirmed)

        self.app.push_screen(
            CodeFinder(
                self.store.codes.all(), language, title=_("Auto-code the ticked hits with…")
            ),
            picked,
        )

    def _auto_code(self, hits: list[SearchHit], choice: CodeChoice, language: str) -> None:
        coder_name: str | None = getattr(self.app, "coder_name", None)
        if not coder_name:
            self.notify(
                _("Choose who is coding first (on the coding screen, W)"),
                severity="error",
                markup=False,
            )
            return
        store = self.store
        coded = skipped = 0
        texts: dict[int, str] = {}
        try:
            with store.history.undoable(N_("Auto-code search hits")):
                coder = store.coders.get(coder_name)
                code_id = chosen_code_id(store, choice)  # new themes and code too
                for hit in hits:
                    start, end = hit.start, hit.end
                    text = texts.get(hit.layer_id)
                    if text is None:
                        text = texts[hit.layer_id] = store.transcripts.layer(hit.layer_id).text
                    if self.whole_utterances:
                        start = text.rfind("\n", 0, hit.start) + 1
                        newline = text.find("\n", hit.start)
                        end = len(text) if newline == -1 else newline
                    if end <= start:
                        skipped += 1
                        continue
                    start, end = snap_in_line(text, start, end)
                    try:
                        store.codings.add(code_id, hit.layer_id, start, end, coder.id, snap=False)
                        coded += 1
                    except ConflictError:
                        skipped += 1
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        message = ngettext("Coded {count} hit", "Coded {count} hits", coded).format(count=coded)
        if skipped:
            message += " · " + _("{count} already coded").format(count=skipped)
        self.notify(message + " · " + _("Ctrl+Z undoes this"), timeout=4, markup=False)

    def action_undo(self) -> None:
        """Undo the last coding or codebook change."""
        run_history(self, self.store, redo=False)

    def action_redo(self) -> None:
        """Redo the last undone change."""
        run_history(self, self.store, redo=True)
