"""Backups: verified copies taken while the project is in use, rotation, and restore."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from storage import ProjectError, Store
from storage.backup import (
    AUTO,
    BEFORE_RESTORE,
    MANUAL,
    backup_is_due,
    check_backup,
    default_backup_dir,
    list_backups,
    make_backup,
    restore_backup,
)
from storage.connection import ENV_PASSPHRASE, forget_passphrase, is_plain_sqlite
from tui.cli import cli

REPO = Path(__file__).resolve().parents[2]


def _codes(path: Path, passphrase: str | None = None) -> list[str]:
    with Store(path, passphrase=passphrase) as store:
        return [p.code for p in store.participants.all()]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with Store.create(path) as store:
        store.participants.add("P01")
    return path


def test_a_backup_is_a_checked_copy_beside_the_project(project: Path) -> None:
    made = make_backup(project)
    assert made.path.parent == project.parent / "study-backups"
    assert made.reason == MANUAL
    assert made.path.name.startswith("study.") and made.path.name.endswith(".manual.suhbat")
    assert not list(made.path.parent.glob("*.part"))
    # a standalone file: no WAL needed next to it
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.path.name]
    assert _codes(made.path) == ["P01"]
    with Store(project) as store:
        assert check_backup(made.path) == store.project().uuid


def test_backing_up_while_another_process_writes(project: Path) -> None:
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom storage import Store\ns = Store(sys.argv[1])\n"
            "s.participants.add('P02')\nprint('ready', flush=True)\ntime.sleep(60)\n",
            str(project),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        made = make_backup(project)  # the project is open elsewhere: reading is allowed
    finally:
        child.kill()
        child.wait()
    assert _codes(made.path) == ["P01", "P02"]


def test_a_damaged_backup_fails_its_check(project: Path) -> None:
    made = make_backup(project)
    data = bytearray(made.path.read_bytes())
    page = 4096
    data[2 * page : 3 * page] = os.urandom(page)
    made.path.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match="failed its check"):
        check_backup(made.path)
    before = project.read_bytes()
    with pytest.raises(ProjectError, match="failed its check"):
        restore_backup(project, made.path)
    assert project.read_bytes() == before


def test_automatic_backups_rotate_and_manual_ones_stay(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    manual = make_backup(project, folder)
    autos = [make_backup(project, folder, reason=AUTO, keep=3) for _ in range(5)]
    listed = list_backups(project, folder)
    assert [b.path for b in listed if b.reason == AUTO] == [b.path for b in reversed(autos[-3:])]
    assert manual.path in [b.path for b in listed]
    assert all(not b.path.exists() for b in autos[:2])
    assert list_backups(project) == []  # nothing in the default folder


def test_an_automatic_backup_is_due_only_after_changes(project: Path) -> None:
    assert backup_is_due(project, interval_s=0)
    make_backup(project, reason=AUTO)
    assert not backup_is_due(project, interval_s=0)
    time.sleep(0.01)
    with Store(project) as store:
        store.participants.add("P02")
        assert backup_is_due(project, interval_s=0)
        assert not backup_is_due(project, interval_s=3600)


def test_restore_brings_back_the_backup_and_keeps_the_current_state(project: Path) -> None:
    made = make_backup(project)
    with Store(project) as store:
        store.participants.add("P02")
        with pytest.raises(ProjectError, match="close it before restoring"):
            restore_backup(project, made.path)
    kept = restore_backup(project, made.path)
    assert _codes(project) == ["P01"]
    assert kept is not None and BEFORE_RESTORE in kept.name
    assert _codes(kept) == ["P01", "P02"]
    with Store(project) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store.participants.add("P03")  # the restored project is writable as usual
    assert _codes(project) == ["P01", "P03"]


def test_restore_refuses_a_file_that_is_not_a_project(project: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.suhbat"
    junk.write_text("not a database", encoding="utf-8")
    with pytest.raises(ProjectError):
        restore_backup(project, junk)
    assert _codes(project) == ["P01"]


def test_an_encrypted_project_has_encrypted_backups(tmp_path: Path) -> None:
    pytest.importorskip("sqlcipher3")
    path = tmp_path / "secret.suhbat"
    passphrase = "көктем 2024 жыл"
    from storage.connection import remember_passphrase

    remember_passphrase(path, passphrase)
    with Store.create(path) as store:
        store.participants.add("Жанбыршыкова")
    made = make_backup(path)
    assert not is_plain_sqlite(made.path)
    assert "Жанбыршыкова".encode() not in made.path.read_bytes()
    forget_passphrase(path)
    with pytest.raises(ProjectError, match="encrypted"):
        make_backup(path)
    assert _codes(made.path, passphrase) == ["Жанбыршыкова"]


def test_cli_backup_list_and_restore(project: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["backup", str(project)])
    assert result.exit_code == 0, result.output
    assert "verified" in result.stdout
    with Store(project) as store:
        store.participants.add("P02")
    result = runner.invoke(cli, ["backups", str(project), "--json"])
    assert result.exit_code == 0
    import json

    listed = json.loads(result.stdout)
    assert [b["reason"] for b in listed] == ["manual"]
    assert listed[0]["encrypted"] is False
    result = runner.invoke(cli, ["restore", str(project), listed[0]["path"]], input="n\n")
    assert result.exit_code == 1
    assert _codes(project) == ["P01", "P02"]
    result = runner.invoke(cli, ["restore", str(project), listed[0]["path"], "--yes"])
    assert result.exit_code == 0, result.output
    assert _codes(project) == ["P01"]
    result = runner.invoke(cli, ["backups", str(project)])
    assert "before a restore" in result.stdout and "manual" in result.stdout
    assert len(list(default_backup_dir(project).iterdir())) == 2


def test_cli_backup_of_an_encrypted_project_uses_the_environment(tmp_path: Path) -> None:
    pytest.importorskip("sqlcipher3")
    path = tmp_path / "secret.suhbat"
    env = {ENV_PASSPHRASE: "достаточно длинный"}
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(path), "--encrypt"], env=env).exit_code == 0
    forget_passphrase(path)
    result = runner.invoke(cli, ["backup", str(path), "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert '"encrypted": true' in result.stdout
