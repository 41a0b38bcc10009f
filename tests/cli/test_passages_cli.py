"""``suhbat passages``, ``stats valence`` and ``valence`` on the demo project."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from cli_helpers import run_in_english as run
from docx import Document

from exports.study.analysis_request import Filters
from storage import Store
from tui.passages_request import PassagesRequest, find_passages


def test_a_theme_lists_one_passage_per_segment_with_translation(demo_path: Path) -> None:
    code, out, err = run("passages", demo_path, "--code", "Bureaucracy", "--json")
    assert code == 0, err
    passages = json.loads(out)
    with Store(demo_path) as store:
        theme = store.codes.find("Bureaucracy")
        assert theme is not None
        codes = {c.id for c in store.codes.all() if c.parent_id == theme.id} | {theme.id}
        segments = {(c.layer_id, c.start, c.end) for c in store.codings.all() if c.code_id in codes}
    assert len(passages) == len(segments)
    first = passages[0]
    assert first["Translation"] and first["Speaker"] and first["Time"]
    assert not any(" ." in p["Text"] or " ," in p["Text"] for p in passages)


def test_filters_csv_docx_and_refusing_to_overwrite(demo_path: Path, tmp_path: Path) -> None:
    out_csv, out_docx = tmp_path / "q.csv", tmp_path / "q.docx"
    code, _out, err = run(
        "passages",
        demo_path,
        "--code",
        "Bureaucracy/Slow approvals",
        "--coder",
        "Daniyar",
        "--language",
        "ru",
        "--csv",
        out_csv,
        "--docx",
        out_docx,
    )
    assert code == 0, err
    with open(out_csv, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["Coders"] for r in rows} == {"Daniyar"}
    assert {r["Language"] for r in rows} == {"ru"}
    body = "\n".join(p.text for p in Document(str(out_docx)).paragraphs)
    assert rows[0]["Text"] in body
    code, _out, err = run("passages", demo_path, "--code", "Bureaucracy", "--csv", out_csv)
    assert code == 1 and "exists" in err


def test_unknown_code_and_bad_valence_are_one_line_errors(demo_path: Path) -> None:
    code, _out, err = run("passages", demo_path, "--code", "Nothing like it")
    assert code == 1 and "No code called 'Nothing like it'" in err
    code, _out, err = run("passages", demo_path, "--code", "Distrust", "--valence", "happy")
    assert code == 2 and "'happy'" in err  # not one of the choices


def test_valence_filter_stats_table_and_scale(demo_path: Path) -> None:
    with Store(demo_path) as store:
        coding = store.codings.all()[0]
        store.codings.set_valence(coding.id, -1)
        name = store.codes.get(coding.code_id).name("en")
    code, out, err = run("passages", demo_path, "--code", name, "--valence", "negative", "--json")
    assert code == 0, err
    assert [p["Valence"] for p in json.loads(out)] == ["negative"]

    code, out, err = run("stats", demo_path, "valence", "--json")
    assert code == 0, err
    table = json.loads(out)["tables"][0]
    negative = table["columns"].index("negative")
    assert {row[0]: row[negative] for row in table["rows"]}[name] == 1

    code, out, _err = run("valence", demo_path)
    assert "3 points" in out
    code, out, _err = run("valence", demo_path, "5")
    assert code == 0 and "5 points" in out
    with Store(demo_path) as store:
        store.codings.set_valence(coding.id, 2)
    code, _out, err = run("valence", demo_path, "3")
    assert code == 1 and "−2 or +2" in err


def test_language_is_the_utterances_own_as_for_stats(demo_path: Path) -> None:
    """A Kazakh turn marked in a Russian layer is a Kazakh passage, as it counts under kk
    in ``stats --language`` and is found as Kazakh by search."""
    with Store(demo_path) as store:
        code = store.codes.find("Fear of responsibility")
        assert code is not None
        coding = next(c for c in store.codings.all() if c.code_id == code.id)
        layer = store.transcripts.layer(coding.layer_id)
        turn = next(
            u
            for u in store.transcripts.utterances(layer.transcript_id)
            if u.spans[layer.id][0] <= coding.start < u.spans[layer.id][1]
        )
        store.transcripts.set_utterance_language(layer.id, [turn.id], "kk")
        text = layer.text[coding.start : coding.end]
    code_, out, err = run(
        "passages", demo_path, "--code", "Fear of responsibility", "--language", "kk", "--json"
    )
    assert code_ == 0, err
    kazakh = json.loads(out)
    assert [p["Language"] for p in kazakh] == ["kk"] * len(kazakh)
    assert any(
        p["Text"] in " ".join(text.split()) or " ".join(text.split()) in p["Text"] for p in kazakh
    )
    _code, out, _err = run(
        "passages", demo_path, "--code", "Fear of responsibility", "--language", "ru", "--json"
    )
    assert not {p["Text"] for p in json.loads(out)} & {p["Text"] for p in kazakh}
    _code, out, _err = run("stats", demo_path, "frequencies", "--language", "kk", "--json")
    assert "Fear of responsibility" in out


def test_passages_filtered_by_utterance_language_load(demo_path: Path) -> None:
    """The Analysis screen's language filter reaches its coded passages (they stayed
    "Loading passages…": the study was loaded without the codings' languages)."""
    with Store(demo_path, read_only=True) as store:
        code = store.codes.find("Fear of responsibility")
        assert code is not None
        listing = find_passages(
            store, PassagesRequest(code_id=code.id, filters=Filters(languages=("ru",)))
        )
        assert listing.passages and {p.language for p in listing.passages} == {"ru"}
