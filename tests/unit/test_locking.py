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
store.participants.add(sys.argv[2])
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


def _hold_in_child(path: Path, code: str = "HELD") -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), code],
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


# -- the lock belongs to the file, not to the name ------------------------------------------


def test_a_symlink_to_an_open_project_is_refused_not_a_second_writer(
    project: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "shortcuts"
    elsewhere.mkdir()
    link = elsewhere / "link.suhbat"
    link.symlink_to(project)
    child = _hold_in_child(project)
    try:
        with pytest.raises(ProjectError, match="open elsewhere") as refused:
            Store(link)
        assert f"process {child.pid}" in str(refused.value)
    finally:
        child.kill()
        child.wait()
    # and the other way round: the app opened the link, a command names the real file
    child = _hold_in_child(link, "HELD2")
    try:
        done = _open_in_child(project)
        assert done.returncode != 0
        assert f"process {child.pid}" in done.stderr
    finally:
        child.kill()
        child.wait()
    with Store(link) as store:  # the real file, its journal and lock beside it
        assert [p.code for p in store.participants.all()] == ["HELD", "HELD2"]
        assert held_in_process(project) == 1
    assert not (elsewhere / "link.suhbat-wal").exists()
    assert not (elsewhere / "link.suhbat-lock").exists()


def test_one_process_shares_one_lock_between_a_file_and_its_symlink(
    project: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.suhbat"
    link.symlink_to(project)
    with Store(project), Store(link) as through_link:
        assert held_in_process(project) == 2
        assert held_in_process(link) == 2
        through_link.participants.add("P1")
    assert held_in_process(project) == 0
    assert _open_in_child(project).returncode == 0


def test_a_project_file_with_a_second_hard_link_is_refused(project: Path, tmp_path: Path) -> None:
    with Store(project) as store:
        store.participants.add("P1")
    second = tmp_path / "second.suhbat"
    os.link(project, second)
    try:
        for path in (project, second):
            for read_only in (False, True):
                with pytest.raises(ProjectError, match="hard links") as refused:
                    Store(path, read_only=read_only)
                assert "copy the file instead of linking it" in str(refused.value)
        result = CliRunner().invoke(cli, ["session", "add", str(second), "Interview 9"])
        assert result.exit_code == 1
        assert "hard links" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
        assert held_in_process(project) == 0
    finally:
        second.unlink()
    with Store(project) as store:
        assert [p.code for p in store.participants.all()] == ["P1"]


def test_the_hard_link_message_is_translated(project: Path, tmp_path: Path) -> None:
    os.link(project, tmp_path / "second.suhbat")
    try:
        result = CliRunner().invoke(cli, ["--lang", "ru", "info", str(project)])
        assert result.exit_code == 1
        assert "жёстк" in result.stderr
        assert "hard links" not in result.stderr
    finally:
        (tmp_path / "second.suhbat").unlink()


# -- a lock never outlives its process ------------------------------------------------------

FORK_AND_DIE = """
import os, sys, time
from storage import Store
store = Store(sys.argv[1])
store.participants.add("PARENT")
child = os.fork()
if child == 0:
    time.sleep(60)
    os._exit(0)
print(child, flush=True)
os.kill(os.getpid(), 9)
"""


def test_a_forked_child_that_outlives_its_parent_does_not_hold_the_lock(project: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", FORK_AND_DIE, str(project)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert parent.stdout is not None
    orphan = int(parent.stdout.readline())
    parent.wait(timeout=60)
    parent.stdout.close()
    try:
        os.kill(orphan, 0)  # still running
        with Store(project) as store:
            assert [p.code for p in store.participants.all()] == ["PARENT"]
    finally:
        os.kill(orphan, signal.SIGKILL)


OLD_STYLE_HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
os.ftruncate(fd, 0)
os.write(fd, sys.argv[2].encode())
print("holding", flush=True)
time.sleep(60)
"""


def _old_style_holder(project: Path, record: str) -> subprocess.Popen[str]:
    """A process holding an ``flock`` on the sidecar, as earlier versions did."""
    from storage.locking import lock_path

    child = subprocess.Popen(
        [sys.executable, "-c", OLD_STYLE_HOLDER, str(lock_path(project)), record],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "holding"
    return child


def test_a_lock_whose_recorded_owner_is_gone_is_taken_over(project: Path) -> None:
    import socket

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    # what an import killed under an earlier version left: its read-ahead worker kept the lock
    child = _old_style_holder(project, f"{gone.pid} {socket.gethostname()}\n")
    try:
        with Store(project) as store:
            store.participants.add("P1")
            # and this process is now the one a second writer is told about
            done = _open_in_child(project)
            assert f"process {os.getpid()}" in done.stderr
    finally:
        child.kill()
        child.wait()


def test_a_lock_held_by_a_running_earlier_version_still_keeps_writers_out(project: Path) -> None:
    import socket

    child = _old_style_holder(project, "")
    try:
        # an earlier version records itself; here the holder is alive
        from storage.locking import lock_path

        lock_path(project).write_text(f"{child.pid} {socket.gethostname()}\n")
        with pytest.raises(ProjectError, match=f"process {child.pid}"):
            Store(project)
    finally:
        child.kill()
        child.wait()
