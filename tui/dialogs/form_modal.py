"""A modal form: labelled fields with inline error messages, saved all at once or not at all.

Subclasses yield :class:`FormField` rows from :meth:`FormModal.compose_fields` and
implement :meth:`FormModal.save`, which validates, writes through the Store and
returns the result (or raises a :class:`storage.SuhbatError`, shown inline). Store
writes are transactional, so a form that fails leaves the project as it was.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from i18n import _, translate_error
from storage import SuhbatError
from tui.dialogs.confirm_modal import ConfirmModal
from tui.dialogs.quit_modal import quit_or_ask
from tui.keys.bindings import key_binding
from tui.store_access import app_store

ResultT = TypeVar("ResultT")


class FieldError(SuhbatError):
    """A validation problem that belongs to one named field of a form."""

    def __init__(self, field: str, message: str, /, **params: object) -> None:
        super().__init__(message, **params)
        self.field = field


class FormField(Vertical):
    """One labelled input with a line for its error message."""

    DEFAULT_CSS = """
    FormField { height: auto; }
    FormField > Horizontal { height: auto; }
    FormField > Horizontal > Label { width: 32; color: $text-muted; padding-right: 1; }
    FormField > Horizontal > * { width: 1fr; }
    FormField > .field-error { color: $error; height: auto; display: none; padding-left: 32; }
    FormField.-invalid > .field-error { display: block; }
    FormField.-invalid > Horizontal > Label { color: $error; text-style: bold; }
    """

    def __init__(self, label: str, control: Widget, *, name: str) -> None:
        super().__init__(id=f"field-{name}")
        self.field_name = name
        self.label_text = label
        self.control = control
        if isinstance(control, Input | Select | TextArea):
            control.compact = True
        if isinstance(control, TextArea):
            control.styles.height = 3

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label_text, markup=False)
            yield self.control
        yield Static("", classes="field-error", markup=False)

    def set_error(self, message: str | None) -> None:
        """Show ``message`` under the field (None clears it)."""
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(message or "")

    @property
    def value(self) -> str:
        """The control's value as text (Select: the chosen value or ''; Checkbox: '1' or '')."""
        control = self.control
        if isinstance(control, Input):
            return control.value
        if isinstance(control, TextArea):
            return control.text
        if isinstance(control, Checkbox):
            return "1" if control.value else ""
        if isinstance(control, Select):
            chosen: Any = control.value
            return "" if chosen is Select.NULL else str(chosen)
        raise TypeError(type(control).__name__)


class FormModal(ModalScreen[ResultT | None], Generic[ResultT]):
    """A dialog with fields, Save (Ctrl+S or Enter in a one-line field) and Cancel (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "cancel", _("Cancel"), _("Close without saving"), "form-cancel"),
        key_binding("ctrl+s", "save", _("Save"), _("Check and save the form"), "form-save"),
        key_binding(
            "ctrl+q",
            "quit_form",
            _("Quit"),
            _("Quit suhbat (a changed form asks to be saved first)"),
            "form-quit",
            show=False,
        ),
    ]

    DEFAULT_CSS = """
    FormModal { align: center middle; }
    FormModal > #form-dialog {
        width: 100; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary 60%; background: $surface; padding: 0 1;
    }
    FormModal #form-title { text-style: bold; }
    FormModal #form-hint { color: $text-muted; padding: 0 0 1 0; }
    FormModal #form-body { height: auto; max-height: 28; }
    FormModal #form-error { color: $error; height: auto; }
    FormModal #form-buttons { height: auto; align-horizontal: right; }
    FormModal #form-buttons Button { margin-left: 2; }
    """

    form_title: str = ""

    _initial: dict[str, str] | None = None

    def on_mount(self) -> None:
        """Remember what the fields hold once they are filled, to tell a change later."""
        self.call_after_refresh(self._remember)

    def _remember(self) -> None:
        self._initial = self._values()

    def _values(self) -> dict[str, str]:
        return {item.field_name: item.value for item in self.query(FormField)}

    @property
    def changed(self) -> bool:
        """Whether any field differs from what it held when the form opened."""
        return self._initial is not None and self._values() != self._initial

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield Static(self.form_title, id="form-title", markup=False)
            yield Static(
                _("Tab moves between fields · Ctrl+S saves · Esc cancels"),
                id="form-hint",
                markup=False,
            )
            body = VerticalScroll(id="form-body")
            body.can_focus = False  # the first field has the focus (and what is typed)
            with body:
                yield from self.compose_fields()
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button(_("Save"), id="form-save-button", variant="primary")
                yield Button(_("Cancel"), id="form-cancel-button")

    def compose_fields(self) -> ComposeResult:
        """Yield the form's :class:`FormField` rows."""
        yield from ()

    def save(self) -> ResultT:
        """Validate and write; raise :class:`FieldError` or another SuhbatError on bad input."""
        raise NotImplementedError

    def field(self, name: str) -> FormField:
        """The field called ``name``."""
        return self.query_one(f"#field-{name}", FormField)

    def value(self, name: str) -> str:
        """The text value of field ``name``."""
        return self.field(name).value

    def clear_errors(self) -> None:
        """Hide every error message."""
        for item in self.query(FormField):
            item.set_error(None)
        self.query_one("#form-error", Static).update("")

    def show_error(self, error: SuhbatError, field: str | None = None) -> None:
        """Show ``error`` under ``field`` (or under the form when it has no field)."""
        name = getattr(error, "field", None) or field
        message = translate_error(error)
        if name and self.query(f"#field-{name}"):
            target = self.field(name)
            target.set_error(message)
            target.control.focus()
        else:
            self.query_one("#form-error", Static).update(message)

    def action_save(self) -> None:
        """Check and save; on success close the dialog with the result."""
        self.clear_errors()
        try:
            result = self.save()
        except SuhbatError as error:
            self.show_error(error)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without saving; a changed form asks first."""
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal(_("Discard the changes in this form?"), yes=_("Discard")), answered
        )

    def action_quit_form(self) -> None:
        """Ctrl+Q: quit suhbat; with unsaved changes, ask to save them first (and while a
        live session is running, whether to quit at all: :mod:`.quit_modal`)."""
        if not self.changed:
            quit_or_ask(self.app, app_store(self))
            return

        def answered(save: bool | None) -> None:
            if not save:
                return  # back to the form
            self.clear_errors()
            try:
                self.save()
            except SuhbatError as error:
                self.show_error(error)
                return
            quit_or_ask(self.app, app_store(self))

        self.app.push_screen(
            ConfirmModal(
                _("Save the changes in this form and quit? N goes back to the form."),
                yes=_("Save and quit"),
            ),
            answered,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save-button":
            self.action_save()
        elif event.button.id == "form-cancel-button":
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
