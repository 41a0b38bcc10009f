"""``suhbat upgrade``: a project made by an older suhbat is brought up to date on request;
reading commands leave it as it is and name the command."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from cli_helpers import run_in_english as run

from storage import Store
from storage.schema import MIGRATIONS


def _as_made_by_the_previous_version(path: Path) -> None:
    """The file as the suhbat before the last migration left it, in its version number (the
    last migration can run again on the file as it is: it rebuilds an index)."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
    conn.commit()
    conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reading_commands_name_upgrade_and_upgrade_brings_it_up_to_date(
    demo_path: Path,
) -> None:
    _as_made_by_the_previous_version(demo_path)
    before = _digest(demo_path)
    readings: list[list[str | Path]] = [
        ["info", demo_path],
        ["stats", demo_path, "frequencies"],
        ["check", demo_path],
    ]
    for args in readings:
        code, _out, err = run(*args)
        assert code == 1
        assert f"«suhbat upgrade {demo_path}»" in err and "Traceback" not in err
    assert _digest(demo_path) == before  # reading commands changed nothing

    code, out, err = run("upgrade", demo_path)
    assert code == 0, err
    assert out.strip() == f"{demo_path}: upgraded to this version of suhbat"
    code, out, _err = run("upgrade", demo_path)
    assert code == 0 and out.strip() == f"{demo_path}: already up to date"
    with Store(demo_path, read_only=True) as store:
        assert len(store.participants.all()) == 6
    assert run("info", demo_path)[0] == 0


def test_upgrade_of_a_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    code, _out, err = run("upgrade", tmp_path / "nope.suhbat")
    assert code == 1 and "nope.suhbat" in err and len(err.strip().splitlines()) == 1


def test_every_command_has_its_line_in_the_help() -> None:
    from tui.cli import COMMAND_HELP, COMMANDS

    assert set(COMMAND_HELP) == set(COMMANDS)
    code, out, _err = run("--help")
    assert code == 0
    (line,) = [row for row in out.splitlines() if row.strip().startswith("upgrade")]
    assert "Bring a project made by an older suhbat up to date." in line
