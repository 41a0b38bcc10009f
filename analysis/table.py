"""One generic table that every statistic can render to.

The CLI prints it or writes it as CSV/JSON, the DOCX report and the TUI show it,
without knowing which statistic made it. Cells are plain values
(``str | int | float | Fraction | None``); ``None`` is an empty cell (a missing
value, or an undefined statistic explained in :attr:`Table.notes`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from analysis.undefined import Undefined
from analysis.wording import ENGLISH, Translator

Cell = str | int | float | Fraction | None
"""One value in a :class:`Table`."""


@dataclass(frozen=True)
class Table:
    """A titled table of cells with its unit of analysis and explanatory notes.

    ``unit`` says what the numbers count ("participants", "segments",
    "documents", …). ``uncoded_text_counts`` is set by agreement tables: whether
    text that no coder coded enters the statistic (``None`` where it does not
    apply). ``row_depths`` gives, per row, its depth in a code tree (0 for a
    top-level row) so that viewers can indent; empty when the table is flat.

    ``title``, ``unit``, ``columns`` and ``notes`` are in the language of the
    translator the table was made with. ``column_keys`` name the columns the same
    way in every language (the English headers; given as ``columns`` when left
    empty), so code that picks a column does not depend on the reader's language.
    """

    key: str
    title: str
    unit: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()
    uncoded_text_counts: bool | None = None
    row_depths: tuple[int, ...] = field(default=())
    column_keys: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        width = len(self.columns)
        if not self.column_keys:
            object.__setattr__(self, "column_keys", tuple(self.columns))
        if len(self.column_keys) != width:
            raise ValueError("column_keys must give one key per column")
        for i, row in enumerate(self.rows):
            if len(row) != width:
                raise ValueError(f"row {i} has {len(row)} cells, table has {width} columns")
        if self.row_depths and len(self.row_depths) != len(self.rows):
            raise ValueError("row_depths must give one depth per row")

    def __iter__(self) -> Iterator[tuple[Cell, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column_index(self, name: str) -> int:
        """The position of the column with key ``name`` (or, failing that, header ``name``)."""
        if name in self.column_keys:
            return self.column_keys.index(name)
        return self.columns.index(name)

    def column(self, name: str) -> list[Cell]:
        """All cells of the column with key (English header) or shown header ``name``."""
        index = self.column_index(name)
        return [row[index] for row in self.rows]

    def records(self) -> list[dict[str, Cell]]:
        """The rows as dictionaries keyed by column key (the English header)."""
        return [dict(zip(self.column_keys, row, strict=True)) for row in self.rows]

    def text_rows(self, digits: int = 3, tr: Translator = ENGLISH) -> list[list[str]]:
        """Header and rows as strings (for CSV and plain-text output)."""
        out = [list(self.columns)]
        out.extend([format_cell(cell, digits, tr) for cell in row] for row in self.rows)
        return out

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dictionary; fractions become ``"n/d"`` strings."""
        return {
            "key": self.key,
            "title": self.title,
            "unit": self.unit,
            "uncoded_text_counts": self.uncoded_text_counts,
            "columns": list(self.columns),
            "rows": [[_json_cell(cell) for cell in row] for row in self.rows],
            "notes": list(self.notes),
        }


def format_cell(cell: Cell, digits: int = 3, tr: Translator = ENGLISH) -> str:
    """Render one cell as text: floats rounded, fractions as ``n/d``, ``None`` empty."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return tr.gettext("yes") if cell else tr.gettext("no")
    if isinstance(cell, Fraction):
        return str(cell)
    if isinstance(cell, float):
        return f"{cell:.{digits}f}"
    return str(cell)


def _json_cell(cell: Cell) -> str | int | float | None:
    if isinstance(cell, Fraction):
        return str(cell)
    return cell


def stat_cell(value: float | Fraction | Undefined) -> Cell:
    """A statistic as a cell: undefined values become empty cells."""
    if isinstance(value, Undefined):
        return None
    return value


def undefined_notes(
    labelled: Sequence[tuple[str, object]], tr: Translator = ENGLISH
) -> tuple[str, ...]:
    """Notes explaining each undefined value, given ``(label, value)`` pairs.

    Labels are already in the reader's language; reasons are English msgids and are
    translated here.
    """
    _ = tr.gettext
    notes: list[str] = []
    for label, value in labelled:
        if isinstance(value, Undefined):
            notes.append(
                _("{label}: undefined — {reason}.").format(label=label, reason=_(value.reason))
            )
    return tuple(notes)


def translated(tr: Translator, msgids: Sequence[str]) -> tuple[str, ...]:
    """Each of ``msgids`` (marked with ``N_``) in the reader's language."""
    return tuple(tr.gettext(m) for m in msgids)


def percent(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole`` (``None`` when ``whole`` is 0)."""
    if whole == 0:
        return None
    return 100.0 * part / whole
