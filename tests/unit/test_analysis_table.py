"""The generic Table every statistic renders to: text, CSV rows and JSON."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

import pytest

from analysis.saturation import saturation_from_counts
from analysis.table import Table, format_cell


def test_saturation_table_as_csv_and_json() -> None:
    table = saturation_from_counts([20, 8, 5, 4, 3, 2, 1, 1, 0, 1, 0, 0]).to_table()
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table.text_rows())
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert rows[0][:3] == ["#", "Session", "New codes"]
    assert rows[8][6] == "2/37"  # run 7–8 (shown on session 8): exact, not a rounded "5%"
    payload = json.loads(json.dumps(table.to_json()))
    assert payload["unit"] == "new codes per session"
    assert payload["rows"][6][6] == "3/37"
    assert any("7+2" in note for note in payload["notes"])


def test_cells_render_plainly() -> None:
    assert format_cell(None) == ""
    assert format_cell(Fraction(1, 3)) == "1/3"
    assert format_cell(0.12345, 2) == "0.12"
    assert format_cell("Urban") == "Urban"


def test_rows_must_fit_the_columns() -> None:
    with pytest.raises(ValueError):
        Table("k", "t", "u", ("a", "b"), ((1,),))
