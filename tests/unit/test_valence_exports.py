"""Valence leaves the project in every export: CSV/XLSX, the report and REFI-QDA (both ways)."""

from __future__ import annotations

import csv
from pathlib import Path

from docx import Document
from export_study import Study, build_study
from refi_helpers import NS, assert_valid, read_qdpx, schema

from exports.docx_report import ReportOptions, write_report_docx
from exports.refi import import_refi, write_qdpx
from exports.study.loading import load_study
from exports.table_catalog import TableContext, build_tables
from exports.table_files import write_csv_files
from storage import Store
from storage.pseudonyms import PeopleNames


def _rated(tmp_path: Path) -> tuple[Study, dict[str, int]]:
    study = build_study(tmp_path / "study.suhbat")
    with Store(study.path) as store:
        store.codings.set_valence_scale(5)
        first, second = store.codings.all()[:2]
        store.codings.set_valence(first.id, -2)
        store.codings.set_valence(second.id, 1)
        return study, {first.uuid: -2, second.uuid: 1}


def test_segments_csv_has_a_valence_column_and_the_valence_table_counts(
    tmp_path: Path,
) -> None:
    study, _rated_codings = _rated(tmp_path)
    with Store(study.path) as store:
        data = load_study(store, language="en", with_text=True)
        context = TableContext(PeopleNames.of(store.participants.all()))
        tables = build_tables(data, ["segments", "valence"], context)
    files = write_csv_files(tables, tmp_path / "csv")
    with open(files[0], encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["Valence"] for r in rows if r["Valence"]) == ["-2", "1"]
    with open(files[1], encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert sum(int(r["very negative"]) for r in table if not r["Code"].startswith(" ")) >= 1
    assert {"very negative", "negative", "neutral", "positive", "very positive"} <= set(table[0])


def test_report_has_a_codes_by_valence_table(tmp_path: Path) -> None:
    study, _rated_codings = _rated(tmp_path)
    out = tmp_path / "report.docx"
    with Store(study.path) as store:
        write_report_docx(store, out, ReportOptions(language="ru", sections=("frequencies",)))
    document = Document(str(out))
    captions = [p.text for p in document.paragraphs]
    assert any("тональност" in text.casefold() for text in captions)
    headers = [cell.text for table in document.tables for cell in table.rows[0].cells]
    assert "очень негативная" in headers


def test_refi_qda_carries_valence_as_a_coding_note_and_reads_it_back(
    tmp_path: Path, shared_dir: Path
) -> None:
    study, rated = _rated(tmp_path)
    out = tmp_path / "study.qdpx"
    with Store(study.path) as store:
        write_qdpx(store, out)
    root = assert_valid(read_qdpx(out)[0], schema(shared_dir, "Project.xsd"))
    notes = root.findall(".//q:Notes/q:Note[@name='Valence']", NS)
    assert sorted(n.findtext("q:PlainTextContent", namespaces=NS) or "" for n in notes) == [
        "+1 (positive)",
        "-2 (very negative)",
    ]
    copy = tmp_path / "copy.suhbat"
    with Store.create(copy, languages=("ru", "kk", "en")) as store:
        import_refi(store, out)
        assert {c.uuid: c.valence for c in store.codings.all() if c.valence is not None} == rated
        assert store.codings.valence_scale() == 5
        assert not [m for m in store.memos.all() if "negative" in m.text]
