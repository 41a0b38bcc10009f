"""Automatic backups while the app is open, and the palette commands to see them.

When the app opens a project it backs it up (if it changed since the newest backup),
and again every :data:`storage.backup.DEFAULT_INTERVAL_S` seconds while it keeps
changing. Each backup runs in a worker thread, is verified after it is written, and
only the newest automatic ones are kept (see :mod:`storage.backup`). A failure is
shown as an error notification; success is silent (see the Backups dialog).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand

from i18n import _, translate_error
from storage import SuhbatError
from storage.backup import AUTO, DEFAULT_INTERVAL_S, MANUAL, Backup, backup_is_due, make_backup

AUTO_BACKUP_ENV = "SUHBAT_AUTO_BACKUP"


@dataclass
class BackupStatus:
    """The outcome of the latest backup this app made (or tried to make)."""

    last: Backup | None = None
    error: str | None = None
    running: bool = False


class AutoBackup:
    """Backs up one app's project on open and at intervals, in worker threads."""

    def __init__(
        self, app: App[None], project: Path, *, interval_s: float = DEFAULT_INTERVAL_S
    ) -> None:
        self.app = app
        self.project = project
        self.interval_s = interval_s
        self.status = BackupStatus()
        self._listeners: list[Callable[[BackupStatus], None]] = []

    def start(self) -> None:
        """Back up now if the project changed since its newest backup; then periodically."""
        self._run(AUTO, only_if_due=0.0)
        self.app.set_interval(self.interval_s, partial(self._run, AUTO, self.interval_s))

    def backup_now(self) -> None:
        """Make a manual backup at once (in a worker thread)."""
        self._run(MANUAL, None)

    def listen(self, callback: Callable[[BackupStatus], None]) -> Callable[[], None]:
        """Call ``callback`` on the UI thread after each backup; returns an unsubscribe."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def _run(self, reason: str, only_if_due: float | None) -> None:
        if self.status.running:
            return
        self.status.running = True
        self.app.run_worker(
            partial(self._work, reason, only_if_due),
            thread=True,
            group="backup",
            exit_on_error=False,
            description=_("Backing up"),
        )

    def _work(self, reason: str, only_if_due: float | None) -> None:
        """In the worker thread: back up (when due) and report on the UI thread."""
        made: Backup | None = None
        error: str | None = None
        try:
            if only_if_due is None or backup_is_due(self.project, interval_s=only_if_due):
                made = make_backup(self.project, reason=reason)
        except SuhbatError as failure:
            error = translate_error(failure)
        except OSError as failure:  # pragma: no cover - a disk that went away
            error = str(failure)
        self.app.call_from_thread(self._done, made, error)

    def _done(self, made: Backup | None, error: str | None) -> None:
        self.status.running = False
        if made is not None:
            self.status.last = made
        self.status.error = error
        if error:
            self.app.notify(
                _("Backup failed: {reason}").format(reason=error),
                severity="error",
                timeout=10,
                markup=False,
            )
        for callback in list(self._listeners):
            callback(self.status)


def install_backups(app: App[None], project: Path) -> AutoBackup:
    """Start automatic backups of ``project`` for ``app``; returns the service.

    ``SUHBAT_AUTO_BACKUP=0`` in the environment turns the automatic ones off ("back up
    now" still works).
    """
    service = AutoBackup(app, project)
    if os.environ.get(AUTO_BACKUP_ENV, "1").strip() not in ("0", "off", "no", "false"):
        service.start()
    return service


def backup_commands(app: App[None], service: AutoBackup | None) -> Iterable[SystemCommand]:
    """Command-palette entries: open the Backups dialog, back up now."""
    if service is None:
        return
    yield SystemCommand(
        _("Backups"),
        _("See the project's backups and when the last one was made"),
        partial(_show, app, service),
    )
    yield SystemCommand(
        _("Back up now"),
        _("Make a verified copy of the project in its backup folder"),
        service.backup_now,
    )


def _show(app: App[None], service: AutoBackup) -> None:
    from tui.dialogs.backups_modal import BackupsModal

    app.push_screen(BackupsModal(service))
