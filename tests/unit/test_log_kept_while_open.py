"""An open project keeps its write-ahead log while other programs open and close it.

POSIX locks belong to a process: a second Store of the same process (a worker thread's)
or a backup made from the app read the project's header with a plain open and close,
which dropped the open Store's locks. Another program closing the project then deleted
the log under the open Store, and what it wrote next was lost.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from storage import Store
from storage.backup import make_backup

COUNT_CODES = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
    " print(c.execute('SELECT COUNT(*) FROM code').fetchone()[0]); c.close()"
)


def _codes_seen_by_another_program(path: Path) -> int:
    """Open the project in another process, count its codes and close it again."""
    done = subprocess.run(
        [sys.executable, "-c", COUNT_CODES, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


@pytest.mark.parametrize(
    "read_alongside",
    [
        lambda path: Store(path, read_only=True).close(),  # a worker thread's Store
        lambda path: make_backup(path),  # a backup made from the app
    ],
    ids=["second-store", "backup"],
)
def test_the_log_survives_another_program_closing_the_project(
    tmp_path: Path, read_alongside: Callable[[Path], object]
) -> None:
    path = tmp_path / "исследование.suhbat"
    Store.create(path).close()
    with Store(path) as store:
        store.codes.add("Бюрократия")
        read_alongside(path)
        assert _codes_seen_by_another_program(path) == 1
        store.codes.add("Қорқыныш")
        assert Path(f"{path}-wal").exists()
        assert _codes_seen_by_another_program(path) == 2  # not written into a deleted log
