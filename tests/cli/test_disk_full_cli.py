"""A command that runs out of space says "disk full" in one line, exits 1 and leaves the
project as it was. The limit is real: the child process runs with a small
``RLIMIT_FSIZE``, so the kernel refuses writes past it (SQLite: "disk I/O error")."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from storage import Store

REPO = Path(__file__).resolve().parents[2]
LIMIT = 256 * 1024


def _small_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def _suhbat(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from tui.cli import main; main()", "--lang", "en", *args],
        cwd=REPO,
        env={**os.environ, "SUHBAT_LANG": "en"},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_small_disk,
    )


def test_an_import_on_a_full_disk_says_so_in_one_line(tmp_path: Path) -> None:
    project = tmp_path / "study.suhbat"
    with Store.create(project, languages=("ru",)) as store:
        store.participants.add("P01")
    big = tmp_path / "long_interview.txt"
    line = "P01: Согласование с акиматом занимает месяц, иногда два, а то и больше.\n"
    big.write_text(line * 8000, encoding="utf-8")
    assert big.stat().st_size > LIMIT  # reading is fine; only writes are limited
    result = _suhbat("import", str(project), str(big))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "Disk full" in lines[0], result.stderr
    with Store(project) as store:
        assert store.transcripts.all() == []
        assert [p.code for p in store.participants.all()] == ["P01"]


def test_a_backup_on_a_full_disk_says_so_and_leaves_no_part_file(tmp_path: Path) -> None:
    project = tmp_path / "study.suhbat"
    with Store.create(project, languages=("ru",)) as store:
        for n in range(2000):
            store.participants.add(f"P{n:04}", real_name="Айгуль Жанбыршыкова " * 8)
    assert project.stat().st_size > LIMIT
    result = _suhbat("backup", str(project))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: Disk full: nothing was saved; free some space and try again"
    ]
    assert list((tmp_path / "study-backups").iterdir()) == []
