#!/usr/bin/env python3
"""Benchmark: every command against its bare-SQLite floor, end to end.

    .venv/bin/python bench/bench_floor.py [--dir DIR] [--rounds N] [--only NAME,…]

Generates ``gencorpus.py OUT 200 400`` (80,000 utterances, 1.92 M ru/kk words), builds a
project from it with ``suhbat import`` (participants P1–P9 with a ``gender`` attribute,
linked as speakers) and adds 50,000 random codings by two coders under 10 themes of 5
codes through the Store API (as ``bench_coding.py`` does). Then, for ``--rounds`` rounds,
runs each real ``suhbat`` command in a fresh process immediately followed by its floor
(``bench/floors.py``, plain ``sqlite3`` doing the same job), and prints for each the
median wall time, the median CPU time (user + system of the process and its children),
the ratio of the medians and the load average seen during its rounds. It asserts nothing.

With ``--dir`` the corpus and the coded project are kept and reused by the next run.
With ``--before SRC`` (a copy of older sources, e.g. ``git archive COMMIT | tar -x -C
SRC``) each round also runs the same command on those sources (``PYTHONPATH=SRC``,
started outside the checkout), between the floor and the current code, so old and new
are compared in the same minutes. Sources are byte-compiled first, as an installed wheel
ships them.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SUHBAT = str(BIN / "suhbat")
PYTHON = sys.executable
FLOORS = str(ROOT / "bench" / "floors.py")
FLOORS_TABLES = str(ROOT / "bench" / "floors_tables.py")
GENCORPUS = ROOT / "bench" / "gencorpus.py"
SEED = 7
os.environ["SUHBAT_LANG"] = "en"
"""Every command speaks English, as the floors do: without it the language a user chose
last in the app (their settings file) would pick the catalog each command loads."""


def run(
    args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (its children included) and peak RSS (MB) of one process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors, env=env, cwd=cwd)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        # search exits 1 when nothing is found; any other command failing stops the run
        if process.returncode not in ((0, 1) if "search" in args[:3] else (0,)):
            errors.seek(0)
            sys.exit(f"{' '.join(args[:4])} failed:\n{errors.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def compile_sources(env: dict[str, str] | None = None) -> None:
    """Byte-compile the suhbat packages this Python imports and their message catalogs, as
    an installed wheel ships them (this machine may run with ``PYTHONDONTWRITEBYTECODE``:
    every start would compile; a catalog older than its ``.po`` is compiled at each start)."""
    subprocess.run(
        [PYTHON, "-c", "import compileall, os, storage, analysis, exports, i18n, tui\n"
         "for m in (storage, analysis, exports, i18n, tui):\n"
         "    compileall.compile_dir(os.path.dirname(m.__file__), quiet=1)"],
        check=True, env=env, cwd=tempfile.gettempdir(),
    )  # fmt: skip
    subprocess.run(
        [PYTHON, "-m", "i18n.catalogs", "compile"],
        check=True, env=env, cwd=tempfile.gettempdir(), stdout=subprocess.DEVNULL,
    )  # fmt: skip


def build(work: Path) -> tuple[list[str], Path]:
    """The corpus files and the coded project (reused when already in ``work``)."""
    corpus = work / "corpus"
    if not (corpus / "t0199.txt").exists():
        subprocess.run([PYTHON, str(GENCORPUS), str(corpus), "200", "400"], check=True)
    files = sorted(str(p) for p in corpus.glob("t*.txt"))
    project = work / "coded.suhbat"
    if project.exists():
        return files, project
    sys.path.insert(0, str(ROOT))
    from storage import Store

    part = work / "coded-part.suhbat"
    for stale in work.glob("coded-part.suhbat*"):
        stale.unlink()
    with Store.create(part, name="bench", languages=("ru", "kk", "en")) as store:
        store.participants.add_attribute("gender", "category", ("F", "M"))
        for number in range(1, 10):
            store.participants.add(f"P{number}", attributes={"gender": "FM"[number % 2]})
    subprocess.run([SUHBAT, "import", str(part), *files, "--language", "ru"], check=True,
                   capture_output=True)  # fmt: skip
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_coding import codebook, random_codings

    rng = random.Random(SEED)
    with Store(part) as store:
        codes = codebook(store, rng)
        coders = [store.coders.get("aigerim").id, store.coders.get("daniyar").id]
        random_codings(store, rng, 50_000, codes, coders)
    part.rename(project)
    return files, project


Pair = tuple[str, list[str], list[str], Callable[[], None] | None]


def pairs(work: Path, files: list[str], project: Path) -> list[Pair]:
    """(name, suhbat command, floor command, clean-up before each run)."""
    p = str(project)
    out = work / "out"
    out.mkdir(exist_ok=True)
    imported, floor_db = work / "imported.suhbat", work / "floor-import.db"

    def clean_import() -> None:
        for path in [*work.glob("imported.suhbat*"), *work.glob("floor-import.db*")]:
            path.unlink()
        subprocess.run([SUHBAT, "init", str(imported), "--languages", "ru,kk"], check=True,
                       capture_output=True)  # fmt: skip

    def clean_out() -> None:
        shutil.rmtree(out)
        out.mkdir()

    floor = [PYTHON, FLOORS]
    texts = [PYTHON, str(ROOT / "bench" / "floors_texts.py")]
    return [
        ("--help", [SUHBAT, "--help"], [PYTHON, "-c", "import click"], None),
        ("info", [SUHBAT, "info", p], [*floor, "info", p], None),
        ("search согласование", [SUHBAT, "search", p, "согласование"],
         [*floor, "search", p, "согласование"], None),
        ("import 200 files", [SUHBAT, "import", str(imported), *files, "--language", "ru"],
         [*floor, "import", str(floor_db), "ru", *files], clean_import),
        ("import, floor: 1 index", [SUHBAT, "import", str(imported), *files, "--language", "ru"],
         [*floor, "import-one-index", str(floor_db), "ru", *files], clean_import),
        ("stats frequencies", [SUHBAT, "stats", p, "frequencies"], [*floor, "frequencies", p],
         None),
        ("stats crosstab gender", [SUHBAT, "stats", p, "crosstab", "--attribute", "gender"],
         [*floor, "crosstab", p, "gender"], None),
        ("stats saturation", [SUHBAT, "stats", p, "saturation"], [*floor, "saturation", p],
         None),
        ("stats agreement presence", [SUHBAT, "stats", p, "agreement", "--kind", "presence"],
         [*floor, "agreement", p, "presence"], None),
        ("stats agreement (all)", [SUHBAT, "stats", p, "agreement"], [*floor, "agreement", p],
         None),
        # the table kinds of stats, floors in floors_tables.py
        *(
            (f"stats sessions-matrix {m}",
             [SUHBAT, "stats", p, "sessions-matrix", "--measure", m],
             [PYTHON, FLOORS_TABLES, "sessions-matrix", p, m], None)
            for m in ("segments", "codings", "participants")
        ),
        *(
            (f"stats {' '.join(kind)}", [SUHBAT, "stats", p, *kind],
             [PYTHON, FLOORS_TABLES, kind[0], p, *kind[1:]], None)
            for kind in (["profile", "participants"], ["profile", "sessions"], ["sessions"],
                         ["valence"])
        ),
        # the text kinds of stats: floors in floors_texts.py
        ("stats cooccurrence", [SUHBAT, "stats", p, "cooccurrence"],
         [*texts, "cooccurrence", p], None),
        ("stats cooccurrence utterance", [SUHBAT, "stats", p, "cooccurrence", "--mode",
                                          "utterance"], [*texts, "cooccurrence", p, "utterance"],
         None),
        ("stats words", [SUHBAT, "stats", p, "words"], [*texts, "words", p], None),
        ("stats words surface", [SUHBAT, "stats", p, "words", "--forms", "surface"],
         [*texts, "words", p, "surface"], None),
        ("stats words by kind", [SUHBAT, "stats", p, "words", "--by", "kind"],
         [*texts, "words", p, "lemma", "kind"], None),
        ("stats disagreements", [SUHBAT, "stats", p, "disagreements"],
         [*texts, "disagreements", p], None),
        ("export qdpx", [SUHBAT, "export", "qdpx", p, str(out / "s.qdpx")],
         [*floor, "qdpx", p, str(out / "f.qdpx")], clean_out),
        ("export report", [SUHBAT, "export", "report", p, str(out / "s.docx")],
         [*floor, "report", p, str(out / "f.docx")], clean_out),
        ("export xlsx", [SUHBAT, "export", "xlsx", p, str(out / "s.xlsx")],
         [*floor, "xlsx", p, str(out / "f.xlsx")], clean_out),
        ("export report --workbook", [SUHBAT, "export", "report", p, str(out / "s.docx"),
                                      "--workbook", str(out / "s.xlsx")],
         [*floor, "report+xlsx", p, str(out / "f.docx"), str(out / "f.xlsx")], clean_out),
    ]  # fmt: skip


def measure(
    commands: dict[str, list[str]],
    envs: dict[str, dict[str, str] | None],
    clean: Callable[[], None] | None,
    rounds: int,
    cwd: Path,
) -> tuple[dict[str, tuple[float, float, int]], tuple[float, float]]:
    """Median wall and CPU seconds and peak MB of each command, run in turn every round."""
    runs: dict[str, list[tuple[float, float, int]]] = {key: [] for key in commands}
    loads = [os.getloadavg()[0]]
    for _ in range(rounds):
        for key, command in commands.items():
            if clean is not None:
                clean()
            runs[key].append(run(command, envs.get(key), cwd))
        loads.append(os.getloadavg()[0])
    medians = {
        key: (
            statistics.median(r[0] for r in values),
            statistics.median(r[1] for r in values),
            max(r[2] for r in values),
        )
        for key, values in runs.items()
    }
    return medians, (min(loads), max(loads))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="", help="names starting with these, comma-separated")
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="a copy of older sources (e.g. git archive): also run its suhbat in each round",
    )
    args = parser.parse_args()
    tmp = None
    if args.dir is None:
        tmp = tempfile.TemporaryDirectory()
        work = Path(tmp.name)
    else:
        work = args.dir.resolve()
        work.mkdir(parents=True, exist_ok=True)
    try:
        files, project = build(work)
        compile_sources()
        envs: dict[str, dict[str, str] | None] = {}
        if args.before is not None:
            envs["b"] = {**os.environ, "PYTHONPATH": str(args.before.resolve())}
            compile_sources(envs["b"])
        wanted = [w for w in args.only.split(",") if w]
        chosen = [p for p in pairs(work, files, project) if not wanted or
                  any(p[0].startswith(w) for w in wanted)]  # fmt: skip
        before = f"{'before s':>9} {'ratio':>6} {'CPU':>6} {'ratio':>6} " if envs else ""
        print(f"{'work':26} {'floor s':>8} {'CPU':>6} {before}{'suhbat s':>9} {'ratio':>6} "
              f"{'CPU':>6} {'ratio':>6} {'MB':>5} {'load':>9}", flush=True)  # fmt: skip
        for name, command, floor, clean in chosen:
            commands = {"f": floor, "s": command}
            if envs:
                commands = {"f": floor, "b": command, "s": command}
            med, (low, high) = measure(commands, envs, clean, args.rounds, work)
            fw, fc, _ = med["f"]
            line = f"{name:26} {fw:8.3f} {fc:6.3f} "
            if envs:
                bw, bc, _ = med["b"]
                line += f"{bw:9.3f} {bw / fw:6.2f} {bc:6.3f} {bc / fc:6.2f} "
            sw, sc, mb = med["s"]
            line += (
                f"{sw:9.3f} {sw / fw:6.2f} {sc:6.3f} {sc / fc:6.2f} {mb:5d} {low:4.1f}-{high:.1f}"
            )
            print(line, flush=True)
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
