"""``suhbat export … --redact FILE`` as a user runs it: every format, the report beside
the export, real names, a bad list, and the project left as it was."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from cli_helpers import run
from docx_dump import dump_docx
from redaction_study import (
    REAL_NAME,
    RedactionStudy,
    build_redaction_study,
    expected_coded_texts,
    full_redactor,
    leaks,
    stored_state,
)

from exports.redaction_log import REPORT_COLUMNS
from storage import Store

FORMATS = {
    "docx": "transcripts.docx",
    "codebook": "codebook.docx",
    "report": "report.docx",
    "csv": "tables",
    "xlsx": "tables.xlsx",
    "qdpx": "study.qdpx",
    "qdc": "codebook.qdc",
}
TEXT_MEMBERS = (".xml", ".rels", ".qde", ".txt")


@pytest.fixture
def study(demo_path: Path, tmp_path: Path) -> RedactionStudy:
    return build_redaction_study(demo_path, tmp_path)


def all_text(out: Path) -> list[str]:
    """Every text an export holds: each file of a folder, each text in a zip package."""
    if out.is_dir():
        return [p.read_text(encoding="utf-8-sig") for p in sorted(out.iterdir())]
    if zipfile.is_zipfile(out):
        with zipfile.ZipFile(out) as package:
            names = [n for n in package.namelist() if n.endswith(TEXT_MEMBERS)]
            return [package.read(name).decode("utf-8") for name in names]
    return [out.read_text(encoding="utf-8")]


def report_rows(out: Path) -> list[dict[str, str]]:
    report = out.with_name(out.name + ".redactions.csv")
    with open(report, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == REPORT_COLUMNS
        return list(reader)


@pytest.mark.parametrize("kind", FORMATS)
def test_every_export_is_redacted_and_reported(
    kind: str, study: RedactionStudy, tmp_path: Path
) -> None:
    before = stored_state(study.path)
    out = tmp_path / FORMATS[kind]
    code, stdout, err = run("export", kind, study.path, out, "--redact", study.redaction_list)
    assert code == 0, err
    assert str(out) in stdout
    assert leaks(all_text(out)) == []
    report = out.with_name(out.name + ".redactions.csv")
    assert f"{report}" in err
    assert "keep it private" in err
    rows = report_rows(out)
    if kind != "qdc":  # a REFI codebook holds no transcript, session or participant
        assert {"Алматы", "Almaty", "Семёнов"} <= {r["term"] for r in rows}
    assert stored_state(study.path) == before


def test_docx_comments_stay_on_the_redacted_coded_text(
    study: RedactionStudy, tmp_path: Path
) -> None:
    out = tmp_path / "r1.docx"
    code, _out, err = run(
        "export",
        "docx",
        study.path,
        out,
        "-t",
        "Interview R1",
        "--layers",
        "ru",
        "--redact",
        study.redaction_list,
    )
    assert code == 0, err
    with Store(study.path) as store:
        expected = expected_coded_texts(store, full_redactor(store, study.redaction_list))
        wanted = sorted(expected[c.id] for c in store.codings.all(layer_id=study.r1_ru))
    anchored = sorted(c.anchored for c in dump_docx(out).comments)
    assert anchored == wanted
    assert "[PLACE] R1 сказала" in anchored
    rows = report_rows(out)
    assert any(r["term"] == REAL_NAME and r["placeholder"] == "R1" for r in rows)


def test_real_names_stay_when_asked_for_but_the_list_still_applies(
    study: RedactionStudy, tmp_path: Path
) -> None:
    out = tmp_path / "r1.docx"
    code, _out, err = run(
        "export",
        "docx",
        study.path,
        out,
        "--layers",
        "ru",
        "--real-names",
        "--redact",
        study.redaction_list,
    )
    assert code == 0, err
    body = "\n".join(dump_docx(out).paragraphs())
    assert f"В [PLACE] {REAL_NAME} сказала" in body
    assert "от [NAME] через три дня" in body


def test_a_csv_list_with_replacements(study: RedactionStudy, tmp_path: Path) -> None:
    listing = tmp_path / "list.csv"
    listing.write_text("kind,term,replacement\nPLACE,Алматы,город\nORG,акимат,\n", encoding="utf-8")
    out = tmp_path / "segments"
    code, _out, err = run(
        "export", "csv", study.path, out, "--table", "segments", "--redact", listing
    )
    assert code == 0, err
    text = "\n".join(all_text(out))
    assert "В город R1 сказала" in text
    assert "Я писал в [ORG] два раза" in text


def test_a_bad_list_stops_before_anything_is_written(study: RedactionStudy, tmp_path: Path) -> None:
    listing = tmp_path / "bad.txt"
    listing.write_text("PLACE: Алматы\nORG: => [ORG]\n", encoding="utf-8")
    out = tmp_path / "t.docx"
    code, _out, err = run("export", "docx", study.path, out, "--redact", listing)
    assert code == 1
    assert "bad.txt, line 2" in err
    assert not out.exists()
    assert not out.with_name(out.name + ".redactions.csv").exists()


def test_without_a_list_there_is_no_report(study: RedactionStudy, tmp_path: Path) -> None:
    out = tmp_path / "t.docx"
    code, _out, err = run("export", "docx", study.path, out)
    assert code == 0, err
    assert not out.with_name(out.name + ".redactions.csv").exists()
    assert "Redacted" not in err
