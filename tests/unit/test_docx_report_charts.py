"""Report DOCX: each chart is a picture whose numbers equal the table above it.

The report is written, read back with python-docx, and for every picture the numbers
kept inside the PNG (its ``suhbat-chart`` text chunk) are compared with the cells of
the table that precedes it: segments per code, new codes per session, and each
crosstab group's column percentage. Also the word-frequency section and a report
without charts.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

from exports.chart_images import DATA_KEY
from exports.docx_report import ReportOptions, write_report_docx
from storage import Store


def body_items(path: Path) -> list[tuple[str, Any]]:
    """Tables (as rows of cell texts) and pictures (their chart data), in document order."""
    document = docx.Document(str(path))
    items: list[tuple[str, Any]] = []
    for element in document.element.body:
        if element.tag == qn("w:tbl"):
            table = docx.table.Table(element, document)
            items.append(("table", [[c.text for c in row.cells] for row in table.rows]))
        for blip in element.iter(qn("a:blip")):
            part = document.part.related_parts[blip.get(qn("r:embed"))]
            with Image.open(io.BytesIO(part.blob)) as image:
                items.append(("chart", json.loads(image.info[DATA_KEY])))
    return items


def charts_with_tables(path: Path) -> list[tuple[dict[str, Any], list[list[str]]]]:
    out = []
    last_table: list[list[str]] = []
    for kind, value in body_items(path):
        if kind == "table":
            last_table = value
        else:
            out.append((value, last_table))
    return out


def write(project: Path, out: Path, language: str, **options: Any) -> Path:
    with Store(project) as store:
        write_report_docx(
            store, out, ReportOptions(language=language, generated=date(2024, 5, 1), **options)
        )
    return out


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_chart_shows_the_numbers_of_its_table(
    demo_path: Path, tmp_path: Path, language: str
) -> None:
    pairs = charts_with_tables(write(demo_path, tmp_path / "report.docx", language))
    kinds = [chart["kind"] for chart, _table in pairs]
    # frequencies, one heat map per categorical attribute (gender, setting, region), saturation
    assert kinds == ["bars", "heatmap", "heatmap", "heatmap", "curve"]
    for chart, table in pairs:
        rows = table[1:]
        assert chart["labels"] == [row[0].strip() for row in rows] or chart["kind"] == "curve"
        if chart["kind"] == "bars":
            assert chart["values"] == [float(row[1]) for row in rows]  # Segments
        elif chart["kind"] == "curve":
            assert chart["labels"] == [row[1] for row in rows]  # Session
            assert chart["values"] == [float(row[2]) for row in rows]  # New codes
            assert chart["threshold"] == pytest.approx(0.05 * 6)  # 5 % of 6 codes in the base
        else:
            groups = table[0][1:-1]
            assert chart["columns"] == groups
            for values, row in zip(chart["matrix"], rows, strict=True):
                shown = [
                    float(re.search(r"\(([\d.,]+)", cell)[1].replace(",", "."))  # type: ignore[index]
                    for cell in row[1:-1]
                ]
                assert [round(v, 1) for v in values] == shown


def test_word_frequencies_section(demo_path: Path, tmp_path: Path) -> None:
    path = write(demo_path, tmp_path / "words.docx", "en", sections=("words",), words_top=3)
    tables = [value for kind, value in body_items(path) if kind == "table"]
    assert len(tables) == 1
    header, *rows = tables[0]
    assert header == ["Transcript", "Rank", "Word", "Count", "Per 1,000 words"]
    assert [row[0] for row in rows if row[0]] == [
        "interview_r1",
        "interview_r2",
        "focus_group_kordai",
    ]
    assert rows[0][1:4] == ["1", "журналистам", "3"]  # журналистам, журналисту, журналисты
    assert len(rows) == 9


def test_a_report_without_charts_has_no_pictures(demo_path: Path, tmp_path: Path) -> None:
    path = write(demo_path, tmp_path / "plain.docx", "en", charts=False)
    assert [kind for kind, _value in body_items(path) if kind == "chart"] == []
