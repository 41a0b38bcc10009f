"""The codebook: the code tree with counts, definitions, and the segments of each code.

Create (N beside, I inside), edit (E), rename (R), move by cut and paste (X, then
P to paste inside the highlighted code or B beside it), merge (M), delete (D, with
a count of what goes) and collapse (Space). Enter on a segment opens it in the
transcript. Every change is one undo step (Ctrl+Z / Ctrl+Y).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from i18n import _, ngettext, translate_error
from storage import Store, SuhbatError
from storage.code_counts_store import CodeCounts, CodedSegment
from storage.errors import N_
from storage.models import Code
from tui.keys.history_keys import run_history
from tui.keys.screen_commands import ScreenActionsProvider
from tui.screens.codebook_keys import CODEBOOK_KEYS
from tui.screens.codebook_text import (
    code_details,
    participants_cell,
    segment_row,
    segments_caption,
    tree_rows,
)
from tui.screens.coding_commands import writing_language
from tui.screens.item_memo import edit_item_memo
from tui.screens.passages import open_passages
from tui.store_access import app_store
from tui.widgets.coding_list import CodingList
from tui.widgets.sized_table import SizedTable, fit_width
from tui.widgets.stable_footer import StableFooter

if TYPE_CHECKING:
    from tui.models.code_matching import CodeChoice

SEGMENT_LIMIT = 500
"""How many segments of a code the list shows."""

COLUMNS = (
    ("code", N_("Code")),
    ("codings", N_("Codings")),
    ("segments", N_("Segments")),
    ("documents", N_("Documents")),
    ("participants", N_("Participants")),
)
"""The code table's column keys and headers (English msgids)."""

WIDEST = 10_000
"""No practical cap: a column is as wide as its widest cell, as DataTable sizes it."""


class CodebookScreen(Screen[None]):
    """The codebook screen (F7)."""

    COMMANDS: ClassVar[set[Any]] = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = CODEBOOK_KEYS

    DEFAULT_CSS = """
    CodebookScreen #codebook-status { height: 1; padding: 0 1; background: $boost; }
    CodebookScreen #codebook-body { height: 1fr; }
    CodebookScreen #code-table { width: 1fr; height: 1fr; }
    CodebookScreen #code-side { width: 33%; height: 1fr; border-left: vkey $foreground 20%; }
    CodebookScreen #code-info-scroll { height: auto; max-height: 50%; }
    CodebookScreen #code-info { padding: 0 1; height: auto; }
    CodebookScreen .caption { text-style: bold; padding: 0 1; height: 1; }
    CodebookScreen #segments { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.codes: list[Code] = []
        self.counts: dict[int, CodeCounts] = {}
        self.collapsed: set[int] = set()
        self.cut_code: int | None = None
        self.coder_filter: int | None = None
        self.segments: dict[int, CodedSegment] = {}
        self._seen: tuple[int, int, int | None] = (-1, -1, None)
        self._participants: dict[int, int] = {}
        self._participants_for: tuple[int, int, int | None] | None = None
        self._details_for: tuple[int | None, int] | None = None
        self._serial = 0

    @property
    def store(self) -> Store:
        """The app's Store."""
        return app_store(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="codebook-status", markup=False)
        with Horizontal(id="codebook-body"):
            yield SizedTable(id="code-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="code-side"):
                with VerticalScroll(id="code-info-scroll"):
                    yield Static("", id="code-info", markup=False)
                yield Static("", classes="caption", id="segments-caption", markup=False)
                yield CodingList(id="segments")
        yield StableFooter()

    def on_mount(self) -> None:
        self.store.history.enable()
        self.reload()

    def on_screen_resume(self) -> None:
        if self._version() != self._seen:
            self.reload()

    def _version(self) -> tuple[int, int, int | None]:
        """What the counts depend on: this app's changes, other writers', the coder filter."""
        store = self.store
        return store.history.version, store.change_stamp()[1], self.coder_filter

    def retranslate(self) -> None:
        """Redraw in the current UI language."""
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def _language(self) -> str:
        return writing_language(self.store)

    def reload(self, select: int | None = None) -> None:
        """Re-read codes and counts and redraw the tree (keeping the highlighted code)."""
        store = self.store
        keep = select if select is not None else self.highlighted()
        self.codes = store.codes.all()
        self._seen = self._version()
        self.counts = store.counts.code_counts(coder_id=self.coder_filter, participants=False)
        if self._participants_for == self._seen:
            self._merge_participants(self._participants)
        else:
            # Counted after the next frame, so the worker does not slow this one down.
            self.call_after_refresh(self._count_participants, self._seen)
        self._serial += 1
        table = self.query_one("#code-table", SizedTable)
        table.clear(columns=True)
        rows = self._rows()
        # Widths from the plain text: what DataTable would measure, without measuring.
        for index, (key, title) in enumerate(COLUMNS):
            header = _(title)
            plain = (row[index].plain for row in rows.values())
            table.add_column(header, key=key, width=fit_width(header, plain, cap=WIDEST))
        table.add_keyed_rows(rows.items())
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        self._update_status()
        self.show_details()

    def _rows(self) -> dict[str, list[Text]]:
        """The cells of every shown code (collapsed themes hide their sub-codes), by row key."""
        return tree_rows(
            self.codes,
            self.counts,
            self.collapsed,
            self.cut_code,
            self._language(),
            memo_codes=self.store.memos.targets("code"),
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="participants")
    def _count_participants(self, version: tuple[int, int, int | None]) -> None:
        """Count participants per code in the background (the slowest count)."""
        project: Path = self.app.project_path  # type: ignore[attr-defined]
        with Store(project) as store:
            counts = store.counts.code_participant_counts(coder_id=version[2])
        self.app.call_from_thread(self._participants_counted, version, counts)

    def _participants_counted(
        self, version: tuple[int, int, int | None], counts: dict[int, int]
    ) -> None:
        if version != self._seen or not self.is_mounted:
            return
        self._participants, self._participants_for = counts, version
        self._merge_participants(counts)
        table = self.query_one("#code-table", DataTable)
        for code_id, code_counts in self.counts.items():
            if str(code_id) in table.rows:
                table.update_cell(str(code_id), "participants", participants_cell(code_counts))
        # Only the definition pane shows participants: the segment list stays as it is.
        code = self._code(self.highlighted())
        if code is not None and self._details_for == (code.id, self._serial):
            self.query_one("#code-info", Static).update(self._details(code))
        else:
            self._details_for = None
            self.show_details()

    def _merge_participants(self, counts: dict[int, int]) -> None:
        self.counts = {
            code_id: replace(c, participants=counts.get(code_id, 0))
            for code_id, c in self.counts.items()
        }

    def highlighted(self) -> int | None:
        """The code highlighted in the tree."""
        table = self.query_one("#code-table", DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:
            return None
        return int(key.value) if key.value else None

    def _code(self, code_id: int | None) -> Code | None:
        return next((c for c in self.codes if c.id == code_id), None)

    def _update_status(self) -> None:
        # Each top-level row counts its whole subtree.
        total = sum(
            self.counts[c.id].codings
            for c in self.codes
            if c.parent_id is None and c.id in self.counts
        )
        parts = [
            ngettext("{count} code", "{count} codes", len(self.codes)).format(
                count=len(self.codes)
            ),
            ngettext("{count} coding", "{count} codings", total).format(count=total),
        ]
        if self.coder_filter is not None:
            name = next((c.name for c in self.store.coders.all() if c.id == self.coder_filter), "?")
            parts.append(_("counting {coder} only").format(coder=name))
        cut = self._code(self.cut_code)
        if cut is not None:
            parts.append(
                _("moving {code}: P pastes inside, B beside").format(
                    code=cut.name(self._language())
                )
            )
        self.query_one("#codebook-status", Static).update(" · ".join(parts))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "code-table":
            self.show_details()

    def show_details(self) -> None:
        """Show the highlighted code's definition and its coded segments."""
        code = self._code(self.highlighted())
        shown = (code.id if code else None, self._serial)
        if shown == self._details_for:
            return
        self._details_for = shown
        info = self.query_one("#code-info", Static)
        segments = self.query_one("#segments", CodingList)
        self.segments = {}
        if code is None:
            info.update(_("No codes yet: press N to create one."))
            self.query_one("#segments-caption", Static).update("")
            segments.set_rows((), self._segment_row)
            return
        info.update(self._details(code))
        found = self.store.counts.coded_segments(
            code.id,
            include_descendants=any(c.parent_id == code.id for c in self.codes),
            coder_id=self.coder_filter,
            limit=SEGMENT_LIMIT,
        )
        self.query_one("#segments-caption", Static).update(segments_caption(found, SEGMENT_LIMIT))
        self.segments = {segment.coding.id: segment for segment in found}
        segments.set_rows(list(self.segments), self._segment_row)

    def action_item_memo(self) -> None:
        """Write or read the highlighted code's memo."""
        code = self._code(self.highlighted())
        if code is not None:
            label = code.name(self._language())
            edit_item_memo(self, "code", code.id, label, lambda: self.reload(select=code.id))

    def action_passages(self) -> None:
        """Open the Coded passages of the highlighted code (a theme: with its sub-codes)."""
        code = self._code(self.highlighted())
        if code is not None:
            open_passages(self.app, code.id)

    def _segment_row(self, coding_id: int) -> Text:
        """A row of the segment list: time, speaker, the coded words in context, transcript."""
        return segment_row(self.segments[coding_id])

    def _details(self, code: Code) -> Text:
        return code_details(code, self.counts.get(code.id, CodeCounts()), self._language())

    # -- changes -------------------------------------------------------------------------

    def _change(
        self, label: str, work: Callable[[Store], object], select: int | None = None
    ) -> None:
        try:
            with self.store.history.undoable(label):
                work(self.store)
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        self.reload(select)

    def _saved(self, code: Code | None) -> None:
        if code is not None:
            self.reload(code.id)

    def action_new_code(self) -> None:
        """New code at the highlighted code's level."""
        from tui.dialogs.code_form import CodeForm

        current = self._code(self.highlighted())
        parent = current.parent_id if current else None
        self.app.push_screen(CodeForm(self.store, parent_id=parent), self._saved)

    def action_new_child(self) -> None:
        """New code inside the highlighted code."""
        from tui.dialogs.code_form import CodeForm

        current = self._code(self.highlighted())
        self.app.push_screen(
            CodeForm(self.store, parent_id=current.id if current else None), self._saved
        )

    def action_edit_code(self) -> None:
        """Edit every field of the highlighted code."""
        from tui.dialogs.code_form import CodeForm

        code = self._code(self.highlighted())
        if code is not None:
            self.app.push_screen(CodeForm(self.store, code), self._saved)

    def action_rename(self) -> None:
        """Rename the highlighted code in the interface language."""
        from tui.dialogs.coding_dialogs import TextPrompt

        code = self._code(self.highlighted())
        if code is None:
            return
        language = self._language()

        def rename(name: str | None) -> None:
            if name and name.strip() and code is not None:
                self._change(
                    N_("Rename code"),
                    lambda store: store.codes.update(code.id, names={language: name}),
                    code.id,
                )

        self.app.push_screen(
            TextPrompt(
                _("Rename ({language})").format(language=language), value=code.name(language)
            ),
            rename,
        )

    def action_cut(self) -> None:
        """Mark the highlighted code for moving."""
        self.cut_code = self.highlighted()
        self.reload()

    def _paste(self, parent_id: int | None) -> None:
        cut = self.cut_code
        if cut is None:
            self.notify(_("Cut a code first (X)"), severity="warning", markup=False)
            return
        self.cut_code = None
        self._change(N_("Move code"), lambda store: store.codes.move(cut, parent_id), cut)

    def action_paste_inside(self) -> None:
        """Move the cut code inside the highlighted one."""
        self._paste(self.highlighted())

    def action_paste_beside(self) -> None:
        """Move the cut code to the highlighted code's level."""
        current = self._code(self.highlighted())
        self._paste(current.parent_id if current else None)

    def action_merge(self) -> None:
        """Merge the highlighted code into another (codings move, duplicates collapse)."""
        from tui.dialogs.code_finder import CodeFinder
        from tui.dialogs.confirm_modal import ConfirmModal

        source = self._code(self.highlighted())
        if source is None:
            return
        language = self._language()
        subtree = self._subtree(source.id)

        def merge(choice: CodeChoice | None) -> None:
            target = self._code(choice.code_id) if choice else None
            if target is None or source is None:
                return
            counts = self.counts.get(source.id, CodeCounts())
            question = ngettext(
                "Merge “{source}” into “{target}”? Its {codings} coding moves to “{target}”"
                " (duplicates collapse) and its sub-codes move under it. Ctrl+Z undoes this.",
                "Merge “{source}” into “{target}”? Its {codings} codings move to “{target}”"
                " (duplicates collapse) and its sub-codes move under it. Ctrl+Z undoes this.",
                counts.codings,
            ).format(
                source=source.name(language), target=target.name(language), codings=counts.codings
            )

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._change(
                        N_("Merge codes"),
                        lambda store: store.codes.merge(source.id, target.id),
                        target.id,
                    )

            self.app.push_screen(ConfirmModal(question, yes=_("Merge")), confirmed)

        self.app.push_screen(
            CodeFinder(
                self.codes,
                language,
                title=_("Merge “{code}” into…").format(code=source.name(language)),
                allow_create=False,
                codable_only=False,
                exclude=frozenset(subtree),
            ),
            merge,
        )

    def _subtree(self, code_id: int) -> set[int]:
        found = {code_id}
        changed = True
        while changed:
            changed = False
            for code in self.codes:
                if code.parent_id in found and code.id not in found:
                    found.add(code.id)
                    changed = True
        return found

    def action_delete(self) -> None:
        """Delete the highlighted code after saying what goes with it."""
        from tui.dialogs.confirm_modal import ConfirmModal

        code = self._code(self.highlighted())
        if code is None:
            return
        codes, codings = self.store.codes.delete_counts(code.id)
        question = _("Delete “{code}”?").format(code=code.name(self._language()))
        question += " " + ngettext(
            "This deletes {count} code", "This deletes {count} codes (with sub-codes)", codes
        ).format(count=codes)
        question += " " + ngettext("and {count} coding.", "and {count} codings.", codings).format(
            count=codings
        )
        question += " " + _("Ctrl+Z undoes this.")

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._change(N_("Delete code"), lambda store: store.codes.delete(code.id))

        self.app.push_screen(ConfirmModal(question), confirmed)

    def action_fold(self) -> None:
        """Collapse or expand the highlighted theme."""
        code_id = self.highlighted()
        if code_id is None:
            return
        if code_id in self.collapsed:
            self.collapsed.discard(code_id)
        elif any(c.parent_id == code_id for c in self.codes):
            self.collapsed.add(code_id)
        self.reload(code_id)

    def action_next_coder(self) -> None:
        """Count every coder's codings, or one coder's."""
        coders: list[int | None] = [None, *(c.id for c in self.store.coders.all())]
        index = coders.index(self.coder_filter) if self.coder_filter in coders else 0
        self.coder_filter = coders[(index + 1) % len(coders)]
        self.reload()

    def action_focus_segments(self) -> None:
        """Move to the list of segments."""
        self.query_one("#segments", CodingList).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "code-table":
            self.action_focus_segments()

    async def on_coding_list_chosen(self, event: CodingList.Chosen) -> None:
        from tui.screens.transcript import show_in_transcript

        event.stop()
        segment = self.segments.get(event.coding_id)
        if segment is not None:
            coding = segment.coding
            await show_in_transcript(
                self.app,
                segment.transcript_id,
                coding.layer_id,
                coding.start,
                coding.end,
                coders=(coding.coder_id,),
            )

    def action_undo(self) -> None:
        """Undo the last coding or codebook change."""
        if run_history(self, self.store, redo=False) is not None:
            self.reload()

    def action_redo(self) -> None:
        """Redo the last undone change."""
        if run_history(self, self.store, redo=True) is not None:
            self.reload()
