"""``suhbat stats`` imports the statistics it computes and no other, nor libraries it does
not use (issue 21: a small kind such as ``valence`` runs in about 0.13 s, most of it
start-up)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OTHER_STATISTICS = (
    "analysis.agreement",
    "analysis.cooccurrence",
    "analysis.crosstab",
    "analysis.frequencies",
    "analysis.profile",
    "analysis.saturation",
    "analysis.word_frequencies",
    "hashlib",
    "krippendorff",
    "numpy",
    "shutil",
    "textwrap",
)
"""Modules none of the kinds below needs (with its output not on a terminal)."""
SCRIPT = (
    "import json, sys; from tui.cli import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit as stop:\n    assert not stop.code, stop\n"
    f"print(json.dumps(sorted(m for m in {OTHER_STATISTICS!r} if m in sys.modules)))\n"
)


def imported(*args: str | Path) -> list[str]:
    """Which of :data:`OTHER_STATISTICS` a whole ``suhbat`` command imported."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--lang", "en", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    last_line = done.stdout.strip().rsplit("\n", 1)[-1]
    names: list[str] = json.loads(last_line)
    return names


def test_valence_and_codings_per_session_import_no_other_statistic(demo_path: Path) -> None:
    assert imported("stats", demo_path, "valence") == []
    matrix = imported("stats", demo_path, "sessions-matrix", "--measure", "codings")
    assert matrix == ["analysis.crosstab"]


def test_frequencies_import_neither_numpy_nor_crosstabs(demo_path: Path) -> None:
    assert imported("stats", demo_path, "frequencies") == ["analysis.frequencies"]
