"""Transcription mode: type a transcript while the recording plays (the oTranscribe/F4 way).

It is the live session screen with one difference: its clock is the recording. Every
note (utterance) is stamped with the playback position when its first key is typed,
the speaker is chosen with the digit keys, the text is saved on every keystroke like
live notes, and ending the session turns the notes into the transcript. While typing,
Ctrl+K plays or pauses (stepping back 1.5 s on pause), Ctrl+B and Ctrl+G jump 5 s back
and forward, so the hands never leave the keyboard.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import Static

from i18n import _, translate_error
from storage import SuhbatError
from storage.live_store import epoch_ms
from tui.audio.listening import REWIND_ON_PAUSE_MS, SKIP_MS, Listening
from tui.keys.bindings import key_binding
from tui.models.live_plan import start_or_resume
from tui.screens.live_keys import LIVE_KEYS
from tui.screens.live_session import LiveSessionScreen

BY_EAR_KEYS: list[BindingType] = [
    key_binding(
        "ctrl+k",
        "play_pause",
        _("Play/pause"),
        _("Play or pause the recording (a pause steps back 1.5 s)"),
        "ear-play",
        priority=True,
    ),
    key_binding(
        "ctrl+b", "skip(-1)", _("Back 5 s"), _("Five seconds back in the recording"), "ear-back",
        priority=True,
    ),
    key_binding(
        "ctrl+g", "skip(1)", _("Forward 5 s"), _("Five seconds forward"), "ear-forward",
        priority=True,
    ),
]  # fmt: skip


class ByEarScreen(LiveSessionScreen):
    """A live session whose clock is the playback position of the session's recording."""

    BINDINGS: ClassVar[list[BindingType]] = [*BY_EAR_KEYS, *LIVE_KEYS]

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.listening: Listening | None = None

    def now(self) -> int:
        """A wall clock under which the session's time is the playback position."""
        state = self.state
        listening = self.listening
        if state is None or listening is None or state.running_since_ms is None:
            return epoch_ms()
        return state.running_since_ms + listening.position_ms - state.elapsed_ms

    def on_mount(self) -> None:
        super().on_mount()
        self.listening = Listening(self.store, session_id=self.session_id)

    def open_latest(self) -> None:
        """Always this session (never the picker); an ended session closes the mode."""
        session = self.store.sessions.get(self.session_id)
        try:
            start_or_resume(self.store, session, now_ms=epoch_ms())
        except SuhbatError as error:
            self.notify(translate_error(error), severity="warning", markup=False)
            self.show_picker()
            return
        self.show_live(self.session_id)
        self.draw_recording()

    def show_picker(self) -> None:
        """The session ended: transcription mode closes."""
        if self.listening is not None:
            self.listening.close()
        if self.is_current:
            self.dismiss()

    def draw_recording(self) -> None:
        """The player's line: position, duration, speed."""
        listening = self.listening
        line = listening.status() if listening is not None else ""
        widget = self.query_one("#live-rec", Static)
        widget.set_class(bool(line), "shown")
        widget.update(line)

    def action_play_pause(self) -> None:
        """Play or pause, stepping back a little on pause."""
        if self.listening is not None and self.listening.available:
            self.listening.toggle(rewind_ms=REWIND_ON_PAUSE_MS)
        elif self.listening is not None:
            self.notify(self.listening.problem or "", markup=False)
        self.draw_recording()

    def action_skip(self, direction: int) -> None:
        """Five seconds back or forward."""
        if self.listening is not None and self.listening.available:
            self.listening.skip(direction * SKIP_MS)
        self.draw_recording()

    def action_record(self) -> None:
        """No microphone recording while transcribing a recording."""

    def action_stop_recording(self) -> None:
        """No microphone recording while transcribing a recording."""
