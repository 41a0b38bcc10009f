"""The live session's notes: time, speaker, question number and the note, which wraps.

The first three columns are as wide as their texts; the Note column takes every column
left (never fewer than :data:`LEAST_NOTE_WIDTH`) and a longer note wraps onto more lines,
so a note is read whole at any terminal width instead of running off the right edge.
When the table's width changes, the columns are laid out again.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from i18n import _

NoteRow = tuple[str, tuple[str, str, str, str]]
"""A note's row key and its texts: time, speaker, question number, note."""

LEAST_NOTE_WIDTH = 12
"""The Note column is never narrower than this (the table then scrolls sideways)."""


class LiveNotesTable(DataTable[Text]):
    """The notes of a live session, newest at the bottom, the note text wrapped."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.notes: list[NoteRow] = []
        """Every row shown, in order (the table is rebuilt from them on a new width)."""
        self._widths: tuple[int, ...] = ()
        self._laid_out_at = -1

    def show(self, rows: Iterable[NoteRow]) -> None:
        """Show ``rows`` (all the session's notes) with the cursor on the last one."""
        self.notes = list(rows)
        self.lay_out()
        self.move_cursor(row=self.row_count - 1)

    def add(self, row: NoteRow) -> None:
        """Add one note at the bottom and move the cursor to it."""
        self.notes.append(row)
        if self._widths != self.column_widths():
            self.lay_out()
        else:
            self.add_row(*self.cells(row), key=row[0], height=self.height_of(row))
        self.move_cursor(row=self.row_count - 1)

    def on_resize(self) -> None:
        if self.size.width != self._laid_out_at:
            row = self.cursor_row
            self.lay_out()
            self.move_cursor(row=row)

    def column_widths(self) -> tuple[int, ...]:
        """The widths of the four columns at the table's present width."""
        headers = (_("Time"), _("Speaker"), _("Q"))
        fixed = [
            max([cell_len(header), *(cell_len(texts[i]) for _key, texts in self.notes)])
            for i, header in enumerate(headers)
        ]
        if not self.size.width:
            # not laid out yet (the live page is still hidden): one line per note for now,
            # the first Resize lays the table out for its width
            longest = max([cell_len(_("Note")), *(cell_len(t[3]) for _key, t in self.notes)])
            return (*fixed, longest)
        padding = 2 * self.cell_padding
        scrollbar = self.styles.scrollbar_size_vertical
        left = self.size.width - scrollbar - sum(width + padding for width in fixed) - padding
        return (*fixed, max(LEAST_NOTE_WIDTH, left))

    def lay_out(self) -> None:
        """Rebuild the columns for the present width and add every note again."""
        self._widths = self.column_widths()
        self._laid_out_at = self.size.width
        self.clear(columns=True)
        headers = (_("Time"), _("Speaker"), _("Q"), _("Note"))
        for header, width in zip(headers, self._widths, strict=True):
            self.add_column(header, width=width)
        for row in self.notes:
            self.add_row(*self.cells(row), key=row[0], height=self.height_of(row))

    @staticmethod
    def cells(row: NoteRow) -> list[Text]:
        """The row's cells as literal text (a note is never markup)."""
        return [Text(text) for text in row[1]]

    def height_of(self, row: NoteRow) -> int | None:
        """1 for a note that fits on one line; None (measured, wrapped) for a longer one."""
        text = row[1][3]
        return 1 if "\n" not in text and cell_len(text) <= self._widths[3] else None
