"""Transcript & coding: read a transcript in two languages side by side and code it inline.

Select text (Shift+arrows or the mouse) and press C to pick a code from the fuzzy
finder (or create one), V for in-vivo coding, U to code the whole utterance, A to
apply the last code again. D, R, B and M remove, recode, resize and annotate the
coding at the cursor (the one highlighted in the side panel when several
overlap). Every change can be undone with Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from i18n import _, pgettext, translate_error
from storage import Store, SuhbatError
from storage.errors import N_
from storage.models import Coding
from tui.store_access import app_store
from tui.widgets.bindings import binding_maker
from tui.widgets.code_finder import CodeChoice, CodeFinder
from tui.widgets.coding_dialogs import ChoiceDialog, MemoDialog, TextPrompt
from tui.widgets.coding_paint import locate, mirrored_stripes, paint_lines
from tui.widgets.coding_panel import CodingPanel
from tui.widgets.history_keys import HIDDEN_HISTORY_BINDINGS, run_history
from tui.widgets.layer_pane import LayerPane
from tui.widgets.screen_commands import ScreenActionsProvider
from tui.widgets.transcript_model import TranscriptModel, parse_time, snap_in_line
from tui.widgets.transcript_view import TranscriptView

IN_VIVO_LENGTH = 60
"""In-vivo code names are cut to this many characters."""


_b = binding_maker("coding")


class TranscriptScreen(Screen[None]):
    """The transcript & coding screen (F6)."""

    COMMANDS: ClassVar[set[Any]] = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        _b(
            "c,с",
            "code_selection",
            pgettext("action", "Code"),
            _("Code the selection with a code from the finder"),
            "code",
        ),
        _b(
            "u,г",
            "code_utterance",
            _("Code turn"),
            _("Code the whole utterance at the cursor"),
            "utterance",
        ),
        _b(
            "v,м",
            "in_vivo",
            _("In vivo"),
            _("Make the selected words a code and apply it"),
            "in-vivo",
        ),
        _b(
            "a,ф",
            "apply_last",
            _("Again"),
            _("Apply the last used code to the selection"),
            "again",
            show=False,
        ),
        _b("d,в", "remove_coding", _("Remove"), _("Remove the coding at the cursor"), "remove"),
        _b(
            "r,к",
            "recode",
            _("Recode"),
            _("Give the coding at the cursor another code"),
            "recode",
            show=False,
        ),
        _b(
            "b,и",
            "resize",
            _("Resize"),
            _("Set the coding's boundaries to the selection"),
            "resize",
            show=False,
        ),
        _b(
            "m,ь",
            "memo",
            _("Memo"),
            _("Write a memo on the coding at the cursor"),
            "memo",
            show=False,
        ),
        _b(
            "t,е",
            "toggle_layers",
            _("Layers"),
            _("Two layers side by side, or one alone"),
            "layers",
        ),
        _b(
            "l,д",
            "next_layer",
            _("Next layer"),
            _("Show the next language layer"),
            "next-layer",
            show=False,
        ),
        _b(
            "x,ч",
            "toggle_mirror",
            _("Mirror"),
            _("Show the other layer's codes on aligned utterances"),
            "mirror",
            show=False,
        ),
        _b(
            "k,л",
            "next_coder_filter",
            _("Coders"),
            _("Show my codings, another coder's, or everyone's"),
            "coders",
            show=False,
        ),
        _b(
            "n,т", "next_coding", _("Next coding"), _("Jump to the next coding"), "next", show=False
        ),
        _b(
            "p,з",
            "previous_coding",
            _("Previous coding"),
            _("Jump to the previous coding"),
            "previous",
            show=False,
        ),
        _b(
            "s,ы",
            "next_turn",
            _("Next turn"),
            _("Jump to the speaker's next turn"),
            "turn",
            show=False,
        ),
        _b("j,о", "jump_time", _("Go to time"), _("Jump to a time (hh:mm:ss)"), "time", show=False),
        _b(
            "e,у",
            "edit_text",
            _("Edit text"),
            _("Correct the text of the utterance at the cursor"),
            "edit",
            show=False,
        ),
        _b("o,щ", "open_transcript", _("Open"), _("Open another transcript"), "open"),
        _b("w,ц", "switch_coder", _("Coder"), _("Change who is coding"), "coder", show=False),
        _b(
            "y,н",
            "translate",
            _("Translate"),
            _("Type this transcript's translation utterance by utterance"),
            "translate",
            show=False,
        ),
        *HIDDEN_HISTORY_BINDINGS,  # Ctrl+Z: the footer is full in Kazakh
    ]

    DEFAULT_CSS = """
    TranscriptScreen #coding-status { height: 1; padding: 0 1; background: $boost; }
    TranscriptScreen #coding-body { height: 1fr; }
    TranscriptScreen #coding-empty { padding: 1 2; color: $text-muted; height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.model: TranscriptModel | None = None
        self.left_layer: int | None = None
        self.right_layer: int | None = None
        self.paired = True
        self.mirror = False
        self.coder_filter: int | None = None
        self.filter_all = False
        self.last_code: int | None = None
        self._history_seen = -1
        self._data_seen = -1
        self._panel_layer: int | None = None

    # -- set-up --------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The app's Store."""
        return app_store(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="coding-status", markup=False)
        with Horizontal(id="coding-body"):
            yield TranscriptView(id="transcript-view")
            yield CodingPanel(id="coding-panel")
        yield Static("", id="coding-empty", markup=False)
        yield Footer()

    @property
    def view(self) -> TranscriptView:
        """The two layer panes."""
        return self.query_one(TranscriptView)

    @property
    def panel(self) -> CodingPanel:
        """The side panel."""
        return self.query_one(CodingPanel)

    def on_mount(self) -> None:
        self.store.history.enable()
        self._history_seen = self.store.history.version
        self._data_seen = self.store.change_stamp()[1]
        self.call_after_refresh(self._open_initial)

    def _open_initial(self) -> None:
        if self.model is None:
            transcripts = self.store.transcripts.all()
            last = self.store.get_setting("last_transcript")
            ids = [t.id for t in transcripts]
            if not ids:
                self._show_empty()
            else:
                self.open_transcript(int(last) if last and int(last) in ids else ids[0])
        if self.coder_name is None:
            self.action_switch_coder()

    def _show_empty(self) -> None:
        self.query_one("#coding-body").display = False
        self.query_one("#coding-empty", Static).update(
            _("No transcripts yet. Import one with: suhbat import PROJECT FILE")
        )

    def on_screen_resume(self) -> None:
        # Another connection's commits (an import or a merge in a worker) move the data
        # version; this screen's own changes move the history version.
        elsewhere = self.store.change_stamp()[1] != self._data_seen
        if self.model is None:
            if elsewhere:
                self._data_seen = self.store.change_stamp()[1]
                self._open_initial()
        elif elsewhere:
            self._reload(texts=True)
        elif self.store.history.version != self._history_seen:
            self._reload()

    def retranslate(self) -> None:
        """Redraw labels in the current UI language."""
        self.panel.retranslate()
        self._refresh_panel(document=True)
        self._update_status()

    # -- coder ---------------------------------------------------------------------------

    @property
    def coder_name(self) -> str | None:
        """The app's current coder."""
        name: str | None = getattr(self.app, "coder_name", None)
        return name

    def coder_id(self) -> int | None:
        """The current coder's id (created on first use)."""
        name = self.coder_name
        return self.store.coders.get(name).id if name else None

    def action_switch_coder(self) -> None:
        """Ask who is coding; remembered for the next start."""

        def chosen(name: str | None) -> None:
            if name and name.strip():
                coder = self.store.coders.get(name)
                self.app.coder_name = coder.name  # type: ignore[attr-defined]
                self.store.set_setting("last_coder", coder.name)
                self.coder_filter = None if self.filter_all else coder.id
                if self.model is not None:
                    self.model.coders[coder.id] = coder.name
                    self._repaint()
                    self._update_status()

        self.app.push_screen(
            TextPrompt(
                _("Who is coding?"),
                value=self.coder_name or "",
                placeholder=_("Your name or initials"),
                hint=_("Every coding records its coder; your name is remembered next time."),
                suggestions=[c.name for c in self.store.coders.all()],
            ),
            chosen,
        )

    def _with_coder(self, then: Callable[[int], object]) -> None:
        coder = self.coder_id()
        if coder is not None:
            then(coder)
            return

        def chosen(name: str | None) -> None:
            if name and name.strip():
                record = self.store.coders.get(name)
                self.app.coder_name = record.name  # type: ignore[attr-defined]
                self.store.set_setting("last_coder", record.name)
                self.coder_filter = record.id
                then(record.id)

        self.app.push_screen(
            TextPrompt(_("Who is coding?"), placeholder=_("Your name or initials")), chosen
        )

    # -- opening -------------------------------------------------------------------------

    def open_transcript(self, transcript_id: int) -> None:
        """Load a transcript into the view (original left, first translation right)."""
        self.model = TranscriptModel.load(self.store, transcript_id)
        self.query_one("#coding-body").display = True
        self.query_one("#coding-empty", Static).update("")
        layers = self.model.layers
        self.left_layer = layers[0].id
        self.right_layer = layers[1].id if len(layers) > 1 else None
        if self.coder_filter is None and not self.filter_all:
            self.coder_filter = self.coder_id()
        self._show_layers()
        self.store.set_setting("last_transcript", str(transcript_id))
        self._history_seen = self.store.history.version
        self._data_seen = self.store.change_stamp()[1]
        self.view.left.focus()

    def _show_layers(self, line: int | None = None) -> None:
        model = self.model
        if model is None or self.left_layer is None:
            return
        if line is None:
            line = self.view.focused_pane().selection.end[0] if self.view.left.layer_id else 0
        left = model.layer(self.left_layer)
        right = (
            model.layer(self.right_layer) if self.paired and self.right_layer is not None else None
        )
        self.view.show(
            (left.id, left.text), (right.id, right.text) if right else None, model.labels()
        )
        self._repaint()
        if line:
            self.view.go_to_line(line)
        self._update_status()

    def _reload(self, *, texts: bool = False) -> None:
        """Re-read codings (and layer texts) after undo/redo or changes elsewhere."""
        model = self.model
        if model is None:
            return
        if texts:
            for layer in list(model.layers):
                model.reload_layer(self.store, layer.id)
            self._show_layers()
        model.reload_codings(self.store)
        self._history_seen = self.store.history.version
        self._data_seen = self.store.change_stamp()[1]
        self._repaint()

    # -- painting ------------------------------------------------------------------------

    def _repaint(self) -> None:
        """Paint codings in the visible panes and refresh the side panel."""
        model = self.model
        if model is None:
            return
        colors = model.colors()
        mine = self.coder_id()
        primary = {mine} if self.coder_filter is None and mine is not None else None
        visible = self.view.visible_panes()
        for pane in visible:
            if pane.layer_id is None:
                continue
            starts = model.starts[pane.layer_id]
            runs, stripes = paint_lines(
                model.shown(pane.layer_id, self.coder_filter), starts, colors, primary
            )
            mirror: dict[int, list[str]] = {}
            if self.mirror:
                for layer in model.layers:
                    if layer.id != pane.layer_id:
                        for line, colours in mirrored_stripes(
                            model.shown(layer.id, self.coder_filter), model.starts[layer.id], colors
                        ).items():
                            mirror.setdefault(line, []).extend(colours)
            self.view.paint(pane, runs, stripes, mirror)
        self._refresh_panel(document=True)

    def _refresh_panel(self, *, document: bool = False) -> None:
        model = self.model
        if model is None:
            return
        pane = self.view.focused_pane()
        if pane.layer_id is None:
            return
        language = self._ui_language()
        selected = pane.selected_range()
        start, end = selected if selected else (pane.cursor_offset(), None)
        here = model.at(pane.layer_id, start, end, self.coder_filter)
        memo = next((c.memo for c in here if c.memo), "")
        self.panel.show_at_cursor([(c.id, model.cursor_row(c, language)) for c in here], memo)
        if document:
            shown = {c.id: c for c in model.shown(pane.layer_id, self.coder_filter)}
            self.panel.show_document(
                list(shown), lambda coding_id: model.document_row(shown[coding_id], language)
            )

    def _ui_language(self) -> str | None:
        from i18n import get_language

        languages = self.store.project().languages
        current = get_language()
        return current if current in languages else languages[0]

    def _update_status(self) -> None:
        model = self.model
        if model is None:
            return
        languages = [model.layer(self.left_layer).language] if self.left_layer else []
        if self.paired and self.right_layer is not None:
            languages.append(model.layer(self.right_layer).language)
        if self.coder_filter is None:
            who = _("all coders")
        else:
            who = model.coders.get(self.coder_filter) or self.coder_name or "?"
        parts = [
            model.transcript.title,
            " | ".join(languages),
            _("coder: {name}").format(name=self.coder_name or _("(none)")),
            _("showing: {who}").format(who=who),
        ]
        if self.mirror:
            parts.append(_("other layer's codes shown"))
        self.query_one("#coding-status", Static).update(" · ".join(parts))

    def on_transcript_view_cursor_moved(self, event: TranscriptView.CursorMoved) -> None:
        event.stop()
        self._refresh_panel(document=event.pane.layer_id != self._panel_layer)
        self._panel_layer = event.pane.layer_id

    def on_descendant_focus(self, event: Any) -> None:
        widget = event.widget
        if isinstance(widget, LayerPane) and self.model and widget.layer_id != self._panel_layer:
            self._panel_layer = widget.layer_id
            self._refresh_panel(document=True)

    def on_coding_panel_chosen(self, event: CodingPanel.Chosen) -> None:
        event.stop()
        model = self.model
        coding = model.find(event.coding_id) if model else None
        if coding is not None:
            self.jump_to(
                model.transcript.id if model else 0, coding.layer_id, coding.start, coding.end
            )

    # -- jumping -------------------------------------------------------------------------

    def jump_to(self, transcript_id: int, layer_id: int, start: int, end: int) -> None:
        """Open a transcript (if needed) and select ``[start, end)`` of one of its layers."""
        if self.model is None or self.model.transcript.id != transcript_id:
            self.open_transcript(transcript_id)
        model = self.model
        assert model is not None
        pane = self.view.pane_for(layer_id)
        if pane is None:
            if layer_id == model.layers[0].id or not self.paired:
                self.left_layer = layer_id
            else:
                self.right_layer = layer_id
            self._show_layers()
            pane = self.view.pane_for(layer_id)
        if pane is None:
            return
        pane.focus()
        pane.select_range(start, end)
        self._refresh_panel(document=True)

    def _focused_range(self, *, whole_utterance: bool = False) -> tuple[LayerPane, int, int] | None:
        pane = self.view.focused_pane()
        if pane.layer_id is None or self.model is None:
            return None
        if whole_utterance:
            start, end = self.model.utterance_range(pane.layer_id, pane.selection.end[0])
            if start == end:
                self.notify(
                    _("This utterance is empty in this layer"), severity="warning", markup=False
                )
                return None
            return pane, start, end
        selected = pane.selected_range()
        if selected is None:
            self.notify(
                _("Select some text first (Shift+arrows or the mouse), or press U for the turn"),
                severity="warning",
                markup=False,
            )
            return None
        return pane, *selected

    # -- coding actions ------------------------------------------------------------------

    def _finder(self, title: str, context: str, then: Callable[[CodeChoice], None]) -> None:
        def chosen(choice: CodeChoice | None) -> None:
            if choice is not None:
                then(choice)

        self.app.push_screen(
            CodeFinder(self.store.codes.all(), self._ui_language(), title=title, context=context),
            chosen,
        )

    def _code_range(self, whole_utterance: bool) -> None:
        found = self._focused_range(whole_utterance=whole_utterance)
        if found is None:
            return
        pane, start, end = found
        excerpt = pane.text[start : min(end, start + 200)]
        self._finder(
            _("Code with…"),
            excerpt,
            lambda choice: self._with_coder(
                lambda coder: self.apply(choice, pane.layer_id or 0, start, end, coder)
            ),
        )

    def action_code_selection(self) -> None:
        """Code the selection with a code chosen in the finder."""
        self._code_range(False)

    def action_code_utterance(self) -> None:
        """Code the whole utterance at the cursor."""
        self._code_range(True)

    def action_apply_last(self) -> None:
        """Apply the last used code to the selection."""
        if self.last_code is None or self.model is None or self.last_code not in self.model.codes:
            self.notify(
                _("No code used yet: press C to choose one"), severity="warning", markup=False
            )
            return
        found = self._focused_range()
        if found is not None:
            pane, start, end = found
            code = self.last_code
            self._with_coder(
                lambda coder: self.apply(
                    CodeChoice(code_id=code), pane.layer_id or 0, start, end, coder
                )
            )

    def action_in_vivo(self) -> None:
        """Use the selected words as a new code's name and apply it."""
        found = self._focused_range()
        if found is None:
            return
        pane, start, end = found
        words = " ".join(pane.text[start:end].split()).replace("/", "∕").strip(" .,;:!?«»\"'—-")
        if not words:
            self.notify(
                _("Select some words for an in-vivo code"), severity="warning", markup=False
            )
            return
        name = words if len(words) <= IN_VIVO_LENGTH else words[: IN_VIVO_LENGTH - 1] + "…"
        existing = self.store.codes.find(name, None)
        choice = CodeChoice(code_id=existing.id) if existing else CodeChoice(new_name=name)
        self._with_coder(
            lambda coder: self.apply(
                choice, pane.layer_id or 0, start, end, coder, N_("In-vivo code")
            )
        )

    def apply(
        self,
        choice: CodeChoice,
        layer_id: int,
        start: int,
        end: int,
        coder_id: int,
        label: str = N_("Apply code"),
    ) -> Coding | None:
        """Apply (or create and apply) a code to ``[start, end)``; one undo step."""
        store = self.store
        try:
            with store.history.undoable(label):
                code_id = choice.code_id
                if code_id is None:
                    names = {self._ui_language() or "en": choice.new_name or ""}
                    code_id = store.codes.add(names, parent_id=choice.parent_id).id
                if self.model is not None:
                    start, end = snap_in_line(self.model.layer(layer_id).text, start, end)
                coding = store.codings.add(code_id, layer_id, start, end, coder_id, snap=False)
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return None
        self.last_code = coding.code_id
        self._after_change(None, coding)
        return coding

    def _target(self, *, in_selection: bool = False) -> Coding | None:
        """The coding that remove/recode/resize/memo act on."""
        model = self.model
        pane = self.view.focused_pane()
        if model is None or pane.layer_id is None:
            return None
        selected = pane.selected_range()
        start, end = selected if selected else (pane.cursor_offset(), None)
        here = model.at(pane.layer_id, start, end, self.coder_filter)
        chosen = self.panel.highlighted_at_cursor()
        target = next((c for c in here if c.id == chosen), here[0] if here else None)
        if target is None:
            self.notify(_("No coding at the cursor"), severity="warning", markup=False)
        return target

    def _change(
        self, label: str, work: Callable[[Store], object], target: Coding | None = None
    ) -> None:
        try:
            with self.store.history.undoable(label):
                work(self.store)
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        if target is None:
            self._after_change()
            return
        try:
            after: Coding | None = self.store.codings.get(target.id)
        except SuhbatError:
            after = None  # deleted
        self._after_change(target, after)

    def _after_change(self, before: Coding | None = None, after: Coding | None = None) -> None:
        """Bring the model and the panes up to date after codings changed.

        Given the coding before and after one change (None: it did not exist), only it
        is updated in the model and only the lines it covers are repainted; with
        neither, everything is re-read and repainted.
        """
        model = self.model
        self._history_seen = self.store.history.version
        if model is None:
            return
        if (before is None and after is None) or self.mirror:
            model.reload_codings(self.store)
            self._repaint()
            return
        model.codes = {c.id: c for c in self.store.codes.all()}
        if before is not None:
            model.drop(before.id)
        if after is not None:
            model.add(after)
        lines: dict[int, set[int]] = {}
        for coding in (before, after):
            if coding is None:
                continue
            starts = model.starts[coding.layer_id]
            first = locate(starts, coding.start)[0]
            last = locate(starts, max(coding.start, coding.end - 1))[0]
            lines.setdefault(coding.layer_id, set()).update(range(first, last + 1))
        for layer_id, touched in lines.items():
            self._repaint_lines(layer_id, touched)
        self._refresh_panel(document=True)

    def _repaint_lines(self, layer_id: int, lines: set[int]) -> None:
        """Repaint only ``lines`` of the pane showing ``layer_id``."""
        model = self.model
        pane = self.view.pane_for(layer_id)
        if model is None or pane is None or not lines:
            return
        starts = model.starts[layer_id]
        low, high = min(lines), max(lines)
        begin = starts[low]
        finish = starts[high + 1] if high + 1 < len(starts) else len(model.layer(layer_id).text)
        nearby = [
            c
            for c in model.shown(layer_id, self.coder_filter)
            if c.start <= finish and c.end >= begin
        ]
        mine = self.coder_id()
        primary = {mine} if self.coder_filter is None and mine is not None else None
        runs, stripes = paint_lines(nearby, starts, model.colors(), primary)
        for line in range(low, high + 1):
            for target, source in ((pane.runs, runs), (pane.stripes, stripes)):
                if line in source:
                    target[line] = source[line]  # type: ignore[assignment]
                else:
                    target.pop(line, None)
        pane.repaint()

    def action_remove_coding(self) -> None:
        """Remove the coding at the cursor (Ctrl+Z brings it back)."""
        target = self._target()
        if target is not None:
            self._change(N_("Remove coding"), lambda store: store.codings.delete(target.id), target)
            name = self.model.code_name(target.code_id, self._ui_language()) if self.model else ""
            self.notify(
                _("Removed {code} (Ctrl+Z to undo)").format(code=name), timeout=3, markup=False
            )

    def action_recode(self) -> None:
        """Give the coding at the cursor another code."""
        target = self._target()
        if target is None:
            return

        def recode(choice: CodeChoice) -> None:
            def work(store: Store) -> None:
                code_id = choice.code_id
                if code_id is None:
                    names = {self._ui_language() or "en": choice.new_name or ""}
                    code_id = store.codes.add(names, parent_id=choice.parent_id).id
                store.codings.update(target.id, code_id=code_id)

            self._change(N_("Recode"), work, target)

        layer_text = self.model.layer(target.layer_id).text if self.model else ""
        self._finder(_("Recode as…"), layer_text[target.start : target.end][:200], recode)

    def action_resize(self) -> None:
        """Set the boundaries of the coding under the selection to the selection."""
        pane = self.view.focused_pane()
        selected = pane.selected_range()
        if selected is None:
            self.notify(
                _("Select the new extent (overlapping the coding), then press B"),
                severity="warning",
                markup=False,
            )
            return
        target = self._target(in_selection=True)
        if target is not None:
            start, end = selected
            self._change(
                N_("Resize coding"),
                lambda store: store.codings.update(target.id, start=start, end=end),
                target,
            )

    def action_memo(self) -> None:
        """Write or edit the memo of the coding at the cursor."""
        target = self._target()
        if target is None or self.model is None:
            return
        excerpt = self.model.layer(target.layer_id).text[target.start : target.end][:200]

        def save(text: str | None) -> None:
            if text is not None:
                self._change(
                    N_("Coding memo"),
                    lambda store: store.codings.update(target.id, memo=text),
                    target,
                )

        self.app.push_screen(
            MemoDialog(_("Memo on this coding"), target.memo, context=excerpt), save
        )

    # -- view actions --------------------------------------------------------------------

    def action_toggle_layers(self) -> None:
        """Show two layers side by side, or one alone."""
        if self.model is None:
            return
        if self.right_layer is None:
            self.right_layer = self.model.other_layer(self.left_layer or 0)
            if self.right_layer is None:
                self.notify(
                    _("This transcript has only one layer"), severity="warning", markup=False
                )
                return
        self.paired = not self.paired
        self._show_layers()

    def action_next_layer(self) -> None:
        """Show the next language layer (on the right, or alone)."""
        if self.model is None or self.left_layer is None:
            return
        if self.paired:
            following = self.model.other_layer(
                self.right_layer or self.left_layer, skip=self.left_layer
            )
            if following is None or following == self.right_layer:
                self.notify(_("No other layer to show"), severity="warning", markup=False)
                return
            self.right_layer = following
        else:
            following = self.model.other_layer(self.left_layer)
            if following is None:
                self.notify(
                    _("This transcript has only one layer"), severity="warning", markup=False
                )
                return
            self.left_layer = following
        self._show_layers()

    def action_toggle_mirror(self) -> None:
        """Show (or hide) the codes of the other layer beside aligned utterances."""
        self.mirror = not self.mirror
        self._repaint()
        self._update_status()

    def action_next_coder_filter(self) -> None:
        """Cycle: my codings → each other coder's → everyone's."""
        if self.model is None:
            return
        mine = self.coder_id()
        others = [i for i in sorted(self.model.coders) if i != mine]
        cycle: list[int | None] = [mine, *others, None] if mine is not None else [*others, None]
        current = cycle.index(self.coder_filter) if self.coder_filter in cycle else -1
        self.coder_filter = cycle[(current + 1) % len(cycle)]
        self.filter_all = self.coder_filter is None
        self._repaint()
        self._update_status()

    def action_next_coding(self) -> None:
        """Select the next coding."""
        self._step_coding(backwards=False)

    def action_previous_coding(self) -> None:
        """Select the previous coding."""
        self._step_coding(backwards=True)

    def _step_coding(self, *, backwards: bool) -> None:
        pane = self.view.focused_pane()
        if self.model is None or pane.layer_id is None:
            return
        start, _end = sorted(pane.selection)
        offset = pane.offset_of(start)
        coding = self.model.next_coding(
            pane.layer_id, offset, self.coder_filter, backwards=backwards
        )
        if coding is None:
            self.notify(_("No more codings"), timeout=2, markup=False)
            return
        pane.select_range(coding.start, coding.end)

    def action_next_turn(self) -> None:
        """Jump to the next turn of the speaker at the cursor."""
        pane = self.view.focused_pane()
        if self.model is None:
            return
        line = self.model.next_turn(pane.selection.end[0])
        if line is None:
            self.notify(_("No later turn by this speaker"), timeout=2, markup=False)
            return
        self.view.go_to_line(line)

    def action_jump_time(self) -> None:
        """Jump to the utterance spoken at a time."""

        def go(text: str | None) -> None:
            if text is None or self.model is None:
                return
            ms = parse_time(text)
            if ms is None:
                self.notify(
                    _("Not a time: {text}").format(text=text), severity="error", markup=False
                )
                return
            self.view.go_to_line(self.model.line_of_time(ms))

        self.app.push_screen(TextPrompt(_("Go to time"), placeholder="00:12:30"), go)

    def action_edit_text(self) -> None:
        """Correct the text of the utterance at the cursor (codings move with the text)."""
        pane = self.view.focused_pane()
        model = self.model
        if model is None or pane.layer_id is None:
            return
        line = pane.selection.end[0]
        layer_id = pane.layer_id
        utterance = model.utterances[line]
        start, end = model.utterance_range(layer_id, line)

        def save(text: str | None) -> None:
            if text is None or self.model is None:
                return
            try:
                with self.store.history.undoable(N_("Edit text")):
                    self.store.transcripts.edit_utterance_text(utterance.id, layer_id, text)
            except SuhbatError as error:
                self.notify(translate_error(error), severity="error", markup=False)
                return
            self.model.reload_layer(self.store, layer_id)
            self._show_layers(line)
            self._after_change()

        self.app.push_screen(
            TextPrompt(
                _("Correct the text ({speaker})").format(speaker=utterance.speaker),
                value=model.layer(layer_id).text[start:end],
                hint=_("Codings move with the text; Ctrl+Z undoes the correction."),
            ),
            save,
        )

    def action_translate(self) -> None:
        """Open translation mode for this transcript (asks for the target language)."""
        from tui.screens.translation import open_translation

        if self.model is not None:
            transcript_id = self.model.transcript.id
            open_translation(self, transcript_id, lambda _: self.open_transcript(transcript_id))

    def action_open_transcript(self) -> None:
        """Choose another transcript."""
        store = self.store
        titles = {s.id: s.title for s in store.sessions.all()}
        items = [
            (t.id, f"{t.title} — {titles.get(t.session_id, '')}") for t in store.transcripts.all()
        ]
        if not items:
            self.notify(_("No transcripts yet"), severity="warning", markup=False)
            return

        def chosen(transcript_id: int | None) -> None:
            if transcript_id is not None:
                self.open_transcript(transcript_id)

        current = self.model.transcript.id if self.model else None
        self.app.push_screen(ChoiceDialog(_("Open transcript"), items, current=current), chosen)

    def action_undo(self) -> None:
        """Undo the last coding or codebook change."""
        step = run_history(self, self.store, redo=False)
        if step is not None:
            self._reload(texts="layer_text" in step.tables)

    def action_redo(self) -> None:
        """Redo the last undone change."""
        step = run_history(self, self.store, redo=True)
        if step is not None:
            self._reload(texts="layer_text" in step.tables)


async def show_in_transcript(
    app: App[Any], transcript_id: int, layer_id: int, start: int, end: int
) -> None:
    """Switch to the coding screen and select ``[start, end)`` of a layer there."""
    await app.switch_mode("transcripts")
    screen = app.screen
    if isinstance(screen, TranscriptScreen):
        screen.jump_to(transcript_id, layer_id, start, end)
