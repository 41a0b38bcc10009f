"""Transcribe a recording offline: choose it, the language and the model; watch progress.

Recognition runs in a background process (:func:`exports.media.transcribe_job.run_job`)
driven from a worker thread, so the app stays responsive; Cancel stops the process and
nothing is written. The result is stored in one transaction with a Store of the
worker's own (:func:`exports.media.machine_transcript.store_recognition`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, ProgressBar, Select, Static

from exports.media.probe import MEDIA_SUFFIXES
from exports.media.transcription import LANGUAGES, MODEL_SETTING
from i18n import _, translate_error
from i18n.user_settings import read_settings, store_setting
from storage import Store, SuhbatError
from storage.media_time import clock
from tui.dialogs.file_task_modal import FileTaskModal, file_task_css
from tui.keys.bindings import key_binding
from tui.widgets.file_picker import FilePicker

LANGUAGE_NAMES = {"auto": "auto", "kk": "қазақша", "ru": "русский", "en": "English"}


class TranscribeModal(FileTaskModal[int | None]):
    """Dismisses with the new transcript's id, or None if nothing was made."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "cancel", _("Cancel"), _("Stop or close"), "transcribe-cancel"),
    ]

    DEFAULT_CSS = file_task_css(
        "TranscribeModal",
        "transcribe",
        frame="max-height: 95%;",
        extra="""
        TranscribeModal #transcribe-options { height: auto; }
        TranscribeModal #transcribe-options Select { width: 24; }
        """,
    )

    ID_PREFIX = "transcribe"
    RUN_BUTTON = "transcribe-run"

    def __init__(self, session_title: str | None = None) -> None:
        super().__init__()
        self.session_title = session_title
        self.cancel_requested = False
        self.started = 0.0

    def compose(self) -> ComposeResult:
        remembered = read_settings().get(MODEL_SETTING)
        with Vertical():
            yield Static(_("Transcribe a recording"), id="transcribe-title")
            yield Static(
                _(
                    "Speech recognition runs on this computer; nothing is uploaded. The result "
                    "is a new transcript, marked as a machine transcript until reviewed."
                ),
                markup=False,
            )
            yield FilePicker(
                self.project_path.resolve().parent,
                tuple(sorted(MEDIA_SUFFIXES)),
                placeholder="interview.m4a",
                id="picker",
            )
            with Horizontal(id="transcribe-options"):
                yield Select(
                    [(LANGUAGE_NAMES[x], x) for x in LANGUAGES],
                    value="auto",
                    allow_blank=False,
                    id="transcribe-language",
                )
                yield Input(
                    value=remembered if isinstance(remembered, str) else "",
                    placeholder=_("model folder (empty: the installed model)"),
                    id="transcribe-model",
                )
            yield ProgressBar(total=100, show_eta=False, id="transcribe-progress")
            yield Static("", id="transcribe-status", markup=False)
            with Horizontal(id="transcribe-buttons"):
                yield Button(_("Transcribe"), id="transcribe-run", variant="primary")
                yield Button(_("Cancel"), id="transcribe-cancel-button")

    def action_cancel(self) -> None:
        """Stop a running recognition (nothing is written), or close the dialog."""
        if self.busy:
            self.cancel_requested = True
            self.show_status(_("Stopping…"))
        else:
            self.dismiss(None)

    def start(self) -> None:
        """Check the choices and start recognising in the background."""
        if self.busy:
            return
        media = self.chosen_file(_("Type the path of a recording (m4a, mp3, wav, …)"))
        if media is None:
            return
        language = str(self.query_one("#transcribe-language", Select).value)
        model = self.query_one("#transcribe-model", Input).value.strip() or None
        self.cancel_requested = False
        self.started = time.monotonic()
        self.set_busy(True)
        self.show_status(_("Loading the speech model…"))
        self.recognise_in_background(media, language, model)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def recognise_in_background(self, media: Path, language: str, model: str | None) -> None:
        """Probe, recognise (in a child process) and store, reporting progress."""
        from exports.media.machine_transcript import store_recognition
        from exports.media.probe import probe
        from exports.media.transcribe_job import JobRequest, run_job
        from exports.media.transcription import load_engine, resolve_model

        try:
            facts = probe(media)
            load_engine()
            model_ref, downloadable = resolve_model(model)
            recognition = run_job(
                JobRequest(media, language, model_ref, downloadable),
                progress=lambda done, total: self.app.call_from_thread(self._progress, done, total),
                cancelled=lambda: self.cancel_requested,
            )
            store = Store(self.project_path)
            try:
                transcript_id = store_recognition(
                    store, recognition, media, facts, session_title=self.session_title
                )
            finally:
                store.close()
        except SuhbatError as error:
            self.app.call_from_thread(self._failed, translate_error(error))
            return
        except Exception as error:  # the engine and the process machinery raise many kinds
            self.app.call_from_thread(self._failed, f"{type(error).__name__}: {error}")
            return
        if model and not downloadable:
            store_setting(MODEL_SETTING, str(Path(model).expanduser().resolve()))
        self.app.call_from_thread(self._done, transcript_id)

    def _progress(self, done_ms: int, total_ms: int) -> None:
        elapsed = time.monotonic() - self.started
        self.query_one(ProgressBar).update(progress=100 * done_ms / max(total_ms, 1))
        factor = elapsed / max(done_ms / 1000, 0.001)
        self.show_status(
            _("{done} of {total} recognised · {elapsed} elapsed · {factor}× real time").format(
                done=clock(done_ms),
                total=clock(total_ms),
                elapsed=clock(int(elapsed * 1000)),
                factor=f"{factor:.2f}",
            )
        )

    def _failed(self, message: str) -> None:
        self.set_busy(False)
        self.show_status(message + "\n" + _("Nothing was written."), error=True)

    def _done(self, transcript_id: int) -> None:
        self.set_busy(False)
        self.dismiss(transcript_id)
