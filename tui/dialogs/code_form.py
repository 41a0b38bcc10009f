"""Create or edit a code: a name per project language, definition, criteria, example, colour.

Saving is one undo step (Ctrl+Z on the codebook screen takes it back).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, TextArea

from i18n import _
from storage import Store
from storage.errors import N_
from storage.models import Code
from tui.dialogs.form_modal import FieldError, FormField, FormModal


class CodeForm(FormModal[Code]):
    """A new code under ``parent_id`` (``code`` None), or the fields of ``code``."""

    def __init__(
        self,
        store: Store,
        code: Code | None = None,
        *,
        parent_id: int | None = None,
        name: str = "",
    ) -> None:
        super().__init__()
        self.store = store
        self.code = code
        self.parent_id = parent_id
        self.initial_name = name
        self.languages = store.project().languages
        if code is None:
            self.form_title = _("New code")
        else:
            self.form_title = _("Edit code {name}").format(name=code.name())

    def compose_fields(self) -> ComposeResult:
        code = self.code
        for index, language in enumerate(self.languages):
            value = code.names.get(language, "") if code else ""
            if not value and index == 0 and not code:
                value = self.initial_name
            yield FormField(
                _("Name ({language})").format(language=language), Input(value=value), name=language
            )
        yield FormField(
            _("Description / definition"),
            TextArea(code.description if code else ""),
            name="description",
        )
        yield FormField(
            _("Inclusion criteria"), TextArea(code.inclusion if code else ""), name="inclusion"
        )
        yield FormField(
            _("Exclusion criteria"), TextArea(code.exclusion if code else ""), name="exclusion"
        )
        yield FormField(_("Example"), TextArea(code.example if code else ""), name="example")
        yield FormField(
            _("Colour"),
            Input(value=code.color if code else "", placeholder="#4e79a7"),
            name="color",
        )
        yield FormField(
            _("Can be applied to text"),
            Checkbox(value=code.is_codable if code else True),
            name="codable",
        )

    def on_mount(self) -> None:
        self.field(self.languages[0]).control.focus()

    def save(self) -> Code:
        """Validate and write the code (one undo step)."""
        names = {lang: self.value(lang).strip() for lang in self.languages}
        if not any(names.values()):
            raise FieldError(self.languages[0], N_("A code needs a name"))
        color = self.value("color").strip()
        description = self.value("description")
        inclusion = self.value("inclusion")
        exclusion = self.value("exclusion")
        example = self.value("example")
        codable = bool(self.value("codable"))
        store = self.store
        if self.code is None:
            with store.history.undoable(N_("Add code")):
                return store.codes.add(
                    {k: v for k, v in names.items() if v},
                    parent_id=self.parent_id,
                    description=description,
                    inclusion=inclusion,
                    exclusion=exclusion,
                    example=example,
                    color=color or None,
                    is_codable=codable,
                )
        changes: dict[str, object] = {
            "names": names,
            "description": description,
            "inclusion": inclusion,
            "exclusion": exclusion,
            "example": example,
            "is_codable": codable,
        }
        if color:
            changes["color"] = color
        with store.history.undoable(N_("Change code")):
            return store.codes.update(self.code.id, **changes)
