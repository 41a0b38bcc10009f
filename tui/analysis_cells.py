"""Which passages stand behind a cell of an analysis table (Enter on the cell lists them).

Headless. A frequency, crosstab, sessions-matrix or valence table has one row per
code in code-tree order; its columns are counts, groups (attribute values, session
field values, sessions) or valences. :func:`cell_request` turns a cell into a
:class:`tui.passages_request.PassagesRequest`: the row's code (with its sub-codes),
the table's filters, and the column's group as one more filter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from analysis.crosstab import MISSING
from analysis.dataset import StudyData
from analysis.table import Table
from analysis.valence import NOT_RATED, VALENCE_NAMES
from exports.study.analysis_request import StatsRequest
from tui.passages_request import PassagesRequest

CELL_KINDS = ("frequencies", "crosstab", "sessions-matrix", "valence")
"""The kinds of table whose cells lead to passages."""


@dataclass(frozen=True)
class CellPassages:
    """The passages request behind a cell and words for where it came from."""

    request: PassagesRequest
    scope: str
    """The column's group as the table names it ('' for a count of all passages)."""


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
    request = PassagesRequest(code_id=code_id, filters=stats.filters)
    key = table.column_keys[column] if 0 <= column < len(table.column_keys) else ""
    shown = table.columns[column] if 0 <= column < len(table.columns) else ""
    if stats.kind == "valence":
        by_key = {name: value for value, name in VALENCE_NAMES.items()}
        if key == NOT_RATED:
            return CellPassages(replace(request, valences=(None,)), shown)
        if key in by_key:
            return CellPassages(replace(request, valences=(by_key[key],)), shown)
        return CellPassages(request, "")
    if stats.kind == "sessions-matrix":
        by_label = {data.session_label(sid): sid for sid in data.sessions}
        if key in by_label:
            return CellPassages(replace(request, session_ids=(by_label[key],)), shown)
        return CellPassages(request, "")
    if stats.kind == "crosstab" and column > 0:
        group = _group_label(key)
        if group is None or group == MISSING:
            return CellPassages(request, "")
        if stats.session_field:
            field = stats.session_field
            ids = tuple(sid for sid in data.sessions if _session_value(data, sid, field) == group)
            return CellPassages(replace(request, session_ids=ids), shown)
        if stats.attribute:
            where = (*stats.filters.where, (stats.attribute, group))
            return CellPassages(
                replace(request, filters=replace(stats.filters, where=where)), shown
            )
    return CellPassages(request, "")


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
