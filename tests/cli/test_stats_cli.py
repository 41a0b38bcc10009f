"""``suhbat stats`` on the demo project: numbers checked against the demo's CSV files by hand."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run_in_english as run

from exports.demo import demo_data_dir
from storage import Store


def stats_json(*args: str | Path) -> dict[str, Any]:
    code, out, err = run("stats", *args, "--json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def by_code(table: dict[str, Any], column: str) -> dict[str, Any]:
    index = table["columns"].index(column)
    return {row[0]: row[index] for row in table["rows"]}


def demo_codings() -> list[dict[str, str]]:
    with open(demo_data_dir() / "codings.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_frequencies_count_the_codings_of_the_demo_csv(demo_path: Path) -> None:
    table = stats_json(demo_path, "frequencies")["tables"][0]
    codings = by_code(table, "Codings")
    per_code = Counter(row["code"].split("/")[1] for row in demo_codings())
    per_theme = Counter(row["code"].split("/")[0] for row in demo_codings())
    assert {name: codings[name] for name in per_code} == dict(per_code)
    assert {name: codings[name] for name in per_theme} == dict(per_theme)
    # The same by hand: 6 + 4 codings under Bureaucracy.
    assert codings["Slow approvals"] == 6
    assert codings["Fear of responsibility"] == 4
    assert codings["Bureaucracy"] == 10
    # Segments are distinct spans: both coders on one Kazakh span count once.
    segments = by_code(table, "Segments")
    assert segments["Slow approvals"] == 5
    assert segments["Fear of responsibility"] == 3
    assert segments["Bureaucracy"] == 8
    assert by_code(table, "Sessions")["Digital divide"] == 2


def test_plain_output_has_title_unit_aligned_rows_and_notes(demo_path: Path) -> None:
    code, out, _err = run("stats", demo_path, "frequencies")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Code frequencies"
    assert lines[1].startswith("Unit: segments")
    header = next(line for line in lines if line.startswith("Code ") and "Codings" in line)
    row = next(line for line in lines if line.strip().startswith("Slow approvals"))
    assert row.startswith("  Slow approvals")  # indented under its theme
    # Numbers are right-aligned under their header.
    end = header.index("Codings") + len("Codings")
    assert row[:end].endswith(" 6")
    assert "Notes:" in lines
    assert any("not sums of the rows below" in line for line in lines)


def test_filters_restrict_coder_session_kind_and_attribute(demo_path: Path) -> None:
    data = stats_json(
        demo_path,
        "frequencies",
        "--coder",
        "Aigerim",
        "--session-kind",
        "interview",
        "--where",
        "gender=F",
    )
    assert data["filters"] == {
        "coders": ["Aigerim"],
        "session_kind": "interview",
        "where": {"gender": ["F"]},
    }
    codings = by_code(data["tables"][0], "Codings")
    # Interview R1 (R1 is the only woman interviewed): Aigerim coded utterance 4 in ru and en
    # and utterance 5 once, and Hostility twice in utterance 7.
    assert codings["Bureaucracy"] == 3
    assert codings["Hostility towards officials"] == 2
    assert codings["Digital government"] == 0


def test_crosstab_by_gender_counts_participants_with_group_percent(demo_path: Path) -> None:
    table = stats_json(demo_path, "crosstab", "--attribute", "gender")["tables"][0]
    assert table["unit"] == "participants"
    assert "F (n=3)" in table["columns"] and "M (n=3)" in table["columns"]
    # Slow approvals: R1 (F), R2 (M), and P4 (M) in the focus group.
    assert by_code(table, "F (n=3)")["Slow approvals"] == 1
    assert by_code(table, "M (n=3)")["Slow approvals"] == 2
    assert by_code(table, "M %")["Slow approvals"] == pytest.approx(200 / 3)
    # State does not listen: R2 and P2, both men.
    assert by_code(table, "F (n=3)")["State does not listen"] == 0


def test_crosstab_needs_a_variable(demo_path: Path) -> None:
    code, _out, err = run("stats", demo_path, "crosstab")
    assert code == 1
    assert "gender" in err and "setting" in err


def test_sessions_matrix_and_profile(demo_path: Path) -> None:
    matrix = stats_json(demo_path, "sessions-matrix", "--measure", "codings")["tables"][0]
    assert matrix["columns"] == [
        "Code",
        "Interview R1",
        "Interview R2",
        "Focus group Kordai",
        "Total",
    ]
    row = next(r for r in matrix["rows"] if r[0] == "Bureaucracy")
    assert row[1:] == [5, 2, 3, 10]
    profile = stats_json(demo_path, "profile", "participants")["tables"][0]
    ages = next(r for r in profile["rows"] if r[0] == "age")
    mean = profile["columns"].index("Mean")
    assert ages[mean] == pytest.approx((41 + 35 + 29 + 52 + 38 + 24) / 6)
    low, high = profile["columns"].index("Min"), profile["columns"].index("Max")
    assert (ages[low], ages[high]) == (24, 52)
    assert isinstance(ages[low], int)  # whole ages as whole numbers, not 24.000
    code, out, _err = run("stats", demo_path, "profile", "participants")
    assert code == 0 and "24.000" not in out and "52.000" not in out


def test_the_profile_says_how_many_participants_it_leaves_out(demo_path: Path) -> None:
    notes = stats_json(demo_path, "profile", "participants")["tables"][0]["notes"]
    assert notes[0] == "n = 6 participants; % of all participants."
    with Store(demo_path) as store:  # in the register, in no session
        store.participants.add("Р9", attributes={"gender": "F"})
    table = stats_json(demo_path, "profile", "participants")["tables"][0]
    assert table["notes"][0] == "n = 6 participants in scope; % of them."
    assert table["notes"][1].startswith("1 more participant of the project is not a respondent")


@pytest.mark.parametrize("kind", [("words",), ("sessions",), ("profile", "participants")])
def test_a_coder_filter_on_a_table_of_no_codings_is_refused(
    demo_path: Path, kind: tuple[str, ...]
) -> None:
    code, out, err = run("stats", demo_path, *kind, "--coder", "Aigerim")
    assert code == 2 and out == ""
    assert "--coder applies to statistics of codings" in err


@pytest.mark.parametrize(
    "option",
    [
        ("--session-kind", "bogus"),
        ("--top", "0"),
        ("--where", "gender"),
        ("--threshold", "x"),
    ],
)
def test_a_wrong_option_value_is_a_usage_error(demo_path: Path, option: tuple[str, str]) -> None:
    kind = "words" if option[0] == "--top" else "saturation"
    code, out, err = run("stats", demo_path, kind, *option)
    assert code == 2 and out == ""
    assert "Usage:" in err and "Error:" in err


def test_an_order_naming_some_sessions_keeps_the_others_after_them(demo_path: Path) -> None:
    args = ("sessions-matrix", "--measure", "codings", "--order")
    matrix = stats_json(demo_path, *args, "Focus group Kordai,Interview R1")["tables"][0]
    assert matrix["columns"] == [
        "Code",
        "Focus group Kordai",
        "Interview R1",
        "Interview R2",
        "Total",
    ]
    row = next(r for r in matrix["rows"] if r[0] == "Bureaucracy")
    assert row[1:] == [3, 5, 2, 10]  # the total is the project's, as without --order


def test_a_where_value_nobody_has_is_an_error_naming_the_values(demo_path: Path) -> None:
    code, out, err = run("stats", demo_path, "frequencies", "--where", "gender=f")
    assert code == 1 and out == ""
    assert "gender = 'f'" in err and "F, M" in err
    assert len(err.strip().splitlines()) == 1
    table = stats_json(demo_path, "frequencies", "--where", "gender=F")["tables"][0]
    assert any(by_code(table, "Codings").values())


@pytest.mark.parametrize(
    ("mode", "at_five", "at_zero"),
    [("rolling", "5+2", "8+2"), ("disjoint", "6+2", "8+2")],
)
def test_saturation_from_counts(demo_path: Path, mode: str, at_five: str, at_zero: str) -> None:
    # Base 9+12+7+3 = 31 codes. Rolling runs: 5–6 adds 2+1 = 3 (3/31 = 9.7 %), 6–7 adds 1
    # (1/31 = 3.2 % ≤ 5 %: 5+2), … 9–10 adds 0 (8+2). Disjoint: 5–6 (3/31), 7–8 adds
    # 0+1 = 1 (3.2 %: 6+2), 9–10 adds 0 (8+2).
    counts = "9,12,7,3,2,1,0,1,0,0"
    code, out, err = run("stats", demo_path, "saturation", "--counts", counts, "--mode", mode)
    assert code == 0, err
    assert f"Saturation reached at {at_five} (base 4, run 2, threshold ≤5%, {mode})" in out
    assert f"Saturation reached at {at_zero} (base 4, run 2, threshold ≤0%, {mode})" in out
    data = stats_json(demo_path, "saturation", "--counts", counts, "--mode", mode)
    outcomes = data["saturation"]["outcomes"]
    assert data["saturation"]["base_total"] == 31
    assert [o["label"] for o in outcomes] == [at_five, at_zero]
    assert outcomes[0]["ratio"] == "1/31"
    cumulative = data["tables"][0]["columns"].index("Cumulative codes")
    assert [r[cumulative] for r in data["tables"][0]["rows"]][-1] == 35


def test_saturation_thresholds_as_a_list_and_not_reached(tmp_path: Path) -> None:
    missing = tmp_path / "no-project.suhbat"  # --counts does not read the project
    data = stats_json(
        missing, "saturation", "--counts", "9,12,7,3,2,1,0,1,0,0", "--threshold", "2.5,0"
    )
    assert [o["threshold"] for o in data["saturation"]["outcomes"]] == ["5/2", "0"]
    assert data["saturation"]["outcomes"][0]["label"] == "8+2"  # 1/31 = 3.2 % > 2.5 %
    code, out, _err = run("stats", missing, "saturation", "--counts", "5,5,5,5,5,5")
    assert code == 0
    assert "Saturation not reached (base 4, run 2, threshold ≤5%, rolling)" in out
    code, _out, err = run("stats", missing, "saturation", "--counts", "5,x")
    assert code == 2 and "'x'" in err  # a wrong value on the command line: a usage error


def test_saturation_from_the_projects_codings(demo_path: Path) -> None:
    # New codes by date: Interview R1 3 (Slow approvals, Fear, Hostility), Interview R2 3
    # (State does not listen, Praise, Digital divide), Focus group Kordai 0.
    data = stats_json(demo_path, "saturation", "--base", "1", "--run", "1")
    table = data["tables"][0]
    new = table["columns"].index("New codes")
    assert [r[new] for r in table["rows"]] == [3, 3, 0]
    assert [o["label"] for o in data["saturation"]["outcomes"]] == ["2+1", "2+1"]
    ordered = stats_json(
        demo_path,
        "saturation",
        "--base",
        "1",
        "--run",
        "1",
        "--order",
        "Focus group Kordai,Interview R2,Interview R1",
    )
    rows = ordered["tables"][0]["rows"]
    assert [r[1] for r in rows] == ["Focus group Kordai", "Interview R2", "Interview R1"]
    # The focus group has 5 codes (all but Hostility towards officials); Interview R2 adds
    # Hostility (coded by Daniyar); Interview R1 adds nothing.
    assert [r[new] for r in rows] == [5, 1, 0]


def test_agreement_and_disagreements(demo_path: Path, tmp_path: Path) -> None:
    data = stats_json(demo_path, "agreement", "--coders", "Aigerim,Daniyar", "--threshold", "0.9")
    keys = [t["key"] for t in data["tables"]]
    assert keys == ["agreement_presence", "agreement_segments", "agreement_unitizing"]
    presence = data["tables"][0]
    assert presence["uncoded_text_counts"] is True
    # Fear of responsibility: both coders in Interview R1 and the focus group, neither in R2.
    assert by_code(presence, "% agreement")["Fear of responsibility"] == pytest.approx(100.0)
    segments = data["tables"][1]
    assert segments["uncoded_text_counts"] is False
    # Digital divide: both coders on the same Kazakh span (2 agreements); Aigerim's focus-group
    # segment is unmatched, and the focus group's Russian layer was coded by both.
    assert by_code(segments, "Agreements")["Digital divide"] == 2
    assert by_code(segments, "Disagreements")["Digital divide"] == 1
    only_presence = stats_json(demo_path, "agreement", "--kind", "presence")
    assert [t["key"] for t in only_presence["tables"]] == ["agreement_presence"]
    unitizing = data["tables"][2]
    assert "2019" in unitizing["title"]
    assert [r[0] for r in unitizing["rows"][-2:]] == [
        "All codes (uα)",
        "Any code vs. uncoded text (|uα)",
    ]
    old = stats_json(demo_path, "agreement", "--kind", "unitizing-2004")
    assert [t["key"] for t in old["tables"]] == ["agreement_unitizing_2004"]
    assert "1995/2004" in old["tables"][0]["title"]

    out_file = tmp_path / "disagreements.csv"
    code, out, err = run("stats", demo_path, "disagreements", "--csv", out_file)
    assert code == 0, err
    assert "Disagreements to discuss" in out
    with open(out_file, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["Code", "Document", "Coded by"]
    texts = {row[5] for row in rows[1:]}
    assert "Многие снимают на телефон без согласия" in texts  # only Aigerim coded it
    assert "Часто слышим обвинения" not in texts  # both coders, same span


def test_agreement_with_one_coder_fails_clearly(demo_path: Path) -> None:
    code, _out, err = run("stats", demo_path, "agreement", "--coder", "Aigerim")
    assert code == 1
    assert "two or more coders" in err


def test_csv_of_several_tables_and_unknown_names(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "agreement.csv"
    code, _out, err = run("stats", demo_path, "agreement", "--csv", target)
    assert code == 0, err
    names = sorted(p.name for p in tmp_path.glob("agreement-*.csv"))
    assert names == [
        "agreement-agreement_presence.csv",
        "agreement-agreement_segments.csv",
        "agreement-agreement_unitizing.csv",
    ]
    code, _out, err = run("stats", demo_path, "frequencies", "--coder", "Nobody")
    assert code == 1 and "Aigerim" in err
    code, _out, err = run("stats", demo_path, "saturation", "--order", "No such session")
    assert code == 1 and "No such session" in err


def test_the_sessions_register_shows_whole_minutes_as_whole_numbers(
    demo_path: Path, fixtures_dir: Path
) -> None:
    code, _out, err = run(
        "table", "import", demo_path, "sessions", fixtures_dir / "focus_groups.csv"
    )
    assert code == 0, err
    code, out, err = run("stats", demo_path, "sessions")
    assert code == 0, err
    rows = [line for line in out.splitlines() if "Zhanaozen" in line or "Dubovka" in line]
    assert rows and all(r.rstrip().endswith((" 90", " 120")) for r in rows)
    assert "120.000" not in out and "90.000" not in out
    table = stats_json(demo_path, "sessions")["tables"][0]
    minutes = table["columns"].index("Duration (min)")
    assert {r[minutes] for r in table["rows"]} >= {90, 120, 150}
    whole = [r[minutes] for r in table["rows"] if r[minutes] in (90, 120, 150)]
    assert whole and all(isinstance(value, int) for value in whole)  # 90, not 90.0
