"""The transcript screen's recording keys: play, pause, skip, speed, play the turn, follow.

:class:`TranscriptMedia` is held by the screen (composition, not a base class) and
talks to it through three things: the model's utterances, the cursor line, and a
callback that moves the cursor. The player's sound device is opened on the first key
press; PyAV and miniaudio are imported in the background as soon as a transcript with
a recording opens, so the first press plays at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from i18n import _, translate_error
from storage import Store, SuhbatError
from storage.models import Utterance
from tui.audio.listening import REWIND_ON_PAUSE_MS, SKIP_MS, Listening, utterance_at

Notify = Callable[[str], None]


def _warm_imports() -> None:
    """Import the media libraries ahead of the first key press."""
    try:
        import av  # noqa: F401
        import miniaudio  # noqa: F401
    except ImportError:
        return


class TranscriptMedia:
    """The recording of the transcript on screen, driven by the screen's keys."""

    def __init__(self, notify: Notify, go_to_line: Callable[[int], None]) -> None:
        self.say = notify
        self.go_to_line = go_to_line
        self.listening: Listening | None = None
        self.utterances: list[Utterance] = []
        self._followed: int | None = None

    def open(self, store: Store, transcript_id: int, utterances: list[Utterance]) -> None:
        """Switch to another transcript's recording (stopping the one playing)."""
        self.close()
        self.listening = Listening(store, transcript_id)
        self.utterances = utterances
        if self.listening.available:
            threading.Thread(target=_warm_imports, daemon=True).start()

    def close(self) -> None:
        """Stop playing and release the sound device."""
        if self.listening is not None:
            self.listening.close()
        self.listening = None

    def status(self) -> str:
        """The player's part of the status line."""
        return self.listening.status() if self.listening is not None else ""

    def _ready(self) -> Listening | None:
        listening = self.listening
        if listening is None:
            return None
        if not listening.available:
            self.say(listening.problem or "")
            return None
        return listening

    def _run(self, step: Callable[[Listening], object]) -> None:
        listening = self._ready()
        if listening is None:
            return
        try:
            step(listening)
        except SuhbatError as error:
            self.say(translate_error(error))

    # -- the keys ---------------------------------------------------------------------------

    def toggle(self, *, rewind: bool = False) -> None:
        """Play or pause (stepping back a little on pause when ``rewind``)."""
        self._run(lambda x: x.toggle(rewind_ms=REWIND_ON_PAUSE_MS if rewind else 0))

    def skip(self, forward: bool) -> None:
        """Five seconds forward or back."""
        self._run(lambda x: x.skip(SKIP_MS if forward else -SKIP_MS))

    def speed(self, faster: bool) -> None:
        """One step faster or slower (0.5× to 2×, pitch kept)."""

        def step(listening: Listening) -> None:
            speed = listening.change_speed(1 if faster else -1)
            self.say(_("Speed {speed}×").format(speed=f"{speed:g}"))

        self._run(step)

    def play_line(self, line: int) -> None:
        """Play the utterance on ``line`` from its start to its end."""

        def step(listening: Listening) -> None:
            if not 0 <= line < len(self.utterances) or not listening.play_utterance(
                self.utterances[line]
            ):
                self.say(_("This utterance has no time"))

        self._run(step)

    def toggle_follow(self) -> None:
        """Let the cursor follow playback, or stop it following."""

        def step(listening: Listening) -> None:
            listening.follow = not listening.follow
            self._followed = None
            self.say(_("Cursor follows playback") if listening.follow else _("Follow off"))

        self._run(step)

    def tick(self) -> None:
        """Called a few times a second: move the cursor along with playback if following."""
        listening = self.listening
        if listening is None or not listening.follow or not listening.playing:
            return
        line = utterance_at(self.utterances, listening.position_ms)
        if line is not None and line != self._followed:
            self._followed = line
            self.go_to_line(line)
