"""One writer per project: a second program gets "open elsewhere", never a shared file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from storage import ProjectError, Store
from storage.locking import held_in_process
from tui.cli import cli

REPO = Path(__file__).resolve().parents[2]

HOLD = """
import sys, time
from storage import Store
store = Store(sys.argv[1])
store.participants.add("HELD")
print("holding", flush=True)
time.sleep(60)
"""


def _open_in_child(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from storage import Store; Store(sys.argv[1]).close()",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def _hold_in_child(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "holding"
    return child


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.suhbat"
    Store.create(path).close()
    return path


def test_the_same_process_may_open_a_project_many_times(project: Path) -> None:
    first = Store(project)
    second = Store(project)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with Store(project) as mine:
                mine.participants.add("W1")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert not errors
    assert held_in_process(project) == 2
    first.close()
    assert held_in_process(project) == 1
    assert [p.code for p in second.participants.all()] == ["W1"]
    second.close()
    assert held_in_process(project) == 0


def test_a_second_process_is_told_the_project_is_open_elsewhere(project: Path) -> None:
    with Store(project):
        done = _open_in_child(project)
        assert done.returncode != 0
        assert "is open elsewhere" in done.stderr
        assert f"process {os.getpid()}" in done.stderr
    assert _open_in_child(project).returncode == 0


def test_the_cli_gives_a_clear_message_and_exit_code(project: Path) -> None:
    child = _hold_in_child(project)
    try:
        result = CliRunner().invoke(cli, ["session", "add", str(project), "Interview 9"])
        assert result.exit_code == 1
        assert "is open elsewhere" in result.stderr
        assert str(child.pid) in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        child.kill()
        child.wait()


def test_reading_commands_do_not_need_the_lock(project: Path) -> None:
    child = _hold_in_child(project)
    try:
        result = CliRunner().invoke(cli, ["info", str(project), "--json"])
        assert result.exit_code == 0, result.stderr
    finally:
        child.kill()
        child.wait()
    with Store(project, read_only=True) as reader, pytest.raises(sqlite3.OperationalError):
        reader.conn.execute("DELETE FROM participant")


def test_a_killed_holder_leaves_no_stale_lock(project: Path) -> None:
    child = _hold_in_child(project)
    with pytest.raises(ProjectError, match="open elsewhere"):
        Store(project)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with Store(project) as store:
        assert [p.code for p in store.participants.all()] == ["HELD"]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_failed_open_releases_the_lock(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.suhbat"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.close()
    with pytest.raises(ProjectError, match="not a suhbat project"):
        Store(other)
    assert held_in_process(other) == 0
    missing = tmp_path / "missing.suhbat"
    with pytest.raises(ProjectError):
        Store(missing)
    assert not (tmp_path / "missing.suhbat-lock").exists()
