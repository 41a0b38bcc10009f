"""``suhbat session`` and ``suhbat guide`` as a fieldworker scripts them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from cli_helpers import run

from storage import Store


@pytest.fixture
def project(tmp_path: Path, fixtures_dir: Path) -> Path:
    """A project with the study's participants and its interview protocol."""
    path = tmp_path / "study.suhbat"
    assert run("init", path, "--languages", "ru,kk,en")[0] == 0
    assert run("table", "import", path, "participants", fixtures_dir / "participants.csv")[0] == 0
    code, _out, err = run(
        "table", "import", path, "protocol", fixtures_dir / "protocol.csv", "--guide", "Interviews"
    )
    assert code == 0, err
    return path


def test_session_add_with_participants_roles_and_consent(project: Path) -> None:
    code, out, err = run(
        "session", "add", project, "Interview 7",
        "--date", "12.03.2024", "--location", "Almaty", "--language", "ru",
        "--duration", "55", "--guide", "Interviews",
        "--participant", "Interviewee 7",
        "--participant", "Interviewee 1:interviewer",
        "--consented", "--json",
    )  # fmt: skip
    assert code == 0, err
    record = json.loads(out)
    assert record["date"] == "2024-03-12"
    assert record["guide"] == "Interviews"
    assert record["duration_min"] == 55
    assert sorted((p["code"], p["role"], p["consent"]) for p in record["participants"]) == [
        ("Interviewee 1", "interviewer", True),
        ("Interviewee 7", "respondent", True),
    ]
    with Store(project) as store:
        session = store.sessions.find("Interview 7")
        assert session is not None and session.location == "Almaty"
        assert len(store.sessions.participants(session.id)) == 2


def test_bad_date_or_unknown_participant_saves_nothing(project: Path) -> None:
    code, _out, err = run("session", "add", project, "FG Dubovka", "--date", "31.02.2024")
    assert code == 1
    assert "31.02.2024" in err
    code, _out, err = run(
        "session", "add", project, "FG Dubovka", "--participant", "Nobody", "--kind", "focus_group"
    )
    assert code == 1
    assert "Nobody" in err
    code, _out, err = run(
        "session", "add", project, "FG Dubovka", "--participant", "Interviewee 2:boss"
    )
    assert code == 1
    assert "boss" in err
    with Store(project) as store:
        assert store.sessions.all() == []


def test_link_changes_role_and_consent_and_removes(project: Path) -> None:
    assert run("session", "add", project, "FG Dubovka", "--kind", "focus_group")[0] == 0
    code, out, err = run(
        "session", "link", project, "FG Dubovka", "Interviewee 3", "--role", "observer"
    )
    assert code == 0, err
    assert "Interviewee 3" in out
    assert run("session", "link", project, "FG Dubovka", "Interviewee 3", "--consent")[0] == 0
    code, out, _err = run("session", "list", project, "--json")
    people = json.loads(out)[0]["participants"]
    assert people == [{"code": "Interviewee 3", "consent": True, "role": "respondent"}]
    assert run("session", "link", project, "FG Dubovka", "Interviewee 3", "--remove")[0] == 0
    code, out, _err = run("session", "list", project)
    assert "FG Dubovka" in out
    assert "Interviewee 3" not in out
    code, _out, err = run("session", "link", project, "No such session", "Interviewee 3")
    assert code == 1
    assert "No such session" in err


def test_guide_list_counts_questions_and_probes(project: Path) -> None:
    code, out, _err = run("guide", "list", project, "--json", "--questions")
    assert code == 0
    [guide] = json.loads(out)
    # protocol.csv: six main questions, one probe (row 3, under row 2)
    assert (guide["name"], guide["questions"], guide["probes"]) == ("Interviews", 6, 1)
    assert [item["number"] for item in guide["items"][:4]] == [1, 2, None, 3]


def test_guide_export_csv_round_trips_through_table_import(
    project: Path, tmp_path: Path, fixtures_dir: Path
) -> None:
    exported = tmp_path / "guide.csv"
    code, _out, err = run("guide", "export", project, "Interviews", "-o", exported)
    assert code == 0, err
    with open(exported, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(fixtures_dir / "protocol.csv", encoding="utf-8", newline="") as handle:
        original = list(csv.DictReader(handle))
    for column in ("area", "question_ru", "question_kk", "question_en", "kind"):
        assert [r[column] for r in rows] == [r[column] for r in original]
    code, _out, err = run(
        "table", "import", project, "protocol", exported, "--guide", "Interviews (copy)"
    )
    assert code == 0, err
    with Store(project) as store:
        copy = store.guides.find("Interviews (copy)")
        first = store.guides.find("Interviews")
        assert copy is not None and first is not None
        strip = [
            (q.kind, q.area, q.texts, q.parent_id is None) for q in store.guides.questions(first.id)
        ]
        again = [
            (q.kind, q.area, q.texts, q.parent_id is None) for q in store.guides.questions(copy.id)
        ]
        assert again == strip


def test_guide_export_outline_in_kazakh_first(project: Path, tmp_path: Path) -> None:
    code, out, _err = run("guide", "export", project, "--language", "kk")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "# Interviews"
    assert "1. Баспасөз қызметіңіздегі әдеттегі күнді сипаттап беріңізші?" in lines
    assert "   - Можете вспомнить недавний конфликт?" not in lines  # probe shown in kk
    assert "   - Жақында болған қақтығысты есіңізге түсіре аласыз ба?" in lines
    target = tmp_path / "guide.md"
    assert run("guide", "export", project, "-o", target)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Interviews\n")
    code, _out, err = run("guide", "export", project, "-o", tmp_path / "guide.pdf")
    assert code == 1
    assert "guide.pdf" in err


def test_every_command_reads_a_session_kind_in_any_usual_spelling(
    project: Path, fixtures_dir: Path
) -> None:
    assert run("session", "add", project, "FG one", "--kind", "focus-group")[0] == 0
    assert run("session", "add", project, "FG two", "--kind", "Focus group")[0] == 0
    transcript = fixtures_dir / "interview_07.ru.txt"
    code, _out, err = run("import", project, transcript, "--kind", "focus_group")
    assert code == 0, err
    code, _out, err = run("session", "add", project, "Three", "--kind", "panel")
    assert code == 2
    assert "interview" in err and "focus_group" in err
    with Store(project) as store:
        kinds = {s.title: s.kind for s in store.sessions.all()}
    assert kinds["FG one"] == kinds["FG two"] == "focus_group"
    assert "Three" not in kinds
    imported = [t for t in kinds if t not in ("FG one", "FG two")]
    assert any(kinds[t] == "focus_group" for t in imported)
