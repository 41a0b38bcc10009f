"""Speakers: every speaker label with its utterances and the participant it stands for.

Imports link a label to a participant only when it equals a pseudonym; everything else
("Респондент 7", "R1") is left unlinked, and participant counts, percentages and
attribute crosstabs then miss those utterances. Here a label is linked to an existing
participant (L), made into a new participant of that pseudonym (N) or unlinked (U).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from i18n import _, get_language, ngettext, translate_error
from i18n.collation import sorted_names
from storage import Store, SuhbatError
from tui.cells import cell, number_cell
from tui.dialogs.coding_dialogs import TextPrompt
from tui.keys.bindings import key_binding


class SpeakersScreen(ModalScreen[bool]):
    """Speaker labels and their participants; every change is saved at once.

    Dismisses with True when something changed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "close", _("Close"), _("Back"), "speakers-close"),
        key_binding(
            "l,д",
            "link",
            _("Link"),
            _("Link the label to a participant (every utterance with it)"),
            "speakers-link",
        ),
        key_binding(
            "n,т",
            "create",
            _("New participant"),
            _("Make a participant of this label and link it"),
            "speakers-create",
        ),
        key_binding(
            "u,г",
            "unlink",
            _("Unlink"),
            _("Unlink the label from its participant"),
            "speakers-unlink",
        ),
    ]

    DEFAULT_CSS = """
    SpeakersScreen { align: center middle; }
    SpeakersScreen > Vertical {
        width: 90%; max-width: 100; height: 90%; border: thick $primary 60%;
        background: $surface; padding: 0 1;
    }
    SpeakersScreen #speakers-title { text-style: bold; height: auto; }
    SpeakersScreen #speakers-summary { color: $text-muted; height: auto; }
    SpeakersScreen DataTable { height: 1fr; }
    """

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.changed = False
        self.rows: list[tuple[str, int | None, int]] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Speakers"), id="speakers-title", markup=False)
            yield Static("", id="speakers-summary", markup=False)
            yield DataTable(id="speakers", cursor_type="row", zebra_stripes=True)
            yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Fill the table from the Store, keeping the cursor on ``select`` (a label)."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns(_("Speaker label"), _("Utterances"), _("Participant"))
        codes = {p.id: p.code for p in self.store.participants.all()}
        self.rows = [r for r in self.store.transcripts.speakers() if r[0]]
        for index, (label, pid, count) in enumerate(self.rows):
            linked = codes.get(pid, "") if pid else ""
            table.add_row(
                cell(label, style="bold"),
                number_cell(count),
                cell(linked) if linked else cell(_("(not linked)"), style="dim"),
                key=str(index),
            )
            if label == select:
                row = index
        if self.rows:
            table.move_cursor(row=min(max(row, 0), len(self.rows) - 1))
        unlinked = sum(1 for _label, pid, _n in self.rows if pid is None)
        self.query_one("#speakers-summary", Static).update(
            ngettext("{n} label not linked", "{n} labels not linked", unlinked).format(n=unlinked)
        )
        table.focus()

    def current(self) -> tuple[str, int | None, int] | None:
        """The label, participant id and count under the cursor."""
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def action_link(self) -> None:
        """Ask which participant the label stands for, then link it."""
        row = self.current()
        if row is None:
            return
        label = row[0]
        names = sorted_names((p.code for p in self.store.participants.all()), get_language())

        def chosen(name: str | None) -> None:
            if not name or not name.strip():
                return
            participant = self.store.participants.find(name)
            if participant is None:
                self.notify(
                    _("No participant {name!r}; press N to make one of the label").format(
                        name=name
                    ),
                    severity="error",
                    markup=False,
                )
                return
            self._link(label, participant.id)

        self.app.push_screen(
            TextPrompt(
                _("Link «{label}» to participant").format(label=label),
                placeholder=", ".join(names[:3]),
                hint=_("A pseudonym (Tab completes)"),
                suggestions=names,
            ),
            chosen,
        )

    def action_create(self) -> None:
        """Make a participant whose pseudonym is the label, and link the label to them."""
        row = self.current()
        if row is None:
            return
        label = row[0]
        try:
            with self.store.transaction():
                participant = self.store.participants.find(label)
                if participant is None:
                    participant = self.store.participants.add(label)
                self.store.transcripts.link_speaker(label, participant.id)
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        self.changed = True
        self.notify(
            _("{label} → {participant}").format(label=label, participant=participant.code),
            markup=False,
        )
        self.reload(select=label)

    def action_unlink(self) -> None:
        """Unlink the label from the participant shown."""
        row = self.current()
        if row is None or row[1] is None:
            return
        self.store.transcripts.unlink_speaker(row[0], row[1])
        self.changed = True
        self.reload(select=row[0])

    def _link(self, label: str, participant_id: int) -> None:
        try:
            count = self.store.transcripts.link_speaker(label, participant_id)
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        self.changed = True
        self.notify(
            ngettext("Linked {count} utterance", "Linked {count} utterances", count).format(
                count=count
            ),
            markup=False,
        )
        self.reload(select=label)

    def action_close(self) -> None:
        """Back to the screen below."""
        self.dismiss(self.changed)
