"""Memos: every memo of the project in one list, searchable, editable, with jump-to.

Memos live on the project, codes, transcripts, sessions, participants and codings (a
coding's own memo, written on the coding screen with M, and memos on codings imported
from REFI-QDA). Enter goes to what a memo is about; N writes a new one, E edits, D
deletes; every change is one undo step (Ctrl+Z).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Static

from i18n import _, get_language, translate_error
from storage import Store, SuhbatError
from storage.errors import N_
from storage.models import MemoTarget
from storage.text import fold
from tui.cells import cell
from tui.dialogs.coding_dialogs import ChoiceDialog, MemoDialog
from tui.dialogs.confirm_modal import ConfirmModal
from tui.keys.bindings import key_binding
from tui.keys.history_keys import HISTORY_BINDINGS, run_history
from tui.short_dates import short_date
from tui.store_access import app_store

KIND_LABELS: dict[str, str] = {
    "project": N_("project"),
    "code": N_("code"),
    "transcript": N_("transcript"),
    "session": N_("session"),
    "participant": N_("participant"),
    "coding": N_("coding"),
}
"""What a memo can be on, as the list names it."""

NEW_KINDS: list[MemoTarget] = ["project", "code", "transcript", "session", "participant"]
"""What a new memo can be written on here (codings get theirs on the coding screen)."""

MEMOS_BINDING = key_binding(
    "o,щ",
    "memos",
    _("Memos"),
    _("Every memo in the project: read, search, edit, jump to"),
    "memos",
    show=False,
)
"""The key that opens the Memos screen (Project home)."""

TEXT_WIDTH = 60
"""Characters of a memo shown in the list."""

LABEL_WIDTH = 28
"""Characters of what a memo is on shown in the list (the whole memo shows below it)."""


@dataclass(frozen=True)
class MemoEntry:
    """One memo as listed: what it is on, its text, and how to change it.

    ``memo_id`` is set for rows of the memo table; ``coding_id`` for a coding's own memo.
    """

    kind: MemoTarget
    target_id: int | None
    label: str
    text: str
    author: str
    updated: str
    memo_id: int | None = None
    coding_id: int | None = None


def memo_entries(store: Store) -> list[MemoEntry]:
    """Every memo of the project, grouped by what it is on."""
    language = get_language()
    fallbacks = store.project().languages
    codes = {c.id: c for c in store.codes.all()}
    transcripts = {t.id: t.title for t in store.transcripts.all()}
    layer_transcript = {x.id: x.transcript_id for x in store.transcripts.layers(with_text=False)}
    codings = {c.id: c for c in store.codings.all()}

    def code_name(code_id: int) -> str:
        code = codes.get(code_id)
        return code.name(language, fallbacks) if code else "?"

    def coding_label(coding_id: int) -> str:
        coding = codings.get(coding_id)
        if coding is None:
            return "?"
        title = transcripts.get(layer_transcript.get(coding.layer_id, 0), "")
        return f"{code_name(coding.code_id)} · {title}"

    names: dict[str, Any] = {
        "project": lambda _id: store.project().name,
        "code": lambda i: code_name(i),
        "transcript": lambda i: transcripts.get(i, "?"),
        "session": lambda i: next((s.title for s in store.sessions.all() if s.id == i), "?"),
        "participant": lambda i: next((p.code for p in store.participants.all() if p.id == i), "?"),
        "coding": lambda i: coding_label(i),
    }
    entries = [
        MemoEntry(
            m.target,
            m.target_id,
            names[m.target](m.target_id),
            m.text,
            m.author or "",
            m.updated,
            memo_id=m.id,
        )
        for m in store.memos.all()
    ]
    entries += [
        MemoEntry("coding", c.id, coding_label(c.id), c.memo, "", c.created, coding_id=c.id)
        for c in codings.values()
        if c.memo
    ]
    order = list(KIND_LABELS)
    return sorted(entries, key=lambda e: (order.index(e.kind), e.label, e.updated))


class MemosScreen(ModalScreen[None]):
    """Every memo; type to search, Enter to go to what it is on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "close", _("Close"), _("Back"), "memos-close"),
        key_binding("n,т", "new", _("New"), _("Write a new memo"), "memos-new"),
        key_binding("e,у", "edit", _("Edit"), _("Edit the highlighted memo"), "memos-edit"),
        key_binding(
            "d,в,delete", "delete", _("Delete"), _("Delete the highlighted memo"), "memos-delete"
        ),
        key_binding("/", "search", _("Search"), _("Search the memos"), "memos-search"),
        *HISTORY_BINDINGS,
    ]

    DEFAULT_CSS = """
    MemosScreen { align: center middle; }
    MemosScreen > Vertical {
        width: 95%; max-width: 130; height: 95%; border: thick $primary 60%;
        background: $surface; padding: 0 1;
    }
    MemosScreen #memos-title { text-style: bold; height: auto; }
    MemosScreen #memos-full { height: auto; max-height: 6; color: $text-muted; }
    MemosScreen DataTable { height: 1fr; }
    """

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.entries: list[MemoEntry] = []
        self.shown: list[MemoEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Memos"), id="memos-title", markup=False)
            yield Input(placeholder=_("Search the memos"), id="memos-query", compact=True)
            yield DataTable(id="memos", cursor_type="row", zebra_stripes=True)
            yield Static("", id="memos-full", markup=False)
            yield Footer()

    def on_mount(self) -> None:
        self.store.history.enable()
        self.reload()
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        """Re-read the memos and show those matching the search."""
        self.entries = memo_entries(self.store)
        self._fill()

    def _fill(self) -> None:
        query = fold(self.query_one("#memos-query", Input).value.strip())
        self.shown = [
            e for e in self.entries if not query or query in fold(e.text) or query in fold(e.label)
        ]
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns(_("On"), _("Memo"), _("Author"), _("Changed"))
        for entry in self.shown:
            text = " ".join(entry.text.split())
            text = text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1] + "…"
            label = f"{_(KIND_LABELS[entry.kind])}: {entry.label}"
            label = label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 1] + "…"
            table.add_row(
                cell(label),
                cell(text),
                cell(entry.author),
                cell(short_date(entry.updated[:10]) if entry.updated else ""),
            )
        if self.shown:
            table.move_cursor(row=min(max(row, 0), len(self.shown) - 1))
        self._show_full()

    def _show_full(self) -> None:
        entry = self.current()
        self.query_one("#memos-full", Static).update(entry.text if entry else _("No memos yet"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_full()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.focused is self.query_one("#memos-query")
        return not typing or action == "close"

    def current(self) -> MemoEntry | None:
        """The highlighted memo."""
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row < 0:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    # -- actions -------------------------------------------------------------------------

    def action_search(self) -> None:
        """Type in the search box."""
        self.query_one("#memos-query", Input).focus()

    def action_close(self) -> None:
        """Leave the search box; from the list, close."""
        if self.focused is self.query_one("#memos-query"):
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)

    def _write(self, label: str, work: Any) -> None:
        try:
            with self.store.history.undoable(label):
                work()
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        self.reload()

    def action_edit(self) -> None:
        """Edit the highlighted memo."""
        entry = self.current()
        if entry is None:
            return

        def save(text: str | None) -> None:
            if text is None or text == entry.text:
                return
            if entry.coding_id is not None:
                coding_id = entry.coding_id
                self._write(
                    N_("Change memo"), lambda: self.store.codings.update(coding_id, memo=text)
                )
            elif entry.memo_id is not None:
                memo_id = entry.memo_id
                self._write(N_("Change memo"), lambda: self.store.memos.update(memo_id, text))

        title = f"{_(KIND_LABELS[entry.kind])}: {entry.label}"
        self.app.push_screen(MemoDialog(title, entry.text), save)

    def action_delete(self) -> None:
        """Delete the highlighted memo (asks first; Ctrl+Z brings it back)."""
        entry = self.current()
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if entry.coding_id is not None:
                coding_id = entry.coding_id
                self._write(
                    N_("Delete memo"), lambda: self.store.codings.update(coding_id, memo="")
                )
            elif entry.memo_id is not None:
                memo_id = entry.memo_id
                self._write(N_("Delete memo"), lambda: self.store.memos.delete(memo_id))

        snippet = " ".join(entry.text.split())[:60]
        self.app.push_screen(
            ConfirmModal(_("Delete the memo «{text}»?").format(text=snippet)), answered
        )

    def action_new(self) -> None:
        """Write a memo on the project, a code, transcript, session or participant."""
        kinds = [(i, _(KIND_LABELS[k])) for i, k in enumerate(NEW_KINDS)]

        def kind_chosen(index: int | None) -> None:
            if index is None:
                return
            kind = NEW_KINDS[index]
            if kind == "project":
                self._write_new(kind, None, self.store.project().name)
                return
            items = self._targets(kind)
            if not items:
                self.notify(_("Nothing to write a memo on yet"), severity="warning", markup=False)
                return
            labels = dict(items)

            def target_chosen(target_id: int | None) -> None:
                if target_id is not None:
                    self._write_new(kind, target_id, labels[target_id])

            self.app.push_screen(ChoiceDialog(_("Memo on which?"), items), target_chosen)

        self.app.push_screen(ChoiceDialog(_("New memo on"), kinds), kind_chosen)

    def _targets(self, kind: MemoTarget) -> list[tuple[int, str]]:
        store = self.store
        if kind == "code":
            language = get_language()
            return [(c.id, "/".join(store.codes.path(c.id, language))) for c in store.codes.all()]
        if kind == "transcript":
            return [(t.id, t.title) for t in store.transcripts.all()]
        if kind == "session":
            return [(s.id, s.title) for s in store.sessions.all()]
        return [(p.id, p.code) for p in store.participants.all()]

    def _write_new(self, kind: MemoTarget, target_id: int | None, label: str) -> None:
        author: str | None = getattr(self.app, "coder_name", None)

        def save(text: str | None) -> None:
            if text and text.strip():
                self._write(
                    N_("Add memo"),
                    lambda: self.store.memos.add(kind, target_id, text, author=author),
                )

        self.app.push_screen(MemoDialog(f"{_(KIND_LABELS[kind])}: {label}"), save)

    def action_undo(self) -> None:
        """Undo the last change."""
        if run_history(self, self.store, redo=False) is not None:
            self.reload()

    def action_redo(self) -> None:
        """Redo the last undone change."""
        if run_history(self, self.store, redo=True) is not None:
            self.reload()

    # -- going to what a memo is on ------------------------------------------------------

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        entry = self.current()
        if entry is None:
            return
        self.dismiss(None)
        await go_to_memo_target(self.app, self.store, entry)


async def go_to_memo_target(app: Any, store: Store, entry: MemoEntry) -> None:
    """Show what ``entry`` is a memo on: the coding in its transcript, the code, …"""
    if entry.kind == "coding" and entry.target_id is not None:
        try:
            coding = store.codings.get(entry.target_id)
        except SuhbatError:
            return
        layer = store.transcripts.layer(coding.layer_id)
        await app.switch_mode("transcripts")
        jump = getattr(app.screen, "jump_to", None)  # the coding screen, without importing it
        if callable(jump):
            jump(layer.transcript_id, layer.id, coding.start, coding.end)
    elif entry.kind == "transcript" and entry.target_id is not None:
        await app.switch_mode("transcripts")
        opener = getattr(app.screen, "open_transcript", None)
        if callable(opener):
            opener(entry.target_id)
    elif entry.kind == "code":
        await app.switch_mode("codebook")
        reload = getattr(app.screen, "reload", None)
        if callable(reload):
            reload(select=entry.target_id)
    elif entry.kind in ("session", "participant"):
        await app.switch_mode(f"{entry.kind}s")
    else:
        await app.switch_mode("home")


def open_memos(screen: Screen[Any]) -> None:
    """Open the Memos screen over ``screen``."""
    screen.app.push_screen(MemosScreen(app_store(screen)))
