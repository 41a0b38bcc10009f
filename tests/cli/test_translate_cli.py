"""``suhbat translate``: status, the translator table round trip with each bad row, glossary."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from cli_helpers import run
from translation_study import translation_project

from exports.table_reading import read_rows
from storage import Store


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return translation_project(tmp_path / "t.suhbat")


def _translations(project: Path) -> list[str]:
    with Store(project, read_only=True) as store:
        transcript = store.transcripts.all()[0]
        layer = store.translations.target_layer(transcript.id, "en")
        return [r.translation for r in store.translations.rows(layer.id)] if layer else []


def _export_csv(project: Path, tmp_path: Path) -> tuple[Path, list[str], list[dict[str, str]]]:
    out = tmp_path / "to_translate.csv"
    code, stdout, _err = run("translate", "export", project, "interview_07", "--to", "en", out)
    assert code == 0, stdout
    with out.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return out, list(reader.fieldnames or []), list(reader)


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def test_xlsx_round_trip_translates_and_status_shows(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "interview_07.en.xlsx"
    code, stdout, _err = run("translate", "export", project, "interview_07", "--to", "en", out)
    assert code == 0 and "5" in stdout
    header, rows, _enc = read_rows(out)
    assert header[:6] == ["id", "time", "speaker", "original", "language", "translation"]
    assert rows[1].cells["original"] == "Согласование у акима занимает три дня."
    assert rows[1].cells["status"] == "untranslated"
    # the translator fills two rows in Excel; we write them back as CSV with the same columns
    filled = [dict(r.cells) for r in rows]
    filled[0]["translation"] = "Tell me, how does your day go?"
    filled[2]["translation"] = "Thank you."
    back = tmp_path / "back.csv"
    _write_csv(back, header, filled)
    code, stdout, err = run("translate", "import", project, back, "--translator", "Aida")
    assert code == 0, err
    assert _translations(project) == ["Tell me, how does your day go?", "", "Thank you.", "", ""]
    code, stdout, _err = run("translate", "status", project, "--json")
    data = json.loads(stdout)
    totals = {p["language"]: p for p in data["project"]}
    assert totals["en"]["translated_utterances"] == 2
    assert totals["kk"]["translated_utterances"] == 0
    assert data["transcripts"][0]["language"] == "en"
    info = json.loads(run("info", project, "--json")[1])
    en = next(p for p in info["translation"] if p["language"] == "en")
    assert (en["translated_utterances"], en["utterances"]) == (2, 5)


@pytest.mark.parametrize("case", ["changed", "unknown", "language", "missing"])
def test_a_bad_row_writes_nothing_and_is_named(project: Path, tmp_path: Path, case: str) -> None:
    _out, header, rows = _export_csv(project, tmp_path)
    for r in rows:
        r["translation"] = "x " + r["original"][:5]
    if case == "changed":
        rows[3]["original"] = "Согласование заняло неделю."
    elif case == "unknown":
        rows[3]["id"] = "00000000-0000-4000-8000-000000000000"
    elif case == "language":
        rows[3]["language"] = "ru"
    else:
        header = [h for h in header if h != "original"]
    bad = tmp_path / "bad.csv"
    _write_csv(bad, header, rows)
    code, _stdout, err = run("translate", "import", project, bad)
    assert code == 1
    expected = {
        "changed": "line 5: the original changed",
        "unknown": "line 5: unknown id",
        "language": "line 5: wrong language 'ru'",
        "missing": "the column 'original' is missing",
    }[case]
    assert expected in err
    assert _translations(project) == []  # nothing written, not even the layer
    if case != "missing":
        code, _stdout, err = run("translate", "import", project, bad, "--partial")
        assert code == 1 and "line 5" in err
        assert sum(1 for t in _translations(project) if t) == 4


def test_docx_export_reads_back(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.docx"
    assert run("translate", "export", project, "interview_07", "--to", "kk", out)[0] == 0
    import docx

    document = docx.Document(str(out))
    table = document.tables[0]
    table.rows[1].cells[5].text = "Айтыңызшы, күніңіз қалай өтеді?"
    document.save(str(out))
    code, _stdout, err = run("translate", "import", project, out)
    assert code == 0, err
    with Store(project, read_only=True) as store:
        layer = store.translations.target_layer(store.transcripts.all()[0].id, "kk")
        assert layer is not None
        assert store.translations.rows(layer.id)[0].translation.startswith("Айтыңызшы")


def test_only_marked_and_glossary_notes(project: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(
        "term,rendering,note\nаким,akim (head of local administration),title\n", encoding="utf-8"
    )
    code, stdout, _err = run("translate", "glossary", "import", project, glossary)
    assert code == 0 and "1" in stdout
    with Store(project) as store:
        ids = store.transcripts.utterance_ids(store.transcripts.all()[0].id)
        store.translations.mark([ids[1], ids[4]])
    out = tmp_path / "marked.csv"
    assert (
        run("translate", "export", project, "interview_07", "--to", "en", out, "--only-marked")[0]
        == 0
    )
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    assert "аким → akim (head of local administration)" in rows[0]["notes"]
    rows[0]["translation"] = "Approval by the mayor takes three days."
    _write_csv(out, list(rows[0]), rows[:1])
    assert run("translate", "import", project, out)[0] == 0
    code, stdout, _err = run("translate", "glossary", "check", project)
    assert code == 1 and "akim" in stdout


def test_glossary_import_bad_row_writes_nothing(project: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("term,rendering\nаким,akim\nмаслихат,\n", encoding="utf-8")
    code, _stdout, err = run("translate", "glossary", "import", project, glossary)
    assert code == 1 and "line 3" in err
    with Store(project, read_only=True) as store:
        assert store.translations.glossary() == []
