"""Without the ``encryption`` extra, ``init --encrypt`` says in one line how to get it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SUHBAT = Path(sys.executable).parent / "suhbat"


def _without_sqlcipher(tmp_path: Path) -> dict[str, str]:
    """An environment in which ``import sqlcipher3`` fails, as where it is not installed."""
    shadow = tmp_path / "no-sqlcipher" / "sqlcipher3"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("No module named sqlcipher3")\n')
    env = dict(os.environ, PYTHONPATH=str(shadow.parent), SUHBAT_PASSPHRASE="долгая фраза 42")
    env.pop("SUHBAT_LANG", None)
    return env


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Encrypted projects need"), ("ru", "Для зашифрованных проектов нужен")],
)
def test_init_encrypt_without_the_extra_names_it(tmp_path: Path, language: str, words: str) -> None:
    project = tmp_path / "study.suhbat"
    result = subprocess.run(
        [str(SUHBAT), "--lang", language, "init", str(project), "--encrypt"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=_without_sqlcipher(tmp_path),
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0]
    assert "pip install 'suhbat[encryption]'" in lines[0]
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("study.suhbat*"))
