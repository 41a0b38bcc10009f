"""The XLSX writer's row-at-once path writes exactly what the cell-by-cell path writes."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from exports.xlsx_writer import CELL_LIMIT, XlsxValue, _plain_row, _row_cells, english_cut_note

LETTERS = [chr(ord("A") + i) for i in range(8)]
PIECES = [
    "Согласование",
    "қызметтерді",
    "a & b",
    "<v>",
    '"quoted"',
    "'",
    "👍🏽",
    "line\nbreak",
    "\ttab",
    "=SUM(A1)",
    "",
    " ",
    "bell\x07",
    "nul\x00",
    "\ufffe",
    "]]>",
]
VALUES: list[XlsxValue] = [None, 0, -3, 12_345, 0.5, float("nan"), float("inf"), 1e-9, True, False]


def _random_row(rng: random.Random) -> list[XlsxValue]:
    row: list[XlsxValue] = []
    for _ in range(rng.randint(0, len(LETTERS))):
        if rng.random() < 0.5:
            row.append("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4))))
        else:
            row.append(rng.choice(VALUES))
    return row


def test_plain_rows_match_the_cell_by_cell_path() -> None:
    rng = random.Random(21)
    fast_rows = 0
    for r in range(2, 5_000):
        row = _random_row(rng)
        expected = _row_cells(row, LETTERS, r, 0, english_cut_note)
        fast = _plain_row(row, LETTERS, r)
        if fast is not None:
            fast_rows += 1
            assert fast == expected, row
    assert fast_rows > 500  # the usual row takes the row-at-once path


def test_long_texts_go_cell_by_cell() -> None:
    row: list[XlsxValue] = ["x" * (CELL_LIMIT + 10), 1]
    assert _plain_row(row, LETTERS, 2) is None
    assert "more characters; an Excel cell holds" in _row_cells(
        row, LETTERS, 2, 0, english_cut_note
    )


def test_column_letters_are_excel_s() -> None:
    from openpyxl.utils import get_column_letter as openpyxl_letter

    from exports.xlsx_writer import get_column_letter

    for index in range(1, 18_279):  # A … XFD, Excel's last column, and beyond
        assert get_column_letter(index) == openpyxl_letter(index)


def test_writing_a_workbook_needs_neither_openpyxl_nor_numpy(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from exports.xlsx_writer import Sheet, write_workbook\n"
        f"write_workbook(Path({str(tmp_path / 'a.xlsx')!r}), [Sheet('a', ['x'], [['y']], 1)])\n"
        "print(sorted(m for m in ('openpyxl', 'numpy', 'docx') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
