"""Exports under hostile input, as a user runs them: names hidden in file names and behind
invisible characters, spreadsheet formulas in participant and transcript text, sensitive
attributes in ``stats``, output folders that do not exist, and file permissions."""

from __future__ import annotations

import csv
import stat
import zipfile
from pathlib import Path

import pytest
from cli_helpers import run

from exports.invisible_chars import without_invisible
from storage import Store

SURNAME = "жанбыршыков"
"""The stem that must not survive a redacted export (compared case-folded)."""
TRANSCRIPT = "interview_Жанбыршыкова.txt"
REDACTION_LIST = "NAME: Айгуль Жанбыршыкова => P07\n"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile_dir(shared_dir: Path) -> Path:
    return shared_dir / "hostile"


@pytest.fixture
def project(hostile_dir: Path, tmp_path: Path) -> Path:
    """A project with the hostile transcript (coded throughout), its speaker linked to a
    participant whose attributes and notes hold the surname and formulas."""
    path = tmp_path / "study.suhbat"
    assert run("init", path)[0] == 0
    code, _out, err = run("import", path, hostile_dir / TRANSCRIPT)
    assert code == 0, err
    code, _out, err = run(
        "table", "import", path, "participants", hostile_dir / "participants_formulas.csv"
    )
    assert code == 0, err
    with Store(path) as store:
        store.participants.add_attribute("family", "text")
        store.participants.add_attribute("age", "integer")
        r1 = store.participants.find("R1")
        assert r1 is not None
        store.participants.update(r1.id, attributes={"family": "семья_Жанбыршыковых", "age": "-3"})
        store.participants.update(r1.id, notes='=HYPERLINK("http://example.invalid")')
        (transcript,) = store.transcripts.all()
        (layer,) = store.transcripts.layers(transcript.id)
        code_ = store.codes.add({"ru": "Имя"})
        coder = store.coders.get("Aigerim")
        for utterance in store.transcripts.utterances(transcript.id):
            start, end = utterance.spans[layer.id]
            store.codings.add(code_.id, layer.id, start, end, coder.id, memo="-- memo")
    return path


def visible_text(out: Path) -> str:
    """Every text and file name an export holds, invisible characters removed."""
    texts: list[str] = []
    paths = sorted(out.rglob("*")) if out.is_dir() else [out]
    for path in paths:
        texts.append(path.name)
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as package:
                for name in package.namelist():
                    texts.append(name)
                    texts.append(package.read(name).decode("utf-8", "replace"))
        elif path.is_file():
            texts.append(path.read_text(encoding="utf-8-sig"))
    return without_invisible("\n".join(texts))[0].casefold()


@pytest.mark.parametrize(
    ("fmt", "name", "extra"),
    [
        ("csv", "tables", ()),
        ("xlsx", "tables.xlsx", ()),
        ("qdpx", "study.qdpx", ("--include-sensitive",)),
        ("docx", "transcripts", ("--each",)),
        ("report", "report.docx", ()),
    ],
)
def test_a_name_in_a_file_name_or_behind_invisible_characters_is_redacted(
    project: Path, tmp_path: Path, fmt: str, name: str, extra: tuple[str, ...]
) -> None:
    listing = tmp_path / "names.txt"
    listing.write_text(REDACTION_LIST, encoding="utf-8")
    out = tmp_path / "out" / name
    unredacted = tmp_path / "plain" / name
    assert run("export", fmt, project, unredacted, *extra)[0] == 0
    assert SURNAME in visible_text(unredacted)  # the export does carry the name

    code, _stdout, err = run("export", fmt, project, out, *extra, "--redact", listing)

    assert code == 0, err
    text = visible_text(out)
    assert SURNAME not in text
    assert "p07" in text
    if fmt == "docx":
        assert [p.name for p in out.iterdir()] == ["interview_P07.docx"]


def test_the_redactor_matches_across_every_invisible_character_and_underscore() -> None:
    from exports.redaction import Redactor, parse_redaction_list

    redactor = Redactor(parse_redaction_list("NAME: Жанбыршыкова"))
    for hidden in (
        "Жан\u00adбыр\u00adшы\u00adкова",
        "Жанбыр\u200bшыкова",
        "Жанбыр\u200cшыкова",
        "Жанбыр\u200dшыкова",
        "Жанбыр\u2060шыкова",
        "Жанбыршы\u0301кова",
        "Жанбыршыкова\u0301",
        "ЖАНБЫРШЫКОВОЙ",
    ):
        for text in (hidden, f"interview_{hidden}", f"{hidden}-2", f"x_{hidden}_y"):
            redacted, found = redactor.apply(text)
            assert "[NAME]" in redacted, text
            assert SURNAME not in without_invisible(redacted)[0].casefold(), text
            assert found[0].found in text
    # the spans are those of the original text, invisible characters included
    text = "— Жан\u00adбыршы\u0301кова, да."
    redacted, (span,) = redactor.apply(text)
    assert redacted == "— [NAME], да."
    assert text[span.start : span.end] == "Жан\u00adбыршы\u0301кова"
    # a word that merely contains the letters is left alone
    assert redactor.redact("Казанбыршыкова") == "Казанбыршыкова"
    kazakh = Redactor(parse_redaction_list("NAME: Әйгерім Құрманғалиева"))
    for text in ("ӘЙГЕРІМ", "құрман\u00adғалиеваның", "файл_Құрманғалиева\u200b.txt"):
        assert "[NAME]" in kazakh.redact(text), text


def csv_cells(folder: Path) -> dict[str, list[list[str]]]:
    out = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            out[path.name] = list(csv.reader(handle))
    return out


def test_no_csv_cell_starts_like_a_formula_and_the_project_keeps_the_text(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tables"
    assert run("export", "csv", project, out)[0] == 0

    tables = csv_cells(out)
    for rows in tables.values():
        for row in rows:
            for cell in row:
                if cell.startswith(FORMULA_STARTS):
                    # only plain numbers may start with a sign
                    float(cell)
    participants = {row[0]: row for row in tables["participants.csv"]}
    header = tables["participants.csv"][0]
    r1 = dict(zip(header, participants["R1"], strict=True))
    assert r1["region"] == "'=cmd|' /C calc'!A0"
    assert r1["age"] == "-3"  # a negative number stays a number
    assert dict(zip(header, participants["R2"], strict=True))["region"] == "'+7 701 555 0101"
    segments = [row[-2] for row in tables["segments.csv"][1:]]
    assert "'=cmd|' /C calc'!A0" in segments
    assert any(s.startswith("'=HYPERLINK(") for s in segments)
    assert {row[-1] for row in tables["segments.csv"][1:]} == {"'-- memo"}
    with Store(project, read_only=True) as store:
        r1_stored = store.participants.find("R1")
        assert r1_stored is not None
        assert r1_stored.attributes["region"] == "=cmd|' /C calc'!A0"
        (layer,) = store.transcripts.layers()
        assert "\n=cmd|' /C calc'!A0" in layer.text


def test_stats_csv_and_the_redaction_report_are_neutralised_too(
    project: Path, tmp_path: Path
) -> None:
    listing = tmp_path / "names.txt"
    listing.write_text("NAME: =cmd\n", encoding="utf-8")
    code, _out, err = run(
        "stats", project, "crosstab", "--attribute", "region", "--csv", tmp_path / "x.csv"
    )
    assert code == 0, err
    header = (tmp_path / "x.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "'=cmd" in header and ",=cmd" not in header
    assert run("export", "csv", project, tmp_path / "t", "--redact", listing)[0] == 0
    report = (tmp_path / "t.redactions.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd" in report
    for row in csv.reader(report.splitlines()):
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row)


def test_stats_crosstab_hides_sensitive_attributes_unless_asked(
    project: Path, tmp_path: Path
) -> None:
    with Store(project) as store:
        region = next(a for a in store.participants.attributes() if a.name == "region")
        store.participants.update_attribute(region.id, sensitive=True)

    code, out, err = run("stats", project, "crosstab", "--attribute", "region")
    assert code == 1
    assert "=cmd" not in out + err
    assert "sensitive" in err and "--include-sensitive" in err

    code, out, _err = run(
        "stats", project, "crosstab", "--attribute", "region", "--include-sensitive"
    )
    assert code == 0
    assert "=cmd" in out

    code, out, err = run("stats", project, "profile", "participants")
    assert code == 0, err
    assert "=cmd" not in out
    code, out, _err = run("stats", project, "profile", "participants", "--include-sensitive")
    assert "=cmd" in out


def test_stats_redact_replaces_names_in_titles(project: Path, tmp_path: Path) -> None:
    listing = tmp_path / "names.txt"
    listing.write_text(REDACTION_LIST, encoding="utf-8")
    code, out, _err = run("stats", project, "sessions-matrix")
    assert code == 0
    assert SURNAME in out.casefold()

    code, out, err = run("stats", project, "sessions-matrix", "--redact", listing)

    assert code == 0, err
    assert SURNAME not in out.casefold()
    assert "interview_P07" in out
    assert "Redacted" in err


EXPORTS = {
    "docx": "t.docx",
    "codebook": "c.docx",
    "report": "r.docx",
    "csv": "tables",
    "xlsx": "t.xlsx",
    "qdpx": "p.qdpx",
    "qdc": "c.qdc",
}


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_every_export_makes_missing_folders_and_writes_private_files(
    project: Path, tmp_path: Path, fmt: str
) -> None:
    listing = tmp_path / "names.txt"
    listing.write_text(REDACTION_LIST, encoding="utf-8")
    out = tmp_path / "missing" / "dir" / EXPORTS[fmt]

    code, _out, err = run("export", fmt, project, out, "--redact", listing)

    assert code == 0, err
    files = [p for p in out.rglob("*") if p.is_file()] if out.is_dir() else [out]
    files.append(out.parent / f"{out.name}.redactions.csv")
    assert files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_an_export_that_cannot_make_its_folder_names_that_folder(
    project: Path, tmp_path: Path, fmt: str
) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    out = tmp_path / "afile" / "sub" / EXPORTS[fmt]

    code, _out, err = run("export", fmt, project, out)

    assert code == 1
    assert f"Cannot create the folder {tmp_path / 'afile' / 'sub'}" in err
    assert ".part" not in err and len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2_and_other_errors_exit_1(project: Path, tmp_path: Path) -> None:
    assert run("export", "csv", project, tmp_path / "t", "--no-such-option")[0] == 2
    assert run("stats", project, "no-such-kind")[0] == 2
    assert run("export", "csv", tmp_path / "missing.suhbat", tmp_path / "t")[0] == 1
    assert run("stats", project, "crosstab", "--attribute", "no-such")[0] == 1
