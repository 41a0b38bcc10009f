"""The live screen's session picker: every session with its live status; Enter runs one.

It is the first page of the live session screen (not a modal: the screen's keys and the
footer stay as they are). It lists the sessions and posts :class:`SessionPicker.Chosen`
up; the screen starts or resumes the chosen session.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from i18n import _
from i18n.formatting import format_date
from storage import Store, media_time
from tui.cells import cell
from tui.table_cursor import highlighted_id


class SessionPicker(Vertical):
    """The sessions to run live, with kind, date, guide and live status."""

    DEFAULT_CSS = """
    SessionPicker { height: 1fr; }
    SessionPicker #picker-help { padding: 0 1; color: $text-muted; }
    SessionPicker #picker-table { height: 1fr; }
    """

    class Chosen(Message):
        """The user chose a session (Enter on its row)."""

        def __init__(self, session_id: int) -> None:
            super().__init__()
            self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Static(
            _("Choose a session and press Enter to start it live (or resume it)."),
            id="picker-help",
        )
        yield DataTable(id="picker-table", cursor_type="row", zebra_stripes=True)

    def show(self, store: Store, now_ms: int) -> None:
        """List the project's sessions (running clocks as of ``now_ms``) and focus the list."""
        table = self.query_one("#picker-table", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Session"), _("Kind"), _("Date"), _("Guide"), _("Status"))
        guides = {g.id: g.name for g in store.guides.all()}
        states = {s.session_id: s for s in store.live.states()}
        for s in store.sessions.all():
            state = states.get(s.id)
            if state is None:
                status = ""
            elif state.status == "ended":
                status = "✓ " + _("ended")
            else:
                status = "● " + media_time.clock(state.elapsed_at(now_ms))
            table.add_row(
                cell(s.title, style="bold"),
                cell(_("focus group") if s.kind == "focus_group" else _("interview")),
                cell(format_date(s.date, "short") if s.date else ""),
                cell(guides.get(s.guide_id) if s.guide_id else ""),
                cell(status),
                key=str(s.id),
            )
        if not table.row_count:
            self.query_one("#picker-help", Static).update(
                _("No sessions yet: create one on the Sessions screen (F4).")
            )
        table.focus()

    def highlighted(self) -> int | None:
        """The id of the session under the cursor, if any."""
        return highlighted_id(self.query_one("#picker-table", DataTable))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(int(event.row_key.value)))
