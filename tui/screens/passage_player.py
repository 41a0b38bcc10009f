"""Playing the recording of a passage or a search hit from its start (P on those screens).

One :class:`~tui.audio.listening.Listening` per screen, opened on the transcript of the
passage asked for and kept while the next passages are from the same transcript.
"""

from __future__ import annotations

from collections.abc import Callable

from i18n import translate_error
from storage import Store, SuhbatError
from tui.audio.listening import Listening


class PassagePlayer:
    """Plays passages of any transcript; ``notify`` shows why one cannot be played."""

    def __init__(self, notify: Callable[[str], None]) -> None:
        self.say = notify
        self.listening: Listening | None = None
        self.transcript_id: int | None = None

    def play(
        self, store: Store, transcript_id: int, start_ms: int | None, end_ms: int | None
    ) -> None:
        """Play ``[start_ms, end_ms)`` of the transcript's recording (or stop if it plays)."""
        if self.listening is None or self.transcript_id != transcript_id:
            self.close()
            self.listening, self.transcript_id = Listening(store, transcript_id), transcript_id
        listening = self.listening
        if not listening.available:
            self.say(listening.problem or "")
            return
        if listening.playing:
            listening.toggle()
            return
        if start_ms is None:
            from i18n import _

            self.say(_("This utterance has no time"))
            return
        try:
            listening.play_from(start_ms, end_ms)
        except SuhbatError as error:
            self.say(translate_error(error))

    def close(self) -> None:
        """Stop and release the sound device."""
        if self.listening is not None:
            self.listening.close()
        self.listening = None
