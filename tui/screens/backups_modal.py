"""The Backups dialog: the project's backups, the latest one's outcome, "back up now"."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from i18n import _
from i18n.formatting import format_datetime, format_decimal
from storage.backup import DEFAULT_INTERVAL_S, DEFAULT_KEEP, default_backup_dir, list_backups
from storage.connection import looks_encrypted
from tui.backups import AutoBackup, BackupStatus
from tui.cells import cell
from tui.widgets.bindings import key_binding
from tui.widgets.screen_commands import ScreenActionsProvider


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=format_decimal(size / 1024 / 1024, 1))
    return _("{size} KB").format(size=format_decimal(round(size / 1024), 0))


class BackupsModal(ModalScreen[None]):
    """Lists the backups of the app's project, newest first; ``b`` backs up now."""

    COMMANDS: ClassVar = {ScreenActionsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding(
            "b,и",
            "backup_now",
            _("Back up now"),
            _("Make a verified copy of the project in its backup folder"),
            "backups-now",
        ),
        key_binding("r,к", "refresh", _("Refresh"), _("List again"), "backups-refresh"),
        key_binding("escape", "close", _("Close"), _("Close this dialog"), "backups-close"),
    ]

    DEFAULT_CSS = """
    BackupsModal { align: center middle; }
    BackupsModal > Vertical {
        width: 100; height: 80%; border: thick $primary 60%; background: $surface; padding: 0 1;
    }
    BackupsModal #backups-title { text-style: bold; height: auto; }
    BackupsModal #backups-status, BackupsModal #backups-help { height: auto; margin-bottom: 1; }
    BackupsModal #backups-help { color: $text-muted; }
    BackupsModal DataTable { height: 1fr; }
    """

    def __init__(self, service: AutoBackup) -> None:
        super().__init__()
        self.service = service
        self._unlisten: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Backups"), id="backups-title")
            yield Static(id="backups-status", markup=False)
            yield DataTable(id="backups-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="backups-help", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._unlisten = self.service.listen(self._changed)
        self.action_refresh()
        self.query_one(DataTable).focus()

    def on_unmount(self) -> None:
        if self._unlisten is not None:
            self._unlisten()

    def _changed(self, status: BackupStatus) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        """List the backups again and show the latest outcome."""
        project = self.service.project
        status = self.service.status
        if status.running:
            text = _("Backing up…")
        elif status.error:
            text = _("The last backup failed: {reason}").format(reason=status.error)
        elif status.last is not None:
            text = _("Last backup: {when}, verified ({path})").format(
                when=format_datetime(status.last.created), path=status.last.path.name
            )
        else:
            text = _("No backup made in this session yet: the project has not changed.")
        self.query_one("#backups-status", Static).update(text)
        kinds = {
            "auto": _("automatic"),
            "manual": _("manual"),
            "before-restore": _("before a restore"),
            "damaged": _("damaged copy"),
        }
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(_("Made"), _("Kind"), _("Size"), _("Encrypted"), _("File"))
        for item in list_backups(project):
            table.add_row(
                cell(format_datetime(item.created)),
                cell(kinds.get(item.reason, item.reason)),
                cell(_size(item.size)),
                cell(_("yes") if looks_encrypted(item.path) else _("no")),
                cell(item.path.name),
            )
        self.query_one("#backups-help", Static).update(
            _(
                "Folder: {folder}. The project is backed up when it opens and every {minutes}"
                " minutes while it changes; the newest {keep} automatic backups are kept."
                " To restore one, quit and run: suhbat restore {project} BACKUP"
            ).format(
                folder=default_backup_dir(project).resolve(),
                minutes=int(DEFAULT_INTERVAL_S // 60),
                keep=DEFAULT_KEEP,
                project=project.name,
            )
        )

    def action_backup_now(self) -> None:
        """Start a manual backup; the list refreshes when it is done."""
        self.service.backup_now()
        self.action_refresh()

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)
