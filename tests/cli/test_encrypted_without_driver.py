"""An encrypted project where the SQLCipher driver is not installed: every command names
the extra to install in one line, before asking for any passphrase."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage import Store
from storage.connection import forget_passphrase, remember_passphrase, sqlcipher_available

SUHBAT = Path(sys.executable).parent / "suhbat"
INSTALL = "pip install 'suhbat[encryption]'"

pytestmark = pytest.mark.skipif(not sqlcipher_available(), reason="needs sqlcipher3")


def without_sqlcipher(tmp_path: Path, *, passphrase: bool) -> dict[str, str]:
    """An environment in which ``import sqlcipher3`` fails, as where it is not installed."""
    shadow = tmp_path / "no-sqlcipher" / "sqlcipher3"
    shadow.mkdir(parents=True, exist_ok=True)
    (shadow / "__init__.py").write_text('raise ImportError("No module named sqlcipher3")\n')
    env = dict(os.environ, PYTHONPATH=str(shadow.parent))
    env.pop("SUHBAT_LANG", None)
    env.pop("SUHBAT_PASSPHRASE", None)
    if passphrase:
        env["SUHBAT_PASSPHRASE"] = "долгая фраза 42"
    return env


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    project = tmp_path / "secret.suhbat"
    remember_passphrase(project, "долгая фраза 42")
    Store.create(project, languages=("ru", "en")).close()
    forget_passphrase(project)
    return project


@pytest.mark.parametrize("passphrase", [True, False])
def test_every_command_names_the_extra(
    encrypted: Path, tmp_path: Path, fixtures_dir: Path, passphrase: bool
) -> None:
    env = without_sqlcipher(tmp_path, passphrase=passphrase)
    for command in (
        ["info", encrypted],
        ["search", encrypted, "слово"],
        ["import", encrypted, fixtures_dir / "interview_07.en.txt"],
        ["export", "csv", encrypted, tmp_path / "out"],
        ["backup", encrypted],
        ["check", encrypted],
        ["decrypt", encrypted, "--yes"],
        ["open", encrypted],
    ):
        result = subprocess.run(
            [str(SUHBAT), *map(str, command)],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            env=env,
            check=False,
        )
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 1, (command, result.stderr)
        assert len(lines) == 1, (command, result.stderr)
        assert INSTALL in lines[0], (command, result.stderr)
        assert "Passphrase" not in result.stderr


def test_init_encrypt_help_says_the_extra_is_needed() -> None:
    result = subprocess.run(
        [str(SUHBAT), "--lang", "en", "init", "--encrypt", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert INSTALL in " ".join(result.stdout.split())
