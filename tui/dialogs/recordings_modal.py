"""The recordings of a transcript: link a file, relink a moved one, set the offset, unlink.

Reading a recording (its duration and checksum) can take seconds for a long video, so
linking runs in a worker thread with a Store of its own; the list is read again when
it is done. The checks are those of ``suhbat media`` (:mod:`exports.media.linking`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Input, ProgressBar, Static

from exports.media.probe import MEDIA_SUFFIXES
from i18n import _, translate_error
from storage import Store, SuhbatError
from storage.errors import ConflictError
from storage.media_store import MediaFile, media_status
from storage.media_time import clock
from tui.cells import cell
from tui.commands.media import STATUS_TEXT
from tui.dialogs.confirm_modal import ConfirmModal
from tui.dialogs.file_task_modal import FileTaskModal, file_task_css
from tui.keys.bindings import binding_maker
from tui.store_access import app_store
from tui.widgets.file_picker import FilePicker


def parse_offset_text(text: str) -> int | None:
    """``hh:mm:ss``, ``mm:ss`` or seconds (``-`` before: the recording started early), in ms."""
    from exports.transcripts.timecodes import timecode_ms

    value = text.strip()
    if not value:
        return 0
    sign = -1 if value.startswith("-") else 1
    value = value.lstrip("-")
    try:
        return sign * round(float(value) * 1000)
    except ValueError:
        parsed = timecode_ms(value)
        return None if parsed is None else sign * parsed


_b = binding_maker("media")


class RecordingsModal(ModalScreen[None]):
    """The recordings linked to one transcript (and its session's shared ones)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _b("l,д", "link", _("Link"), _("Link a recording to this transcript"), "link"),
        _b("r,к", "relink", _("Relink"), _("Point the chosen recording at its new place"), "re"),
        _b("u,г", "unlink", _("Unlink"), _("Forget the chosen recording (the file stays)"), "un"),
        _b("escape", "close", _("Close"), _("Close this dialog"), "close"),
    ]  # fmt: skip

    DEFAULT_CSS = file_task_css("LinkRecordingModal", "link")

    def __init__(self, transcript_id: int) -> None:
        super().__init__()
        self.transcript_id = transcript_id
        self.rows: list[MediaFile] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Recordings"), id="media-title")
            yield DataTable(id="media-table", cursor_type="row", zebra_stripes=True)
            yield Static(
                _(
                    "Paths are kept relative to the project file; a moved file shows as "
                    "missing until it is relinked. Offset: where transcript time 0 falls in "
                    "the recording."
                ),
                id="media-help",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_rows()
        self.query_one(DataTable).focus()

    def refresh_rows(self) -> None:
        """Read the recordings again."""
        store = app_store(self)
        session_id = store.transcripts.get(self.transcript_id).session_id
        self.rows = [
            m
            for m in store.media.all(session_id=session_id)
            if m.transcript_id in (None, self.transcript_id)
        ]
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(_("File"), _("Duration"), _("Offset"), _("Status"))
        for m in self.rows:
            table.add_row(
                cell(m.path),
                cell(clock(m.duration_ms)),
                cell(("-" if m.offset_ms < 0 else "") + clock(abs(m.offset_ms))),
                cell(_(STATUS_TEXT[media_status(store.path, m)])),
            )

    def _chosen(self) -> MediaFile | None:
        table = self.query_one(DataTable)
        if not self.rows:
            self.notify(_("No recording is linked yet: press L to link one"), markup=False)
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def action_link(self) -> None:
        """Choose a file and link it to this transcript."""
        self.app.push_screen(LinkRecordingModal(self.transcript_id), self._after)

    def action_relink(self) -> None:
        """Choose the new place of the chosen recording."""
        chosen = self._chosen()
        if chosen is not None:
            self.app.push_screen(LinkRecordingModal(self.transcript_id, relink=chosen), self._after)

    def action_unlink(self) -> None:
        """Forget the chosen recording, after a confirmation."""
        chosen = self._chosen()
        if chosen is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                app_store(self).media.unlink(chosen.id)
                self.refresh_rows()

        self.app.push_screen(
            ConfirmModal(
                _("Unlink {path}? The file itself is not deleted.").format(path=chosen.path),
                yes=_("Unlink"),
            ),
            answered,
        )

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)

    def _after(self, changed: bool | None) -> None:
        if changed:
            self.refresh_rows()


class LinkRecordingModal(FileTaskModal[bool]):
    """Pick a recording (and an offset) to link, or the new place of one to relink."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _b("escape", "cancel", _("Cancel"), _("Close"), "link-cancel"),
    ]

    DEFAULT_CSS = """
    LinkRecordingModal { align: center middle; }
    LinkRecordingModal > Vertical {
        width: 96; height: auto; border: thick $primary 60%; background: $surface; padding: 0 1;
    }
    LinkRecordingModal #link-title { text-style: bold; padding: 0 0 1 0; }
    LinkRecordingModal ProgressBar { display: none; }
    LinkRecordingModal.-busy ProgressBar { display: block; }
    LinkRecordingModal #link-status { height: auto; }
    LinkRecordingModal #link-status.-error { color: $error; }
    LinkRecordingModal #link-buttons { height: auto; align-horizontal: right; }
    LinkRecordingModal Button { margin-left: 2; }
    """

    ID_PREFIX = "link"
    RUN_BUTTON = "link-run"

    def __init__(self, transcript_id: int, *, relink: MediaFile | None = None) -> None:
        super().__init__()
        self.transcript_id = transcript_id
        self.relinking = relink
        self.force = False
        """Set after a warning (times that do not fit, another recording): the next try links."""

    def compose(self) -> ComposeResult:
        title = (
            _("Relink {path}").format(path=self.relinking.path)
            if self.relinking
            else _("Link a recording")
        )
        with Vertical():
            yield Static(title, id="link-title", markup=False)
            yield FilePicker(
                self.project_path.resolve().parent,
                tuple(sorted(MEDIA_SUFFIXES)),
                placeholder="interview.m4a",
                id="picker",
            )
            if self.relinking is None:
                yield Input(placeholder=_("offset: 00:00:00 (optional)"), id="link-offset")
            yield ProgressBar(total=None, show_eta=False, id="link-progress")
            yield Static("", id="link-status", markup=False)
            with Horizontal(id="link-buttons"):
                yield Button(
                    _("Relink") if self.relinking else _("Link"), id="link-run", variant="primary"
                )
                yield Button(_("Cancel"), id="link-cancel-button")

    def start(self) -> None:
        """Check the choices and read the recording in the background."""
        if self.busy:
            return
        file = self.chosen_file(_("Type the path of a recording (m4a, mp3, wav, …)"))
        if file is None:
            return
        offset = 0
        if self.relinking is None:
            parsed = parse_offset_text(self.query_one("#link-offset", Input).value)
            if parsed is None:
                self.show_status(_("Not a time: use hh:mm:ss or seconds"), error=True)
                return
            offset = parsed
        self.set_busy(True)
        self.show_status(_("Reading {file}…").format(file=file.name))
        self.link_in_background(file, offset)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def link_in_background(self, file: Path, offset_ms: int) -> None:
        """Probe and link with a Store of the worker's own."""
        from exports.media.linking import link_recording, relink_recording

        store = Store(self.project_path)
        try:
            if self.relinking is not None:
                relink_recording(store, self.relinking.id, file, force=self.force)
            else:
                link_recording(
                    store,
                    file,
                    transcript_id=self.transcript_id,
                    offset_ms=offset_ms,
                    force=self.force,
                )
        except ConflictError as error:
            self.app.call_from_thread(self._doubtful, translate_error(error))
            return
        except (SuhbatError, OSError, sqlite3.Error) as error:
            self.app.call_from_thread(self._failed, translate_error(error))
            return
        finally:
            store.close()
        self.app.call_from_thread(self._linked)

    def _failed(self, message: str) -> None:
        self.set_busy(False)
        self.show_status(message + "\n" + _("Nothing was written."), error=True)

    def _doubtful(self, message: str) -> None:
        self.set_busy(False)
        self.force = True
        self.show_status(
            message + "\n" + _("Press the button again to link it anyway."), error=True
        )

    def _linked(self) -> None:
        self.set_busy(False)
        self.dismiss(True)
