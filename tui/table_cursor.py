"""The row under a DataTable's cursor, by its integer key, kept across a reload.

Lists of project records (participants, sessions, questions, guides, …) key each
row by the record's id: these helpers read that id back and put the cursor on it
again after the table is rebuilt.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable


def highlighted_id(table: DataTable[Any]) -> int | None:
    """The integer key of the row under the cursor, or ``None`` in an empty table."""
    if table.row_count == 0:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return int(key) if key else None


def restore_cursor(
    table: DataTable[Any], select: int | None, old_row: int, column: int | None = None
) -> None:
    """After a reload, put the cursor on row ``select`` or, if it is gone, near ``old_row``.

    ``column`` (when given) is the cursor's column; otherwise the column is kept.
    """
    if select is not None and str(select) in table.rows:
        table.move_cursor(row=table.get_row_index(str(select)), column=column)
    elif table.row_count:
        table.move_cursor(row=min(old_row, table.row_count - 1), column=column)
