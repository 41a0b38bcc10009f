"""Sessions: interviews and focus groups with their metadata, participants and consent."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Header, Static

from i18n import _, ngettext, translate_error
from i18n.formatting import format_date, format_decimal, format_number
from storage import SuhbatError
from storage.models import Session
from tui.cells import cell, number_cell
from tui.fieldwork_labels import KIND_LABELS, ROLE_LABELS
from tui.keys.bindings import key_binding
from tui.keys.screen_commands import ScreenActionsProvider
from tui.screens.item_memo import edit_item_memo, item_memo_binding, with_mark
from tui.screens.project_data_screen import ProjectDataScreen
from tui.short_dates import short_date
from tui.table_cursor import highlighted_id, restore_cursor
from tui.widgets.sized_table import SizedTable, fit_width
from tui.widgets.stable_footer import StableFooter


class SessionsTable(SizedTable):
    """The sessions list; Enter opens the highlighted session's form."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding(
            "enter",
            "select_cursor",
            _("Edit"),
            _("Edit the highlighted session"),
            "sessions-edit-enter",
            show=False,
        ),
    ]


class SessionsScreen(ProjectDataScreen):
    """Every session with kind, date, place, language, duration and participants."""

    COMMANDS = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("n,т", "add", _("New"), _("Create a session"), "sessions-add"),
        key_binding("e,у", "edit", _("Edit"), _("Edit the session"), "sessions-edit"),
        key_binding(
            "p,з",
            "people",
            _("Participants"),
            _("Link participants with roles and consent"),
            "sessions-people",
        ),
        key_binding(
            "l,д",
            "live",
            _("Go live"),
            _("Start or resume the live session screen for this session"),
            "sessions-live",
        ),
        key_binding(
            "d,в,delete",
            "delete",
            _("Delete"),
            _("Delete the session with its transcripts (asks first)"),
            "sessions-delete",
        ),
        key_binding(
            "i,ш",
            "import",
            _("Import"),
            _("Import sessions from a CSV or XLSX table"),
            "sessions-import",
            show=False,
        ),
        key_binding(
            "r,к",
            "refresh",
            _("Refresh"),
            _("Reload from the file"),
            "sessions-refresh",
            show=False,
        ),
        item_memo_binding("sessions", _("Write or read the session's memo")),
    ]

    DEFAULT_CSS = """
    SessionsScreen SessionsTable { height: 1fr; }
    SessionsScreen #session-detail {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $primary 40%;
    }
    SessionsScreen #status { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.session_map: dict[int, Session] = {}
        self.links: dict[int, list[tuple[str, str, bool]]] = {}
        self.guide_names: dict[int, str] = {}
        self.live_status: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield SessionsTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="session-detail", markup=False)
        yield Static("", id="status", markup=False)
        yield StableFooter()

    @property
    def table(self) -> SessionsTable:
        """The sessions table."""
        return self.query_one(SessionsTable)

    def action_refresh(self, select: int | None = None) -> None:
        """Reload the sessions from the project."""
        store = self.store
        table = self.table
        if select is None:
            select = highlighted_id(table)
        old_row = table.cursor_row
        sessions = store.sessions.all()
        self.session_map = {s.id: s for s in sessions}
        codes = {p.id: p.code for p in store.participants.all()}
        self.links = {}
        for link in store.sessions.participants():
            self.links.setdefault(link.session_id, []).append(
                (codes.get(link.participant_id, "?"), link.role, link.consent)
            )
        self.guide_names = {g.id: g.name for g in store.guides.all()}
        self.live_status = {state.session_id: state.status for state in store.live.states()}
        live = self.live_status
        kinds = {kind: _(label) for kind, label in KIND_LABELS.items()}
        noted = store.memos.targets("session")
        rows = []
        for s in sessions:
            linked = self.links.get(s.id, [])
            respondents = sum(1 for _code, role, _c in linked if role == "respondent")
            count = s.participant_count if s.participant_count is not None else respondents
            rows.append(
                (
                    with_mark(s.title, s.id in noted),
                    kinds[s.kind],
                    short_date(s.date) if s.date else "",
                    s.location or "",
                    s.setting or "",
                    s.region or "",
                    ", ".join(s.languages),
                    format_decimal(s.duration_min) if s.duration_min else "",
                    format_number(count) if count else "",
                    {"active": "●", "ended": "✓"}.get(live.get(s.id, ""), ""),
                )
            )
        headers = (
            _("Title"),
            _("Kind"),
            _("Date"),
            _("Location"),
            _("Setting"),
            _("Region"),
            _("Lang."),
            _("Minutes"),
            _("People"),
            _("Live"),
        )
        caps = (30, 12, 10, 18, 10, 18, 8, 7, 6, 4)
        table.clear(columns=True)
        for index, (header, cap) in enumerate(zip(headers, caps, strict=True)):
            width = fit_width(header, (row[index] for row in rows), cap=cap)
            table.add_column(header, width=max(width, cell_len(header)))  # headers never cut
        numeric = (7, 8)
        table.add_keyed_rows(
            (
                str(s.id),
                [
                    number_cell(value)
                    if index in numeric
                    else cell(value, style="bold" if index == 0 else "")
                    for index, value in enumerate(row)
                ],
            )
            for s, row in zip(sessions, rows, strict=True)
        )
        restore_cursor(table, select, old_row)
        self.show_detail()
        interviews = sum(1 for s in sessions if s.kind == "interview")
        groups = sum(1 for s in sessions if s.kind == "focus_group")
        self.query_one("#status", Static).update(
            " · ".join(
                (
                    ngettext("{n} session", "{n} sessions", len(sessions)).format(
                        n=format_number(len(sessions))
                    ),
                    ngettext("{n} interview", "{n} interviews", interviews).format(
                        n=format_number(interviews)
                    ),
                    ngettext("{n} focus group", "{n} focus groups", groups).format(
                        n=format_number(groups)
                    ),
                )
            )
        )
        self.mark_loaded()

    def current(self) -> Session | None:
        """The highlighted session."""
        row_id = highlighted_id(self.table)
        return self.session_map.get(row_id) if row_id is not None else None

    def show_detail(self) -> None:
        """Show the highlighted session's participants, consent and notes."""
        detail = self.query_one("#session-detail", Static)
        s = self.current()
        if s is None:
            detail.update(_("No sessions yet: press n to create one, or i to import a table."))
            return
        people = [
            f"{code} ({_(ROLE_LABELS[role])}, {'✓' if consent else '✗'} {_('consent')})"
            for code, role, consent in self.links.get(s.id, [])
        ]
        status = {
            "active": _("live session running"),
            "ended": _("live notes taken"),
        }.get(self.live_status.get(s.id, ""), "")
        guide = self.guide_names.get(s.guide_id) if s.guide_id is not None else None
        lines = [
            " · ".join(
                x
                for x in (
                    s.title,
                    format_date(s.date) if s.date else "",
                    _("interviewer: {name}").format(name=s.interviewer) if s.interviewer else "",
                    _("guide: {name}").format(name=guide) if guide else _("no guide"),
                    _("consent: {text}").format(text=s.consent) if s.consent else "",
                    status,
                )
                if x
            ),
            _("Participants: {list}").format(list=", ".join(people) if people else "—"),
        ]
        if s.notes:
            lines.append(s.notes)
        detail.update("\n".join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # -- actions -------------------------------------------------------------------------

    def action_add(self) -> None:
        """Create a session in a form."""
        from tui.dialogs.session_form import SessionForm

        self.app.push_screen(SessionForm(self.store), self._after_form)

    def action_edit(self) -> None:
        """Edit the highlighted session in a form."""
        from tui.dialogs.session_form import SessionForm

        s = self.current()
        if s is not None:
            self.app.push_screen(SessionForm(self.store, s), self._after_form)

    def action_item_memo(self) -> None:
        """Write or read the highlighted session's memo."""
        s = self.current()
        if s is not None:
            edit_item_memo(self, "session", s.id, s.title, partial(self.action_refresh, s.id))

    def _after_form(self, result: Session | None) -> None:
        if result is not None:
            self.action_refresh(select=result.id)

    def action_people(self) -> None:
        """Link participants to the highlighted session."""
        from tui.dialogs.session_people_modal import SessionPeopleModal

        s = self.current()
        if s is None:
            return

        def done(_changed: bool | None) -> None:
            self.action_refresh(select=s.id)

        self.app.push_screen(SessionPeopleModal(self.store, s), done)

    def action_delete(self) -> None:
        """Delete the highlighted session after confirmation."""
        from tui.dialogs.confirm_modal import ConfirmModal

        s = self.current()
        if s is None:
            return
        transcripts = len(self.store.transcripts.all(s.id))

        def done(answer: bool | None) -> None:
            if answer:
                self.store.sessions.delete(s.id)
                self.action_refresh()
                self.notify(_("Deleted {title}").format(title=s.title), markup=False)

        question = ngettext(
            "Delete the session {title!r} and its {n} transcript with their codings?",
            "Delete the session {title!r} and its {n} transcripts with their codings?",
            transcripts,
        )
        self.app.push_screen(ConfirmModal(question.format(title=s.title, n=transcripts)), done)

    def action_live(self) -> None:
        """Start (or resume) this session on the live screen."""
        s = self.current()
        if s is None:
            return
        from tui.screens.live_session import start_or_resume

        try:
            start_or_resume(self.store, s)
        except SuhbatError as error:
            self.notify(translate_error(error), severity="warning", markup=False)
            return
        self.app.switch_mode("live")

    def action_import(self) -> None:
        """Import sessions from a table file."""
        from tui.dialogs.table_import_modal import TableImportModal

        def done(report: object) -> None:
            if report is not None:
                self.action_refresh()

        self.app.push_screen(
            TableImportModal("sessions", title=_("Import sessions (CSV/XLSX)")), done
        )
