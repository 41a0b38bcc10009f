"""Reading a transcript on the coding screen: layers, painting, jumping, filters.

:class:`TranscriptReader` is the half of the transcript & coding screen that shows a
transcript (one or two layers, codings painted, the side panel, the status line) and
moves around in it; :class:`tui.screens.transcript.TranscriptScreen` adds the coding
keys on top. The Store is changed only through :class:`.coding_commands.CodingCommands`
and the undo history. Its size (a little over 500 lines) is the reading keys, the
code margin and the status line; the recording keys are
:mod:`.transcript_media`, reviewing :mod:`.transcript_review`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from textual.screen import Screen
from textual.widgets import Static

from i18n import _
from storage import Store
from storage.history_store import HistoryStep
from tui.dialogs.coding_dialogs import ChoiceDialog, TextPrompt
from tui.keys.history_keys import run_history
from tui.models.code_margin import MARGIN_WIDTHS, margin_entries, shown_width
from tui.models.coding_paint import locate
from tui.models.transcript_model import TranscriptModel, parse_time
from tui.screens.coding_commands import CodingCommands
from tui.screens.transcript_actions import transcript_changed
from tui.screens.transcript_media import TranscriptMedia
from tui.screens.transcript_paint import paint_panes, status_line
from tui.screens.transcript_review import review_note
from tui.store_access import app_store
from tui.widgets.coding_panel import CodingPanel
from tui.widgets.layer_pane import LayerPane
from tui.widgets.transcript_view import TranscriptView

NARROW_SCREEN = 100
"""Below this width the side panel narrows to leave the transcript more room."""


class TranscriptReader(Screen[None]):
    """Shows the open transcript and moves in it; the coding screen builds on it."""

    def __init__(self) -> None:
        super().__init__()
        self.model: TranscriptModel | None = None
        self.left_layer: int | None = None
        self.right_layer: int | None = None
        self.paired = True
        self.mirror = False
        self.coder_filter: int | None = None
        self.filter_all = False
        self._commands: CodingCommands | None = None
        self._history_seen = -1
        self._data_seen = -1
        self._panel_layer: int | None = None
        self.margin_choice = 0
        """Index into :data:`MARGIN_WIDTHS` of the margin width the coder chose."""
        self.media = TranscriptMedia(
            lambda message: self.notify(message, timeout=3, markup=False),
            lambda line: self.view.go_to_line(line),
        )
        """The recording of the transcript on screen (see :mod:`transcript_media`)."""

    # -- set-up --------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The app's Store."""
        return app_store(self)

    @property
    def commands(self) -> CodingCommands:
        """What the coding keys change in the Store (see :mod:`.coding_commands`)."""
        if self._commands is None or self._commands.store is not self.store:
            self._commands = CodingCommands(self.store)
        return self._commands

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
        self.set_interval(0.25, self._media_tick)

    def on_unmount(self) -> None:
        self.media.close()

    def _media_tick(self) -> None:
        """Follow playback with the cursor and keep the player's time on the status line."""
        listening = self.media.listening
        if listening is not None and listening.playing:
            self.media.tick()
            self._update_status()

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
        if self.model and transcript_changed(self.store, self.model.transcript, self.model.layers):
            self.model, self._data_seen = None, -1  # changed on Project home: open afresh
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
                coder = self.commands.set_coder(name)
                self.app.coder_name = coder.name  # type: ignore[attr-defined]
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
                record = self.commands.set_coder(name)
                self.app.coder_name = record.name  # type: ignore[attr-defined]
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
        self.media.open(self.store, transcript_id, self.model.utterances)
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
            (left.id, left.text),
            (right.id, right.text) if right else None,
            model.labels(),
            self._line_languages(),
        )
        self._repaint()
        if line:
            self.view.go_to_line(line)
        self._update_status()

    def _line_languages(self) -> dict[int, tuple[str, dict[int, str]]]:
        model = self.model
        if model is None:
            return {}
        return model.line_languages(self.store.transcripts.utterance_languages(model.transcript.id))

    def show_utterance_languages(self) -> None:
        """Show again which utterances are in another language than their layer's."""
        self.view.set_languages(self._line_languages())
        self._paint_margin()

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
        if self.model is not None:
            paint_panes(
                self.view, self.model, self.coder_filter, self.coder_id(), mirror=self.mirror
            )
            self._paint_margin()
            self._refresh_panel(document=True)

    def _paint_margin(self) -> None:
        """Show the names of the codes on each utterance right of the last pane."""
        model = self.model
        if model is None:
            return
        visible = [p for p in self.view.visible_panes() if p.layer_id is not None]
        if not visible:
            return
        width = self._margin_width(self.margin_choice)
        language = self._ui_language()
        entries = margin_entries(
            [c for p in visible for c in model.shown(p.layer_id or 0, self.coder_filter)],
            lambda coding: locate(model.starts[coding.layer_id], coding.start)[0],
            lambda coding: locate(model.starts[coding.layer_id], max(coding.start, coding.end - 1))[
                0
            ],
            model.colors(),
            lambda code_id: model.code_name(code_id, language),
        )
        changed = False
        for pane in self.view.panes:
            wanted = width if pane is visible[-1] else 0
            changed = changed or pane.margin_width != wanted
            pane.set_margin(entries if wanted else {}, wanted)
        if changed:
            self.view.on_resize()

    def action_next_margin(self) -> None:
        """Make the code-name margin narrower, hide it, or bring it back."""
        now = self._margin_width(self.margin_choice)
        for _step in MARGIN_WIDTHS:  # skip widths the terminal cannot give
            self.margin_choice = (self.margin_choice + 1) % len(MARGIN_WIDTHS)
            if self._margin_width(self.margin_choice) != now:
                break
        self._paint_margin()

    def _margin_width(self, choice: int) -> int:
        """The margin width shown for the coder's ``choice`` at the view's width."""
        visible = [p for p in self.view.visible_panes() if p.layer_id is not None]
        if self.view.stacked:
            return 0  # a narrow view: the text takes every column
        gutters = sum(p.gutter_width for p in visible) + len(visible)
        return shown_width(MARGIN_WIDTHS[choice], self.view.size.width, gutters, len(visible))

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_SCREEN, "-narrow")
        self._paint_margin()
        # the view decides on its own resize whether the layers are interleaved
        self.call_after_refresh(self._margin_follows_view)

    def _margin_follows_view(self) -> None:
        """Show or hide the margin if the view interleaved its layers or stopped."""
        visible = [p for p in self.view.visible_panes() if p.layer_id is not None]
        if visible and visible[-1].margin_width != self._margin_width(self.margin_choice):
            self._paint_margin()

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

    def _ui_language(self) -> str:
        return self.commands.language()

    def _update_status(self) -> None:
        if self.model is None:
            return
        layers = [self.left_layer] if self.left_layer else []
        if self.paired and self.right_layer is not None:
            layers.append(self.right_layer)
        line = status_line(
            self.model, layers, self.coder_filter, self.coder_name, mirror=self.mirror
        )
        # the playback position first: on a narrow terminal the end of the line is cut
        parts = [
            self.media.status(),
            line,
            review_note(self.store, self.model.transcript.id, len(self.model.utterances)),
        ]
        self.query_one("#coding-status", Static).update("  ".join(filter(None, parts)))

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

    def jump_to(
        self,
        transcript_id: int,
        layer_id: int,
        start: int,
        end: int,
        *,
        coders: Collection[int] = (),
    ) -> None:
        """Open a transcript (if needed) and select ``[start, end)`` of one of its layers.

        ``coders``: whose codings the range stands for (a coded passage's); when the
        screen shows one coder's codings and none of these, it shows every coder's."""
        if self.model is None or self.model.transcript.id != transcript_id:
            self.open_transcript(transcript_id)
        model = self.model
        assert model is not None
        if coders and self.coder_filter is not None and self.coder_filter not in coders:
            self.coder_filter = None
            self.filter_all = True
            self._repaint()
            self._update_status()
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

    # -- view actions --------------------------------------------------------------------

    def action_toggle_layers(self) -> None:
        """Show two layers side by side, or one alone."""
        if self.model is None:
            return
        if self.right_layer is None or (not self.paired and self.right_layer == self.left_layer):
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
        self._after_history(run_history(self, self.store, redo=False))

    def action_redo(self) -> None:
        """Redo the last undone change."""
        self._after_history(run_history(self, self.store, redo=True))

    def _after_history(self, step: HistoryStep | None) -> None:
        """Show what an undone or redone step changed (utterances split or joined too)."""
        if step is None:
            return
        self._reload(texts="layer_text" in step.tables)
        if "span_language" in step.tables:
            self.show_utterance_languages()
        if "utterance_rows" in step.tables and self.model is not None:
            self.media.open(self.store, self.model.transcript.id, self.model.utterances)
