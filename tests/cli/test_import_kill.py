"""A killed import: nothing claimed, nothing left running, the project free for the next writer."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import run
from click.testing import CliRunner

from storage import Store
from tui.cli import cli

REPO = Path(__file__).resolve().parents[2]
CLI = "import sys; from tui.cli import main; main(sys.argv[1:])"
WORDS = ("согласование", "занимает", "слишком", "времени", "біз", "халықпен", "ашық", "келеді")


def _corpus(folder: Path, files: int, turns: int) -> list[Path]:
    """``files`` transcripts of ``turns`` lines each (several MB: the import reads ahead)."""
    folder.mkdir()
    rng = random.Random(7)
    paths = []
    for i in range(files):
        path = folder / f"t{i:04d}.txt"
        lines = [
            f"[{j * 7 // 3600:02d}:{j * 7 // 60 % 60:02d}:{j * 7 % 60:02d}] "
            f"{'Interviewer' if j % 2 == 0 else 'P1'}: "
            + " ".join(rng.choice(WORDS) for _ in range(30))
            + "."
            for j in range(turns)
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux ``/proc``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads ahead on Linux only")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_import_leaves_the_project_free_and_no_worker_behind(
    tmp_path: Path, how: signal.Signals
) -> None:
    from exports.transcripts.read_ahead import SETTING_ENV

    project = tmp_path / "p.suhbat"
    Store.create(project).close()
    files = _corpus(tmp_path / "corpus", 60, 400)
    printed = tmp_path / "printed.txt"
    with printed.open("wb") as out:  # a file, not a pipe: a stray worker would keep a pipe open
        importing = subprocess.Popen(
            [sys.executable, "-c", CLI, "import", str(project), *map(str, files)],
            cwd=REPO,
            stdout=out,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # as with setsid: no signal reaches the worker from a terminal
            env={**os.environ, SETTING_ENV: "on"},  # a worker however busy this machine is
        )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not workers and importing.poll() is None and time.monotonic() < deadline:
            workers = _children(importing.pid)
            time.sleep(0.005)
        assert workers, "the import ended before its read-ahead worker was seen"
        importing.send_signal(how)
        importing.wait(timeout=60)
        claimed = printed.read_text(encoding="utf-8")
        deadline = time.monotonic() + 10
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_running, workers)), "the read-ahead worker outlived the import"
        result = CliRunner().invoke(cli, ["session", "add", str(project), "After the kill"])
        assert result.exit_code == 0, result.stderr
        with Store(project, read_only=True) as store:
            imported = len(store.transcripts.all())
        # whatever was printed as imported is in the project (a killed run commits nothing)
        assert claimed.count("→") == imported == 0
    finally:
        if importing.poll() is None:
            importing.kill()
            importing.wait()
        for pid in workers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def test_an_import_killed_while_it_reads_alone_leaves_nothing_half_done(tmp_path: Path) -> None:
    """Without a read-ahead worker (the default on a busy or two-CPU machine) a kill -9 in
    the middle of storing leaves the project as it was and free for the next writer."""
    from exports.transcripts.read_ahead import SETTING_ENV

    project = tmp_path / "p.suhbat"
    Store.create(project).close()
    files = _corpus(tmp_path / "corpus", 60, 400)
    wal = project.with_name(project.name + "-wal")
    importing = subprocess.Popen(
        [sys.executable, "-c", CLI, "import", str(project), *map(str, files)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, SETTING_ENV: "off"},
    )
    try:
        deadline = time.monotonic() + 60
        while importing.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > 1_000_000:  # in the middle of storing
                break
            time.sleep(0.005)
        assert importing.poll() is None, "the import ended before it was seen storing"
        assert _children(importing.pid) == []
        importing.kill()
        importing.wait(timeout=60)
    finally:
        if importing.poll() is None:
            importing.kill()
            importing.wait()
    result = CliRunner().invoke(cli, ["session", "add", str(project), "After the kill"])
    assert result.exit_code == 0, result.stderr
    with Store(project, read_only=True) as store:
        assert store.transcripts.all() == []
        assert [s.title for s in store.sessions.all()] == ["After the kill"]


def _import_into_new(tmp_path: Path, *files: Path) -> tuple[Path, tuple[int, str, str]]:
    """``suhbat import`` of ``files`` into a new project: its path, and what the command gave."""
    project = tmp_path / "p.suhbat"
    Store.create(project).close()
    return project, run("import", project, *files)


def test_an_import_that_fails_claims_no_file(tmp_path: Path, fixtures_dir: Path) -> None:
    project, (code, out, err) = _import_into_new(
        tmp_path, fixtures_dir / "interview_07.ru.txt", fixtures_dir / "bad" / "invalid_utf8.txt"
    )
    assert code == 1
    assert "invalid_utf8.txt" in err
    assert "→" not in out
    assert "interview_07" not in out + err
    with Store(project, read_only=True) as store:
        assert store.transcripts.all() == []


def test_a_successful_import_still_reports_every_file(tmp_path: Path, fixtures_dir: Path) -> None:
    _project, (code, out, err) = _import_into_new(
        tmp_path, fixtures_dir / "interview_07.ru.txt", fixtures_dir / "focus_group_oskemen.ru.vtt"
    )
    assert code == 0, err
    lines = [line for line in out.splitlines() if "→" in line]
    assert [line.split(":")[0] for line in lines] == [
        "interview_07.ru.txt",
        "focus_group_oskemen.ru.vtt",
    ]
