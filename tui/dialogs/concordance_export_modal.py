"""Ask where to write a concordance (CSV or DOCX); the path is prefilled beside the project."""

from __future__ import annotations

from pathlib import Path

from i18n import _
from tui.dialogs.table_export_modal import ExportPathModal


class ConcordanceExportModal(ExportPathModal):
    """Where to write the concordance: the file's field, Enter exports, Esc cancels."""

    def __init__(self, default: Path, file_format: str) -> None:
        title = (
            _("Export the concordance as CSV")
            if file_format == "csv"
            else _("Export the concordance as Word")
        )
        super().__init__(default, file_format, title, "concordance-export-path")
        self.file_format = file_format
