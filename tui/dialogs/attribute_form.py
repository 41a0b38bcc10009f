"""Define participant attributes: a list of typed attributes and a form for one."""

from __future__ import annotations

from typing import ClassVar, cast

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, DataTable, Footer, Input, Select, Static

from i18n import _
from storage import ConflictError, Store, SuhbatError
from storage.errors import N_
from storage.models import ATTRIBUTE_TYPES, Attribute, AttributeType
from tui.cells import cell
from tui.dialogs.confirm_modal import ConfirmModal
from tui.dialogs.form_modal import FieldError, FormField, FormModal
from tui.fieldwork_labels import ATTRIBUTE_TYPE_LABELS
from tui.keys.bindings import key_binding
from tui.table_cursor import highlighted_id


class AttributeForm(FormModal[Attribute]):
    """Create or change one attribute definition (name, type, allowed values, sensitive)."""

    def __init__(self, store: Store, attribute: Attribute | None = None) -> None:
        super().__init__()
        self.store = store
        self.attribute = attribute
        self.form_title = (
            _("New attribute")
            if attribute is None
            else _("Edit attribute {name}").format(name=attribute.name)
        )

    def compose_fields(self) -> ComposeResult:
        a = self.attribute
        yield FormField(_("Name"), Input(value=a.name if a else ""), name="name")
        options = [(_(ATTRIBUTE_TYPE_LABELS[t]), t) for t in ATTRIBUTE_TYPES]
        yield FormField(
            _("Type"),
            Select(options, value=a.type if a else "text", allow_blank=False),
            name="type",
        )
        yield FormField(
            _("Allowed values for a category (comma-separated)"),
            Input(value=", ".join(a.allowed) if a else "", placeholder="F, M"),
            name="allowed",
        )
        yield FormField(
            _("Sensitive"),
            # The field's label already says "Sensitive": the box says what ticking does,
            # short enough to be read whole beside the label in Russian and Kazakh.
            Checkbox(_("Left out of reports unless asked"), a.sensitive if a else False),
            name="sensitive",
        )

    def on_mount(self) -> None:
        self.field("name").control.focus()

    def save(self) -> Attribute:
        """Write the definition; existing values must still fit a changed type."""
        name = self.value("name").strip()
        if not name:
            raise FieldError("name", N_("An attribute needs a name"))
        kind = cast(AttributeType, self.value("type") or "text")
        allowed = [v.strip() for v in self.value("allowed").split(",") if v.strip()]
        if kind != "category":
            allowed = []
        sensitive = bool(self.value("sensitive"))
        try:
            if self.attribute is None:
                return self.store.participants.add_attribute(
                    name, kind, allowed, sensitive=sensitive
                )
            return self.store.participants.update_attribute(
                self.attribute.id, name=name, type=kind, allowed=allowed, sensitive=sensitive
            )
        except ConflictError as error:
            raise FieldError("name", error.message, **error.params) from None
        except SuhbatError as error:
            raise FieldError("type", error.message, **error.params) from None


class AttributesModal(ModalScreen[bool]):
    """The list of attribute definitions; dismisses with True when something changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "close", _("Close"), _("Back"), "attributes-close"),
        key_binding("n,т", "add", _("New"), _("Define a new attribute"), "attributes-add"),
        key_binding("e,у,enter", "edit", _("Edit"), _("Change this attribute"), "attributes-edit"),
        key_binding(
            "d,в,delete",
            "delete",
            _("Delete"),
            _("Delete this attribute and every value of it"),
            "attributes-delete",
        ),
    ]

    DEFAULT_CSS = """
    AttributesModal { align: center middle; }
    AttributesModal > Vertical {
        width: 96; height: 24; border: thick $primary 60%; background: $surface; padding: 0 1;
    }
    AttributesModal #attributes-title { text-style: bold; }
    AttributesModal DataTable { height: 1fr; }
    """

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Participant attributes"), id="attributes-title")
            yield DataTable(id="attributes", cursor_type="row", zebra_stripes=True)
            yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, select: int | None = None) -> None:
        """Fill the table from the Store (keeping the cursor on ``select`` if given)."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(_("Name"), _("Type"), _("Allowed values"), _("Sensitive"))
        for a in self.store.participants.attributes():
            table.add_row(
                cell(a.name),
                cell(_(ATTRIBUTE_TYPE_LABELS[a.type])),
                cell(", ".join(a.allowed)),
                cell("✓" if a.sensitive else ""),
                key=str(a.id),
            )
            if a.id == select:
                table.move_cursor(row=table.row_count - 1)
        table.focus()

    def _current(self) -> Attribute | None:
        row_id = highlighted_id(self.query_one(DataTable))
        return next((a for a in self.store.participants.attributes() if a.id == row_id), None)

    def _after_form(self, result: Attribute | None) -> None:
        if result is not None:
            self.changed = True
            self.reload(select=result.id)

    def action_add(self) -> None:
        """Open the form for a new attribute."""
        self.app.push_screen(AttributeForm(self.store), self._after_form)

    def action_edit(self) -> None:
        """Open the form for the highlighted attribute."""
        current = self._current()
        if current is not None:
            self.app.push_screen(AttributeForm(self.store, current), self._after_form)

    def action_delete(self) -> None:
        """Delete the highlighted attribute after confirmation."""
        current = self._current()
        if current is None:
            return

        def done(answer: bool | None) -> None:
            if answer:
                self.store.participants.delete_attribute(current.id)
                self.changed = True
                self.reload()

        self.app.push_screen(
            ConfirmModal(
                _("Delete the attribute {name!r} and every participant's value of it?").format(
                    name=current.name
                )
            ),
            done,
        )

    def action_close(self) -> None:
        """Back to the participants."""
        self.dismiss(self.changed)
