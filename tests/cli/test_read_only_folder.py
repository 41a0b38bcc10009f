"""A project in a read-only folder (a write-protected USB stick, a read-only share).

Reading commands work without writing anything beside the file; writing commands say in
one line that the folder is read-only and change nothing. The folder is made truly
read-only: as root (where ``chmod`` does not stop writes) by a read-only bind mount in a
private mount namespace (``unshare -m``), otherwise by ``chmod 0555``.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SUHBAT = Path(sys.executable).parent / "suhbat"
MOUNT_THEN_RUN = (
    'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"'
)


def _can_bind_read_only(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", MOUNT_THEN_RUN, "sh", str(folder), "true"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.fixture
def read_only(tmp_path: Path, demo_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A folder holding a copy of the demo project, and the prefix that runs a command
    with that folder read-only."""
    folder = tmp_path / "stick"
    folder.mkdir()
    shutil.copyfile(demo_path, folder / "study.suhbat")
    if os.geteuid() != 0:
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
        yield folder, []
        folder.chmod(0o755)
    elif _can_bind_read_only(folder):
        yield folder, ["unshare", "-m", "sh", "-c", MOUNT_THEN_RUN, "sh", str(folder)]
    else:
        pytest.skip("no way to make a read-only folder here (root without mount rights)")


def suhbat(prefix: list[str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SUHBAT_LANG="en")
    return subprocess.run(
        [*prefix, str(SUHBAT), *map(str, args)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        check=False,
    )


def test_reading_commands_work_in_a_read_only_folder(
    read_only: tuple[Path, list[str]], tmp_path: Path
) -> None:
    folder, prefix = read_only
    project = folder / "study.suhbat"
    before = sorted(p.name for p in folder.iterdir())
    info = suhbat(prefix, "info", project)
    assert info.returncode == 0, info.stderr
    assert "participants         6" in info.stdout
    search = suhbat(prefix, "search", project, "согласование")
    assert search.returncode == 0, search.stderr
    assert "Согласование" in search.stdout
    commands: list[list[str | Path]] = [
        ["stats", project, "frequencies"],
        ["speakers", "list", project],
        ["session", "list", project],
        ["check", project],
        ["export", "csv", project, tmp_path / "out"],
        ["export", "codebook", project, tmp_path / "codebook.docx"],
    ]
    for command in commands:
        result = suhbat(prefix, *command)
        assert result.returncode == 0, (command, result.stderr)
        assert "readonly" not in result.stderr
    assert (tmp_path / "out" / "participants.csv").read_text(encoding="utf-8").count("\n") == 7
    assert (tmp_path / "codebook.docx").stat().st_size > 0
    assert sorted(p.name for p in folder.iterdir()) == before


def test_writing_commands_say_the_folder_is_read_only(
    read_only: tuple[Path, list[str]], fixtures_dir: Path
) -> None:
    folder, prefix = read_only
    project = folder / "study.suhbat"
    before = project.read_bytes()
    commands: list[list[str | Path]] = [
        ["import", project, fixtures_dir / "interview_07.en.txt"],
        ["table", "import", project, "participants", fixtures_dir / "participants.csv"],
        ["speakers", "link", project, "R1", "R1"],
        ["open", project],
    ]
    for command in commands:
        result = suhbat(prefix, *command)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 1, (command, result.stderr)
        assert len(lines) == 1, (command, result.stderr)
        assert "read-only folder" in lines[0]
        assert "nothing was changed" in lines[0]
    assert project.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["study.suhbat"]
