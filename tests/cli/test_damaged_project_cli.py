"""A damaged project file: every command says so in one line and points to the backups.

Three kinds of damage, as a crash, a bad disk or a careless copy leave them: the file
cut to half its length, a page in the middle overwritten with random bytes, and the
first 100 bytes (the SQLite header) zeroed. Every command refuses the file with exit
code 1 and one translated line, no traceback, and nothing is written into it.
"""

from __future__ import annotations

import os
import random
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from storage import Store
from storage.backup import make_backup
from tui.cli import cli

pytestmark = pytest.mark.damages_project

PAGE = 4096


def cut_to_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def overwrite_middle_page(path: Path) -> None:
    pages = path.stat().st_size // PAGE
    with open(path, "r+b") as handle:
        handle.seek(pages // 2 * PAGE)
        handle.write(random.Random(16).randbytes(PAGE))


def zero_header(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(bytes(100))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "cut": cut_to_half,
    "page": overwrite_middle_page,
    "header": zero_header,
}


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def commands(project: Path, tmp_path: Path, fixtures_dir: Path) -> list[list[str | Path]]:
    other = tmp_path / "copy.suhbat"
    return [
        ["info", project],
        ["search", project, "согласование"],
        ["stats", project, "frequencies"],
        ["speakers", "list", project],
        ["session", "list", project],
        ["export", "csv", project, tmp_path / "out"],
        ["import", project, fixtures_dir / "interview_07.en.txt"],
        ["table", "import", project, "participants", fixtures_dir / "participants.csv"],
        ["merge", project, other],
        ["open", project],
        ["check", project],
    ]


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_every_command_says_damaged_in_one_line(
    demo_path: Path, tmp_path: Path, fixtures_dir: Path, kind: str
) -> None:
    shutil.copyfile(demo_path, tmp_path / "copy.suhbat")
    DAMAGE[kind](demo_path)
    before = demo_path.read_bytes()
    for command in commands(demo_path, tmp_path, fixtures_dir):
        code, out, err = run(*command)
        assert code == 1, (command, out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1, (command, err)
        assert "is damaged" in lines[0], (command, err)
        assert "Traceback" not in err + out
    assert demo_path.read_bytes() == before
    assert all(wal.stat().st_size == 0 for wal in tmp_path.glob("demo.suhbat-wal"))


def test_the_message_names_the_newest_verified_backup_and_the_restore_command(
    demo_path: Path,
) -> None:
    older = make_backup(demo_path)
    newest = make_backup(demo_path)
    zero_header(newest.path)  # a damaged backup is passed over
    overwrite_middle_page(demo_path)
    code, _out, err = run("info", demo_path)
    assert code == 1
    [line] = err.strip().splitlines()
    assert f"Newest verified backup: {older.path}" in line
    assert f"suhbat restore {demo_path} {older.path}" in line
    code, _out, err = run("--lang", "ru", "info", demo_path)
    [line] = err.strip().splitlines()
    assert "повреждён" in line
    assert f"suhbat restore {demo_path} {older.path}" in line

    code, out, _err = run("restore", demo_path, older.path, "--yes")
    assert code == 0, out
    with Store(demo_path) as store:
        assert store.participants.all()


def test_the_restore_command_is_quoted_for_the_shell(demo_path: Path, tmp_path: Path) -> None:
    project = tmp_path / "Полевые данные 2026" / "study.suhbat"
    project.parent.mkdir()
    shutil.copyfile(demo_path, project)
    backup = make_backup(project)
    zero_header(project)
    code, _out, err = run("info", project)
    assert code == 1
    [line] = err.strip().splitlines()
    assert shlex.join(["suhbat", "restore", str(project), str(backup.path)]) in line
    assert f"'{project}'" in line


def test_text_that_does_not_decode_is_reported_as_damage(demo_path: Path, tmp_path: Path) -> None:
    # Bytes inside a cell: the structure is sound, so only reading the text finds it.
    data = bytearray(demo_path.read_bytes())
    at = data.find("Согласование занимает".encode())
    assert at > 0
    data[at : at + 2] = b"\xff\xff"
    demo_path.write_bytes(bytes(data))
    commands: list[list[str | Path]] = [
        ["search", demo_path, "согласование"],
        ["export", "csv", demo_path, tmp_path / "out"],
    ]
    for command in commands:
        code, out, err = run(*command)
        assert code == 1, (command, out, err)
        [line] = err.strip().splitlines()
        assert "is damaged and cannot be used" in line


def test_a_zeroed_header_is_not_taken_for_an_encrypted_project(demo_path: Path) -> None:
    zero_header(demo_path)
    result = CliRunner().invoke(cli, ["info", str(demo_path)], input="")
    assert result.exit_code == 1
    assert "Passphrase" not in result.output
    assert "encrypted" not in result.output
    assert "is damaged" in result.stderr


def test_a_sound_project_opens_as_before(demo_path: Path) -> None:
    code, out, _err = run("info", demo_path)
    assert code == 0
    assert "participants" in out
