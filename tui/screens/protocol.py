"""Protocol: the interview guide's questions and probes, every language side by side."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Static

from i18n import N_, _, ngettext
from storage.models import Guide, Question
from tui.cells import cell, clipped_cell
from tui.fieldwork_labels import QUESTION_KIND_LABELS
from tui.keys.bindings import key_binding
from tui.keys.screen_commands import ScreenActionsProvider
from tui.screens.project_data_screen import ProjectDataScreen
from tui.table_cursor import highlighted_id, restore_cursor

AREA_WIDTH = 18
"""The area column; longer areas end in "…" (the detail pane shows them whole)."""

GUIDE_SETTING = "protocol.guide"


def tree_order(questions: list[Question]) -> list[list[Question]]:
    """Blocks of a main (or closing) question followed by its probes, in guide order."""
    ids = {q.id for q in questions}
    children: dict[int, list[Question]] = {}
    blocks: list[list[Question]] = []
    for q in questions:
        if q.parent_id is not None and q.parent_id in ids:
            children.setdefault(q.parent_id, []).append(q)
    for q in questions:
        if q.parent_id is None or q.parent_id not in ids:
            blocks.append([q, *children.get(q.id, [])])
    return blocks


class ProtocolTable(DataTable[object]):
    """The questions of one guide; Enter edits the highlighted question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding(
            "enter",
            "select_cursor",
            _("Edit"),
            _("Edit the highlighted question"),
            "protocol-edit-enter",
            show=False,
        ),
    ]


class ProtocolScreen(ProjectDataScreen):
    """Ordered questions with area, kind and text per language; several guides per project."""

    COMMANDS = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("n,т", "add", _("Question"), _("Add a main question"), "protocol-add"),
        key_binding(
            "p,з",
            "add_probe",
            _("Probe"),
            _("Add a probe under the highlighted question"),
            "protocol-add-probe",
        ),
        key_binding("e,у", "edit", _("Edit"), _("Edit the question"), "protocol-edit"),
        key_binding(
            "ctrl+up,shift+up",
            "move(-1)",
            _("Up"),
            _("Move the question (with its probes) up"),
            "protocol-move-up",
            key_display="^↑",
        ),
        key_binding(
            "ctrl+down,shift+down",
            "move(1)",
            _("Down"),
            _("Move the question (with its probes) down"),
            "protocol-move-down",
            key_display="^↓",
        ),
        key_binding(
            "d,в,delete",
            "delete",
            _("Delete"),
            _("Delete the question and its probes (asks first)"),
            "protocol-delete",
        ),
        key_binding(
            "g,п",
            "guides",
            _("Guides"),
            _("Choose, create, rename or delete guides"),
            "protocol-guides",
        ),
        key_binding(
            "i,ш",
            "import",
            _("Import"),
            _("Import a guide from a CSV or XLSX table"),
            "protocol-import",
            show=False,
        ),
        key_binding(
            "r,к",
            "refresh",
            _("Refresh"),
            _("Reload from the file"),
            "protocol-refresh",
            show=False,
        ),
    ]

    DEFAULT_CSS = """
    ProtocolScreen #guide-bar { height: 1; padding: 0 1; background: $primary 30%; }
    ProtocolScreen ProtocolTable { height: 1fr; }
    ProtocolScreen #question-detail {
        height: auto; max-height: 12; padding: 0 1; border-top: solid $primary 40%;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.guide: Guide | None = None
        self.question_map: dict[int, Question] = {}
        self.blocks: list[list[Question]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="guide-bar", markup=False)
        yield ProtocolTable(id="questions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="question-detail", markup=False)
        yield Footer()

    @property
    def table(self) -> ProtocolTable:
        """The questions table."""
        return self.query_one(ProtocolTable)

    def choose_guide(self, guide_id: int | None) -> None:
        """Show ``guide_id`` (remembered in the project for next time)."""
        guides = self.store.guides.all()
        self.guide = next((g for g in guides if g.id == guide_id), guides[0] if guides else None)
        if self.guide is not None:
            self.store.set_setting(GUIDE_SETTING, str(self.guide.id))

    def action_refresh(self, select: int | None = None) -> None:
        """Reload the guide's questions."""
        store = self.store
        table = self.table
        if select is None:
            select = highlighted_id(table)
        old_row = table.cursor_row
        if self.guide is None or self.guide.id not in {g.id for g in store.guides.all()}:
            remembered = store.get_setting(GUIDE_SETTING)
            self.choose_guide(int(remembered) if remembered and remembered.isdigit() else None)
        guides = store.guides.all()
        languages = store.project().languages
        table.clear(columns=True)
        questions = store.guides.questions(self.guide.id) if self.guide is not None else []
        blocks = tree_order(questions)
        labels = number_labels(blocks)
        number_header = _("No.")
        # The number column is as wide as its widest number (or its header), no wider.
        number_width = max(cell_len(text) for text in (number_header, *labels))
        kind_width = max(
            cell_len(_(label)) for label in (N_("Kind"), *QUESTION_KIND_LABELS.values())
        )
        table.add_column(number_header, key="no", width=number_width)
        table.add_column(_("Area"), key="area", width=AREA_WIDTH)
        table.add_column(_("Kind"), key="kind", width=kind_width)
        # The question columns share what is left of the screen (each cell has 2 of padding).
        room = (table.size.width or self.app.size.width) - 2 - (number_width + AREA_WIDTH + 4)
        room -= kind_width + 2
        width = max(20, room // max(1, len(languages)) - 2)
        for lang in languages:
            table.add_column(lang, key=f"text-{lang}", width=width)
        bar = self.query_one("#guide-bar", Static)
        if self.guide is None:
            self.question_map = {}
            self.blocks = []
            bar.update(_("No guide yet: press n to write one, or i to import a CSV/XLSX table."))
            self.show_detail()
            self.mark_loaded()
            return
        self.question_map = {q.id: q for q in questions}
        self.blocks = blocks
        position = next(i for i, g in enumerate(guides) if g.id == self.guide.id)
        mains = len(self.blocks)
        bar.update(
            _(
                "Guide: {name} ({n} of {total}) · main questions: {mains}, probes: {probes}"
                " · g: guides"
            ).format(
                name=self.guide.name,
                n=position + 1,
                total=len(guides),
                mains=mains,
                probes=len(questions) - mains,
            )
        )
        numbered = iter(labels)
        for block in self.blocks:
            for sub, q in enumerate(block):
                table.add_row(
                    cell(next(numbered)),
                    clipped_cell(q.area if sub == 0 else ""),
                    cell(_(QUESTION_KIND_LABELS.get(q.kind, q.kind))),
                    *(
                        clipped_cell(q.texts.get(lang, ""), style="" if sub == 0 else "italic")
                        for lang in languages
                    ),
                    key=str(q.id),
                )
        restore_cursor(table, select, old_row)
        self.show_detail()
        self.mark_loaded()

    def current(self) -> Question | None:
        """The highlighted question."""
        row_id = highlighted_id(self.table)
        return self.question_map.get(row_id) if row_id is not None else None

    def show_detail(self) -> None:
        """Show the highlighted question in full, one line per language."""
        detail = self.query_one("#question-detail", Static)
        q = self.current()
        if q is None:
            detail.update(_("No questions yet: press n to add one."))
            return
        lines = [f"{_(QUESTION_KIND_LABELS.get(q.kind, q.kind))} · {q.area}"]
        for lang in self.store.project().languages:
            lines.append(f"{lang}: {q.texts.get(lang, '—')}")
        detail.update("\n".join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # -- actions -------------------------------------------------------------------------

    def _need_guide(self) -> Guide | None:
        if self.guide is None:
            self.guide = self.store.guides.add(_("Interview guide"))
            self.store.set_setting(GUIDE_SETTING, str(self.guide.id))
        return self.guide

    def _after_form(self, question: Question | None) -> None:
        if question is not None:
            self.action_refresh(select=question.id)

    def action_add(self) -> None:
        """Add a main question after the highlighted question's block (or at the end)."""
        from tui.dialogs.question_form import QuestionForm

        guide = self._need_guide()
        if guide is None:
            return
        position = None
        current = self.current()
        if current is not None:
            block = next(b for b in self.blocks if current in b)
            position = max(q.position for q in block) + 1
        self.app.push_screen(
            QuestionForm(self.store, guide.id, position=position), self._after_form
        )

    def action_add_probe(self) -> None:
        """Add a probe under the highlighted main question."""
        from tui.dialogs.question_form import QuestionForm

        current = self.current()
        if current is None or self.guide is None:
            self.notify(
                _("Highlight the question the probe belongs to."), severity="warning", markup=False
            )
            return
        parent = current if current.parent_id is None else self.question_map[current.parent_id]
        self.app.push_screen(
            QuestionForm(self.store, self.guide.id, parent_id=parent.id), self._after_form
        )

    def action_edit(self) -> None:
        """Edit the highlighted question."""
        from tui.dialogs.question_form import QuestionForm

        current = self.current()
        if current is not None and self.guide is not None:
            self.app.push_screen(QuestionForm(self.store, self.guide.id, current), self._after_form)

    def action_move(self, offset: int) -> None:
        """Move a question with its probes past the neighbouring question (probes: siblings)."""
        current = self.current()
        if current is None:
            return
        blocks = [list(b) for b in self.blocks]
        index = next(i for i, b in enumerate(blocks) if current in b)
        if blocks[index][0] == current:
            target = index + offset
            if not 0 <= target < len(blocks):
                return
            blocks[index], blocks[target] = blocks[target], blocks[index]
        else:
            probes = blocks[index][1:]
            at = probes.index(current)
            target = at + offset
            if not 0 <= target < len(probes):
                return
            probes[at], probes[target] = probes[target], probes[at]
            blocks[index] = [blocks[index][0], *probes]
        self.apply_order([q.id for b in blocks for q in b])
        self.action_refresh(select=current.id)

    def apply_order(self, wanted: list[int]) -> None:
        """Store the guide's question order as ``wanted`` in one transaction."""
        if self.guide is None:
            return
        store = self.store
        with store.transaction():
            for target, question_id in enumerate(wanted):
                order = [q.id for q in store.guides.questions(self.guide.id)]
                now = order.index(question_id)
                if now != target:
                    store.guides.move_question(question_id, target - now)

    def action_delete(self) -> None:
        """Delete the highlighted question (and its probes) after confirmation."""
        from tui.dialogs.confirm_modal import ConfirmModal

        current = self.current()
        if current is None:
            return
        probes = sum(1 for q in self.question_map.values() if q.parent_id == current.id)
        language = self.store.project().languages[0]
        text = current.text(language)
        question = (
            ngettext(
                "Delete this question and its {n} probe?",
                "Delete this question and its {n} probes?",
                probes,
            ).format(n=probes)
            if probes
            else _("Delete this question?")
        ) + f"\n\n{text}"

        def done(answer: bool | None) -> None:
            if answer:
                self.store.guides.delete_question(current.id)
                self.action_refresh()

        self.app.push_screen(ConfirmModal(question), done)

    def action_guides(self) -> None:
        """Choose, create, rename or delete guides."""
        from tui.dialogs.guides_modal import GuidesModal

        def done(guide_id: int | None) -> None:
            self.choose_guide(guide_id)
            self.action_refresh()

        self.app.push_screen(GuidesModal(self.store, self.guide.id if self.guide else None), done)

    def action_import(self) -> None:
        """Import a guide from a table file into a new guide."""
        from tui.dialogs.table_import_modal import TableImportModal

        before = {g.id for g in self.store.guides.all()}

        def done(report: object) -> None:
            if report is None:
                return
            added = [g for g in self.store.guides.all() if g.id not in before]
            if added:
                self.choose_guide(added[-1].id)
            elif self.guide is not None:
                self.choose_guide(self.guide.id)
            self.action_refresh()

        self.app.push_screen(
            TableImportModal("protocol", title=_("Import a guide (CSV/XLSX)")), done
        )


def number_labels(blocks: list[list[Question]]) -> list[str]:
    """The number column's text, row by row: ``2`` for a main question, ``↳ 2.1`` for its probe."""
    return [
        str(number) if sub == 0 else f"↳ {number}.{sub}"
        for number, block in enumerate(blocks, start=1)
        for sub in range(len(block))
    ]
