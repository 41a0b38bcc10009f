"""Listening to a transcript's recording: what the transcript screen's media keys do.

Plain Python over the Store and :class:`Player` (no Textual), so it is tested without
Pilot. Utterance times are on the transcript's clock; the recording's clock is that plus
the link's offset (``offset_ms``: where transcript time 0 falls in the recording).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

from i18n import _
from storage import Store
from storage.errors import N_, SuhbatError
from storage.media_store import MediaFile, media_status, resolved_path
from storage.media_time import clock
from storage.models import Utterance
from tui.audio.player import Player

SKIP_MS = 5000
SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
REWIND_ON_PAUSE_MS = 1500
"""How far transcription mode steps back when playback pauses (the oTranscribe habit)."""


class NoRecording(SuhbatError):
    """The transcript has no playable recording (none linked, or the file is gone)."""


class Listening:
    """The recording of one transcript, played on the transcript's clock."""

    def __init__(
        self,
        store: Store,
        transcript_id: int | None = None,
        *,
        session_id: int | None = None,
        backend: str | None = None,
    ) -> None:
        """The recording of a transcript, or with ``session_id`` the session's first one."""
        if transcript_id is not None:
            self.media: MediaFile | None = store.media.for_transcript(transcript_id)
        else:
            found = store.media.all(session_id=session_id)
            self.media = found[0] if found else None
        self.path: Path | None = None
        self.problem: str | None = None
        """Why nothing can be played (translated), or None."""
        if self.media is None:
            self.problem = (
                _("No recording is linked to this transcript")
                if transcript_id is not None
                else _("No recording is linked to this session")
            )
        else:
            status = media_status(store.path, self.media, verify=False)  # (no reading)
            if status == "missing":
                self.problem = _(
                    "The recording {path} is missing: relink it (suhbat media relink)"
                ).format(path=self.media.path)
            else:
                self.path = resolved_path(store.path, self.media.path)
        self._backend = backend
        self._player: Player | None = None
        self.follow = False
        """Whether the cursor follows playback."""

    @property
    def available(self) -> bool:
        """Whether there is a recording to play."""
        return self.path is not None

    @property
    def player(self) -> Player:
        """The player, opened on first use (the sound device is taken only then)."""
        if self._player is None:
            if self.path is None or self.media is None:
                raise NoRecording(N_("No recording is linked to this transcript"))
            self._player = Player(self.path, self.media.duration_ms, backend=self._backend)
        return self._player

    @property
    def offset_ms(self) -> int:
        """Where transcript time 0 falls in the recording."""
        return self.media.offset_ms if self.media else 0

    @property
    def position_ms(self) -> int:
        """Where playback is, on the transcript's clock."""
        if self._player is None:
            return 0
        return self._player.position_ms - self.offset_ms

    @property
    def playing(self) -> bool:
        """Whether the recording is playing now."""
        return self._player is not None and self._player.playing

    # -- the keys --------------------------------------------------------------------------

    def toggle(self, *, rewind_ms: int = 0) -> None:
        """Play or pause; pausing steps back ``rewind_ms`` (transcription mode)."""
        player = self.player
        if player.playing:
            player.pause()
            if rewind_ms:
                player.skip(-rewind_ms)
        else:
            player.play()

    def skip(self, delta_ms: int) -> None:
        """Move ``delta_ms`` forward or back."""
        self.player.skip(delta_ms)

    def change_speed(self, steps: int) -> float:
        """Step the speed up or down the :data:`SPEEDS` ladder; return the new speed."""
        player = self.player
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - player.speed))
        index = max(0, min(len(SPEEDS) - 1, index + steps))
        return player.set_speed(SPEEDS[index])

    def play_from(self, transcript_ms: int, until_ms: int | None = None) -> None:
        """Play from a time on the transcript's clock (to ``until_ms`` if given)."""
        until = until_ms + self.offset_ms if until_ms is not None else None
        self.player.play(transcript_ms + self.offset_ms, until_ms=until)

    def play_utterance(self, utterance: Utterance) -> bool:
        """Play one utterance from its start to its end; False if it has no time."""
        if utterance.start_ms is None:
            return False
        self.play_from(utterance.start_ms, utterance.end_ms)
        return True

    def status(self) -> str:
        """``▶ 00:12:03 / 01:58:00 · 1.25×`` for the status line (empty with no recording)."""
        if self.media is None or self.path is None:
            return ""
        speed = self._player.speed if self._player else 1.0
        mark = "▶" if self.playing else "⏸"
        text = f"{mark} {clock(self.position_ms)} / {clock(self.media.duration_ms)}"
        if speed != 1.0:
            text += f" · {speed:g}×"
        if self.follow:
            text += " · " + _("follow")
        return text

    def close(self) -> None:
        """Stop and release the sound device."""
        if self._player is not None:
            self._player.close()
            self._player = None


def utterance_at(utterances: Sequence[Utterance], position_ms: int) -> int | None:
    """Index of the utterance being spoken at ``position_ms`` (the last one started)."""
    timed = [(u.start_ms, i) for i, u in enumerate(utterances) if u.start_ms is not None]
    timed.sort()
    index = bisect_right(timed, (position_ms, len(utterances))) - 1
    return timed[index][1] if index >= 0 else None
