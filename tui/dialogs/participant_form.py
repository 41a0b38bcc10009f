"""Add or edit a participant: pseudonym, real name, every typed attribute, notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from i18n import _
from storage import Store
from storage.errors import N_, SuhbatError
from storage.models import Participant
from storage.participants_store import coerce_value
from tui.dialogs.form_modal import FieldError, FormField, FormModal
from tui.widgets.attribute_input import attribute_input


class ParticipantForm(FormModal[Participant]):
    """Create a participant (``participant`` None) or edit one; dismisses with the result."""

    # A compact TextArea keeps a column of padding on the left that a compact Input has not:
    # without this the notes would start one column right of every other field.
    DEFAULT_CSS = """
    ParticipantForm #field-notes TextArea { padding-left: 0; }
    """

    def __init__(self, store: Store, participant: Participant | None = None) -> None:
        super().__init__()
        self.store = store
        self.participant = participant
        self.attribute_list = store.participants.attributes()
        self.form_title = (
            _("New participant")
            if participant is None
            else _("Edit participant {code}").format(code=participant.code)
        )

    def compose_fields(self) -> ComposeResult:
        p = self.participant
        yield FormField(
            _("Pseudonym (shown in reports)"),
            Input(value=p.code if p else "", placeholder="P01"),
            name="code",
        )
        yield FormField(
            _("Real name (kept private)"),
            Input(value=(p.real_name or "") if p else ""),
            name="real_name",
        )
        for index, attribute in enumerate(self.attribute_list):
            label = attribute.name + (" " + _("(sensitive)") if attribute.sensitive else "")
            yield FormField(
                label,
                attribute_input(attribute, p.attributes.get(attribute.name, "") if p else ""),
                name=f"attr-{index}",
            )
        yield FormField(_("Notes"), TextArea(p.notes if p else ""), name="notes")

    def on_mount(self) -> None:
        self.field("code").control.focus()

    def save(self) -> Participant:
        """Check every value against its type first; then write in one transaction."""
        problems: list[FieldError] = []
        code = self.value("code").strip()
        if not code:
            problems.append(FieldError("code", N_("A participant needs a pseudonym")))
        for other in self.store.participants.all():
            same = other.code.casefold() == code.casefold()
            if same and (self.participant is None or other.id != self.participant.id):
                problems.append(
                    FieldError(
                        "code", N_("A participant with pseudonym {code!r} exists"), code=other.code
                    )
                )
        values: dict[str, str] = {}
        for index, attribute in enumerate(self.attribute_list):
            name = f"attr-{index}"
            try:
                values[attribute.name] = coerce_value(attribute, self.value(name))
            except SuhbatError as error:
                problems.append(FieldError(name, error.message, **error.params))
        if problems:
            for problem in reversed(problems):
                self.show_error(problem)  # every message at once; the first keeps the focus
            raise problems[0]
        real_name = self.value("real_name").strip() or None
        notes = self.value("notes")
        try:
            if self.participant is None:
                return self.store.participants.add(
                    code, real_name=real_name, attributes=values, notes=notes
                )
            return self.store.participants.update(
                self.participant.id,
                code=code,
                real_name=real_name or "",
                attributes=values,
                notes=notes,
            )
        except SuhbatError as error:
            if "code" in error.params:
                raise FieldError("code", error.message, **error.params) from None
            raise
