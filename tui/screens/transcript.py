"""Transcript & coding: read a transcript in two languages side by side and code it inline.

Select text (Shift+arrows or the mouse) and press C to pick a code from the fuzzy
finder (or create one), V for in-vivo coding, U to code the whole utterance, A to
apply the last code again. D, R, B and M remove, recode, resize and annotate the
coding at the cursor (the one highlighted in the side panel when several
overlap). Every change can be undone with Ctrl+Z.

This module is the coding half of the screen: the keys (:mod:`.transcript_keys`) and
their actions, which ask (finder, prompts) and then let
:class:`.coding_commands.CodingCommands` write. Showing and moving in the transcript is
:class:`.transcript_reader.TranscriptReader`; painting is :mod:`.transcript_paint`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Header, Static

from i18n import _, translate_error
from storage import SuhbatError
from storage.errors import N_
from storage.models import Coding
from storage.valence import next_valence
from tui.dialogs.code_finder import CodeFinder
from tui.dialogs.coding_dialogs import MemoDialog, TextPrompt
from tui.keys.screen_commands import ScreenActionsProvider
from tui.models.code_matching import CodeChoice
from tui.screens.transcript_keys import TRANSCRIPT_KEYS
from tui.screens.transcript_paint import paint_some_lines, touched_lines
from tui.screens.transcript_reader import TranscriptReader
from tui.screens.utterance_language import ask_utterance_language
from tui.screens.utterance_split import join_with_next, split_at_cursor
from tui.widgets.coding_panel import CodingPanel
from tui.widgets.layer_pane import LayerPane
from tui.widgets.stable_footer import StableFooter
from tui.widgets.transcript_view import TranscriptView


class TranscriptScreen(TranscriptReader):
    """The transcript & coding screen (F6)."""

    COMMANDS: ClassVar[set[Any]] = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = TRANSCRIPT_KEYS

    DEFAULT_CSS = """
    TranscriptScreen #coding-status { height: 1; padding: 0 1; background: $boost; }
    TranscriptScreen #coding-body { height: 1fr; }
    TranscriptScreen #coding-empty { padding: 1 2; color: $text-muted; height: auto; }
    TranscriptScreen.-narrow CodingPanel { width: 24; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="coding-status", markup=False)
        with Horizontal(id="coding-body"):
            yield TranscriptView(id="transcript-view")
            yield CodingPanel(id="coding-panel")
        yield Static("", id="coding-empty", markup=False)
        yield StableFooter()

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
        last = self.commands.last_code
        if last is None or self.model is None or last not in self.model.codes:
            self.notify(
                _("No code used yet: press C to choose one"), severity="warning", markup=False
            )
            return
        found = self._focused_range()
        if found is not None:
            pane, start, end = found
            self._with_coder(
                lambda coder: self.apply(
                    CodeChoice(code_id=last), pane.layer_id or 0, start, end, coder
                )
            )

    def action_in_vivo(self) -> None:
        """Use the selected words as a new code's name and apply it."""
        found = self._focused_range()
        if found is None:
            return
        pane, start, end = found
        choice = self.commands.in_vivo(pane.text[start:end])
        if choice is None:
            self.notify(
                _("Select some words for an in-vivo code"), severity="warning", markup=False
            )
            return
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
        text = self.model.layer(layer_id).text if self.model is not None else None
        try:
            coding = self.commands.apply(
                choice, layer_id, start, end, coder_id, layer_text=text, label=label
            )
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return None
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

    def _change(self, work: Callable[[], object], target: Coding | None = None) -> None:
        """Run one of the controller's changes; show a refusal, else bring the view up to date."""
        try:
            work()
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        if target is None:
            self._after_change()
        else:
            self._after_change(target, self.commands.current(target.id))

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
        model.coders = {c.id: c.name for c in self.store.coders.all()}  # a coder new since load
        if before is not None:
            model.drop(before.id)
        if after is not None:
            model.add(after)
        mine = self.coder_id()
        for layer_id, lines in touched_lines(model, (before, after)).items():
            paint_some_lines(self.view, model, layer_id, lines, self.coder_filter, mine)
        self._paint_margin()
        self._refresh_panel(document=True)

    def action_remove_coding(self) -> None:
        """Remove the coding at the cursor (Ctrl+Z brings it back)."""
        target = self._target()
        if target is not None:
            self._change(lambda: self.commands.remove(target.id), target)
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
            self._change(lambda: self.commands.recode(target.id, choice), target)

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
            self._change(lambda: self.commands.resize(target.id, start, end), target)

    def action_memo(self) -> None:
        """Write or edit the memo of the coding at the cursor."""
        target = self._target()
        if target is None or self.model is None:
            return
        excerpt = self.model.layer(target.layer_id).text[target.start : target.end][:200]

        def save(text: str | None) -> None:
            if text is not None:
                self._change(lambda: self.commands.set_memo(target.id, text), target)

        self.app.push_screen(
            MemoDialog(_("Memo on this coding"), target.memo, context=excerpt), save
        )

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
                self.commands.edit_text(utterance.id, layer_id, text)
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

    def action_utterance_language(self) -> None:
        """Set the language of the utterances at the cursor or in the selection."""
        ask_utterance_language(self)

    def action_split_utterance(self) -> None:
        """Split the utterance at the cursor in two where the cursor is."""
        split_at_cursor(self)

    def action_join_utterance(self) -> None:
        """Join the utterance at the cursor with the next one."""
        join_with_next(self)

    def action_next_valence(self) -> None:
        """Step the valence of the coding at the cursor (one key, one undo step)."""
        target = self._target()
        if target is None:
            return
        value = next_valence(target.valence, self.store.codings.valence_scale())
        self._change(lambda: self.commands.set_valence(target.id, value), target)

    def action_translate(self) -> None:
        """Open translation mode for this transcript (asks for the target language)."""
        from tui.screens.translation import open_translation

        if self.model is not None:
            transcript_id = self.model.transcript.id
            open_translation(self, transcript_id, lambda _: self.open_transcript(transcript_id))

    # -- the recording ---------------------------------------------------------------------

    def _cursor_line(self) -> int:
        return self.view.focused_pane().selection.end[0]

    def action_play_pause(self) -> None:
        """Play or pause the transcript's recording."""
        self.media.toggle()
        self._update_status()

    def action_skip_back(self) -> None:
        """Five seconds back in the recording."""
        self.media.skip(forward=False)
        self._update_status()

    def action_skip_forward(self) -> None:
        """Five seconds forward in the recording."""
        self.media.skip(forward=True)
        self._update_status()

    def action_slower(self) -> None:
        """Play the recording slower."""
        self.media.speed(faster=False)
        self._update_status()

    def action_faster(self) -> None:
        """Play the recording faster."""
        self.media.speed(faster=True)
        self._update_status()

    def action_play_turn(self) -> None:
        """Play the utterance at the cursor."""
        self.media.play_line(self._cursor_line())
        self._update_status()

    def action_follow(self) -> None:
        """Let the cursor follow playback (or not)."""
        self.media.toggle_follow()
        self._update_status()

    def action_recordings(self) -> None:
        """Open the recordings of this transcript."""
        from tui.dialogs.recordings_modal import RecordingsModal

        if self.model is None:
            return
        transcript_id = self.model.transcript.id

        def closed(_result: None) -> None:
            if self.model is not None and self.model.transcript.id == transcript_id:
                self.media.open(self.store, transcript_id, self.model.utterances)
                self._update_status()

        self.app.push_screen(RecordingsModal(transcript_id), closed)

    # -- reviewing a machine transcript -----------------------------------------------------

    def action_review(self) -> None:
        """Mark the utterance at the cursor reviewed; go to the next one and play it."""
        from tui.screens.transcript_review import mark_and_next

        model = self.model
        if model is None:
            return
        transcript_id = model.transcript.id
        if self.store.media.machine(transcript_id) is None:
            self.notify(_("This transcript was not made by speech recognition"), markup=False)
            return
        following = mark_and_next(self.store, transcript_id, model.utterances, self._cursor_line())
        if following is None:
            self.notify(
                _("Every utterance is reviewed: the transcript is marked as reviewed"), markup=False
            )
        else:
            self.view.go_to_line(following)
            self.media.play_line(following)
        self._update_status()

    def action_change_speaker(self) -> None:
        """Give the utterance at the cursor another speaker."""
        model = self.model
        if model is None or not model.utterances:
            return
        line = self._cursor_line()
        utterance = model.utterances[line]

        def save(label: str | None) -> None:
            if label is None or self.model is None:
                return
            try:
                self.store.transcripts.set_utterance_speaker(utterance.id, label)
            except SuhbatError as error:
                self.notify(translate_error(error), severity="error", markup=False)
                return
            for layer in list(self.model.layers):
                self.model.reload_layer(self.store, layer.id)
            self._show_layers(line)

        self.app.push_screen(TextPrompt(_("Speaker"), value=utterance.speaker), save)


async def show_in_transcript(
    app: App[Any],
    transcript_id: int,
    layer_id: int,
    start: int,
    end: int,
    *,
    coders: Collection[int] = (),
) -> None:
    """Switch to the coding screen and select ``[start, end)`` of a layer there (showing
    the codings of ``coders``, if given: see :meth:`TranscriptReader.jump_to`)."""
    await app.switch_mode("transcripts")
    screen = app.screen
    if isinstance(screen, TranscriptScreen):
        screen.jump_to(transcript_id, layer_id, start, end, coders=coders)
