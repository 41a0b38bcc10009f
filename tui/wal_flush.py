"""Work written while the app is open reaches the project file itself within seconds.

SQLite writes each change to the write-ahead log (``PROJECT-wal``) first and copies it
into the project file only when the log reaches about 4 MB or the last connection closes.
A small day of coding can stay in the log for hours, so a project file copied with a file
manager while the app is open (to a USB stick, say) would lack it. A few seconds after
the app last wrote, a worker thread checkpoints the log (:meth:`storage.base.Database.
checkpoint`, passive: it never waits for readers or writers) through its own Store.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.app import App

from storage import Store, SuhbatError

FLUSH_INTERVAL_S = 3.0
"""How often the app looks for written work not yet in the project file."""


class WalFlush:
    """Checkpoints one app's project after it changed, in a worker thread."""

    def __init__(self, app: App[None], project: Path, stamp: tuple[int, int]) -> None:
        self.app = app
        self.project = project
        self._flushed = stamp
        self._running = False

    def start(self) -> None:
        """Look every :data:`FLUSH_INTERVAL_S` seconds for changes to copy into the file."""
        self.app.set_interval(FLUSH_INTERVAL_S, self.flush_if_changed)

    def flush_if_changed(self) -> None:
        """Checkpoint in a worker if the project changed since the last checkpoint."""
        store: Store | None = getattr(self.app, "store", None)
        if self._running or store is None or store.db.depth:
            return
        stamp = store.change_stamp()
        if stamp == self._flushed:
            return
        self._running = True
        self.app.run_worker(
            lambda: self._work(stamp), thread=True, group="wal-flush", exit_on_error=False
        )

    def _work(self, stamp: tuple[int, int]) -> None:
        """In the worker thread: checkpoint through a Store of its own."""
        done = False
        try:
            with Store(self.project) as store:
                done = store.db.checkpoint()
        except (SuhbatError, sqlite3.Error):
            pass  # (tried again after the next change; the log keeps the work meanwhile)
        self.app.call_from_thread(self._finished, stamp if done else None)

    def _finished(self, stamp: tuple[int, int] | None) -> None:
        self._running = False
        if stamp is not None:
            self._flushed = stamp
