"""The built wheel is complete: installed alone into an empty venv, suhbat runs from it.

Builds the sdist and, from it, the wheel (as ``python -m build`` does for a release) out of
a copy of the source tree without any compiled catalog, installs the wheel with its
dependencies at the locked versions into a new venv, and runs the commands a user would
run first. Needs the package index (or a warm uv cache) for the dependencies.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from uv import find_uv_bin

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("storage", "analysis", "exports", "i18n", "tui")
SOURCE_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "requirements-lock.txt")
LANGUAGES = ("en", "ru", "kk")


def _copy_source(target: Path) -> None:
    """The files a release is built from, as in a fresh clone (no .mo, no caches)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc")
    for package in PACKAGES:
        shutil.copytree(REPO / package, target / package, ignore=ignore)
    for name in SOURCE_FILES:
        shutil.copy2(REPO / name, target / name)


def _run(
    args: list[str | Path], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [str(a) for a in args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the built wheel, the bin folder of a new venv with only that wheel installed)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    _copy_source(source)
    built = _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", root / "dist"],
                 cwd=source)  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = (root / "dist").glob("suhbat-*.whl")
    venv = root / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv])
    assert made.returncode == 0, made.stderr
    install = _run(
        [find_uv_bin(), "pip", "install", "--python", venv / "bin" / "python", wheel,
         "--constraint", REPO / "requirements-lock.txt"]
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    return wheel, venv / "bin"


def _suhbat(bin_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUHBAT_LANG", "LANG"))}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return _run([bin_dir / "suhbat", *args], env=env, cwd=bin_dir.parent)


def test_wheel_carries_compiled_catalogs_not_their_sources(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in LANGUAGES:
        assert f"i18n/locales/{language}/LC_MESSAGES/suhbat.mo" in names
    assert not [n for n in names if n.endswith((".po", ".pot"))]
    assert "tui/styles/app.tcss" in names
    assert "exports/demo_data/participants.csv" in names
    assert not [n for n in names if n.startswith(("tests/", "bench/"))]


def test_installed_wheel_speaks_kazakh(installed: tuple[Path, Path]) -> None:
    _, bin_dir = installed
    shown = _suhbat(bin_dir, "--lang", "kk", "--help")
    assert shown.returncode == 0, shown.stderr
    assert "Қолданылуы: suhbat" in shown.stdout
    assert "Usage" not in shown.stdout


def test_installed_wheel_builds_and_reads_the_demo(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, bin_dir = installed
    project = tmp_path / "демо.suhbat"
    built = _suhbat(bin_dir, "demo", project, "--no-open")
    assert built.returncode == 0, built.stderr
    info = _suhbat(bin_dir, "info", project, "--json")
    assert info.returncode == 0, info.stderr
    facts = json.loads(info.stdout)
    assert facts["languages"] == ["ru", "kk", "en"]
    assert facts["transcripts"] >= 3
    assert facts["codings"] > 0
    russian = _suhbat(bin_dir, "--lang", "ru", "info", project)
    assert russian.returncode == 0, russian.stderr
    assert "транскрипты" in russian.stdout
