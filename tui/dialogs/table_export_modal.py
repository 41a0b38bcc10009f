"""Ask where to write a table (CSV or XLSX); the path is prefilled beside the project."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from textual.app import ComposeResult
from textual.widgets import Input

from i18n import N_, _
from tui.dialogs.form_modal import FieldError, FormField, FormModal

TableFormat = Literal["csv", "xlsx"]


class ExportPathModal(FormModal[Path]):
    """One field, the file to write; Enter exports, Esc cancels. Returns the path.

    ``default`` is prefilled; a relative path is taken beside it, and ``.suffix`` is added
    when the name lacks it. ``field_id`` names the input (tests and keys find it by id).
    """

    def __init__(self, default: Path, suffix: str, title: str, field_id: str) -> None:
        super().__init__()
        self.default = default
        self.suffix = suffix
        self.form_title = title
        self.field_id = field_id

    def compose_fields(self) -> ComposeResult:
        yield FormField(
            _("File"),
            Input(str(self.default), id=self.field_id, select_on_focus=False),
            name="path",
        )

    def on_mount(self) -> None:
        self.field("path").control.focus()

    def save(self) -> Path:
        """The chosen path (relative paths are beside the project; the suffix is added)."""
        text = self.value("path").strip()
        if not text:
            raise FieldError("path", N_("Give a file name"))
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.default.parent / path
        suffix = f".{self.suffix}"
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        if path.is_dir():
            raise FieldError("path", N_("{path} is a folder"), path=str(path))
        if not path.parent.is_dir():
            raise FieldError("path", N_("There is no folder {folder}"), folder=str(path.parent))
        return path


class TableExportModal(ExportPathModal):
    """Where to write the Analysis screen's table (CSV or XLSX)."""

    def __init__(self, default: Path, file_format: TableFormat) -> None:
        title = (
            _("Export the table as CSV") if file_format == "csv" else _("Export the table as Excel")
        )
        super().__init__(default, file_format, title, "export-path")
        self.file_format = file_format
