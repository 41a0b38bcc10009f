"""Benchmark: import of the synthetic corpus, search latency and CLI start-up.

Usage: ``python bench/bench_import.py [N_TRANSCRIPTS] [UTTERANCES]`` (default 200 400,
about 80,000 utterances and 1.9 M ru/kk words). Prints figures; it asserts nothing.
Record results with the machine and the date in ``bench/README.md``.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import print_search_times

REPO = Path(__file__).resolve().parents[1]
GENCORPUS = REPO / "bench" / "gencorpus.py"
SUHBAT = [str(Path(sys.executable).parent / "suhbat")]


def timed(args: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (its worker processes included) of a child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, max(after.ru_maxrss, before.ru_maxrss) // 1024, cpu


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    u = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(GENCORPUS), str(corpus), str(n), str(u)], check=True)
        files = sorted(str(p) for p in corpus.glob("*.txt"))
        project = Path(tmp) / "bench.suhbat"
        subprocess.run([*SUHBAT, "init", str(project), "--languages", "ru,kk"], check=True)
        wall, rss, cpu = timed([*SUHBAT, "import", str(project), *files, "--language", "ru"])
        print(
            f"import {n} transcripts x {u} utterances: {wall:.2f} s wall, {cpu:.2f} s CPU"
            f" (both processes), peak RSS {rss} MB"
        )

        sys.path.insert(0, str(REPO))
        from storage import Store

        with Store(project) as store:
            info = store.info()
            print(f"  {info.utterances} utterances, {info.words} words")
            print_search_times(
                store, ("согласование", "қызметтерді", "ёлки", "соглас*", '"подпись через"')
            )
        for args in (["--help"], ["info", str(project)]):
            runs = [timed([*SUHBAT, *args])[0] for _ in range(5)]
            print(f"suhbat {args[0]}: median {statistics.median(runs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
