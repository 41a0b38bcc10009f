"""Who took part in a session: link participants with a role and record consent."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Footer, Input, Label, Static

from i18n import _, get_language
from i18n.collation import sorted_names
from storage import Store
from storage.models import ROLES, Role, Session
from tui.cells import cell
from tui.fieldwork_labels import ROLE_LABELS
from tui.keys.bindings import key_binding
from tui.table_cursor import highlighted_id


class SessionPeopleModal(ModalScreen[bool]):
    """The session's participants; every change is saved at once. Dismisses with True."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding(
            "escape",
            "close",
            _("Close"),
            _("Leave the pseudonym box, or go back to the sessions"),
            "people-close",
        ),
        key_binding(
            "a,ф,plus", "add", _("Add"), _("Type a pseudonym to add a participant"), "people-add"
        ),
        key_binding("r,к", "role", _("Role"), _("Cycle the role"), "people-role"),
        key_binding(
            "c,с,space", "consent", _("Consent"), _("Record or withdraw consent"), "people-consent"
        ),
        key_binding(
            "x,ч,delete",
            "remove",
            _("Remove"),
            _("Remove the participant from this session"),
            "people-remove",
        ),
    ]

    DEFAULT_CSS = """
    SessionPeopleModal { align: center middle; }
    SessionPeopleModal > Vertical {
        width: 90; height: 26; border: thick $primary 60%; background: $surface; padding: 0 1;
    }
    SessionPeopleModal #people-title { text-style: bold; }
    SessionPeopleModal DataTable { height: 1fr; }
    SessionPeopleModal #people-add-row { height: auto; }
    SessionPeopleModal #people-add-row Label { padding: 0 1 0 0; }
    SessionPeopleModal #people-add-input { width: 1fr; }
    SessionPeopleModal #people-error { color: $error; height: auto; }
    """

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__()
        self.store = store
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                _("Participants of {title}").format(title=self.session.title),
                id="people-title",
                markup=False,
            )
            yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="people-add-row"):
                yield Label(_("Add (pseudonym):"))
                codes = sorted_names(
                    (p.code for p in self.store.participants.all()), get_language()
                )
                yield Input(
                    id="people-add-input",
                    compact=True,
                    suggester=SuggestFromList(codes, case_sensitive=False),
                    placeholder=", ".join(codes[:4]),
                )
            yield Static("", id="people-error", markup=False)
            yield Footer()

    def on_mount(self) -> None:
        self.reload()
        if not self.store.sessions.participants(self.session.id):
            self.query_one("#people-add-input", Input).focus()

    def reload(self, select: int | None = None, *, focus: bool = True) -> None:
        """Fill the table from the Store (and focus it unless ``focus`` is false)."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(_("Pseudonym"), _("Role"), _("Consent"))
        codes = {p.id: p.code for p in self.store.participants.all()}
        for link in self.store.sessions.participants(self.session.id):
            table.add_row(
                cell(codes.get(link.participant_id, "?"), style="bold"),
                cell(_(ROLE_LABELS[link.role])),
                cell("✓ " + _("given") if link.consent else "✗ " + _("not recorded")),
                key=str(link.participant_id),
            )
            if link.participant_id == select:
                table.move_cursor(row=table.row_count - 1)
        if focus:
            table.focus()

    def _current(self) -> tuple[int, Role, bool] | None:
        row_id = highlighted_id(self.query_one(DataTable))
        if row_id is None:
            return None
        for link in self.store.sessions.participants(self.session.id):
            if link.participant_id == row_id:
                return link.participant_id, link.role, link.consent
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.focused is self.query_one("#people-add-input")
        return not typing or action == "close"

    def action_add(self) -> None:
        """Focus the pseudonym box."""
        self.query_one("#people-add-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.query_one("#people-error", Static)
        name = event.value.strip()
        if not name:
            self.query_one(DataTable).focus()
            return
        participant = self.store.participants.find(name)
        if participant is None:
            error.update(
                _("No participant {name!r}; add them on the Participants screen (F2).").format(
                    name=name
                )
            )
            return
        error.update("")
        self.store.sessions.link_participant(
            self.session.id, participant.id, "respondent", consent=False
        )
        event.input.value = ""
        self.reload(select=participant.id, focus=False)

    def action_role(self) -> None:
        """Cycle the participant's role."""
        current = self._current()
        if current is None:
            return
        pid, role, consent = current
        following = ROLES[(ROLES.index(role) + 1) % len(ROLES)]
        self.store.sessions.link_participant(self.session.id, pid, following, consent)
        self.reload(select=pid)

    def action_consent(self) -> None:
        """Toggle whether consent is recorded."""
        current = self._current()
        if current is None:
            return
        pid, role, consent = current
        self.store.sessions.link_participant(self.session.id, pid, role, not consent)
        self.reload(select=pid)

    def action_remove(self) -> None:
        """Unlink the participant (their profile stays)."""
        current = self._current()
        if current is not None:
            self.store.sessions.unlink_participant(self.session.id, current[0])
            self.reload()

    def action_close(self) -> None:
        """Leave the pseudonym box for the table; from the table, back to the sessions."""
        if self.focused is self.query_one("#people-add-input"):
            self.query_one(DataTable).focus()
            return
        self.dismiss(True)
