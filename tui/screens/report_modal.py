"""A dialog that shows a report (an import, a merge) and, if asked, a button to go ahead."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from i18n import _
from tui.widgets.bindings import key_binding


class ReportModal(ModalScreen[bool]):
    """Show ``lines`` under ``title``; dismisses with True only if ``confirm`` was pressed.

    Without ``confirm`` there is a single Close button. User text in the lines (file
    names, code names, transcript text) is never read as markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "close", _("Close"), _("Close"), "report-close"),
    ]

    DEFAULT_CSS = """
    ReportModal { align: center middle; }
    ReportModal > Vertical {
        width: 96; height: auto; max-height: 90%;
        border: thick $primary 60%; background: $surface; padding: 0 1;
    }
    ReportModal #report-title { text-style: bold; padding: 0 0 1 0; }
    ReportModal VerticalScroll { height: auto; max-height: 26; }
    ReportModal #report-text { height: auto; }
    ReportModal Horizontal { height: auto; align-horizontal: right; padding: 1 0 0 0; }
    ReportModal Button { margin-left: 2; }
    """

    def __init__(self, title: str, lines: list[str], *, confirm: str | None = None) -> None:
        super().__init__()
        self.report_title = title
        self.lines = lines
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.report_title, id="report-title", markup=False)
            with VerticalScroll(id="report-scroll"):
                yield Static("\n".join(self.lines), id="report-text", markup=False)
            with Horizontal():
                if self.confirm:
                    yield Button(self.confirm, id="report-confirm", variant="primary")
                yield Button(_("Cancel") if self.confirm else _("Close"), id="report-close-button")

    def on_mount(self) -> None:
        button = "#report-confirm" if self.confirm else "#report-close-button"
        self.query_one(button, Button).focus()

    @property
    def text(self) -> str:
        """The report as shown."""
        return "\n".join(self.lines)

    def action_close(self) -> None:
        """Close without going ahead."""
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "report-confirm")
