"""``suhbat export report OUT --workbook BOOK``: the report and every table from one load.

The two files are exactly what ``export report`` and ``export xlsx`` write on their own,
and a statistic both show is computed once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from exports import docx_report, docx_report_agreement, table_catalog
from exports.docx_report import ReportOptions, write_report_docx
from storage import Store
from tui.cli import cli


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def cells(book: Path) -> dict[str, list[tuple[Any, ...]]]:
    workbook = openpyxl.load_workbook(book)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def text(report: Path) -> list[str]:
    document = docx.Document(str(report))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        found += [cell.text for row in table.rows for cell in row.cells]
    return found


def test_the_report_and_the_workbook_are_what_each_command_writes(
    demo_path: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        "--lang", "ru", "export", "report", demo_path, tmp_path / "both.docx",
        "--workbook", tmp_path / "both.xlsx",
    )  # fmt: skip
    assert code == 0, err
    assert str(tmp_path / "both.docx") in out
    assert str(tmp_path / "both.xlsx") in out
    assert run("--lang", "ru", "export", "report", demo_path, tmp_path / "alone.docx")[0] == 0
    assert run("--lang", "ru", "export", "xlsx", demo_path, tmp_path / "alone.xlsx")[0] == 0
    assert text(tmp_path / "both.docx") == text(tmp_path / "alone.docx")
    together, alone = cells(tmp_path / "both.xlsx"), cells(tmp_path / "alone.xlsx")
    assert together == alone
    assert any("κ" in str(value) for rows in together.values() for row in rows for value in row)


def test_an_existing_workbook_is_not_replaced_without_force(
    demo_path: Path, tmp_path: Path
) -> None:
    book = tmp_path / "tables.xlsx"
    book.write_bytes(b"keep me")
    code, _out, err = run("export", "report", demo_path, tmp_path / "r.docx", "--workbook", book)
    assert code == 1
    assert str(book) in err
    assert book.read_bytes() == b"keep me"
    assert not (tmp_path / "r.docx").exists()


def _counted(function: Callable[..., Any], calls: list[str]) -> Callable[..., Any]:
    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(function.__name__)
        return function(*args, **kwargs)

    return counting


def test_statistics_both_show_are_computed_once(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    for module, name in [
        (docx_report_agreement, "presence_agreement"),
        (docx_report_agreement, "segment_agreement"),
        (docx_report_agreement, "study_unitizing_alpha"),
        (docx_report, "code_frequencies"),
    ]:
        counting = _counted(getattr(module, name), calls)
        monkeypatch.setattr(module, name, counting)
        monkeypatch.setattr(table_catalog, name, counting)
    with Store(demo_path, read_only=True) as store:
        write_report_docx(
            store, tmp_path / "r.docx", ReportOptions(language="en"), workbook=tmp_path / "t.xlsx"
        )
    assert sorted(calls) == [
        "code_frequencies",
        "presence_agreement",
        "segment_agreement",
        "study_unitizing_alpha",
    ]
