"""The live screen's session picker: every session with its live status; Enter runs one.

It is the first page of the live session screen (not a modal: the screen's keys and the
footer stay as they are). It lists the sessions and posts :class:`SessionPicker.Chosen`
up; the screen starts or resumes the chosen session.

While it is shown, the Status cells of sessions whose clock runs tick once a second
(only those cells are redrawn); the screen stops the ticking when the picker is hidden,
so nothing runs in the background. Below :data:`NARROW_WIDTH` columns the Status column
comes right after the title and the guide is left out, so that the status stays in view.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Static

from i18n import N_, _, get_language
from storage import Store, media_time
from storage.live_store import LiveState
from tui.cells import clipped_cell
from tui.short_dates import short_date
from tui.table_cursor import highlighted_id, restore_cursor
from tui.widgets.sized_table import SizedTable, fill_table

HELP = N_("Choose a session and press Enter to start it live (or resume it).")
"""What the picker says above a list of sessions."""

NARROW_WIDTH = 100
"""Below this width the Status column follows the title and the Guide column is left out."""

NARROW_TITLE_CAP = 30
"""The widest the title column gets below :data:`NARROW_WIDTH` (a longer title ends in "…")."""

COLUMNS = {
    "title": (N_("Session"), 40),
    "kind": (N_("Kind"), 14),
    "date": (N_("Date"), 12),
    "guide": (N_("Guide"), 30),
    "status": (N_("Status"), 16),
}
"""The picker's columns: header and the widest the column gets."""

WIDE_COLUMNS = ("title", "kind", "date", "guide", "status")
NARROW_COLUMNS = ("title", "status", "kind", "date")
"""The columns shown, in order, on a wide and on a narrow terminal."""

TICK_SECONDS = 1.0
"""How often running clocks in the Status column are redrawn while the picker is shown."""


def status_text(state: LiveState | None, now_ms: int) -> str:
    """What the Status column says about a session's live state at ``now_ms``."""
    if state is None:
        return ""
    if state.status == "ended":
        return "✓ " + _("ended")
    return ("● " if state.running else "❚❚ ") + media_time.clock(state.elapsed_at(now_ms))


class SessionPicker(Vertical):
    """The sessions to run live, with kind, date, guide and live status."""

    DEFAULT_CSS = """
    SessionPicker { height: 1fr; }
    SessionPicker #picker-help { padding: 0 1; color: $text-muted; }
    SessionPicker #picker-table { height: 1fr; }
    """

    shown_stamp: tuple[tuple[int, int], str, bool] | None = None
    """The project's change stamp, the UI language and the narrow layout when last filled."""

    class Chosen(Message):
        """The user chose a session (Enter on its row)."""

        def __init__(self, session_id: int) -> None:
            super().__init__()
            self.session_id = session_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock: Callable[[], int] = lambda: 0
        """The wall clock (epoch ms) the running clocks are shown at (set by :meth:`show`)."""
        self.running: dict[int, LiveState] = {}
        """The sessions listed whose clock runs, by session id (their Status cells tick)."""
        self.store: Store | None = None
        self.ticking = False
        """Whether the running clocks are redrawn every second (only while shown)."""
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(_(HELP), id="picker-help")
        yield SizedTable(id="picker-table", cursor_type="row", zebra_stripes=True)

    def start_ticking(self) -> None:
        """Redraw the running clocks every second from now on (if any clock runs)."""
        if not self.running:
            self.stop_ticking()
        elif self._ticker is None:
            self._ticker = self.set_interval(TICK_SECONDS, self.tick)
        elif not self.ticking:
            self._ticker.reset()
            self._ticker.resume()
        self.ticking = bool(self.running)

    def stop_ticking(self) -> None:
        """Stop redrawing the clocks (the picker is hidden, or its screen is)."""
        if self._ticker is not None:
            self._ticker.pause()
        self.ticking = False

    def on_hide(self, _event: events.Hide) -> None:
        self.stop_ticking()

    def narrow(self) -> bool:
        """Whether the terminal is too narrow for every column."""
        return self.app.size.width < NARROW_WIDTH

    def columns(self) -> tuple[str, ...]:
        """The columns to show at the terminal's width, in order."""
        return NARROW_COLUMNS if self.narrow() else WIDE_COLUMNS

    def show(self, store: Store, clock: Callable[[], int]) -> None:
        """List the project's sessions (running clocks as of ``clock()``, then ticking every
        second) and focus the list.

        The list is not filled again while the project, the UI language and the width are
        as they were (the screen asks twice when it is first shown); the clocks tick anyway.
        """
        self.store, self.clock = store, clock
        self.refill(store)
        self.start_ticking()
        self.query_one("#picker-table", SizedTable).focus()

    def refill(self, store: Store) -> None:
        """Read the live states; fill the table again if the project, the UI language or
        the layout changed since it was filled, else redraw only the running clocks."""
        states = {s.session_id: s for s in store.live.states()}
        self.running = {key: state for key, state in states.items() if state.running}
        stamp = (store.change_stamp(), get_language(), self.narrow())
        if stamp == self.shown_stamp:
            self.tick()
            return
        self.fill(store, states)
        self.shown_stamp = stamp

    def fill(self, store: Store, states: dict[int, LiveState]) -> None:
        """Fill the table (the cursor stays on its session) and the hint above it."""
        table = self.query_one("#picker-table", SizedTable)
        selected, old_row = self.highlighted(), table.cursor_row
        now_ms = self.clock()
        guides = {g.id: g.name for g in store.guides.all()}
        columns = self.columns()
        rows = []
        for s in store.sessions.all():
            texts = {
                "title": s.title,
                "kind": _("focus group") if s.kind == "focus_group" else _("interview"),
                "date": short_date(s.date) if s.date else "",
                "guide": guides.get(s.guide_id, "") if s.guide_id else "",
                "status": status_text(states.get(s.id), now_ms),
            }
            rows.append((str(s.id), [texts[name] for name in columns]))
        headers = [_(COLUMNS[name][0]) for name in columns]
        caps = [COLUMNS[name][1] for name in columns]
        if self.narrow():
            caps[0] = NARROW_TITLE_CAP
        fill_table(table, headers, rows, caps=caps, bold=(0,))
        restore_cursor(table, selected, old_row)
        self.query_one("#picker-help", Static).update(
            _(HELP)
            if table.row_count
            else _("No sessions yet: create one on the Sessions screen (F4).")
        )

    def tick(self) -> None:
        """Redraw the Status cells of the sessions whose clock runs (nothing else)."""
        table = self.query_one("#picker-table", SizedTable)
        if not self.running or not table.columns:
            return
        narrow = self.shown_stamp is not None and self.shown_stamp[2]
        status_column = (NARROW_COLUMNS if narrow else WIDE_COLUMNS).index("status")
        column_key = table.ordered_columns[status_column].key
        now_ms = self.clock()
        for session_id, state in self.running.items():
            if str(session_id) in table.rows:
                text = clipped_cell(status_text(state, now_ms))
                table.update_cell(str(session_id), column_key, text)

    def on_resize(self) -> None:
        """Fill the list again when the terminal becomes narrow or wide."""
        shown = self.shown_stamp
        if self.store is not None and shown is not None and shown[2] != self.narrow():
            self.refill(self.store)

    def highlighted(self) -> int | None:
        """The id of the session under the cursor, if any."""
        return highlighted_id(self.query_one("#picker-table", SizedTable))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(int(event.row_key.value)))
