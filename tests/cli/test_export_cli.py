"""``suhbat export docx|codebook|report|csv|xlsx`` as a user runs them."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from cli_helpers import run
from docx_dump import style_name
from export_study import REAL_NAMES, SESSION_TITLE, Study, build_study


@pytest.fixture
def study(tmp_path: Path) -> Study:
    return build_study(tmp_path / "study.suhbat")


def test_export_help_lists_the_formats() -> None:
    code, out, _err = run("export", "--help")
    assert code == 0
    for name in ("docx", "codebook", "report", "csv", "xlsx"):
        assert name in out


def test_docx_with_comments_and_pseudonyms(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "fg.docx"
    code, stdout, err = run("--lang", "en", "export", "docx", study.path, out, "--layers", "ru")
    assert code == 0, err
    assert str(out) in stdout
    document = docx.Document(str(out))
    assert len(list(document.comments)) == 4
    assert any(p.text.startswith("[00:00:11] P01: ") for p in document.paragraphs)
    with zipfile.ZipFile(out) as package:
        assert REAL_NAMES[0] not in package.read("word/document.xml").decode("utf-8")


def test_docx_real_names_highlight_and_one_file_each(study: Study, tmp_path: Path) -> None:
    folder = tmp_path / "each"
    code, _out, err = run(
        "export",
        "docx",
        study.path,
        folder,
        "--each",
        "--codes",
        "highlight",
        "--real-names",
        "-t",
        SESSION_TITLE,
    )
    assert code == 0, err
    (written,) = folder.iterdir()
    document = docx.Document(str(written))
    assert list(document.comments) == []
    speakers = [row.cells[1].text for row in document.tables[-1].rows]
    assert speakers[1:] == ["Гүлнар Ким", "Айгерим Сарсенова", "Данияр Омаров"]


def test_docx_unknown_transcript_fails_cleanly(study: Study, tmp_path: Path) -> None:
    code, _out, err = run("export", "docx", study.path, tmp_path / "x.docx", "-t", "nope")
    assert code == 1
    assert "nope" in err
    assert not (tmp_path / "x.docx").exists()


def test_missing_project_fails_cleanly(tmp_path: Path) -> None:
    code, _out, err = run("export", "xlsx", tmp_path / "none.suhbat", tmp_path / "t.xlsx")
    assert code == 1
    assert "none.suhbat" in err


def test_codebook_in_russian(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "codebook.docx"
    code, _out, err = run("export", "codebook", study.path, out, "--language", "ru")
    assert code == 0, err
    headings = [p.text for p in docx.Document(str(out)).paragraphs if style_name(p) == "Heading 2"]
    assert headings == ["1.1 Долгое согласование", "2.1 Контроль начальства"]


def test_report_sections(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    code, _out, err = run(
        "--lang",
        "en",
        "export",
        "report",
        study.path,
        out,
        "--section",
        "frequencies",
        "--section",
        "saturation",
        "--saturation-base",
        "1",
        "--saturation-run",
        "1",
    )
    assert code == 0, err
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs if style_name(p) == "Heading 1"] == [
        "Themes and categories",
        "Thematic saturation",
    ]
    code, _out, err = run("export", "report", study.path, out, "--crosstab", "shoe size", "--force")
    assert code == 1 and "shoe size" in err


def test_report_memos_section_alone(study: Study, tmp_path: Path) -> None:
    """Every section of the report can be asked for by name, memos too."""
    out = tmp_path / "memos.docx"
    code, _out, err = run("--lang", "en", "export", "report", study.path, out, "--section", "memos")
    assert code == 0, err
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs if style_name(p) == "Heading 1"] == ["Memos"]


def test_csv_and_xlsx_tables(study: Study, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    code, _out, err = run(
        "--lang",
        "en",
        "export",
        "csv",
        study.path,
        folder,
        "--table",
        "segments",
        "--table",
        "frequencies",
    )
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["frequencies.csv", "segments.csv"]
    with open(folder / "segments.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    assert rows[0]["Speaker"] == "P01"
    book = tmp_path / "all.xlsx"
    code, _out, err = run("--lang", "en", "export", "xlsx", study.path, book)
    assert code == 0, err
    names = openpyxl.load_workbook(book).sheetnames
    assert names[0] == "Coded segments" and names[-1] == "About"
    code, _out, _err = run("export", "xlsx", study.path, book, "--table", "nonsense")
    assert code == 2  # click rejects an unknown table name


def test_unwritable_output_is_a_clean_error(study: Study, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _out, err = run("export", "codebook", study.path, blocker / "codebook.docx")
    assert code == 1
    assert "Error" in err
    assert blocker.read_text() == "x"


def test_every_export_works_while_the_project_is_open_for_writing(
    study: Study, tmp_path: Path
) -> None:
    import subprocess
    import sys

    # another process (the terminal app) holds the writer lock
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from storage import Store; s = Store(sys.argv[1]);"
            " print('holding', flush=True); time.sleep(60)",
            str(study.path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    try:
        for kind, out in (
            ("docx", tmp_path / "t.docx"),
            ("codebook", tmp_path / "c.docx"),
            ("report", tmp_path / "r.docx"),
            ("csv", tmp_path / "csv"),
            ("xlsx", tmp_path / "t.xlsx"),
            ("qdpx", tmp_path / "p.qdpx"),
            ("qdc", tmp_path / "c.qdc"),
        ):
            code, _out, err = run("export", kind, study.path, out)
            assert code == 0, err
            assert out.exists()
    finally:
        holder.kill()
        holder.wait()
