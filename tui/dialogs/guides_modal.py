"""Several guides per project: choose, create, rename and delete them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Static

from i18n import _
from storage import ConflictError, Store
from storage.errors import N_
from storage.models import Guide
from tui.cells import cell, number_cell
from tui.dialogs.confirm_modal import ConfirmModal
from tui.dialogs.form_modal import FieldError, FormField, FormModal
from tui.keys.bindings import key_binding
from tui.table_cursor import highlighted_id


class GuideForm(FormModal[Guide]):
    """Name a new guide or rename one."""

    def __init__(self, store: Store, guide: Guide | None = None) -> None:
        super().__init__()
        self.store = store
        self.guide = guide
        self.form_title = _("New guide") if guide is None else _("Rename guide")

    def compose_fields(self) -> ComposeResult:
        yield FormField(
            _("Name"),
            Input(value=self.guide.name if self.guide else "", placeholder=_("Focus groups")),
            name="name",
        )

    def on_mount(self) -> None:
        self.field("name").control.focus()

    def save(self) -> Guide:
        """Create or rename the guide."""
        name = self.value("name").strip()
        if not name:
            raise FieldError("name", N_("A guide needs a name"))
        try:
            if self.guide is None:
                return self.store.guides.add(name)
            return self.store.guides.rename(self.guide.id, name)
        except ConflictError as error:
            raise FieldError("name", error.message, **error.params) from None


class GuidesModal(ModalScreen[int | None]):
    """The project's guides; dismisses with the chosen guide's id (None: no change)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "close", _("Close"), _("Back"), "guides-close"),
        key_binding("n,т", "add", _("New"), _("Create a guide"), "guides-add"),
        key_binding("r,к", "rename", _("Rename"), _("Rename the guide"), "guides-rename"),
        key_binding(
            "d,в,delete",
            "delete",
            _("Delete"),
            _("Delete the guide and its questions"),
            "guides-delete",
        ),
    ]

    DEFAULT_CSS = """
    GuidesModal { align: center middle; }
    GuidesModal > Vertical {
        width: 80; height: 20; border: thick $primary 60%; background: $surface; padding: 0 1;
    }
    GuidesModal #guides-title { text-style: bold; }
    GuidesModal DataTable { height: 1fr; }
    """

    def __init__(self, store: Store, current: int | None) -> None:
        super().__init__()
        self.store = store
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Guides · Enter opens one"), id="guides-title")
            yield DataTable(id="guides", cursor_type="row", zebra_stripes=True)
            yield Footer()

    def on_mount(self) -> None:
        self.reload(self.current)

    def reload(self, select: int | None = None) -> None:
        """Fill the table from the Store."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(_("Guide"), _("Questions"), _("Sessions"))
        counts: dict[int, int] = {}
        for q in self.store.guides.questions():
            counts[q.guide_id] = counts.get(q.guide_id, 0) + 1
        used: dict[int, int] = {}
        for s in self.store.sessions.all():
            if s.guide_id is not None:
                used[s.guide_id] = used.get(s.guide_id, 0) + 1
        for g in self.store.guides.all():
            table.add_row(
                cell(g.name, style="bold"),
                number_cell(counts.get(g.id, 0)),
                number_cell(used.get(g.id, 0)),
                key=str(g.id),
            )
            if g.id == select:
                table.move_cursor(row=table.row_count - 1)
        table.focus()

    def _selected(self) -> Guide | None:
        row_id = highlighted_id(self.query_one(DataTable))
        return next((g for g in self.store.guides.all() if g.id == row_id), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        self.dismiss(int(key) if key else None)

    def _after_form(self, guide: Guide | None) -> None:
        if guide is not None:
            self.reload(guide.id)

    def action_add(self) -> None:
        """Create a guide."""
        self.app.push_screen(GuideForm(self.store), self._after_form)

    def action_rename(self) -> None:
        """Rename the highlighted guide."""
        guide = self._selected()
        if guide is not None:
            self.app.push_screen(GuideForm(self.store, guide), self._after_form)

    def action_delete(self) -> None:
        """Delete the highlighted guide after confirmation."""
        guide = self._selected()
        if guide is None:
            return

        def done(answer: bool | None) -> None:
            if answer:
                self.store.guides.delete(guide.id)
                if self.current == guide.id:
                    self.current = None
                self.reload()

        self.app.push_screen(
            ConfirmModal(
                _("Delete the guide {name!r} with all its questions?").format(name=guide.name)
            ),
            done,
        )

    def action_close(self) -> None:
        """Back to the protocol (showing the guide that was shown, if it still exists)."""
        self.dismiss(self.current)
