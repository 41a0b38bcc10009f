"""Participants: profiles with typed attributes, inline editing and a profile summary."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Input, Label, Static

from i18n import _, get_language, ngettext, translate_error
from i18n.collation import sorted_by_name
from i18n.formatting import format_date, format_decimal, format_number, format_percent
from storage import SuhbatError
from storage.models import Attribute, Participant
from tui.cells import cell
from tui.keys.bindings import key_binding
from tui.keys.screen_commands import ScreenActionsProvider
from tui.screens.item_memo import edit_item_memo, item_memo_binding, with_mark
from tui.screens.project_data_screen import ProjectDataScreen
from tui.table_cursor import highlighted_id, restore_cursor
from tui.widgets.attribute_input import attribute_hint, category_suggester
from tui.widgets.sized_table import SizedTable, fit_width
from tui.widgets.stable_footer import StableFooter

if TYPE_CHECKING:
    from analysis.profile import CategoryStat, NumericStat
    from analysis.undefined import Statistic

CODE_COLUMN = "code"
SESSIONS_COLUMN = "sessions"


class ParticipantsTable(SizedTable):
    """The participants grid; Enter edits the cell under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding(
            "enter",
            "select_cursor",
            _("Edit cell"),
            _("Edit the value under the cursor in place"),
            "participants-edit-cell",
        ),
    ]


class ParticipantsScreen(ProjectDataScreen):
    """The participants of the project (a study's Table 1), editable in place."""

    COMMANDS = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("n,т", "add", _("New"), _("Add a participant"), "participants-add"),
        key_binding("e,у", "edit", _("Form"), _("Edit every field in a form"), "participants-edit"),
        key_binding(
            "d,в,delete",
            "delete",
            _("Delete"),
            _("Delete the participant (asks first)"),
            "participants-delete",
        ),
        key_binding(
            "a,ф",
            "attributes",
            _("Attributes"),
            _("Define attributes: text, number, date, category"),
            "participants-attributes",
        ),
        key_binding(
            "i,ш",
            "import",
            _("Import"),
            _("Import participants from a CSV or XLSX table"),
            "participants-import",
            show=False,
        ),
        key_binding(
            "s,ы",
            "toggle_summary",
            _("Summary"),
            _("Show or hide the participant profile summary"),
            "participants-summary",
        ),
        key_binding(
            "r,к",
            "refresh",
            _("Refresh"),
            _("Reload from the file"),
            "participants-refresh",
            show=False,
        ),
        item_memo_binding("participants", _("Write or read the participant's memo")),
    ]

    DEFAULT_CSS = """
    ParticipantsScreen #participants-body { height: 1fr; }
    ParticipantsScreen ParticipantsTable { width: 1fr; height: 1fr; }
    ParticipantsScreen #summary-panel {
        width: 38; height: 1fr; border-left: solid $primary 40%; padding: 0 1;
    }
    ParticipantsScreen #summary-panel.-hidden { display: none; }
    ParticipantsScreen #edit-bar {
        height: auto; display: none; padding: 0 1; background: $boost;
    }
    ParticipantsScreen #edit-bar.-editing { display: block; }
    ParticipantsScreen #edit-row { height: auto; }
    ParticipantsScreen #edit-label { width: auto; max-width: 30; padding: 1 1 0 0; }
    ParticipantsScreen #edit-input { width: 1fr; }
    ParticipantsScreen #edit-error { color: $error; height: auto; }
    ParticipantsScreen #status { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.attribute_list: list[Attribute] = []
        self.people: dict[int, Participant] = {}
        self.editing: tuple[int, str] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="participants-body"):
            yield ParticipantsTable(id="participants", cursor_type="cell", zebra_stripes=True)
            with VerticalScroll(id="summary-panel"):
                yield Static(id="summary", markup=False)
        with Vertical(id="edit-bar"):
            with Horizontal(id="edit-row"):
                yield Label("", id="edit-label", markup=False)
                yield Input(id="edit-input")
            yield Static("", id="edit-error", markup=False)
        yield Static("", id="status", markup=False)
        yield StableFooter()

    def may_reload(self) -> bool:
        """Not while a cell is being edited."""
        return not self.editing

    @property
    def table(self) -> ParticipantsTable:
        """The participants grid."""
        return self.query_one(ParticipantsTable)

    # -- loading -------------------------------------------------------------------------

    def action_refresh(self, select: int | None = None) -> None:
        """Reload participants, attributes and session links from the project."""
        store = self.store
        table = self.table
        old_row, old_column = table.cursor_coordinate
        if select is None:
            select = highlighted_id(table)
        self.attribute_list = store.participants.attributes()
        self.people = {p.id: p for p in store.participants.all()}
        titles = {s.id: s.title for s in store.sessions.all()}
        taken: dict[int, list[str]] = {}
        for link in store.sessions.participants():
            taken.setdefault(link.participant_id, []).append(titles.get(link.session_id, "?"))
        people = sorted_by_name(self.people.values(), lambda p: p.code, get_language())
        noted = store.memos.targets("participant")
        shown_code = {p.id: with_mark(p.code, p.id in noted) for p in people}
        sessions_of = {pid: ", ".join(titles) for pid, titles in taken.items()}
        table.clear(columns=True)
        table.add_column(
            _("Pseudonym"),
            key=CODE_COLUMN,
            width=fit_width(_("Pseudonym"), shown_code.values()),
        )
        for a in self.attribute_list:
            label = a.name + (" *" if a.sensitive else "")
            table.add_column(
                cell(label),
                key=f"a{a.id}",
                width=fit_width(label, (p.attributes.get(a.name, "") for p in people), cap=24),
            )
        table.add_column(
            _("Sessions"),
            key=SESSIONS_COLUMN,
            width=fit_width(_("Sessions"), sessions_of.values(), cap=40),
        )
        names = [a.name for a in self.attribute_list]
        table.add_keyed_rows(
            (
                str(p.id),
                [
                    cell(shown_code[p.id], style="bold"),
                    *[cell(p.attributes.get(name, "")) for name in names],
                    cell(sessions_of.get(p.id, "")),
                ],
            )
            for p in people
        )
        restore_cursor(table, select, old_row, old_column)
        # The profile is drawn just after the table's first frame (its statistics module
        # is imported on first use).
        self.call_after_refresh(self.update_summary)
        self.query_one("#status", Static).update(
            " · ".join(
                (
                    ngettext(
                        "{count} participant", "{count} participants", len(self.people)
                    ).format(count=len(self.people)),
                    ngettext(
                        "{count} attribute", "{count} attributes", len(self.attribute_list)
                    ).format(count=len(self.attribute_list)),
                    _("* sensitive"),
                )
            )
        )
        self.mark_loaded()

    def update_summary(self) -> None:
        """Recompute the participant profile: counts per category, numbers' mean/median/range."""
        from analysis.profile import summarize_category, summarize_numeric

        people = list(self.people.values())
        lines = [_("Participant profile (n = {n})").format(n=len(people)), ""]
        for a in self.attribute_list:
            raw = [p.attributes.get(a.name) for p in people]
            lines.append(a.name)
            if a.type in ("integer", "float"):
                stat = summarize_numeric(a.name, raw)
                lines.extend(_numeric_lines(stat))
            elif a.type == "date":
                present = sorted(v for v in raw if v)
                if present:
                    lines.append(
                        "  "
                        + _("{first} to {last}").format(
                            first=format_date(present[0]), last=format_date(present[-1])
                        )
                    )
                lines.append("  " + _("missing: {n}").format(n=len(raw) - len(present)))
            else:
                lines.extend(
                    _category_lines(summarize_category(a.name, raw, a.allowed), len(people))
                )
            lines.append("")
        self.query_one("#summary", Static).update("\n".join(lines))

    # -- current row ---------------------------------------------------------------------

    def current(self) -> Participant | None:
        """The participant under the cursor."""
        row_id = highlighted_id(self.table)
        return self.people.get(row_id) if row_id is not None else None

    # -- inline editing ------------------------------------------------------------------

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        row_key = event.cell_key.row_key.value
        column_key = event.cell_key.column_key.value
        if row_key is None or column_key is None:
            return
        participant = self.people.get(int(row_key))
        if participant is None:
            return
        if column_key == SESSIONS_COLUMN:
            self.notify(
                _("Link participants to sessions on the Sessions screen (F4)."), markup=False
            )
            return
        if column_key == CODE_COLUMN:
            label, value, hint = _("Pseudonym"), participant.code, "P01"
        else:
            attribute = self._attribute(column_key)
            label = attribute.name
            value = participant.attributes.get(attribute.name, "")
            hint = attribute_hint(attribute)
        self.editing = (participant.id, column_key)
        self.query_one("#edit-label", Label).update(f"{participant.code} · {label}:")
        editor = self.query_one("#edit-input", Input)
        editor.suggester = None
        if column_key != CODE_COLUMN:
            editor.suggester = category_suggester(self._attribute(column_key))
        editor.placeholder = hint
        editor.value = value
        self.query_one("#edit-error", Static).update(
            _("Enter saves · Esc cancels · {hint}").format(hint=hint)
        )
        self.query_one("#edit-bar").add_class("-editing")
        editor.focus()
        editor.action_end()

    def _attribute(self, column_key: str) -> Attribute:
        return next(a for a in self.attribute_list if f"a{a.id}" == column_key)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "edit-input" or self.editing is None:
            return
        event.stop()
        participant_id, column_key = self.editing
        try:
            if column_key == CODE_COLUMN:
                self.store.participants.update(participant_id, code=event.value)
            else:
                name = self._attribute(column_key).name
                self.store.participants.update(participant_id, attributes={name: event.value})
        except SuhbatError as error:
            message = self.query_one("#edit-error", Static)
            message.update(translate_error(error))
            message.add_class("error")
            return
        self.stop_editing()
        self.action_refresh(select=participant_id)

    def stop_editing(self) -> None:
        """Hide the edit bar and return to the table."""
        self.editing = None
        self.query_one("#edit-bar").remove_class("-editing")
        self.query_one("#edit-error", Static).remove_class("error")
        self.table.focus()

    def key_escape(self) -> None:
        """Escape cancels an inline edit."""
        if self.editing is not None:
            self.stop_editing()
            if self.stale():  # e.g. the UI language changed during the edit
                self.action_refresh()

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.editing is None or action == "refresh"

    def action_add(self) -> None:
        """Add a participant in a form."""
        from tui.dialogs.participant_form import ParticipantForm

        self.app.push_screen(ParticipantForm(self.store), self._after_form)

    def action_edit(self) -> None:
        """Edit the highlighted participant in a form."""
        from tui.dialogs.participant_form import ParticipantForm

        participant = self.current()
        if participant is not None:
            self.app.push_screen(ParticipantForm(self.store, participant), self._after_form)

    def _after_form(self, result: Participant | None) -> None:
        if result is not None:
            self.action_refresh(select=result.id)

    def action_delete(self) -> None:
        """Delete the highlighted participant after confirmation."""
        from tui.dialogs.confirm_modal import ConfirmModal

        participant = self.current()
        if participant is None:
            return

        def done(answer: bool | None) -> None:
            if answer:
                self.store.participants.delete(participant.id)
                self.action_refresh()
                self.notify(_("Deleted {code}").format(code=participant.code), markup=False)

        question = _(
            "Delete {code}? Their session links go too; transcripts keep the speaker label."
        ).format(code=participant.code)
        self.app.push_screen(ConfirmModal(question), done)

    def action_item_memo(self) -> None:
        """Write or read the highlighted participant's memo."""
        p = self.current()
        if p is not None:
            edit_item_memo(self, "participant", p.id, p.code, partial(self.action_refresh, p.id))

    def action_attributes(self) -> None:
        """Open the attribute definitions."""
        from tui.dialogs.attribute_form import AttributesModal

        def done(changed: bool | None) -> None:
            if changed:
                self.action_refresh()

        self.app.push_screen(AttributesModal(self.store), done)

    def action_import(self) -> None:
        """Import participants from a table file."""
        from tui.dialogs.table_import_modal import TableImportModal

        def done(report: object) -> None:
            if report is not None:
                self.action_refresh()

        self.app.push_screen(
            TableImportModal("participants", title=_("Import participants (CSV/XLSX)")), done
        )

    def action_toggle_summary(self) -> None:
        """Show or hide the summary panel."""
        self.query_one("#summary-panel").toggle_class("-hidden")


def _numeric_lines(stat: NumericStat) -> list[str]:
    lines = ["  " + _("n = {n}, missing {missing}").format(n=stat.n, missing=stat.missing)]
    if stat.n:
        lines.append(
            "  "
            + _("mean {mean} · median {median}").format(
                mean=_stat(stat.mean), median=_stat(stat.median)
            )
        )
        lines.append(
            "  " + _("range {low}–{high}").format(low=_stat(stat.minimum), high=_stat(stat.maximum))
        )
    return lines


def _category_lines(stat: CategoryStat, total: int) -> list[str]:
    lines = []
    for value, count in stat.counts[:12]:
        share = format_percent(count / total if total else 0)
        lines.append(f"  {value}: {format_number(count)} ({share})")
    if len(stat.counts) > 12:
        more = len(stat.counts) - 12
        lines.append("  " + ngettext("… {n} more value", "… {n} more values", more).format(n=more))
    if stat.missing:
        lines.append("  " + _("missing: {n}").format(n=stat.missing))
    return lines


def _stat(value: Statistic) -> str:
    """A statistic in the UI language's number format; undefined shows as a dash."""
    from analysis.undefined import Undefined

    if isinstance(value, Undefined):
        return "—"
    return format_decimal(round(value, 2))
