"""Which passages stand behind a cell of an analysis table (Enter on the cell lists them).

Headless. A frequency, crosstab, sessions-matrix or valence table has one row per
code in code-tree order; its columns are counts, groups (attribute values, session
field values, sessions) or valences. :func:`cell_request` turns a cell into a
:class:`tui.passages_request.PassagesRequest`: the row's code (with its sub-codes),
the table's filters, and the column's group as one more filter. It also keeps, as
parts to word in whatever the UI language is when shown (:class:`CellScope`), the
column's group, and what the cell counts (:class:`CellCount`), so the passages screen
can say why it lists fewer passages than the cell's number.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from analysis.crosstab import MISSING
from analysis.dataset import StudyData
from analysis.table import Table
from analysis.valence import NOT_RATED, VALENCE_NAMES
from analysis.wording import SESSION_KIND_NAMES
from exports.study.analysis_request import StatsRequest
from i18n import N_, _
from tui.passages_request import PassagesRequest

CELL_KINDS = ("frequencies", "crosstab", "sessions-matrix", "valence")
"""The kinds of table whose cells lead to passages."""


@dataclass(frozen=True)
class CellScope:
    """The column's group a cell's passages come from, worded when shown.

    ``message`` is a message id (``not rated``, ``{group} (n={n})``) formatted with
    ``values`` in the UI language of the moment (the values named in ``translated`` are
    message ids too: a session kind); ``words`` are shown as they are (a session's
    title). Both empty: all the row's passages.
    """

    message: str = ""
    values: tuple[tuple[str, str | int], ...] = ()
    words: str = ""
    translated: tuple[str, ...] = ()

    def text(self) -> str:
        """The scope in the current UI language ('' when there is none)."""
        if self.message:
            values = {
                name: _(value) if name in self.translated and isinstance(value, str) else value
                for name, value in self.values
            }
            return _(self.message).format(**values)
        return self.words


@dataclass(frozen=True)
class CellCount:
    """A cell's number and what it counts: segments, codings, participants or sessions."""

    value: int
    unit: str


@dataclass(frozen=True)
class CellPassages:
    """The passages request behind a cell, where it came from and what the cell counts."""

    request: PassagesRequest
    scope: CellScope = CellScope()
    count: CellCount | None = None
    """The cell's number (None when it is not a count, e.g. a percentage)."""


FREQUENCY_UNITS = {
    "Segments": "segments",
    "Codings": "codings",
    "Participants": "participants",
    "Sessions": "sessions",
}
"""What the frequency table's count columns count, by column key."""


def row_code(table: Table, row: int, data: StudyData) -> int | None:
    """The code of table row ``row`` (rows follow the code tree, one per code)."""
    order = data.code_order
    if not 0 <= row < len(table.rows):
        return None
    if len(order) == len(table.rows) and table.rows[row][0] == data.code_name(order[row]):
        return order[row]
    name = table.rows[row][0]
    return next((cid for cid in order if data.code_name(cid) == name), None)


def cell_request(
    stats: StatsRequest, table: Table, row: int, column: int, data: StudyData
) -> CellPassages | None:
    """The passages behind cell (``row``, ``column``) of ``table``; None when there are none."""
    if stats.kind not in CELL_KINDS:
        return None
    code_id = row_code(table, row, data)
    if code_id is None:
        return None
    found = _cell_passages(stats, table, column, data, code_id)
    value = table.rows[row][column] if 0 <= column < len(table.columns) else None
    unit = cell_unit(stats, table.column_keys[column]) if column > 0 else None
    if unit is None or not isinstance(value, int) or isinstance(value, bool):
        return found
    return replace(found, count=CellCount(value, unit))


def cell_unit(stats: StatsRequest, key: str) -> str | None:
    """What the column with ``key`` of a ``stats`` table counts; None for other columns
    (percentages, levels, paths)."""
    if stats.kind == "frequencies":
        return FREQUENCY_UNITS.get(key)
    if stats.kind == "valence":
        return "codings"
    if stats.kind == "sessions-matrix":
        return stats.measure
    if stats.kind == "crosstab" and not key.endswith("%"):
        return (stats.by or "sessions") if stats.session_field else "participants"
    return None


def _cell_passages(
    stats: StatsRequest, table: Table, column: int, data: StudyData, code_id: int
) -> CellPassages:
    request = PassagesRequest(code_id=code_id, filters=stats.filters)
    key = table.column_keys[column] if 0 <= column < len(table.column_keys) else ""
    if stats.kind == "valence":
        by_key = {name: value for value, name in VALENCE_NAMES.items()}
        if key == NOT_RATED:
            return CellPassages(replace(request, valences=(None,)), CellScope(NOT_RATED))
        if key in by_key:
            return CellPassages(replace(request, valences=(by_key[key],)), CellScope(key))
        return CellPassages(request)
    if stats.kind == "sessions-matrix":
        by_label = {data.session_label(sid): sid for sid in data.sessions}
        if key in by_label:
            return CellPassages(
                replace(request, session_ids=(by_label[key],)), CellScope(words=key)
            )
        return CellPassages(request)
    if stats.kind == "crosstab" and column > 0:
        group = _group_label(key)
        if group is None or group == MISSING:
            return CellPassages(request)
        scope = _group_scope(key, group, kind=stats.session_field == "kind")
        if stats.session_field:
            field = stats.session_field
            ids = tuple(sid for sid in data.sessions if _session_value(data, sid, field) == group)
            return CellPassages(replace(request, session_ids=ids), scope)
        if stats.attribute:
            where = (*stats.filters.where, (stats.attribute, group))
            return CellPassages(
                replace(request, filters=replace(stats.filters, where=where)), scope
            )
    return CellPassages(request)


def _group_scope(key: str, group: str, *, kind: bool = False) -> CellScope:
    """A crosstab column's header as parts: ``Urban (n=4)`` or ``Urban %`` (``kind``: the
    group is a session kind, named in the UI language)."""
    named = kind and group in SESSION_KIND_NAMES
    label = SESSION_KIND_NAMES[group] if named else group
    translated = ("group",) if named else ()
    if key.endswith(")") and " (n=" in key:
        size = key.rsplit(" (n=", 1)[1][:-1]
        return CellScope(N_("{group} (n={n})"), (("group", label), ("n", size)), "", translated)
    return CellScope(N_("{group} %"), (("group", label),), "", translated)


def _group_label(key: str) -> str | None:
    """The group of a crosstab column key (``Urban (n=4)``, ``Urban %``); None for totals."""
    if key.startswith("Total"):
        return None
    if key.endswith(")") and " (n=" in key:
        return key.rsplit(" (n=", 1)[0]
    if key.endswith(" %"):
        return key[: -len(" %")]
    return None


def _session_value(data: StudyData, session_id: int, field: str) -> str:
    value = getattr(data.sessions[session_id], field)
    if isinstance(value, tuple):
        value = ", ".join(value)
    return MISSING if value in (None, "") else str(value)
