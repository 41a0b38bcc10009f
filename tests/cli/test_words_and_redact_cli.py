"""``suhbat stats words`` and ``suhbat redact suggest`` on real project files."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
from cli_helpers import run_in_english as run

from exports.transcript_import import import_transcript
from storage import Store


def test_stats_words_json_csv_and_xlsx(demo_path: Path, tmp_path: Path) -> None:
    code, out, err = run("stats", demo_path, "words", "--top", "2", "--json")
    assert code == 0, err
    table = json.loads(out)["tables"][0]
    assert table["key"] == "words"
    rows = [row[:4] for row in table["rows"]]
    assert rows[:2] == [
        ["interview_r1", 1, "журналистам", 3],
        ["interview_r1", 2, "нужно", 3],
    ]
    assert len(rows) == 6  # two words for each of three transcripts

    code, _out, err = run(
        "stats", demo_path, "words", "--by", "kind", "--forms", "surface",
        "--csv", tmp_path / "words.csv", "--xlsx", tmp_path / "words.xlsx",
    )  # fmt: skip
    assert code == 0, err
    with open(tmp_path / "words.csv", encoding="utf-8-sig") as handle:
        first = next(csv.DictReader(handle))
    assert (first["Group"], first["Word"], first["Count"]) == ("interview", "день", "2")
    sheet = openpyxl.load_workbook(tmp_path / "words.xlsx").worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["interview", 1, "день", 2] in [row[:4] for row in values]


def test_stats_words_by_attribute_and_bad_grouping(demo_path: Path) -> None:
    code, out, err = run("stats", demo_path, "words", "--by", "attribute:gender", "--json")
    assert code == 0, err
    groups = {row[0] for row in json.loads(out)["tables"][0]["rows"]}
    assert groups == {"F", "M", "(missing)"}
    code, _out, err = run("stats", demo_path, "words", "--by", "speaker")
    assert code == 2  # a value outside the choices: a usage error
    assert "grouped by transcript, kind or attribute:NAME, not 'speaker'" in err


def test_redact_suggest_lists_and_writes_nothing_to_the_project(
    tmp_path: Path, shared_dir: Path
) -> None:
    project = tmp_path / "names.suhbat"
    with Store.create(project, languages=("ru", "kk", "en")) as store:
        store.participants.add("P07", real_name="Айгуль Жанбыршыкова")
        import_transcript(
            store, shared_dir / "redaction" / "interview_names.ru.txt", session="Interview 7"
        )
    listing = tmp_path / "list.txt"
    listing.write_text("ORG: КНБ\n", encoding="utf-8")
    code, out, err = run("redact", "suggest", project, "--json", "--list", listing)
    assert code == 0, err
    found: dict[str, Any] = {s["term"]: s for s in json.loads(out)["suggestions"]}
    assert found["Ерлан Касымов"]["line"] == "NAME: Ерлан Касымов"
    assert found["Ерлан Касымов"]["sources"] == ["ner"]
    assert found["Айгуль Жанбыршыкова"]["line"] == "NAME: Айгуль Жанбыршыкова => P07"
    assert found["КНБ"]["listed"] is True

    review = tmp_path / "review.txt"
    code, out, err = run("redact", "suggest", project, "--out", review)
    assert code == 0, err
    assert "Ерлан Касымов" in out and "none is applied" in out
    lines = review.read_text(encoding="utf-8").splitlines()
    assert "# NAME: Ерлан Касымов" in lines
    assert all(not line or line.startswith("#") for line in lines)  # nothing accepted yet
    with Store(project) as store:
        assert store.get_setting("redaction.decisions") is None


def test_words_by_a_sensitive_attribute_only_when_asked(demo_path: Path) -> None:
    with Store(demo_path) as store:
        region = next(a for a in store.participants.attributes() if a.name == "region")
        store.participants.update_attribute(region.id, sensitive=True)
    code, _out, err = run("stats", demo_path, "words", "--by", "attribute:region")
    assert code == 1
    assert "'region' is marked sensitive" in err
    code, out, err = run(
        "stats", demo_path, "words", "--by", "attribute:region", "--include-sensitive", "--json"
    )
    assert code == 0, err
    assert "Zhambyl" in {row[0] for row in json.loads(out)["tables"][0]["rows"]}


def test_words_per_thousand_have_one_decimal_as_computed(demo_path: Path) -> None:
    code, out, err = run("stats", demo_path, "words")
    assert code == 0, err
    header = next(line for line in out.splitlines() if "Per 1,000 words" in line)
    start = header.index("Per 1,000 words")
    rows = [line for line in out.splitlines() if line.startswith("interview_r1")]
    cells = [line[start : start + len("Per 1,000 words")].strip() for line in rows]
    assert cells and all(cell.count(".") == 1 and len(cell.split(".")[1]) == 1 for cell in cells)
