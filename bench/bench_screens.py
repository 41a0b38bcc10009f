#!/usr/bin/env python3
"""Benchmark: first opens of TUI screens in a fresh process each (Pilot, headless, 120 × 40).

    .venv/bin/python bench/bench_screens.py PROJECT [--long LONG_PROJECT] [--rounds N]
                                            [--only transcript] [--size 80x24]

PROJECT is the 200-transcript project with 50,000 codings that ``bench_floor.py --dir
DIR`` builds (``DIR/coded.suhbat``); LONG_PROJECT one with a 5,000-utterance transcript
(``bench_coding.py`` builds one; made here in a temporary folder when not given). Each
measurement starts a new Python process that opens the app on the project, waits until
the home screen is idle, then times, in wall and CPU seconds of that process:

* ``analysis``: F9 until the Analysis screen shows its first table (computed in a worker);
* ``export``: F10 until the Export screen is shown and idle;
* ``transcript``: F6 until the coding screen shows the 5,000-utterance transcript (both
  layers wrapped; at 80 × 24 the layers are interleaved in the pane shown, the other pane
  is wrapped when first shown) and is idle, and how many times a whole layer was wrapped.

The suhbat packages are byte-compiled first, as an installed wheel ships them. Prints the
median of the rounds and the load average. It asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIZE = (120, 40)


async def _until(pilot: Any, ready: Any, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen never got ready")
        await pilot.pause(0.005)
    await pilot.pause()


async def one(mode: str, project: Path, size: tuple[int, int] = SIZE) -> dict[str, float]:
    """Open the app, then time one first open of ``mode``."""
    from tui.app import SuhbatApp
    from tui.widgets import aligned_document

    wraps = [0]
    original = aligned_document.AlignedWrappedDocument.wrap

    def counted(self: Any, width: int, tab_width: int | None = None) -> None:
        if self.document.line_count > 1000 and width:
            wraps[0] += 1
            if os.environ.get("BENCH_WRAP_STACKS"):
                import traceback

                print(f"wrap at {width}", file=sys.stderr)
                traceback.print_stack(limit=12, file=sys.stderr)
        original(self, width, tab_width)

    aligned_document.AlignedWrappedDocument.wrap = counted  # type: ignore[method-assign]
    app = SuhbatApp(project, coder="aigerim")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        start, cpu = time.perf_counter(), time.process_time()
        if mode == "analysis":
            await pilot.press("f9")

            def ready() -> bool:
                screen = app.screen
                return type(screen).__name__ == "AnalysisScreen" and screen.result is not None

        elif mode == "export":
            await pilot.press("f10")

            def ready() -> bool:
                return type(app.screen).__name__ == "ExportScreen" and app.screen.is_mounted

        else:  # the project's one transcript opens with the screen
            await pilot.press("f6")

            def ready() -> bool:
                screen = app.screen
                return (
                    type(screen).__name__ == "TranscriptScreen"
                    and screen.model is not None
                    and all(
                        pane.aligned.width
                        for pane in screen.view.visible_panes()
                        if pane.size.height
                    )
                )

        await _until(pilot, ready)
        return {
            "wall": time.perf_counter() - start,
            "cpu": time.process_time() - cpu,
            "wraps": wraps[0],
        }


def build_long(folder: Path) -> Path:
    """The 5,000-utterance project of ``bench_coding.py``."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_coding import build_long as build

    path = folder / "long.suhbat"
    build(path, folder)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--long", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default=None, help="one of analysis, export, transcript")
    parser.add_argument("--size", default="120x40", help="terminal columns x rows")
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    if args.one:
        print(json.dumps(asyncio.run(one(args.one, args.project, (columns, rows)))))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_floor import compile_sources

    compile_sources()
    with tempfile.TemporaryDirectory() as tmp:
        long_project = args.long or build_long(Path(tmp))
        jobs = {"analysis": args.project, "export": args.project, "transcript": long_project}
        if args.only:
            jobs = {args.only: jobs[args.only]}
        results: dict[str, list[dict[str, float]]] = {mode: [] for mode in jobs}
        loads = [os.getloadavg()[0]]
        for _ in range(args.rounds):
            for mode, project in jobs.items():
                done = subprocess.run(
                    [sys.executable, __file__, str(project), "--one", mode, "--size", args.size],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                results[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))
            loads.append(os.getloadavg()[0])
    print(f"median of {args.rounds}, fresh process each, load {min(loads):.1f}-{max(loads):.1f}")
    for mode, runs in results.items():
        wall = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        wraps = statistics.median(r["wraps"] for r in runs)
        print(f"  {mode:11} {wall:6.3f} s wall {cpu:6.3f} s CPU  whole-layer wraps {wraps:.0f}")


if __name__ == "__main__":
    main()
