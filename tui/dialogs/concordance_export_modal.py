"""Ask where to write a concordance (CSV or DOCX); the path is prefilled beside the project."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input

from i18n import N_, _
from tui.dialogs.form_modal import FieldError, FormField, FormModal


class ConcordanceExportModal(FormModal[Path]):
    """One field, the file to write; Enter exports, Esc cancels. Returns the path."""

    def __init__(self, default: Path, file_format: str) -> None:
        super().__init__()
        self.default = default
        self.file_format = file_format
        self.form_title = (
            _("Export the concordance as CSV")
            if file_format == "csv"
            else _("Export the concordance as Word")
        )

    def compose_fields(self) -> ComposeResult:
        yield FormField(
            _("File"),
            Input(str(self.default), id="concordance-export-path", select_on_focus=False),
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
        suffix = f".{self.file_format}"
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        if path.is_dir():
            raise FieldError("path", N_("{path} is a folder"), path=str(path))
        if not path.parent.is_dir():
            raise FieldError("path", N_("There is no folder {folder}"), folder=str(path.parent))
        return path
