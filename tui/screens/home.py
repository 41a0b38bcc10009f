"""Project home: what the project holds and where to go next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from i18n import _, get_language, ngettext
from i18n.collation import sorted_by_name
from i18n.formatting import format_number
from tui.dialogs.autocode_dialog import AUTOCODE_BINDING, start_autocode
from tui.dialogs.memos import MEMOS_BINDING, open_memos
from tui.exchange_commands import open_import, open_merge, open_transcribe
from tui.keys.bindings import key_binding
from tui.keys.history_keys import HIDDEN_HISTORY_BINDINGS, run_history
from tui.keys.screen_commands import ScreenActionsProvider
from tui.navigation import SCREENS
from tui.screens.item_memo import edit_item_memo, item_memo_binding, with_mark
from tui.screens.transcript_actions import (
    TRANSCRIPT_BINDINGS,
    TranscriptAction,
    delete_transcript,
    move_transcript,
    open_speakers,
    rename_transcript,
    set_layer_language,
)
from tui.short_dates import short_date
from tui.store_access import app_store
from tui.table_cursor import highlighted_id
from tui.widgets.sized_table import SizedTable, fill_table
from tui.widgets.stable_footer import StableFooter

NARROW_WIDTH = 100
"""Below this width the tables are stacked rather than side by side."""


class HomeScreen(Screen[None]):
    """Overview of the project: counts, sessions, participants and transcripts."""

    COMMANDS = {ScreenActionsProvider}  # the keys left out of the footer
    AUTO_FOCUS = "#transcripts"  # Enter opens a transcript for coding, as its caption says

    BINDINGS = [
        key_binding("r,к", "refresh", _("Refresh"), _("Reload from the file"), "home-refresh"),
        key_binding(
            "i,ш",
            "import_file",
            _("Import"),
            _("Import a transcript or a REFI-QDA file (QDPX, QDC) into this project"),
            "home-import",
        ),
        key_binding(
            "m,ь",
            "merge_copy",
            _("Merge"),
            _("Merge a coder's copy of this project into it"),
            "home-merge",
        ),
        *TRANSCRIPT_BINDINGS,  # rename, move, delete, layer language, speakers
        AUTOCODE_BINDING,
        MEMOS_BINDING,
        item_memo_binding(
            "home", _("Write or read the project's memo"), keys="p,з", title=_("Project memo")
        ),
        *HIDDEN_HISTORY_BINDINGS,
        key_binding(
            "t,е",
            "transcribe",
            _("Transcribe"),
            _("Speech recognition on this computer: a recording becomes a new transcript"),
            "home-transcribe",
        ),
    ]

    _stamp: tuple[int, int] = (-1, -1)
    """The project's change stamp when the tables were last filled."""

    DEFAULT_CSS = """
    HomeScreen #summary { height: auto; padding: 0 1; }
    HomeScreen #nav { height: auto; padding: 0 1; color: $text-muted; }
    HomeScreen DataTable { height: 1fr; }
    HomeScreen #home-left { width: 4fr; }
    HomeScreen #home-right { width: 3fr; }
    HomeScreen.-narrow #home-body { layout: vertical; }
    HomeScreen.-narrow #home-left { width: 100%; height: 2fr; }
    HomeScreen.-narrow #home-right { width: 100%; height: 1fr; }
    HomeScreen .caption { text-style: bold; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary", markup=False)
        yield Static(id="nav", markup=False)
        with Horizontal(id="home-body"):
            with Vertical(id="home-left"):
                yield Static(_("Sessions"), classes="caption", id="sessions-caption")
                yield SizedTable(id="sessions", cursor_type="row", zebra_stripes=True)
                yield Static(
                    _("Transcripts (Enter: open for coding)"),
                    classes="caption",
                    id="transcripts-caption",
                )
                yield SizedTable(id="transcripts", cursor_type="row", zebra_stripes=True)
            with Vertical(id="home-right"):
                yield Static(_("Participants"), classes="caption", id="participants-caption")
                yield SizedTable(id="participants", cursor_type="row", zebra_stripes=True)
        yield StableFooter()

    def on_mount(self) -> None:
        self.action_refresh()

    def on_resize(self) -> None:
        """Below :data:`NARROW_WIDTH` columns the participants go below the sessions, so
        that no table is cut to a few columns."""
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")

    def on_screen_resume(self) -> None:
        if self.is_mounted and self._stamp != app_store(self).change_stamp():
            self.action_refresh()

    def action_import_file(self) -> None:
        """Open the Import dialog (transcripts and REFI-QDA files)."""
        open_import(self.app)

    def action_merge_copy(self) -> None:
        """Open the dialog that merges a coder's copy into this project."""
        open_merge(self.app)

    def _transcript_id(self) -> int | None:
        """The transcript highlighted in the transcripts table."""
        table = self.query_one("#transcripts", DataTable)
        if table.row_count == 0:
            self.notify(_("No transcripts yet"), severity="warning", markup=False)
            return None
        return highlighted_id(table)

    def _on_transcript(self, act: TranscriptAction) -> None:
        transcript_id = self._transcript_id()
        if transcript_id is not None:
            act(self, app_store(self), transcript_id, self.action_refresh)

    def action_rename_transcript(self) -> None:
        """Rename the highlighted transcript."""
        self._on_transcript(rename_transcript)

    def action_move_transcript(self) -> None:
        """Move the highlighted transcript to another session."""
        self._on_transcript(move_transcript)

    def action_delete_transcript(self) -> None:
        """Delete the highlighted transcript after a confirmation with the counts."""
        self._on_transcript(delete_transcript)

    def action_layer_language(self) -> None:
        """Set the language of a layer of the highlighted transcript."""
        self._on_transcript(set_layer_language)

    def action_speakers(self) -> None:
        """Open the Speakers screen."""
        open_speakers(self)

    def action_memos(self) -> None:
        """Open the Memos screen."""
        open_memos(self)

    def action_item_memo(self) -> None:
        """Write or read the project's memo."""
        name = app_store(self).project().name
        edit_item_memo(self, "project", None, name, self.action_refresh)

    def action_autocode(self) -> None:
        """Autocode by speaker, guide question or search query."""
        start_autocode(self, self.action_refresh)

    def action_undo(self) -> None:
        """Undo the last change (a deleted transcript comes back)."""
        if run_history(self, app_store(self), redo=False) is not None:
            self.action_refresh()

    def action_redo(self) -> None:
        """Redo the last undone change."""
        if run_history(self, app_store(self), redo=True) is not None:
            self.action_refresh()

    def action_transcribe(self) -> None:
        """Open the dialog that transcribes a recording offline."""
        open_transcribe(self.app)

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a transcript opens it for coding; on a session or participant, its screen."""
        table_id = event.data_table.id
        if table_id == "transcripts" and event.row_key.value is not None:
            transcript_id = int(event.row_key.value)
            await self.app.switch_mode("transcripts")
            open_transcript = getattr(self.app.screen, "open_transcript", None)
            if callable(open_transcript):
                open_transcript(transcript_id)
        elif table_id in ("sessions", "participants"):
            await self.app.switch_mode(table_id)

    def retranslate(self) -> None:
        """Redraw every label in the current UI language."""
        self.query_one("#sessions-caption", Static).update(_("Sessions"))
        self.query_one("#transcripts-caption", Static).update(
            _("Transcripts (Enter: open for coding)")
        )
        self.query_one("#participants-caption", Static).update(_("Participants"))
        self.action_refresh()

    def action_refresh(self) -> None:
        """Reload counts and tables from the project file."""
        store = app_store(self)
        self._stamp = store.change_stamp()
        info = store.info()
        counts = [
            ngettext("{n} participant", "{n} participants", info.participants),
            ngettext("{n} session", "{n} sessions", info.sessions),
            ngettext("{n} transcript", "{n} transcripts", info.transcripts),
            ngettext("{n} utterance", "{n} utterances", info.utterances),
            ngettext("{n} word", "{n} words", info.words),
            ngettext("{n} code", "{n} codes", info.codes),
            ngettext("{n} coding", "{n} codings", info.codings),
        ]
        numbers = (
            info.participants,
            info.sessions,
            info.transcripts,
            info.utterances,
            info.words,
            info.codes,
            info.codings,
        )
        self.query_one("#summary", Static).update(
            " · ".join(
                [
                    with_mark(info.name, bool(store.memos.all("project", None))),
                    ", ".join(info.languages),
                    *(
                        text.format(n=format_number(n))
                        for text, n in zip(counts, numbers, strict=True)
                    ),
                ]
            )
        )
        self.query_one("#nav", Static).update(
            "  ".join(f"{item.key.upper()} {_(item.title)}" for item in SCREENS)
        )
        kinds = {"interview": _("interview"), "focus_group": _("focus group")}
        all_sessions = store.sessions.all()
        fill_table(
            self.query_one("#sessions", SizedTable),
            (_("Title"), _("Kind"), _("Date"), _("Location"), _("Language")),
            [
                (
                    str(s.id),
                    (
                        s.title,
                        kinds[s.kind],
                        short_date(s.date) if s.date else "",
                        s.location or "",
                        ", ".join(s.languages),
                    ),
                )
                for s in all_sessions
            ],
            caps=(40, 14, 12, 24, 12),
        )
        attributes = [a.name for a in store.participants.attributes() if not a.sensitive][:3]
        people = sorted_by_name(store.participants.all(), lambda p: p.code, get_language())
        fill_table(
            self.query_one("#participants", SizedTable),
            (_("Pseudonym"), *attributes),
            [
                (str(p.id), (p.code, *(_text(p.attributes.get(a)) for a in attributes)))
                for p in people
            ],
            caps=(24, *(16 for _a in attributes)),
        )
        titles = {s.id: s.title for s in all_sessions}
        layers: dict[int, list[str]] = {}
        for layer in store.transcripts.layers(with_text=False):
            layers.setdefault(layer.transcript_id, []).append(layer.language)
        utterances = store.transcripts.utterance_counts()
        fill_table(
            self.query_one("#transcripts", SizedTable),
            (_("Transcript"), _("Session"), _("Layers"), _("Utterances")),
            [
                (
                    str(t.id),
                    (
                        t.title,
                        titles.get(t.session_id, ""),
                        " + ".join(layers.get(t.id, [])),
                        format_number(utterances.get(t.id, 0)),
                    ),
                )
                for t in store.transcripts.all()
            ],
            caps=(40, 40, 16, 10),
            numeric=(3,),
        )


def _text(value: object) -> str:
    """An attribute value as shown in a cell (none: empty)."""
    return "" if value is None else str(value)
