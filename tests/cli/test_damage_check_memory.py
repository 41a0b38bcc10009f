"""A clean damage check is remembered between commands, and damage after it is still caught.

Each command runs in its own process, as a user runs them one after another: a process
remembers checked files for its own lifetime anyway, so only separate processes show
what the remembered check in the user's state folder does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli.test_damaged_project_cli import overwrite_middle_page

pytestmark = pytest.mark.damages_project

SUHBAT = Path(sys.executable).parent / "suhbat"


def suhbat(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SUHBAT), *map(str, args)], capture_output=True, text=True, check=False
    )


def settled(path: Path) -> Path:
    """``path`` with its times a minute in the past, as a project not written just now."""
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


def remembered() -> list[Path]:
    return sorted((Path(os.environ["SUHBAT_CONFIG_DIR"]) / "state" / "checked").glob("*.json"))


def test_a_clean_check_is_remembered_for_the_next_command(demo_path: Path) -> None:
    settled(demo_path)
    first = suhbat("info", demo_path)
    assert first.returncode == 0, first.stderr
    assert len(remembered()) == 1
    assert str(demo_path) not in remembered()[0].read_text(encoding="utf-8")
    second = suhbat("info", demo_path)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout


def test_a_file_damaged_after_a_clean_check_is_still_caught(demo_path: Path) -> None:
    settled(demo_path)
    assert suhbat("info", demo_path).returncode == 0
    assert remembered()
    overwrite_middle_page(demo_path)
    damaged = suhbat("info", demo_path)
    assert damaged.returncode == 1
    assert "is damaged" in damaged.stderr
    assert "Traceback" not in damaged.stderr


def test_damage_that_puts_the_file_times_back_is_still_caught(demo_path: Path) -> None:
    settled(demo_path)
    assert suhbat("search", demo_path, "согласование").returncode in (0, 1)
    assert remembered()
    before = demo_path.stat()
    overwrite_middle_page(demo_path)
    os.utime(demo_path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` or rsync do
    assert demo_path.stat().st_size == before.st_size
    damaged = suhbat("info", demo_path)
    assert damaged.returncode == 1
    assert "is damaged" in damaged.stderr


def test_a_file_written_just_before_its_check_is_checked_again(demo_path: Path) -> None:
    """File times may be coarse (2 s on FAT): a second write in the same tick would leave
    them as they were, so a check right after a write is not remembered."""
    assert suhbat("info", demo_path).returncode == 0
    assert remembered() == []
    overwrite_middle_page(demo_path)
    damaged = suhbat("info", demo_path)
    assert damaged.returncode == 1
    assert "is damaged" in damaged.stderr
