"""Timing helpers shared by the benchmark scripts (run from the repository root).

The scripts import it as a top-level module (``from timing import ...``): Python puts
the folder of the script it runs on ``sys.path``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from storage import Store


def p95(values: list[float]) -> float:
    """The 95th percentile of ``values`` (the value below which 95 % of them lie)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def print_load() -> None:
    """The machine's load average (the figures depend on it: the machine may be shared)."""
    one, five, fifteen = os.getloadavg()
    print(f"load average {one:.2f} {five:.2f} {fifteen:.2f}")


def print_search_times(store: Store, queries: Iterable[str], runs: int = 21) -> None:
    """Search each query ``runs`` times; print its hits, the first and the median time."""
    for query in queries:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            hits = store.search.hits(query, limit=50)
            times.append((time.perf_counter() - start) * 1000)
        print(
            f"search {query!r}: {len(hits)} hits (of {store.search.count(query)}),"
            f" first {times[0]:.2f} ms, median {statistics.median(times):.2f} ms"
        )


def run_step(script: str | Path, *args: str) -> dict[str, float]:
    """Run ``script --step ARGS`` in a fresh interpreter; the JSON figures it prints last.

    A fresh process per step keeps each peak memory (``ru_maxrss``) its own.
    """
    result = subprocess.run(
        [sys.executable, str(script), "--step", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


class StepTimes:
    """Timings of a step repeated in a running app, one entry per :meth:`measure`."""

    def __init__(self) -> None:
        self.work: list[float] = []
        """Wall time of the step's own work (seconds)."""
        self.cpu: list[float] = []
        """CPU time of that work."""
        self.idle: list[float] = []
        """Wall time from the start of the step until the app was idle again."""

    async def measure(self, pilot: Pilot[Any], step: Callable[[], object]) -> None:
        """Run ``step``, then let the app settle, and record the three times."""
        begin, begin_cpu = time.perf_counter(), time.process_time()
        step()
        self.work.append(time.perf_counter() - begin)
        self.cpu.append(time.process_time() - begin_cpu)
        await pilot.pause()
        self.idle.append(time.perf_counter() - begin)
