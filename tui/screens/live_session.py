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
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from i18n import _, ngettext, pgettext, translate_error
from i18n.formatting import format_date
from storage import Store, SuhbatError, media_time
from storage.disk_full import is_disk_full
from storage.live_store import LiveNote, LiveState, epoch_ms
from storage.models import Question, Session, Transcript
from tui.cells import cell
from tui.screens.live_plan import (
    Speaker,
    Step,
    guide_steps,
    session_speakers,
    start_or_resume,
)
from tui.screens.live_start import confirm_start
from tui.store_access import app_store
from tui.widgets.confirm_modal import ConfirmModal
from tui.widgets.fieldwork_labels import MARK_LABELS, QUESTION_KIND_LABELS
from tui.widgets.screen_commands import ScreenActionsProvider
from tui.widgets.stable_footer import StableFooter

__all__ = ["LiveSessionScreen", "start_or_resume"]

MARK_SIGNS = {"answered": "✓", "skipped": "–"}
T = TypeVar("T")


def _speaker_bindings() -> list[BindingType]:
    return [
        Binding(
            str(n),
            f"speaker({n})",
            _("Speaker {n}").format(n=n),
            show=False,
            id=f"live-speaker-{n}",
            tooltip=_("Notes from now on are by speaker {n}").format(n=n),
        )
        for n in range(10)
    ]


class LiveSessionScreen(Screen[None]):
    """Run a session live: current question, probes, next question, clock, speakers, notes."""

    COMMANDS = {ScreenActionsProvider}

    clock: ClassVar[Callable[[], int]] = staticmethod(epoch_ms)
    """Wall-clock source in epoch ms; tests replace it with a fixed clock."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,т", "next", _("Next"), id="live-next", tooltip=_("Go to the next question")),
        Binding(
            "b,и",
            "back",
            _("Back"),
            id="live-back",
            show=False,
            tooltip=_("Go back to the previous question"),
        ),
        Binding(
            "pagedown",
            "next",
            _("Next"),
            key_display="PgDn",
            priority=True,
            id="live-next-typing",
            tooltip=_("Go to the next question (works while typing)"),
        ),
        Binding(
            "pageup",
            "back",
            _("Back"),
            key_display="PgUp",
            priority=True,
            id="live-back-typing",
            show=False,
            tooltip=_("Go back to the previous question (works while typing)"),
        ),
        Binding(
            "a,ф",
            "mark('answered')",
            _("Answered"),
            id="live-answered",
            tooltip=_("Mark the question answered and go to the next"),
        ),
        Binding(
            "s,ы",
            "mark('skipped')",
            _("Skip"),
            id="live-skip",
            tooltip=_("Mark the question skipped and go to the next"),
        ),
        Binding(
            "l,д",
            "language",
            _("Language"),
            id="live-language",
            show=False,
            tooltip=_("Show the questions in the next project language"),
        ),
        Binding(
            "v,м",
            "toggle_other",
            _("All languages"),
            id="live-other-languages",
            show=False,
            tooltip=_("Also show the question in the other languages"),
        ),
        Binding(
            "i,ш",
            "type_note",
            _("Note"),
            id="live-note",
            tooltip=_("Type a note (Enter saves it, Esc leaves the note box)"),
        ),
        Binding(
            "t,е",
            "pause",
            _("Pause"),
            id="live-pause",
            show=False,
            tooltip=_("Pause or resume the clock"),
        ),
        Binding(
            "e,у",
            "end",
            pgettext("action", "End"),
            id="live-end",
            tooltip=_("End the session: the notes become a transcript"),
        ),
        Binding(
            "o,щ",
            "choose",
            _("Sessions"),
            id="live-choose",
            show=False,
            tooltip=_("Choose another session to run (this one keeps running)"),
        ),
        Binding(
            "escape",
            "leave_note",
            _("Keys"),
            id="live-leave-note",
            tooltip=_("Leave the note box to use single-key commands"),
        ),
        Binding(
            "tab",
            "cycle_speaker(1)",
            _("Speaker"),
            key_display="⇥",
            priority=True,
            id="live-next-speaker",
            tooltip=_("Next speaker (works while typing)"),
        ),
        Binding(
            "shift+tab",
            "cycle_speaker(-1)",
            _("Previous speaker"),
            show=False,
            priority=True,
            id="live-previous-speaker",
            tooltip=_("Previous speaker (works while typing)"),
        ),
        *_speaker_bindings(),
    ]

    DEFAULT_CSS = """
    LiveSessionScreen ContentSwitcher { height: 1fr; }
    LiveSessionScreen #picker { height: 1fr; }
    LiveSessionScreen #picker-help { padding: 0 1; color: $text-muted; }
    LiveSessionScreen #picker-table { height: 1fr; }
    LiveSessionScreen #live { height: 1fr; }
    LiveSessionScreen #live-bar {
        height: 1; padding: 0 1; background: $primary 30%; text-style: bold;
    }
    LiveSessionScreen #live-main { height: 1fr; }
    LiveSessionScreen #disk-full {
        display: none; height: auto; padding: 0 1; background: $error; color: $text;
        text-style: bold;
    }
    LiveSessionScreen #disk-full.shown { display: block; }
    LiveSessionScreen #guide-list { width: 38; height: 1fr; }
    LiveSessionScreen #question-panel { width: 1fr; height: 1fr; padding: 0 1; }
    LiveSessionScreen #q-meta { color: $text-muted; height: auto; }
    LiveSessionScreen #q-text {
        text-style: bold; height: auto; padding: 1 0; color: $text;
    }
    LiveSessionScreen #q-other { color: $text-muted; height: auto; }
    LiveSessionScreen #q-probes { height: auto; padding: 0 0 1 0; }
    LiveSessionScreen #q-next { color: $text-muted; height: auto; padding: 0 0 1 0; }
    LiveSessionScreen #notes { height: 1fr; }
    LiveSessionScreen #speakers { height: 1; padding: 0 1; }
    LiveSessionScreen #note-row { height: 1; }
    LiveSessionScreen #note-stamp { width: auto; padding: 0 1; color: $accent; }
    LiveSessionScreen #note { width: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.session: Session | None = None
        self.state: LiveState | None = None
        self.steps: list[Step] = []
        self.speakers: list[Speaker] = []
        self.show_other = False
        self._loading_note = False
        self.unsaved = False
        """A write failed for lack of space: the note box holds what is not saved yet."""
        self._commit_pending = False

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="picker"):
            with Vertical(id="picker"):
                yield Static(
                    _("Choose a session and press Enter to start it live (or resume it)."),
                    id="picker-help",
                )
                yield DataTable(id="picker-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="live"):
                yield Static("", id="live-bar", markup=False)
                yield Static("", id="disk-full", markup=False)
                with Horizontal(id="live-main"):
                    yield OptionList(id="guide-list", markup=False)
                    with Vertical(id="question-panel"):
                        yield Static("", id="q-meta", markup=False)
                        yield Static("", id="q-text", markup=False)
                        yield Static("", id="q-other", markup=False)
                        yield Static("", id="q-probes", markup=False)
                        yield Static("", id="q-next", markup=False)
                        yield DataTable(id="notes", cursor_type="row", zebra_stripes=True)
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

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.open_latest()

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
        self.session = None
        self.state = None
        table = self.query_one("#picker-table", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Session"), _("Kind"), _("Date"), _("Guide"), _("Status"))
        guides = {g.id: g.name for g in self.store.guides.all()}
        states = {s.session_id: s for s in self.store.live.states()}
        now = self.now()
        for s in self.store.sessions.all():
            state = states.get(s.id)
            if state is None:
                status = ""
            elif state.status == "ended":
                status = "✓ " + _("ended")
            else:
                status = "● " + media_time.clock(state.elapsed_at(now))
            table.add_row(
                cell(s.title, style="bold"),
                cell(_("focus group") if s.kind == "focus_group" else _("interview")),
                cell(format_date(s.date, "short") if s.date else ""),
                cell(guides.get(s.guide_id) if s.guide_id else ""),
                cell(status),
                key=str(s.id),
            )
        self.query_one(ContentSwitcher).current = "picker"
        if not table.row_count:
            self.query_one("#picker-help", Static).update(
                _("No sessions yet: create one on the Sessions screen (F4).")
            )
        table.focus()
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id != "picker-table":
            return
        event.stop()
        key = event.row_key.value
        if key is None:
            return
        session = self.store.sessions.get(int(key))

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
        self.session = store.sessions.get(session_id)
        self.state = store.live.state(session_id)
        guide_id = self.state.guide_id if self.state else None
        self.steps = guide_steps(store.guides.questions(guide_id)) if guide_id is not None else []
        self.speakers = session_speakers(store, self.session)
        self.query_one(ContentSwitcher).current = "live"
        self.fill_notes(store.live.notes(session_id))
        note = self.query_one("#note", Input)
        self._loading_note = True
        if not unsaved:
            note.value = self.state.draft if self.state else ""
        note.cursor_position = len(note.value)
        self._loading_note = False
        self.redraw()
        note.focus()
        self.refresh_bindings()

    def step_index(self) -> int:
        """Index of the current question among the steps (-1 when there is none)."""
        if self.state is None:
            return -1
        for i, step in enumerate(self.steps):
            if step.question.id == self.state.question_id:
                return i
            if any(p.id == self.state.question_id for p in step.probes):
                return i
        return 0 if self.steps else -1

    def languages(self) -> tuple[str, ...]:
        """Project languages that the guide has text in (at least the project's first)."""
        project = self.store.project().languages
        used = {lang for step in self.steps for lang in step.question.texts}
        return tuple(lang for lang in project if lang in used) or project[:1]

    def qtext(self, question: Question) -> str:
        """A question's text in the shown language (falling back to any language)."""
        language = self.state.language if self.state else ""
        return question.text(language, self.store.project().languages)

    def redraw(self) -> None:
        """Update every part of the live view from the current state."""
        if self.state is None or self.session is None:
            return
        marks = self.store.live.marks(self.session.id)
        index = self.step_index()
        guide = self.query_one("#guide-list", OptionList)
        options = []
        for i, step in enumerate(self.steps):
            sign = "▶" if i == index else MARK_SIGNS.get(marks.get(step.question.id, ""), " ")
            options.append(Option(f"{sign} {i + 1}. {self.qtext(step.question)}", id=str(i)))
        guide.clear_options()
        guide.add_options(options)
        if index >= 0:
            guide.highlighted = index
        meta = self.query_one("#q-meta", Static)
        text = self.query_one("#q-text", Static)
        other = self.query_one("#q-other", Static)
        probes = self.query_one("#q-probes", Static)
        following = self.query_one("#q-next", Static)
        language = self.state.language or "?"
        if index < 0:
            meta.update(_("No guide for this session: notes only."))
            text.update(
                _("Set a guide in the session's form (F4) or add one on the Protocol screen (F3).")
            )
            other.update("")
            probes.update("")
            following.update("")
        else:
            step = self.steps[index]
            q = step.question
            mark = marks.get(q.id)
            meta.update(
                " · ".join(
                    x
                    for x in (
                        _("Question {n} of {total}").format(n=index + 1, total=len(self.steps)),
                        q.area,
                        _(QUESTION_KIND_LABELS.get(q.kind, q.kind)),
                        language,
                        _(MARK_LABELS[mark]) if mark else "",
                    )
                    if x
                )
            )
            text.update(self.qtext(q))
            other.update(self.other_languages(q) if self.show_other else "")
            probes.update(
                "\n".join(
                    [_("Probes:"), *("  • " + self.qtext(p) for p in step.probes)]
                    if step.probes
                    else []
                )
            )
            if index + 1 < len(self.steps):
                following.update(
                    _("Next: {question}").format(
                        question=self.qtext(self.steps[index + 1].question)
                    )
                )
            else:
                following.update(_("This is the last question. Press e to end the session."))
        self.draw_speakers()
        self.draw_stamp()
        self.tick()

    def other_languages(self, question: Question) -> str:
        """The question in the other project languages, one per line."""
        shown = self.state.language if self.state else ""
        return "\n".join(
            f"{lang}: {question.texts[lang]}"
            for lang in self.store.project().languages
            if lang != shown and question.texts.get(lang)
        )

    def current_speaker(self) -> Speaker | None:
        """The speaker notes are attributed to now."""
        if self.state is None:
            return None
        for speaker in self.speakers:
            if (
                self.state.speaker_id is not None
                and speaker.participant_id == self.state.speaker_id
            ):
                return speaker
        for speaker in self.speakers:
            if speaker.participant_id is None and speaker.label == self.state.speaker:
                return speaker
        return None

    def draw_speakers(self) -> None:
        """The speaker bar: number keys and names, the current one highlighted."""
        current = self.current_speaker()
        parts: list[str | tuple[str, str]] = [(_("Speaker (Tab, or Esc then 0–9)") + ": ", "dim")]
        for speaker in self.speakers:
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
        elapsed = media_time.clock(self.state.elapsed_at(self.now()))
        clock = ("● " if self.state.running else "❚❚ ") + elapsed
        index = self.step_index()
        position = (
            _("Q {n}/{total}").format(n=index + 1, total=len(self.steps)) if index >= 0 else ""
        )
        kind = _("focus group") if self.session.kind == "focus_group" else _("interview")
        paused = "" if self.state.running else " · " + _("paused (t resumes)")
        bar = f"{self.session.title} · {kind} · {clock}{paused} · {position}"
        # One fixed-height line as wide as the screen: no layout pass (every second, while
        # the user types).
        self.query_one("#live-bar", Static).update(Text(bar), layout=False)

    def fill_notes(self, notes: list[LiveNote]) -> None:
        """Show the session's notes."""
        table = self.query_one("#notes", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Time"), _("Speaker"), _("Q"), _("Note"))
        for note in notes:
            self.add_note_row(note)

    def add_note_row(self, note: LiveNote) -> None:
        """Append one note to the notes table and scroll to it."""
        table = self.query_one("#notes", DataTable)
        number = next(
            (
                str(i + 1)
                for i, step in enumerate(self.steps)
                if note.question_id == step.question.id
                or any(p.id == note.question_id for p in step.probes)
            ),
            "",
        )
        label = next(
            (
                s.label
                for s in self.speakers
                if note.speaker_id and s.participant_id == note.speaker_id
            ),
            note.speaker,
        )
        table.add_row(
            cell(media_time.clock(note.elapsed_ms)),
            cell(label),
            cell(number),
            cell(note.text),
            key=str(note.id),
        )
        table.move_cursor(row=table.row_count - 1)

    # -- typing ----------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "note" or self.session is None or self._loading_note:
            return
        event.stop()
        if self.unsaved:
            self.retry_save()
            return
        had_stamp = self.state is not None and self.state.draft_ms is not None
        session_id = self.session.id
        saved = self.saving(
            lambda: self.store.live.set_draft(session_id, event.value, now_ms=self.now())
        )
        if saved and had_stamp != bool(event.value):
            self.state = self.store.live.state(session_id)
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
        if self.session is None:
            return False
        note_box = self.query_one("#note", Input)
        session_id = self.session.id

        def write() -> LiveNote | None:
            self.store.live.set_draft(session_id, note_box.value, now_ms=self.now())
            return self.store.live.commit_draft(session_id, now_ms=self.now())

        saved = self.saving(write)
        if saved is None:
            self._commit_pending = True
            return False
        self._commit_pending = False
        note = saved[0]
        self._loading_note = True
        note_box.value = ""
        self._loading_note = False
        self.state = self.store.live.state(self.session.id)
        if note is not None:
            self.add_note_row(note)
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
        if self.session is None:
            return
        if self._commit_pending:
            self.commit_note()
            return
        value = self.query_one("#note", Input).value
        session_id = self.session.id
        if self.saving(lambda: self.store.live.set_draft(session_id, value, now_ms=self.now())):
            self.state = self.store.live.state(session_id)
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
        if self.state is None or self.state.status != "active":
            return False
        if action == "leave_note":
            return self.focused is self.query_one("#note", Input)
        return True

    def change(self, **fields: object) -> None:
        """Change the state; a note being typed is saved first (a new turn begins)."""
        if self.session is None:
            return
        if self.query_one("#note", Input).value.strip() and not self.commit_note():
            return
        session_id = self.session.id
        changed = self.saving(
            lambda: self.store.live.update(session_id, now_ms=self.now(), **fields)
        )
        if changed is None:
            return
        self.state = changed[0]
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
        if self.session is None or self.step_index() < 0:
            return
        question = self.steps[self.step_index()].question
        session_id = self.session.id
        if not self.saving(
            lambda: self.store.live.mark_question(
                session_id, question.id, "answered" if mark == "answered" else "skipped"
            )
        ):
            return
        if self.step_index() + 1 < len(self.steps):
            self.action_next()
        else:
            self.redraw()

    def action_language(self) -> None:
        """Show the questions in the next language; the first press also lists the others."""
        if self.state is None:
            return
        languages = self.languages()
        current = self.state.language
        following = (
            languages[(languages.index(current) + 1) % len(languages)]
            if current in languages
            else languages[0]
        )
        self.change(language=following)
        self.notify(_("Questions in {language}").format(language=following), markup=False)

    def action_speaker(self, number: int) -> None:
        """Attribute notes from now on to speaker ``number`` (focus stays where it is)."""
        speaker = next((s for s in self.speakers if s.key == number), None)
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
        if not self.speakers:
            return
        current = self.current_speaker()
        index = self.speakers.index(current) if current in self.speakers else -1
        following = self.speakers[(index + step) % len(self.speakers)]
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
        if self.session is None or self.state is None:
            return
        live, session_id, running = self.store.live, self.session.id, self.state.running
        changed = self.saving(
            lambda: (live.pause if running else live.resume)(session_id, now_ms=self.now())
        )
        if changed is not None:
            self.state = changed[0]
        self.tick()

    def action_end(self) -> None:
        """End the session after confirmation: the clock stops, notes become a transcript."""
        if self.session is None:
            return
        session = self.session
        count = len(self.store.live.notes(session.id)) + (
            1 if self.query_one("#note", Input).value.strip() else 0
        )

        def done(answer: bool | None) -> None:
            if not answer:
                return
            value = self.query_one("#note", Input).value
            title = _("{session} (live notes)").format(session=session.title)

            def write() -> Transcript | None:
                self.store.live.set_draft(session.id, value, now_ms=self.now())
                return self.store.live.end(session.id, now_ms=self.now(), title=title)

            try:
                ended = self.saving(write)
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

    def action_choose(self) -> None:
        """Go to the session picker (the current session keeps running)."""
        if self.query_one("#note", Input).value.strip() and not self.commit_note():
            return
        self.show_picker()
