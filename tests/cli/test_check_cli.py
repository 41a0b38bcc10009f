"""``suhbat check PROJECT [--json]``: one line when clean, one translated line per problem."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import run


def test_clean_project_says_so(demo_path: Path) -> None:
    code, out, _err = run("check", demo_path)
    assert code == 0
    assert out == f"{demo_path}: no problems found\n"
    code, out, _err = run("check", demo_path, "--json")
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.damages_project
def test_problems_one_line_each_translated(demo_path: Path) -> None:
    with sqlite3.connect(demo_path, isolation_level=None) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM transcript WHERE id = (SELECT MIN(id) FROM transcript)")
        conn.execute("UPDATE audit SET detail = '[' WHERE id = 1")
    code, out, _err = run("check", demo_path)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("The search index still holds words of deleted utterances")
    assert lines[1] == "Audit log entry 1 has unreadable details"
    code, out, _err = run("--lang", "ru", "check", demo_path)
    assert code == 1
    assert out.splitlines()[1] == "Запись 1 журнала изменений: подробности не читаются"
    code, out, _err = run("check", demo_path, "--json")
    assert code == 1
    records = json.loads(out)
    assert [sorted(r) for r in records] == [["check", "id", "message", "params", "table"]] * 2
    assert records[1] == {
        "check": "audit",
        "table": "audit",
        "id": 1,
        "message": "Audit log entry 1 has unreadable details",
        "params": {"id": 1},
    }


def test_unopenable_file_is_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.suhbat"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 2000)
    code, out, err = run("check", junk)
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "not a suhbat project" in err
