"""A dialog that asks for a file and runs one task on it in a worker (import, merge)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Protocol, TypeVar, cast

from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from i18n import _
from tui.widgets.file_picker import FilePicker

ResultT = TypeVar("ResultT")


class _HasProjectPath(Protocol):
    project_path: Path


def file_task_css(screen: str, prefix: str, *, frame: str = "", extra: str = "") -> str:
    """The stylesheet of a file-task dialog class ``screen`` whose ids start with ``prefix``.

    A centred frame (``frame`` adds rules to it), a bold ``#PREFIX-title``, a progress
    bar shown only while busy, the ``#PREFIX-status`` line (red on an error) and the
    ``#PREFIX-buttons`` row on the right; ``extra`` adds the dialog's own rules.
    """
    return f"""
    {screen} {{ align: center middle; }}
    {screen} > Vertical {{
        width: 96; height: auto; border: thick $primary 60%; background: $surface; padding: 0 1;
        {frame}
    }}
    {screen} #{prefix}-title {{ text-style: bold; padding: 0 0 1 0; }}
    {screen} ProgressBar {{ display: none; }}
    {screen}.-busy ProgressBar {{ display: block; }}
    {screen} #{prefix}-status {{ height: auto; }}
    {screen} #{prefix}-status.-error {{ color: $error; }}
    {screen} #{prefix}-buttons {{ height: auto; align-horizontal: right; }}
    {screen} Button {{ margin-left: 2; }}
    {extra}
    """


class FileTaskModal(ModalScreen[ResultT]):
    """Shared plumbing: a :class:`FilePicker`, a run button, a status line and a busy state.

    Subclasses set :attr:`ID_PREFIX` (the status line is ``#PREFIX-status``; their
    ``DEFAULT_CSS`` is :func:`file_task_css`) and
    :attr:`RUN_BUTTON`, and implement :meth:`start`; Enter in a field or the run button
    calls it, Esc or any other button closes the dialog unless a task runs.
    """

    ID_PREFIX: ClassVar[str] = ""
    RUN_BUTTON: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        self.busy = False

    @property
    def project_path(self) -> Path:
        """The open project's file."""
        return cast(_HasProjectPath, self.app).project_path

    def on_mount(self) -> None:
        self.query_one(FilePicker).field.focus()

    def action_cancel(self) -> None:
        """Close without running the task (not while it runs)."""
        if not self.busy:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == self.RUN_BUTTON:
            self.start()
        else:
            self.action_cancel()

    def start(self) -> None:
        """Check the input and run the task in a worker."""
        raise NotImplementedError

    def show_status(self, text: str, *, error: bool = False) -> None:
        """Show a message (in the error colour if ``error``) under the fields."""
        status = self.query_one(f"#{self.ID_PREFIX}-status", Static)
        status.set_class(error, "-error")
        status.update(text)

    def set_busy(self, busy: bool) -> None:
        """Show the progress bar and disable the run button while the task runs."""
        self.busy = busy
        self.set_class(busy, "-busy")
        self.query_one(f"#{self.RUN_BUTTON}", Button).disabled = busy

    def chosen_file(self, missing: str) -> Path | None:
        """The picked file, or None after saying ``missing`` or that it does not exist."""
        raw = self.query_one(FilePicker).value
        if not raw:
            self.show_status(missing, error=True)
            return None
        path = Path(raw).expanduser()
        if not path.is_file():
            self.show_status(_("{path}: no such file").format(path=path), error=True)
            return None
        return path
