"""``suhbat search`` shows the form each hit matched; ``suhbat check`` warns of words
that mix Cyrillic and Latin letters without failing."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from transcript_data import add_transcript

from storage import Store
from tui.cli import cli


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout


def _project(path: Path) -> Path:
    with Store.create(path, languages=("ru",)) as store:
        texts = ("Без согласования акимата.", "Идёт соглаcование проекта.")  # Latin c
        add_transcript(store, texts)
    return path


def test_search_prints_the_matched_form(tmp_path: Path) -> None:
    project = _project(tmp_path / "p.suhbat")
    code, out = run("search", project, "согласование")
    assert code == 0
    assert "· «согласования»" in out and "· «соглаcование»" in out
    code, out = run("search", project, '"согласования"', "--json")
    assert [h["matched"] for h in json.loads(out)] == ["согласования"]


def test_check_warns_of_mixed_script_words(tmp_path: Path) -> None:
    project = _project(tmp_path / "p.suhbat")
    code, out = run("check", project)
    assert code == 0
    assert out.splitlines()[1:] == [
        "Warning: Utterance 2 of «int1» (ru): «соглаcование» mixes Cyrillic and Latin letters"
    ]
    code, out = run("check", project, "--json")
    (record,) = json.loads(out)
    assert record["warning"] is True and record["params"]["word"] == "соглаcование"


def test_concordance_lists_sorts_and_exports(tmp_path: Path) -> None:
    import csv

    from docx import Document

    project = _project(tmp_path / "p.suhbat")
    code, out = run("concordance", project, "согласование", "--width", "10")
    assert code == 0
    assert out.splitlines() == [
        "       Без согласования акимата.    Интервью 1 · P1 · 00:00:00",
        "      Идёт соглаcование проекта.    Интервью 1 · P1 · 00:00:01",
    ]
    code, out = run("concordance", project, "согласования", "--exact", "--json")
    assert [(r["left"], r["keyword"], r["right"]) for r in json.loads(out)] == [
        ("Без", "согласования", "акимата.")
    ]
    csv_path, docx_path = tmp_path / "c.csv", tmp_path / "c.docx"
    code, _out = run(
        "concordance",
        project,
        "согласование",
        "--sort",
        "right",
        "--csv",
        csv_path,
        "--docx",
        docx_path,
    )
    assert code == 0
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][4:] == ["Left context", "Keyword", "Right context"]
    assert [r[5] for r in rows[1:]] == ["согласования", "соглаcование"]  # акимата < проекта
    table = Document(str(docx_path)).tables[0]
    assert [c.text for c in table.rows[1].cells[:3]] == ["Без", "согласования", "акимата."]
    code, _out = run("concordance", project, "согласование", "--csv", csv_path)
    assert code == 1  # never replaced without --force
