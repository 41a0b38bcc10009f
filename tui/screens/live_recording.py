"""Recording a live session on the session's clock: consent first, a level meter, recovery.

:class:`LiveRecording` is held by the live session screen (composition). It starts a
:class:`~tui.audio.recorder.Recorder` beside the project file when the interviewer has
confirmed consent, pauses and resumes it (the paused time becomes silence, so the
recording stays on the session's clock), and at the end encodes it and links it to the
session with the offset that puts note times on the recording's timeline. A recording
a crash left behind is found when the session is opened again.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from exports.file_names import safe_file_stem
from i18n import _, translate_error
from storage import Store, SuhbatError
from storage.live_store import LiveState
from storage.media_store import stored_path
from storage.media_time import clock
from storage.models import Session
from tui.audio.recorder import Recorder, Unfinished, recover, unfinished

METER_CELLS = 8


class LiveScreenLike(Protocol):
    """What :class:`RecordingControl` uses of the live session screen."""

    @property
    def store(self) -> Store: ...
    @property
    def session(self) -> Session | None: ...
    @property
    def state(self) -> LiveState | None: ...
    @property
    def app(self) -> Any: ...
    def now(self) -> int: ...
    def notify(
        self,
        message: str,
        *,
        title: str = ...,
        severity: Literal["information", "warning", "error"] = ...,
        timeout: float | None = ...,
        markup: bool = ...,
    ) -> None: ...


def consent_question(store: Store, session: Session) -> str:
    """What to ask before recording: who is in the session and who has not consented."""
    people = {p.id: p.code for p in store.participants.all()}
    links = store.sessions.participants(session.id)
    missing = [people.get(link.participant_id, "?") for link in links if not link.consent]
    if not links:
        return _(
            "Record {title}? No participants are linked to this session: make sure everyone "
            "present has agreed to be recorded."
        ).format(title=session.title)
    if missing:
        return _(
            "Record {title}? Consent is not recorded for: {names}. Ask them before you record."
        ).format(title=session.title, names=", ".join(missing))
    return _("Record {title}? Everyone linked to this session has consented.").format(
        title=session.title
    )


def level_meter(level: float) -> str:
    """``▮▮▮▯▯▯▯▯``: how loud the microphone is now."""
    filled = min(METER_CELLS, round(math.sqrt(level) * METER_CELLS))
    return "▮" * filled + "▯" * (METER_CELLS - filled)


def recording_target(project: Path, session: Session) -> Path:
    """Where the finished recording of a session is written: beside the project."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    stem = safe_file_stem(f"{project.stem} {session.title} {stamp}", "recording")
    return project.resolve().parent / f"{stem}.m4a"


class LiveRecording:
    """The recording of the live session on screen, if one runs."""

    def __init__(self) -> None:
        self.recorder: Recorder | None = None
        self.session: Session | None = None
        self.target: Path | None = None

    @property
    def active(self) -> bool:
        """Whether a recording is open (capturing or paused)."""
        return self.recorder is not None

    def start(self, project: Path, session: Session, elapsed_ms: int) -> None:
        """Start recording ``session`` at session time ``elapsed_ms``."""
        target = recording_target(project, session)
        recorder = Recorder(
            target.parent, target.stem, session_uuid=session.uuid, started_at_ms=elapsed_ms
        )
        recorder.start()
        self.recorder, self.session, self.target = recorder, session, target

    def toggle_pause(self, *, clock_running: bool) -> None:
        """Pause or resume; while the session clock runs, the pause is kept as silence."""
        recorder = self.recorder
        if recorder is None:
            return
        if recorder.recording:
            recorder.pause()
        else:
            recorder.resume(fill_silence=clock_running)

    def status(self) -> str:
        """``● REC 00:12:03 ▮▮▮▯▯▯▯▯`` (or paused), empty when not recording."""
        recorder = self.recorder
        if recorder is None:
            return ""
        if recorder.recording:
            return f"● REC {clock(recorder.duration_ms)} {level_meter(recorder.level)}"
        return f"❚❚ REC {clock(recorder.duration_ms)} " + _("(R resumes)")

    def finish(self, store: Store) -> Path | None:
        """Stop, encode and link the recording to its session (one transaction)."""
        recorder, session, target = self.recorder, self.session, self.target
        self.recorder = None
        if recorder is None or session is None or target is None:
            return None
        path = recorder.stop(target)
        _link(store, session.id, path, recorder.started_at_ms)
        return path


def _link(store: Store, session_id: int, path: Path, started_at_ms: int) -> None:
    """Link a finished recording to its session: note time ``t`` is at ``t - started``."""
    from exports.media.probe import probe

    store.media.link(
        session_id, stored_path(store.path, path), probe(path), offset_ms=-started_at_ms
    )


def interrupted(project: Path, session: Session) -> list[Unfinished]:
    """Recordings of ``session`` that a crash or a kill left unfinished."""
    return [u for u in unfinished(project.resolve().parent) if u.session_uuid == session.uuid]


def recover_into(store: Store, session: Session, item: Unfinished) -> Path:
    """Finish an interrupted recording and link it to its session."""
    stem = item.pcm.name.removeprefix(".").removesuffix(".recording.pcm")
    path = recover(item, item.pcm.with_name(f"{stem}.m4a"))
    _link(store, session.id, path, item.started_at_ms)
    return path


class RecordingControl:
    """The live screen's recording keys, dialogs and background work, kept off the screen.

    ``screen`` is the live session screen: its ``store``, ``session``, ``state``, ``now()``,
    the app (for dialogs and worker threads) and ``notify``.
    """

    def __init__(self, screen: LiveScreenLike) -> None:
        self.screen = screen
        self.recording = LiveRecording()
        self._offered: set[str] = set()
        """Sessions whose interrupted recording was already offered (asked once per visit)."""

    def record_key(self) -> None:
        """R: start (after the consent question), pause or resume."""
        screen, session, state = self.screen, self.screen.session, self.screen.state
        if session is None or state is None:
            return
        if self.recording.active:
            self.recording.toggle_pause(clock_running=state.running)
            return
        from tui.dialogs.confirm_modal import ConfirmModal

        def answered(yes: bool | None) -> None:
            current = self.screen.state
            if not yes or current is None:
                return
            try:
                self.recording.start(screen.store.path, session, current.elapsed_at(screen.now()))
            except SuhbatError as error:
                screen.notify(translate_error(error), severity="error", markup=False)

        screen.app.push_screen(
            ConfirmModal(consent_question(screen.store, session), yes=_("Record")), answered
        )

    def clock_toggled(self, running: bool) -> None:
        """The session clock paused or resumed: the recording follows it (no silence added)."""
        recorder = self.recording.recorder
        if recorder is None:
            return
        if not running and recorder.recording:
            recorder.pause()
        elif running and not recorder.recording:
            recorder.resume(fill_silence=False)

    def stop(self) -> None:
        """Shift+R (and ending the session): finish and link the recording in the background."""
        if not self.recording.active:
            return
        recording, self.recording = self.recording, LiveRecording()
        self.screen.notify(_("Saving the recording…"), markup=False)
        self._in_background(lambda store: recording.finish(store))

    def offer_recovery(self) -> None:
        """When a session opens: offer to recover a recording a crash interrupted."""
        screen, session = self.screen, self.screen.session
        if session is None or self.recording.active or session.uuid in self._offered:
            return
        self._offered.add(session.uuid)
        found = interrupted(screen.store.path, session)
        if not found:
            return
        item = found[0]
        from tui.dialogs.confirm_modal import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self._in_background(lambda store: recover_into(store, session, item))

        screen.app.push_screen(
            ConfirmModal(
                _(
                    "A recording of {title} was interrupted ({duration} kept). Recover it and "
                    "link it to the session?"
                ).format(title=session.title, duration=clock(item.duration_ms)),
                yes=_("Recover"),
            ),
            answered,
        )

    def _in_background(self, work: Callable[[Store], Path | None]) -> None:
        """Encode and link in a thread with a Store of its own; say when it is done."""
        screen = self.screen
        app = screen.app
        project = screen.store.path

        def run() -> None:
            store = Store(project)
            try:
                path = work(store)
            except (SuhbatError, OSError) as error:
                message = translate_error(error) if isinstance(error, SuhbatError) else str(error)
                app.call_from_thread(screen.notify, message, severity="error", markup=False)
                return
            finally:
                store.close()
            if path is not None:
                text = _("Recording saved and linked: {file}").format(file=path.name)
                app.call_from_thread(screen.notify, text, markup=False)

        threading.Thread(target=run, daemon=True).start()
