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

from i18n import N_, _, get_language
from storage import Store, media_time
from tui.short_dates import short_date
from tui.table_cursor import highlighted_id
from tui.widgets.sized_table import SizedTable, fill_table

HELP = N_("Choose a session and press Enter to start it live (or resume it).")
"""What the picker says above a list of sessions."""


class SessionPicker(Vertical):
    """The sessions to run live, with kind, date, guide and live status."""

    DEFAULT_CSS = """
    SessionPicker { height: 1fr; }
    SessionPicker #picker-help { padding: 0 1; color: $text-muted; }
    SessionPicker #picker-table { height: 1fr; }
    """

    shown_stamp: tuple[tuple[int, int], str] | None = None
    """The project's change stamp and the UI language when the list was last filled."""

    class Chosen(Message):
        """The user chose a session (Enter on its row)."""

        def __init__(self, session_id: int) -> None:
            super().__init__()
            self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Static(_(HELP), id="picker-help")
        yield SizedTable(id="picker-table", cursor_type="row", zebra_stripes=True)

    def show(self, store: Store, now_ms: int) -> None:
        """List the project's sessions (running clocks as of ``now_ms``) and focus the list.

        A list that shows no running clock is not filled again while the project and the
        UI language are as they were (the screen asks twice when it is first shown).
        """
        table = self.query_one("#picker-table", SizedTable)
        states = {s.session_id: s for s in store.live.states()}
        stamp = (store.change_stamp(), get_language())
        running = any(state.status != "ended" for state in states.values())
        if stamp == self.shown_stamp and not running:
            table.focus()
            return
        guides = {g.id: g.name for g in store.guides.all()}
        rows = []
        for s in store.sessions.all():
            state = states.get(s.id)
            if state is None:
                status = ""
            elif state.status == "ended":
                status = "✓ " + _("ended")
            else:
                status = "● " + media_time.clock(state.elapsed_at(now_ms))
            kind = _("focus group") if s.kind == "focus_group" else _("interview")
            date = short_date(s.date) if s.date else ""
            guide = guides.get(s.guide_id, "") if s.guide_id else ""
            rows.append((str(s.id), (s.title, kind, date, guide, status)))
        fill_table(
            table,
            (_("Session"), _("Kind"), _("Date"), _("Guide"), _("Status")),
            rows,
            caps=(40, 14, 12, 30, 16),
            bold=(0,),
        )
        self.shown_stamp = stamp
        self.query_one("#picker-help", Static).update(
            _(HELP)
            if table.row_count
            else _("No sessions yet: create one on the Sessions screen (F4).")
        )
        table.focus()

    def highlighted(self) -> int | None:
        """The id of the session under the cursor, if any."""
        return highlighted_id(self.query_one("#picker-table", SizedTable))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(int(event.row_key.value)))
