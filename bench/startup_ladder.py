#!/usr/bin/env python3
"""Benchmark: what a small ``suhbat stats`` kind pays before it reads anything.

    .venv/bin/python bench/startup_ladder.py PROJECT [--rounds 9]

Times fresh processes (CPU: user + system, ``wait4``), interleaved round by round:

* a ladder of interpreters that import more and more of what every ``suhbat stats``
  command needs: the bare interpreter; ``sqlite3`` (where each floor starts); click, the
  CLI library; Babel with the English number symbols loaded (every table's digit groups);
  the Store and the frozen dataclasses it returns (ARCHITECTURE §3); and ``suhbat stats
  --help``, the whole command loaded, with its statistics and table modules;
* the five small kinds of ``suhbat stats`` (``valence``, ``sessions``, both profiles, the
  codings per session) on PROJECT, each with its floor from ``floors_tables.py``.

For each kind it prints twice its floor (the target of issue 21) and what of that is left
once the libraries the command is made of are loaded (the ladder's fifth step): the time
in which it would have to open the project, read it and print the table. It asserts
nothing. Run it on the project ``bench_floor.py --dir DIR`` builds (``DIR/coded.suhbat``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench_floor import FLOORS_TABLES, PYTHON, SUHBAT, compile_sources, measure, run

BABEL = "from babel import Locale, numbers; numbers.get_group_symbol(Locale.parse('en'))"
LADDER: tuple[tuple[str, str], ...] = (
    ("python -c pass", "pass"),
    ("+ sqlite3 (a floor's start)", "import sqlite3"),
    ("+ click", "import sqlite3, click"),
    ("+ Babel, English number symbols", f"import sqlite3, click; {BABEL}"),
    ("+ the Store (its frozen dataclasses)", f"import sqlite3, click, storage.store; {BABEL}"),
)
STATS_HELP = "suhbat stats --help (the command, loaded)"
KINDS: tuple[tuple[str, ...], ...] = (
    ("valence",),
    ("sessions",),
    ("profile", "participants"),
    ("profile", "sessions"),
    ("sessions-matrix", "codings"),
)


def commands(project: str) -> dict[str, list[str]]:
    """Every process timed, by its label."""
    out = {label: [PYTHON, "-c", code] for label, code in LADDER}
    out[STATS_HELP] = [SUHBAT, "stats", "--help"]
    for kind in KINDS:
        name = " ".join(kind)
        args = ["sessions-matrix", "--measure", "codings"] if kind[0] == "sessions-matrix" else kind
        out[f"stats {name}"] = [SUHBAT, "stats", project, *args]
        out[f"floor {name}"] = [PYTHON, FLOORS_TABLES, kind[0], project, *kind[1:]]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--rounds", type=int, default=9)
    options = parser.parse_args()
    compile_sources()
    timed = commands(str(options.project))
    for args in timed.values():
        run(args)  # warm the page cache once
    medians, loads = measure(timed, {}, None, options.rounds, Path.cwd())
    median = {label: cpu * 1000 for label, (_wall, cpu, _mb) in medians.items()}
    print(f"median CPU of {options.rounds} rounds, fresh processes, load "
          f"{min(loads):.2f}-{max(loads):.2f}")  # fmt: skip
    for label, _code in LADDER:
        print(f"  {label:46} {median[label]:6.1f} ms")
    print(f"  {STATS_HELP:46} {median[STATS_HELP]:6.1f} ms")
    libraries = median[LADDER[-1][0]]
    print(f"\n  {'kind':28} {'floor':>7} {'2x floor':>9} {'suhbat':>7} {'ratio':>6} "
          f"{'2x floor - libraries':>21}")  # fmt: skip
    for kind in KINDS:
        name = " ".join(kind)
        floor, own = median[f"floor {name}"], median[f"stats {name}"]
        print(f"  {name:28} {floor:7.1f} {2 * floor:9.1f} {own:7.1f} {own / floor:6.2f} "
              f"{2 * floor - libraries:21.1f}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
