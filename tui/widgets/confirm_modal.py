"""A yes/no question in a modal dialog (used before deleting anything).

Keys are the first letters of the answers in every UI language: ``y``/``д``/``и``
(yes, да, иә) and ``n``/``н``/``ж`` (no, нет, жоқ) or Escape. The physical twin of
``y`` on a Russian layout is ``н``, the first letter of «нет», so yes has no layout
twin here: a Russian speaker pressing ``н`` must never confirm.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from i18n import _
from tui.widgets.bindings import key_binding


class ConfirmModal(ModalScreen[bool]):
    """Ask ``question``; dismisses with True for yes, False for no or Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("y,д,и", "answer(True)", _("Yes"), _("Yes, do it"), "confirm-yes"),
        key_binding("n,н,ж,т,escape", "answer(False)", _("No"), _("No, keep it"), "confirm-no"),
    ]

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical {
        width: 64; height: auto; border: thick $error 60%; background: $surface; padding: 1 2;
    }
    ConfirmModal #confirm-question { height: auto; margin-bottom: 1; }
    ConfirmModal #confirm-keys { height: auto; color: $text-muted; margin-bottom: 1; }
    ConfirmModal Horizontal { height: auto; align-horizontal: right; }
    ConfirmModal Button { margin-left: 2; }
    """

    def __init__(self, question: str, *, yes: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes or _("Delete")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(_("Y: yes · N or Esc: no"), id="confirm-keys", markup=False)
            with Horizontal():
                yield Button(self.yes_label, id="confirm-yes-button", variant="error")
                yield Button(_("Cancel"), id="confirm-no-button")

    def on_mount(self) -> None:
        self.query_one("#confirm-no-button", Button).focus()

    def action_answer(self, answer: bool) -> None:
        """Close with ``answer``."""
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes-button")
