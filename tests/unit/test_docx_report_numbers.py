"""Report DOCX: every percentage cell and every coefficient looks the same in every table.

Read back from the demo study's report in English, Russian and Kazakh: percentages
have one decimal and the language's percent style (``50.0%``, ``50,0 %``, ``50,0%``),
agreement coefficients (κ, α, PABAK) three decimals, undefined values a dash.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docx_dump import dump_docx

from exports.docx_report import ReportOptions, write_report_docx
from storage import Store

DASH = "—"
PERCENT = {
    "en": r"\d{1,3}\.\d%",
    "ru": r"\d{1,3},\d\u00a0%",  # Russian puts a no-break space before the sign
    "kk": r"\d{1,3},\d%",
}
COEFFICIENT = {"en": r"[-−]?\d\.\d{3}", "ru": r"[-−]?\d,\d{3}", "kk": r"[-−]?\d,\d{3}"}


def report_tables(project: Path, out: Path, language: str) -> list[list[list[str]]]:
    with Store(project) as store:
        write_report_docx(store, out, ReportOptions(language=language, generated=date(2024, 5, 1)))
    return dump_docx(out).tables()


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_percentages_and_coefficients_have_one_style(
    demo_path: Path, tmp_path: Path, language: str
) -> None:
    percent = re.compile(PERCENT[language])
    coefficient = re.compile(COEFFICIENT[language])
    count_percent = re.compile(rf"\d+ \({PERCENT[language]}\)")
    seen = {"percent": 0, "coefficient": 0, "count_percent": 0}
    for table in report_tables(demo_path, tmp_path / f"{language}.docx", language):
        header, rows = table[0], table[1:]
        for column, title in enumerate(header):
            cells = [row[column] for row in rows if row[column] and row[column] != DASH]
            if "%" in title:
                kind, pattern = "percent", percent
            elif any(mark in title for mark in ("κ", "α", "PABAK")):
                kind, pattern = "coefficient", coefficient
            elif "(n = " in title:
                kind, pattern = "count_percent", count_percent
            else:
                continue
            for text in cells:
                assert pattern.fullmatch(text), (title, text)
            seen[kind] += len(cells)
    assert all(seen.values()), seen  # the demo study has numbers in every kind of column
