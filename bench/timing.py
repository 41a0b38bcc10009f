"""Timing helpers shared by the benchmark scripts (run from the repository root).

The scripts import it as a top-level module (``from timing import ...``): Python puts
the folder of the script it runs on ``sys.path``.
"""

from __future__ import annotations

import asyncio
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
    from textual.app import App
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


async def wait_for(done: Callable[[], bool], timeout: float = 30.0, poll: float = 0.001) -> float:
    """Yield to the app (every ``poll`` seconds) until ``done()``; the time it became true."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if done():
            return time.perf_counter()
        await asyncio.sleep(poll)
    raise TimeoutError("condition not met")


async def time_typing(
    app: App[Any],
    text: str,
    first: int,
    stored: dict[int, float],
    painted: dict[int, float],
    poll: float = 0.001,
) -> tuple[list[float], list[float]]:
    """Type ``text`` key by key as the terminal driver would, at about 15 keys a second.

    The app's hooks fill ``stored`` and ``painted`` (text length → when that text was
    written to the file, and first drawn); ``first`` is the length after the first key.
    Per key: seconds until it was stored, and until it was stored and painted.
    """
    from textual import events

    driver = app._driver
    assert driver is not None
    stored_s: list[float] = []
    echoed_s: list[float] = []
    for n, character in enumerate(text, start=first):
        key = "space" if character == " " else character
        start = time.perf_counter()
        driver.send_message(events.Key(key, character))
        await wait_for(lambda n=n: n in stored and n in painted, poll=poll)  # type: ignore[misc]
        stored_s.append(stored[n] - start)
        echoed_s.append(max(stored[n], painted[n]) - start)
        await asyncio.sleep(0.05)  # a fast typist: about 15 keys a second
    return stored_s, echoed_s


def latency_summary(values: list[float]) -> str:
    """``median …, p95 …, max …`` of ``values`` (seconds) in milliseconds."""
    ordered = sorted(values)
    return (
        f"median {statistics.median(ordered) * 1000:.2f} ms,"
        f" p95 {p95(ordered) * 1000:.2f} ms,"
        f" max {ordered[-1] * 1000:.2f} ms"
    )
