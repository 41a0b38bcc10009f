"""Encrypt and restore through a symbolic link, backups of another project, and the
temporary files that killed runs leave (they are removed on the next start)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from storage import ProjectError, Store
from storage.backup import make_backup, restore_backup
from storage.connection import ENV_PASSPHRASE, forget_passphrase, is_plain_sqlite
from tui.cli import cli

REPO = Path(__file__).resolve().parents[2]
SECRET_WORD = "Жанбыршыкова"
PASSPHRASE = "тау мен дала 2024"


@pytest.fixture(autouse=True)
def _no_environment_passphrase(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(ENV_PASSPHRASE, raising=False)
    yield


def _project(path: Path, *codes: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store.create(path) as store:
        for code in codes:
            store.participants.add(code, real_name=f"Айгуль {SECRET_WORD}")
    return path


def _codes(path: Path, passphrase: str | None = None) -> list[str]:
    with Store(path, passphrase=passphrase) as store:
        return [p.code for p in store.participants.all()]


def _killed(code: str, *args: str) -> None:
    """Run ``code`` in a child process that kills itself with SIGKILL at the marked point."""
    script = textwrap.dedent(code)
    child = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        env={**os.environ, ENV_PASSPHRASE: PASSPHRASE},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def test_encrypting_through_a_symlink_encrypts_the_real_file(tmp_path: Path) -> None:
    pytest.importorskip("sqlcipher3")
    from storage.encryption import encrypt_project

    real = _project(tmp_path / "real" / "study.suhbat", "P01")
    link = tmp_path / "study-link.suhbat"
    link.symlink_to(real)
    encrypt_project(link, PASSPHRASE)
    forget_passphrase(link)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert SECRET_WORD.encode() not in real.read_bytes()
    assert not is_plain_sqlite(real)
    assert _codes(link, PASSPHRASE) == ["P01"]
    assert not [p for p in real.parent.iterdir() if "converting" in p.name]


def test_restoring_through_a_symlink_restores_the_real_file(tmp_path: Path) -> None:
    real = _project(tmp_path / "real" / "study.suhbat", "P01")
    link = tmp_path / "study-link.suhbat"
    link.symlink_to(real)
    saved = make_backup(link)
    with Store(real) as store:
        store.participants.add("P02")
    restore_backup(link, saved.path)
    assert link.is_symlink()
    assert _codes(real) == ["P01"]


def test_restore_refuses_a_backup_of_another_project(tmp_path: Path) -> None:
    study = _project(tmp_path / "study.suhbat", "P01")
    other = _project(tmp_path / "other.suhbat", "X99")
    runner = CliRunner()
    with pytest.raises(ProjectError, match="another project"):
        restore_backup(study, other)
    result = runner.invoke(cli, ["restore", str(study), str(other), "--yes"])
    assert result.exit_code == 1
    assert "another project" in result.output and "--force" in result.output
    assert _codes(study) == ["P01"]
    # asked: the question says so; "no" keeps the study
    result = runner.invoke(cli, ["restore", str(study), str(other)], input="n\n")
    assert "another project" in result.output
    assert result.exit_code == 1
    assert _codes(study) == ["P01"]
    result = runner.invoke(cli, ["restore", str(study), str(other)], input="y\n")
    assert result.exit_code == 0, result.output
    assert _codes(study) == ["X99"]
    # a backup of the same project needs no --force
    back = make_backup(study)
    result = runner.invoke(cli, ["restore", str(study), str(back.path), "--yes"])
    assert result.exit_code == 0, result.output


def test_restore_with_force_replaces_it_with_another_project(tmp_path: Path) -> None:
    study = _project(tmp_path / "study.suhbat", "P01")
    other = _project(tmp_path / "other.suhbat", "X99")
    result = CliRunner().invoke(cli, ["restore", str(study), str(other), "--yes", "--force"])
    assert result.exit_code == 0, result.output
    assert _codes(study) == ["X99"]


def _leftovers(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.name.endswith((".suhbat", "-lock", "-wal", "-shm"))
    )


def test_a_killed_encryption_leaves_no_plaintext_and_the_next_start_removes_it(
    tmp_path: Path,
) -> None:
    pytest.importorskip("sqlcipher3")
    study = _project(tmp_path / "study.suhbat", "P01")
    _killed(
        """
        import os, signal, sys
        import storage.encryption as enc
        enc._check_copy = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        enc.encrypt_project(sys.argv[1], os.environ["SUHBAT_PASSPHRASE"])
        """,
        str(study),
    )
    left = _leftovers(tmp_path)
    assert [p.suffix for p in left] == [".converting"]
    assert SECRET_WORD.encode() not in left[0].read_bytes()  # the copy is encrypted
    result = CliRunner().invoke(cli, ["info", str(study)])
    assert result.exit_code == 0, result.output
    assert "interrupted" in result.output and left[0].name in result.output
    assert _leftovers(tmp_path) == []
    assert _codes(study) == ["P01"]


def test_killed_backup_and_restore_leave_files_the_next_start_removes(tmp_path: Path) -> None:
    study = _project(tmp_path / "study.suhbat", "P01")
    _killed(
        """
        import os, signal, sys
        import storage.backup as backup
        backup.check_backup = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
        backup.make_backup(sys.argv[1])
        """,
        str(study),
    )
    saved = make_backup(study)
    _killed(
        """
        import os, shutil, signal, sys
        import storage.backup as backup
        copy = shutil.copyfile
        def killed(*args):
            copy(*args)
            os.kill(os.getpid(), signal.SIGKILL)
        backup.shutil.copyfile = killed
        backup.restore_backup(sys.argv[1], sys.argv[2])
        """,
        str(study),
        str(saved.path),
    )
    kinds = sorted(p.suffix for p in _leftovers(tmp_path))
    assert kinds == [".part", ".restoring"]
    result = CliRunner().invoke(cli, ["backup", str(study)])
    assert result.exit_code == 0, result.output
    assert "removed 2 temporary files" in result.output
    assert _leftovers(tmp_path) == []


def test_a_killed_export_leaves_a_hidden_file_the_next_export_removes(tmp_path: Path) -> None:
    study = _project(tmp_path / "study.suhbat", "P01")
    out = tmp_path / "out" / "codebook.docx"
    _killed(
        """
        import os, signal, sys
        import exports.file_names as names
        names.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        from tui.cli import cli
        cli(["export", "codebook", sys.argv[1], sys.argv[2]])
        """,
        str(study),
        str(out),
    )
    hidden = [p.name for p in out.parent.iterdir()]
    assert len(hidden) == 1 and hidden[0].startswith(".codebook.docx.")
    result = CliRunner().invoke(cli, ["export", "codebook", str(study), str(out)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.parent.iterdir()] == ["codebook.docx"]


def test_a_running_process_keeps_its_temporary_files(tmp_path: Path) -> None:
    from storage.temp_files import PART, remove_stale, temp_name

    mine = temp_name(tmp_path / "x.suhbat", PART)
    mine.write_bytes(b"in progress")
    assert remove_stale(tmp_path) == []
    assert mine.exists()


def test_a_stale_journal_beside_a_temporary_file_goes_too(tmp_path: Path) -> None:
    from storage.temp_files import remove_stale

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    journal = tmp_path / f"study.suhbat.{child.pid}-0a1b2c3d.converting-journal"
    journal.write_bytes(b"pages")
    assert remove_stale(tmp_path) == [journal]
