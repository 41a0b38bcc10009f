#!/usr/bin/env python3
"""Benchmark: how ``suhbat import`` grows with the number of transcripts.

    .venv/bin/python bench/bench_import_growth.py CORPUS [--counts 200,400,2000] [--rounds 1]

CORPUS is a folder written by ``gencorpus.py CORPUS 2000 400`` (the generator is
deterministic, so its first 200 files are the corpus of ``gencorpus.py OUT 200 400``).
For each count, a fresh project (``suhbat init``) imports the first files of CORPUS in
one ``suhbat import`` run in a fresh process; prints wall and CPU seconds (the process
and its children, ``wait4``), peak RSS, the project's size and the seconds per 1,000
transcripts, each relative to the smallest count. Linear growth keeps the last column
near 1.0; flat memory keeps the peak the same. The projects are deleted afterwards.
It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUHBAT = str(Path(sys.executable).parent / "suhbat")


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (children included) and peak RSS (MB) of one process."""
    with tempfile.TemporaryFile() as errors:  # a pipe would fill up and stop the import
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(args[:3])} failed:\n{errors.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--counts", default="200,400,2000")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None, help="where the projects go")
    args = parser.parse_args()
    files = sorted(str(p) for p in args.corpus.glob("t*.txt"))
    counts = [int(n) for n in args.counts.split(",")]
    if len(files) < max(counts):
        sys.exit(f"{args.corpus} holds {len(files)} transcripts, fewer than {max(counts)}")
    work = Path(tempfile.mkdtemp(dir=args.dir))
    print(f"{'transcripts':>11} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'file MB':>8} "
          f"{'CPU/1000':>9} {'vs first':>8} {'load':>9}", flush=True)  # fmt: skip
    first = 0.0
    try:
        for count in counts:
            results = []
            loads = [os.getloadavg()[0]]
            for _ in range(args.rounds):
                project = work / f"p{count}.suhbat"
                for stale in work.glob(f"p{count}.suhbat*"):
                    stale.unlink()
                subprocess.run([SUHBAT, "init", str(project), "--languages", "ru,kk"],
                               check=True, capture_output=True)  # fmt: skip
                results.append(run([SUHBAT, "import", str(project), *files[:count],
                                    "--language", "ru"]))  # fmt: skip
                loads.append(os.getloadavg()[0])
            wall = statistics.median(r[0] for r in results)
            cpu = statistics.median(r[1] for r in results)
            peak = max(r[2] for r in results)
            size = project.stat().st_size / 2**20
            per = cpu / count * 1000
            first = first or per
            print(f"{count:>11} {wall:8.1f} {cpu:8.1f} {peak:8d} {size:8.0f} {per:9.1f} "
                  f"{per / first:8.2f} {min(loads):4.1f}-{max(loads):.1f}", flush=True)  # fmt: skip
            for stale in work.glob(f"p{count}.suhbat*"):
                stale.unlink()
    finally:
        for stale in work.iterdir():
            stale.unlink()
        work.rmdir()


if __name__ == "__main__":
    main()
