"""The live interview screen: run a session from its guide and take notes as it happens.

Every keystroke of a note is stored at once (see :mod:`storage.live_store`), and so is
every change of question, speaker, language and clock, so a crashed or killed session
resumes where it was. Keys: ``n`` next, ``b`` back, ``a`` answered, ``s`` skipped,
``l`` language, ``0``–``9`` speaker (Tab cycles speakers while typing), ``i`` to type,
Esc to leave the note, PgDn/PgUp next/back while typing, ``t`` pause the clock,
``e`` end (notes become a transcript).

A write that fails because the disk is full (:func:`storage.disk_full.is_disk_full`)
does not stop the screen: the note stays in the box (and in memory), a banner says it
is not saved yet, and saving is retried every second and on the next key until it
succeeds.

What the keys write is :class:`.live_commands.LiveRun` (no widgets, tested without an
app); the keys are the table in :mod:`.live_keys`; the session picker and the question
panel are widgets. The disk-full handling and the keys of recording and transcription
by ear (their logic is :mod:`.live_recording` and :mod:`.by_ear`) keep this module over
500 lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from i18n import _, ngettext, translate_error
from storage import Store, SuhbatError, media_time
from storage.disk_full import is_disk_full
from storage.live_store import LiveState, epoch_ms
from storage.models import Session
from tui.dialogs.confirm_modal import ConfirmModal
from tui.keys.screen_commands import ScreenActionsProvider
from tui.models.live_commands import LiveRun
from tui.models.live_plan import (
    Speaker,
    Step,
    start_or_resume,
)
from tui.screens.live_keys import LIVE_KEYS
from tui.screens.live_recording import RecordingControl
from tui.screens.live_start import confirm_start
from tui.store_access import app_store
from tui.widgets.live_question_panel import QuestionPanel
from tui.widgets.session_picker import SessionPicker, status_text
from tui.widgets.stable_footer import StableFooter

__all__ = ["LiveSessionScreen", "start_or_resume"]

MARK_SIGNS = {"answered": "✓", "skipped": "–"}
NARROW_WIDTH = 100
"""Below this width the guide's list narrows so that the notes keep their width."""
T = TypeVar("T")


class LiveSessionScreen(Screen[None]):
    """Run a session live: current question, probes, next question, clock, speakers, notes."""

    COMMANDS = {ScreenActionsProvider}

    clock: ClassVar[Callable[[], int]] = staticmethod(epoch_ms)
    """Wall-clock source in epoch ms; tests replace it with a fixed clock."""

    BINDINGS: ClassVar[list[BindingType]] = LIVE_KEYS

    DEFAULT_CSS = """
    LiveSessionScreen ContentSwitcher { height: 1fr; }
    LiveSessionScreen #live { height: 1fr; }
    LiveSessionScreen #live-bar {
        height: 1; padding: 0 1; background: $primary 30%; text-style: bold;
    }
    LiveSessionScreen #live-main { height: 1fr; }
    LiveSessionScreen #live-rec { display: none; height: 1; padding: 0 1; color: $error; }
    LiveSessionScreen #live-rec.shown { display: block; }
    LiveSessionScreen #disk-full {
        display: none; height: auto; padding: 0 1; background: $error; color: $text;
        text-style: bold;
    }
    LiveSessionScreen #disk-full.shown { display: block; }
    LiveSessionScreen #guide-list { width: 38; height: 1fr; }
    LiveSessionScreen.-narrow #guide-list { width: 24; }
    LiveSessionScreen #speakers { height: 1; padding: 0 1; }
    LiveSessionScreen #note-row { height: 1; }
    LiveSessionScreen #note-stamp { width: auto; padding: 0 1; color: $accent; }
    LiveSessionScreen #note { width: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.run: LiveRun | None = None
        """The session shown, and what its keys write (None while the picker is shown)."""
        self.show_other = False
        self._loading_note = False
        self.unsaved = False
        """A write failed for lack of space: the note box holds what is not saved yet."""
        self._commit_pending = False
        self.recorder = RecordingControl(self)
        """The session's recording and its keys (see :mod:`live_recording`)."""
        self._covered = False
        """A dialog (or the palette) is, or was last, over this screen, not another mode."""

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="picker"):
            yield SessionPicker(id="picker")
            with Vertical(id="live"):
                yield Static("", id="live-bar", markup=False)
                yield Static("", id="live-rec", markup=False)
                yield Static("", id="disk-full", markup=False)
                with Horizontal(id="live-main"):
                    yield OptionList(id="guide-list", markup=False)
                    yield QuestionPanel(id="question-panel")
                yield Static("", id="speakers")
                with Horizontal(id="note-row"):
                    yield Static("", id="note-stamp", markup=False)
                    yield Input(
                        id="note",
                        compact=True,
                        select_on_focus=False,
                        placeholder=_("Type a note · Enter saves it · Esc for keys"),
                    )
        yield StableFooter()

    @property
    def store(self) -> Store:
        """The app's Store."""
        return app_store(self)

    def now(self) -> int:
        """The current wall-clock time in epoch ms (from the injectable clock)."""
        return type(self).clock()

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)
        self.set_interval(0.2, self.draw_recording)

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW_WIDTH
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.draw_speakers()

    def on_screen_resume(self) -> None:
        if not self.is_mounted:
            return
        if self._covered and self.run is None:
            self.show_picker()  # back from a dialog over the picker: the picker again
        else:
            self.open_latest()

    def on_screen_suspend(self) -> None:
        # another screen or a dialog is on top: the picker's clocks stop ticking
        self.query_one(SessionPicker).stop_ticking()
        self._covered = self.app.screen is not self and self in self.app.screen_stack

    def retranslate(self) -> None:
        """Redraw in the current UI language."""
        if self.session is not None and self.state is not None:
            self.show_live(self.session.id)
        else:
            self.show_picker()

    # -- choosing a session ----------------------------------------------------------------

    def open_latest(self) -> None:
        """Show the most recently touched running session, else the session picker."""
        running = self.store.live.states("active")
        if running:
            self.show_live(running[0].session_id)
        else:
            self.show_picker()

    def show_picker(self) -> None:
        """List the sessions to choose from."""
        self.run = None
        self.query_one(ContentSwitcher).current = "picker"
        self.query_one(SessionPicker).show(self.store, self.now)
        self.refresh_bindings()

    def on_session_picker_chosen(self, event: SessionPicker.Chosen) -> None:
        event.stop()
        session = self.store.sessions.get(event.session_id)

        def start() -> None:
            try:
                start_or_resume(self.store, session, now_ms=self.now())
            except SuhbatError as error:
                self.notify(translate_error(error), severity="warning", markup=False)
                return
            self.show_live(session.id)

        confirm_start(self.app, self.store, session, start)

    # -- showing the live session ----------------------------------------------------------

    def show_live(self, session_id: int) -> None:
        """Load a running session and show it."""
        store = self.store
        # a note the full disk refused lives only in the box: do not load the stale draft
        unsaved = self.unsaved and self.session is not None and self.session.id == session_id
        self.run = LiveRun(store, session_id)
        self.query_one(SessionPicker).stop_ticking()
        self.query_one(ContentSwitcher).current = "live"
        self.query_one(QuestionPanel).show_notes(self.run, store.live.notes(session_id))
        note = self.query_one("#note", Input)
        self._loading_note = True
        if not unsaved:
            note.value = self.state.draft if self.state else ""
        note.cursor_position = len(note.value)
        self._loading_note = False
        self.redraw()
        note.focus()
        self.refresh_bindings()
        self.recorder.offer_recovery()

    @property
    def session(self) -> Session | None:
        """The session shown (None on the picker)."""
        return self.run.session if self.run else None

    @property
    def state(self) -> LiveState | None:
        """Its live state: clock, question, speaker, language, draft."""
        return self.run.state if self.run else None

    @property
    def steps(self) -> list[Step]:
        """The guide's questions, probes nested."""
        return self.run.steps if self.run else []

    def step_index(self) -> int:
        """Index of the current question among the steps (-1 when there is none)."""
        return self.run.step_index() if self.run else -1

    def redraw(self) -> None:
        """Update every part of the live view from the current state."""
        if self.run is None or self.state is None:
            return
        marks = self.store.live.marks(self.run.session.id)
        index = self.step_index()
        guide = self.query_one("#guide-list", OptionList)
        options = []
        for i, step in enumerate(self.run.steps):
            sign = "▶" if i == index else MARK_SIGNS.get(marks.get(step.question.id, ""), " ")
            text = self.run.question_text(step.question)
            options.append(Option(f"{sign} {i + 1}. {text}", id=str(i)))
        guide.clear_options()
        guide.add_options(options)
        if index >= 0:
            guide.highlighted = index
        self.query_one(QuestionPanel).show_question(self.run, marks, others=self.show_other)
        self.draw_speakers()
        self.draw_stamp()
        self.tick()

    def current_speaker(self) -> Speaker | None:
        """The speaker notes are attributed to now."""
        return self.run.current_speaker() if self.run else None

    def draw_speakers(self) -> None:
        """The speaker bar: number keys and names, the current one highlighted."""
        current = self.current_speaker()
        # a narrow screen keeps the names in view; the footer shows Tab, the Keys panel 0–9
        hint = _("Speaker") if self.has_class("-narrow") else _("Speaker (Tab, or Esc then 0–9)")
        parts: list[str | tuple[str, str]] = [(hint + ": ", "dim")]
        for speaker in self.run.speakers if self.run else []:
            label = f" {speaker.key} {speaker.label} "
            parts.append((label, "reverse bold") if speaker == current else label)
            parts.append(" ")
        if current is None and self.state is not None:
            parts.append((f" {self.state.speaker} ", "reverse bold"))
        self.query_one("#speakers", Static).update(Content.assemble(*parts))

    def draw_stamp(self) -> None:
        """The note's stamp: session time of its first key (or now) and the speaker."""
        if self.state is None:
            return
        speaker = self.current_speaker()
        label = speaker.label if speaker else self.state.speaker
        at = self.state.draft_ms if self.state.draft_ms is not None else None
        stamp = media_time.clock(at) if at is not None else "--:--:--"
        self.query_one("#note-stamp", Static).update(f"[{stamp}] {label} ›")

    def tick(self) -> None:
        """Redraw the status bar with the running clock (and retry an unsaved note)."""
        if self.state is None or self.session is None:
            return
        if self.unsaved:
            self.retry_save()
        clock = status_text(self.state, self.now())  # (as the picker's Status column)
        index = self.step_index()
        position = (
            _("Q {n}/{total}").format(n=index + 1, total=len(self.steps)) if index >= 0 else ""
        )
        kind = _("focus group") if self.session.kind == "focus_group" else _("interview")
        paused = "" if self.state.running else " · " + _("paused (t resumes)")
        rest = f" · {kind} · {clock}{paused} · {position}"
        # A long title is cut, never the clock or the question number after it.
        room = max(8, self.size.width - len(rest) - 1)
        title = self.session.title
        if len(title) > room:
            title = title[: room - 1].rstrip() + "…"
        bar = title + rest
        # One fixed-height line as wide as the screen: no layout pass (every second, while
        # the user types).
        self.query_one("#live-bar", Static).update(Text(bar), layout=False)

    # -- typing ----------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "note" or self.run is None or self._loading_note:
            return
        event.stop()
        if self.unsaved:
            self.retry_save()
            return
        run = self.run
        had_stamp = self.state is not None and self.state.draft_ms is not None
        saved = self.saving(lambda: run.set_draft(event.value, self.now()))
        if saved and had_stamp != bool(event.value):
            run.reload_state()
            self.draw_stamp()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "note" or self.session is None:
            return
        event.stop()
        self.commit_note()

    def commit_note(self) -> bool:
        """Save the typed note (stamped with its time, question and speaker); clear the box.

        Returns False (the note stays in the box, a banner shows) if the disk is full.
        """
        run = self.run
        if run is None:
            return False
        note_box = self.query_one("#note", Input)
        saved = self.saving(lambda: run.commit_note(note_box.value, self.now()))
        if saved is None:
            self._commit_pending = True
            return False
        self._commit_pending = False
        note = saved[0]
        self._loading_note = True
        note_box.value = ""
        self._loading_note = False
        if note is not None:
            self.query_one(QuestionPanel).add_note(run, note)
        self.draw_stamp()
        return True

    # -- a full disk -------------------------------------------------------------------------

    def saving(self, write: Callable[[], T]) -> tuple[T] | None:
        """Run the Store write ``write``; on a full disk show the banner and return None.

        The result is wrapped in a 1-tuple so that a write returning None still counts
        as saved.
        """
        try:
            result = write()
        except Exception as error:
            if not is_disk_full(error):
                raise
            self.show_disk_full()
            return None
        if self.unsaved:
            self.unsaved = False
            banner = self.query_one("#disk-full", Static)
            banner.update("")
            banner.remove_class("shown")
            self.notify(_("Saved: there is space on the disk again."), markup=False)
        return (result,)

    def show_disk_full(self) -> None:
        """Show the banner: the disk is full and the note is not saved yet."""
        self.unsaved = True
        self.query_one("#disk-full", Static).update(
            _(
                "The disk is full: this note is not saved yet. It stays here; free some"
                " space and it is saved automatically."
            )
        )
        self.query_one("#disk-full", Static).add_class("shown")

    def retry_save(self) -> None:
        """Try again to save what the disk refused: the draft, and the note if Enter was hit."""
        run = self.run
        if run is None:
            return
        if self._commit_pending:
            self.commit_note()
            return
        value = self.query_one("#note", Input).value
        if self.saving(lambda: run.set_draft(value, self.now())):
            run.reload_state()
            self.draw_stamp()

    def action_leave_note(self) -> None:
        """Leave the note box so that single keys work (the draft stays stored)."""
        self.query_one("#guide-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int(event.option.id or 0)
        self.go_to(index)

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "by_ear":
            return self.run is None
        if self.state is None or self.state.status != "active":
            return False
        if action == "leave_note":
            return self.focused is self.query_one("#note", Input)
        return True

    def change(self, **fields: object) -> None:
        """Change the state; a note being typed is saved first (a new turn begins)."""
        run = self.run
        if run is None:
            return
        if self.query_one("#note", Input).value.strip() and not self.commit_note():
            return
        if self.saving(lambda: run.update(self.now(), **fields)) is not None:
            self.redraw()

    def go_to(self, index: int) -> None:
        """Make step ``index`` the current question."""
        if not self.steps:
            return
        index = max(0, min(len(self.steps) - 1, index))
        self.change(question_id=self.steps[index].question.id)

    def action_next(self) -> None:
        """Go to the next question."""
        index = self.step_index()
        if index + 1 >= len(self.steps):
            self.notify(_("This is the last question. Press e to end the session."), markup=False)
            return
        self.go_to(index + 1)

    def action_back(self) -> None:
        """Go back to the previous question."""
        self.go_to(self.step_index() - 1)

    def action_mark(self, mark: str) -> None:
        """Mark the current question answered or skipped, then go on."""
        run = self.run
        if run is None or run.step_index() < 0:
            return
        if not self.saving(lambda: run.mark_current(mark)):
            return
        if self.step_index() + 1 < len(self.steps):
            self.action_next()
        else:
            self.redraw()

    def action_language(self) -> None:
        """Show the questions in the next language; the first press also lists the others."""
        if self.run is None or self.state is None:
            return
        following = self.run.next_language()
        self.change(language=following)
        self.notify(_("Questions in {language}").format(language=following), markup=False)

    def action_speaker(self, number: int) -> None:
        """Attribute notes from now on to speaker ``number`` (focus stays where it is)."""
        speaker = self.run.speaker(number) if self.run else None
        if speaker is None:
            self.notify(
                _("No speaker {n} in this session").format(n=number),
                severity="warning",
                markup=False,
            )
            return
        self.change(speaker_id=speaker.participant_id, speaker=speaker.label)

    def action_cycle_speaker(self, step: int) -> None:
        """Switch to the next (or previous) speaker."""
        following = self.run.cycled_speaker(step) if self.run else None
        if following is None:
            return
        self.change(speaker_id=following.participant_id, speaker=following.label)

    def action_toggle_other(self) -> None:
        """Show or hide the question in the other project languages."""
        self.show_other = not self.show_other
        self.redraw()

    def action_type_note(self) -> None:
        """Put the cursor in the note box."""
        self.query_one("#note", Input).focus()

    def action_pause(self) -> None:
        """Pause or resume the clock."""
        run = self.run
        if run is None or run.state is None:
            return
        toggled = self.saving(lambda: run.toggle_clock(self.now()))
        if toggled is not None:
            self.recorder.clock_toggled(toggled[0].running)
        self.tick()

    def action_end(self) -> None:
        """End the session after confirmation: the clock stops, notes become a transcript."""
        run = self.run
        if run is None:
            return
        session = run.session
        count = len(self.store.live.notes(session.id)) + (
            1 if self.query_one("#note", Input).value.strip() else 0
        )

        def done(answer: bool | None) -> None:
            if not answer:
                return
            value = self.query_one("#note", Input).value
            title = _("{session} (live notes)").format(session=session.title)
            self.recorder.stop()

            try:
                ended = self.saving(lambda: run.end(value, title, self.now()))
            except SuhbatError as error:
                self.notify(translate_error(error), severity="error", markup=False)
                return
            if ended is None:
                return
            transcript = ended[0]
            if transcript is not None:
                self.notify(
                    _("The notes are now the transcript “{title}”.").format(title=transcript.title),
                    title=_("Session ended"),
                    markup=False,
                )
            else:
                self.notify(
                    _("Session ended without notes."), title=_("Session ended"), markup=False
                )
            self._loading_note = True
            self.query_one("#note", Input).value = ""
            self._loading_note = False
            self.show_picker()

        question = ngettext(
            "End {title}? The clock stops and its {n} note becomes a transcript.",
            "End {title}? The clock stops and its {n} notes become a transcript.",
            count,
        ).format(title=session.title, n=count)
        self.app.push_screen(ConfirmModal(question, yes=_("End session")), done)

    def action_by_ear(self) -> None:
        """Transcribe the chosen session from its recording (transcription mode)."""
        from tui.screens.by_ear import ByEarScreen

        session_id = self.query_one(SessionPicker).highlighted()
        if session_id is None:
            return
        if not self.store.media.all(session_id=session_id):
            self.notify(
                _(
                    "Link a recording to this session first "
                    "(suhbat media link PROJECT FILE --session TITLE)"
                ),
                severity="warning",
                markup=False,
            )
            return
        self.app.push_screen(ByEarScreen(session_id), lambda _result: self.show_picker())

    def action_record(self) -> None:
        """Start recording (after the consent question), pause or resume it."""
        self.recorder.record_key()
        self.draw_recording()

    def action_stop_recording(self) -> None:
        """Stop recording: the file is saved beside the project and linked to the session."""
        self.recorder.stop()
        self.draw_recording()

    def draw_recording(self) -> None:
        """The recording line: state, time and level meter (hidden when not recording)."""
        line = self.recorder.recording.status()
        widget = self.query_one("#live-rec", Static)
        if not line and not widget.has_class("shown"):
            return  # not recording: nothing to redraw five times a second while notes are typed
        widget.set_class(bool(line), "shown")
        widget.update(Text(line), layout=False)

    def action_choose(self) -> None:
        """Go to the session picker (the current session keeps running)."""
        if self.query_one("#note", Input).value.strip() and not self.commit_note():
            return
        self.show_picker()
