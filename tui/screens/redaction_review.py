"""Review redaction suggestions one by one before any becomes a redaction rule.

The suggestions (names, places, organisations found in the transcripts, see
:mod:`exports.redaction_suggestions`) are computed in a worker with its own Store.
A accepts the suggestion under the cursor, R rejects it, U undoes the choice;
Ctrl+S adds the accepted ones to the redaction list named at the top and keeps every
decision in the project (rejected terms are not suggested again). Nothing is written
before Ctrl+S, and a list is applied only by an export that is given it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar, Protocol, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from exports.redaction import KINDS
from exports.redaction_suggestions import (
    Decision,
    Suggestion,
    read_list,
    record_decisions,
    suggest_redactions,
    write_accepted,
)
from i18n import N_, _, ngettext, translate_error
from storage import Store, SuhbatError
from tui.keys.bindings import key_binding
from tui.keys.screen_commands import ScreenActionsProvider
from tui.store_access import app_store

DECISION_LABELS: dict[Decision | None, str] = {
    None: N_("?"),
    "accepted": N_("accept"),
    "rejected": N_("reject"),
}
SOURCE_LABELS = {"ner": N_("NER"), "capitalised": N_("capitals"), "participant": N_("participant")}


class _HasProjectPath(Protocol):
    project_path: Path


def default_list_path(project: Path) -> Path:
    """Where the accepted suggestions go unless the user names another list."""
    return project.with_name(project.stem + ".redactions.txt")


class RedactionReviewScreen(Screen[Path | None]):
    """Accept or reject each suggestion, then write the accepted ones to a redaction list.

    Dismissed with the list's path when something was written, else None.
    """

    COMMANDS = {ScreenActionsProvider}
    AUTO_FOCUS = "#review-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding(
            "a,ф",
            "decide('accepted')",
            _("Accept"),
            _("Accept the suggestion under the cursor"),
            "review-accept",
        ),
        key_binding(
            "r,к",
            "decide('rejected')",
            _("Reject"),
            _("Reject the suggestion under the cursor (it is not suggested again)"),
            "review-reject",
        ),
        key_binding(
            "u,г",
            "decide('')",
            _("Undo"),
            _("Take back the choice on the suggestion under the cursor"),
            "review-undo",
        ),
        key_binding(
            "t,е",
            "next_kind",
            _("Kind"),
            _("Change the kind of the suggestion under the cursor: NAME, PLACE, ORG"),
            "review-kind",
        ),
        key_binding(
            "ctrl+s",
            "save",
            _("Write list"),
            _("Add the accepted suggestions to the redaction list and keep the choices"),
            "review-save",
        ),
        key_binding(
            "escape", "close", _("Close"), _("Close without writing anything"), "review-close"
        ),
    ]

    DEFAULT_CSS = """
    RedactionReviewScreen #review-hint { color: $text-muted; height: auto; padding: 0 1; }
    RedactionReviewScreen #review-list-row { height: auto; padding: 0 1; }
    RedactionReviewScreen #review-list { width: 1fr; }
    RedactionReviewScreen DataTable { height: 1fr; }
    RedactionReviewScreen #review-example { height: auto; max-height: 4; padding: 0 1; }
    RedactionReviewScreen #review-status { height: 1; color: $text-muted; padding: 0 1; }
    RedactionReviewScreen #review-status.-error { color: $error; }
    """

    def __init__(self, list_path: Path | None = None) -> None:
        super().__init__()
        self.list_path = list_path
        self.suggestions: list[Suggestion] = []
        self.decisions: dict[str, Decision | None] = {}
        self.kinds: dict[str, str] = {}
        """Kinds the user changed (suggestion key → kind)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            _(
                "Names, places and organisations found in the transcripts. Nothing is "
                "redacted until you accept a suggestion and an export is given the list."
            ),
            id="review-hint",
            markup=False,
        )
        project = cast(_HasProjectPath, self.app).project_path
        path = self.list_path or default_list_path(project)
        yield Input(
            str(path),
            id="review-list",
            compact=True,
            tooltip=_("The redaction list the accepted suggestions are added to"),
        )
        table: DataTable[Text | int] = DataTable(id="review-table", cursor_type="row")
        yield table
        yield Static("", id="review-example", markup=False)
        yield Static("", id="review-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Choice"), _("Kind"), _("Term"), _("Count"), _("Found by"))
        table.loading = True
        table.focus()
        self._status(_("Looking for names in the transcripts…"))
        project = cast(_HasProjectPath, self.app).project_path
        self.find(project, self._list_path())

    def _list_path(self) -> Path:
        text = self.query_one("#review-list", Input).value.strip()
        project = cast(_HasProjectPath, self.app).project_path
        path = Path(text).expanduser() if text else default_list_path(project)
        return path if path.is_absolute() else project.parent / path

    @work(thread=True, exclusive=True, exit_on_error=False, group="redaction-suggest")
    def find(self, project: Path, list_path: Path) -> None:
        """Compute the suggestions with a Store of the worker's own."""
        try:
            existing = read_list(list_path) if list_path.exists() else []
            with Store(project, read_only=True) as store:
                found = suggest_redactions(store, existing=existing, progress=self._progress)
        except SuhbatError as error:
            self.app.call_from_thread(self._status, translate_error(error), error=True)
            return
        except OSError as error:
            self.app.call_from_thread(self._status, str(error), error=True)
            return
        self.app.call_from_thread(self._show, found)

    def _progress(self, done: int, total: int) -> None:
        """Say how far the search has come (called in the worker thread)."""
        message = _("Looking for names in the transcripts… {done} of {total}").format(
            done=done, total=total
        )
        self.app.call_from_thread(self._status, message)

    def _show(self, found: list[Suggestion]) -> None:
        self.suggestions = found
        table = self.query_one(DataTable)
        table.loading = False
        table.clear()
        for s in found:
            term = s.term + (f" => {s.replacement}" if s.replacement else "")
            if s.listed:
                term += " " + _("(listed)")
            table.add_row(
                Text(_(DECISION_LABELS[None])),
                Text(s.kind),
                Text(term),
                s.count,
                Text(", ".join(_(SOURCE_LABELS[x]) for x in s.sources)),
                key=s.key,
            )
        self._status(
            ngettext(
                "{n} suggestion · A accepts · R rejects · Ctrl+S writes the list",
                "{n} suggestions · A accepts · R rejects · Ctrl+S writes the list",
                len(found),
            ).format(n=len(found))
        )
        self._show_example()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_example()

    def _current(self) -> Suggestion | None:
        table = self.query_one(DataTable)
        if not self.suggestions or table.row_count == 0:
            return None
        return self.suggestions[min(table.cursor_row, len(self.suggestions) - 1)]

    def _show_example(self) -> None:
        s = self._current()
        text = ""
        if s is not None:
            text = s.example + "\n" + _("In: {documents}").format(documents=", ".join(s.documents))
        self.query_one("#review-example", Static).update(text)

    # ---------------------------------------------------------------- actions
    def action_decide(self, decision: str) -> None:
        """Accept, reject (or with '' undo) the suggestion under the cursor; move down."""
        s = self._current()
        if s is None:
            return
        choice = cast(Decision | None, decision or None)
        self.decisions[s.key] = choice
        table = self.query_one(DataTable)
        column = table.ordered_columns[0].key
        table.update_cell(s.key, column, Text(_(DECISION_LABELS[choice])))
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_next_kind(self) -> None:
        """Give the suggestion under the cursor the next kind (NAME → PLACE → ORG)."""
        s = self._current()
        if s is None:
            return
        current = self.kinds.get(s.key, s.kind)
        kind = KINDS[(KINDS.index(current) + 1) % len(KINDS)] if current in KINDS else KINDS[0]
        self.kinds[s.key] = kind
        table = self.query_one(DataTable)
        table.update_cell(s.key, table.ordered_columns[1].key, Text(kind))

    def action_save(self) -> None:
        """Add the accepted suggestions to the list and keep every choice in the project."""
        accepted = [
            replace(s, kind=self.kinds.get(s.key, s.kind))
            for s in self.suggestions
            if self.decisions.get(s.key) == "accepted"
        ]
        decided = {k: v for k, v in self.decisions.items() if v is not None}
        if not decided:
            self._status(_("Accept or reject a suggestion first (A, R)."), error=True)
            return
        path = self._list_path()
        try:
            added = write_accepted(path, accepted) if accepted else []
            record_decisions(app_store(self), decided)
        except SuhbatError as error:
            self._status(translate_error(error), error=True)
            return
        except OSError as error:
            self._status(str(error), error=True)
            return
        message = ngettext(
            "Added {n} entry to {path}", "Added {n} entries to {path}", len(added)
        ).format(n=len(added), path=path)
        self.notify(message, markup=False)
        self.dismiss(path if accepted else None)

    def action_close(self) -> None:
        """Close without writing anything."""
        self.dismiss(None)

    def _status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#review-status", Static)
        status.update(message)
        status.set_class(error, "-error")
