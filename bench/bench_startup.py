"""Benchmark: how fast an installed suhbat starts (``--help``, ``info PROJECT``).

    .venv/bin/python bench/bench_startup.py [RUNS]

Builds the wheel from this checkout (as a release is built), installs it alone into a new
venv at the locked versions with byte-code compiled (as pip installs a package), builds the
demo project with it, then times whole commands in fresh processes, RUNS times each
(default 5), interleaved with their floors:

* ``--help`` against ``python -c "import click"`` (an interpreter that loads the CLI
  library and nothing else);
* ``info PROJECT --json`` against a plain ``sqlite3`` script printing the same counts.

Prints the median wall time of each, the ratio to its floor and the load average; it
asserts nothing. Record results with the machine and the date in ``bench/README.md``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from uv import find_uv_bin

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("storage", "analysis", "exports", "i18n", "tui")
SOURCE_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "requirements-lock.txt")
FLOOR_INFO = """
import json, sqlite3, sys
TABLES = ("participant", "session", "transcript", "layer", "utterance", "code", "coding")
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
name, languages = conn.execute("SELECT name, languages FROM project").fetchone()
counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
print(json.dumps({"name": name, "languages": languages.split(","), **counts}, indent=2))
"""


def install_wheel(root: Path) -> Path:
    """Build the wheel from a clean copy of the sources; the bin folder of its new venv."""
    source = root / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc")
    for package in PACKAGES:
        shutil.copytree(REPO / package, source / package, ignore=ignore)
    for name in SOURCE_FILES:
        shutil.copy2(REPO / name, source / name)
    quiet = {"check": True, "capture_output": True}
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", "dist"],
        cwd=source,
        **quiet,  # type: ignore[arg-type]
    )
    (wheel,) = (source / "dist").glob("suhbat-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], **quiet)  # type: ignore[arg-type]
    subprocess.run(
        [find_uv_bin(), "pip", "install", "--python", str(venv / "bin" / "python"), str(wheel),
         "--constraint", str(REPO / "requirements-lock.txt"), "--compile-bytecode"],
        **quiet,  # type: ignore[arg-type]
    )  # fmt: skip
    return venv / "bin"


def wall(args: list[str]) -> float:
    """Seconds one fresh process takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bin_dir = install_wheel(root)
        suhbat, python = str(bin_dir / "suhbat"), str(bin_dir / "python")
        project = str(root / "demo.suhbat")
        subprocess.run([suhbat, "demo", project, "--no-open"], check=True, capture_output=True)
        commands = {
            "suhbat --help": [suhbat, "--help"],
            "floor: python -c 'import click'": [python, "-c", "import click"],
            "suhbat info P --json": [suhbat, "info", project, "--json"],
            "floor: sqlite3 script": [python, "-c", FLOOR_INFO, project],
        }
        for args in commands.values():
            wall(args)  # warm the page cache once
        times: dict[str, list[float]] = {name: [] for name in commands}
        loads = [os.getloadavg()[0]]
        for _ in range(runs):
            for name, args in commands.items():
                times[name].append(wall(args))
            loads.append(os.getloadavg()[0])
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"median of {runs} runs, fresh processes, installed wheel")
    for name, median in medians.items():
        print(f"  {name:34} {median * 1000:7.0f} ms")
    help_ratio = medians["suhbat --help"] / medians["floor: python -c 'import click'"]
    info_ratio = medians["suhbat info P --json"] / medians["floor: sqlite3 script"]
    print(f"  ratio --help / floor {help_ratio:.2f}, info / floor {info_ratio:.2f}")
    print(f"  load average {min(loads):.2f}-{max(loads):.2f}")


if __name__ == "__main__":
    main()
