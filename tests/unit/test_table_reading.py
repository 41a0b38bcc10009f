"""Reading study tables: rows keep the line they start on, harmless oddities pass.

The refusals themselves (unclosed quote, binary data, missing key column, repeated rows)
are checked as a user meets them in tests/cli/test_bad_imports_cli.py.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from exports.table_reading import read_table
from exports.tables import import_table
from storage import Store


def test_a_row_after_a_cell_spanning_lines_is_named_by_its_own_first_line(
    store: Store, tmp_path: Path
) -> None:
    table = tmp_path / "participants.csv"
    table.write_text(
        'participant,notes\nP1,"two\nlines"\n"P1",other\n',
        encoding="utf-8",
    )
    read = read_table(table)
    assert [row.line for row in read.rows] == [2, 4]


def test_a_dos_end_of_file_mark_is_not_binary_data(store: Store, tmp_path: Path) -> None:
    table = tmp_path / "participants.csv"
    table.write_bytes(b"participant,gender\r\nP1,F\r\n\x1a")
    report = import_table(store, "participants", table)
    assert report.created == 1
    assert [p.code for p in store.participants.all()] == ["P1"]


def test_empty_xlsx_rows_between_data_rows_are_named(store: Store, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (["participant", "gender"], ["P1", "F"], [None, None], ["P2", "M"], [None, None]):
        sheet.append(row)
    path = tmp_path / "participants.xlsx"
    workbook.save(path)
    assert read_table(path).empty_lines == [3]
    report = import_table(store, "participants", path)
    assert report.created == 2
    assert report.notes[0][1]["lines"] == "3"
