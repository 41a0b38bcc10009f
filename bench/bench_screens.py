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
  ``painted`` / ``painted_cpu``: until the first frame that draws the table's rows (the
  wall and CPU figures also take in the frames after it, as its scroll bars appear, and
  Pilot's wait until the app is idle, about 0.1 s more);
* ``export``: F10 until the Export screen is shown and idle;
* ``transcript``: F6 until the coding screen shows the 5,000-utterance transcript (both
  layers wrapped; at 80 × 24 the layers are interleaved in the pane shown, the other pane
  is wrapped when first shown) and is idle, and how many times a whole layer was wrapped.

``ui_cpu`` is the CPU of the main (UI) thread alone.

With ``--many MANY`` it measures Home and the list screens of a 2,000-transcript project
instead (built into MANY's folder by :func:`build_many` when MANY is missing): each list's
first open, ten PageDowns, and a search typed letter by letter, each until the app is idle
(PROJECT is then ignored; pass ``-``).

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
    painted: list[float] = []
    if mode == "analysis":
        from tui.widgets.stats_table import StatsTable

        draw = StatsTable.render_lines

        def drawn(self: Any, crop: Any) -> Any:
            lines = draw(self, crop)
            if not painted and self.row_count:
                painted.extend((time.perf_counter(), time.process_time()))
            return lines

        StatsTable.render_lines = drawn  # type: ignore[method-assign]
    app = SuhbatApp(project, coder="aigerim")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        start, cpu, ui = time.perf_counter(), time.process_time(), time.thread_time()
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
        out = {
            "wall": time.perf_counter() - start,
            "cpu": time.process_time() - cpu,
            "ui_cpu": time.thread_time() - ui,
            "wraps": wraps[0],
        }
        if painted:
            out.update(painted=painted[0] - start, painted_cpu=painted[1] - cpu)
        return out


LISTS: dict[str, tuple[str, ...]] = {
    "sessions": ("f4",),
    "participants": ("f2",),
    "codebook": ("f7",),
    "live-picker": ("f5",),
    "transcript-chooser": ("f6", "o"),
    "search": ("f8",),
    "passages": ("f7", "g"),  # Coded passages of the first theme, with its sub-codes
}
"""List screens of the 2,000-transcript project → the keys that open them from Home."""


async def _idle(pilot: Any) -> None:
    """Until the app has nothing left to do (no worker running, messages processed)."""
    app = pilot.app
    await pilot.pause()
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            break
    await pilot.pause()


async def one_list(mode: str, project: Path) -> dict[str, float]:
    """Open the app on the 2,000-transcript project, then time one list: its first open,
    the slowest of ten PageDowns, and (``search``) the slowest keystroke of a query typed
    letter by letter, each until the app is idle again."""
    from tui.app import SuhbatApp

    app = SuhbatApp(project, coder="aigerim")
    start, cpu = time.perf_counter(), time.process_time()
    async with app.run_test(size=SIZE) as pilot:
        await _idle(pilot)
        out = {"start": time.perf_counter() - start, "start_cpu": time.process_time() - cpu}
        keys = LISTS.get(mode, ())
        start, cpu = time.perf_counter(), time.process_time()
        for key in keys:
            await pilot.press(key)
            await _idle(pilot)
        out.update(open=time.perf_counter() - start, open_cpu=time.process_time() - cpu)
        steps: list[float] = []
        step_cpus: list[float] = []
        if mode == "search":
            presses = list("согласование")
        else:
            presses = ["pagedown"] * 10
            if mode == "home":
                await pilot.press("tab")  # the transcripts table
                await _idle(pilot)
        for key in presses:
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press(key)
            await _idle(pilot)
            steps.append(time.perf_counter() - start)
            step_cpus.append(time.process_time() - cpu)
        out["step_max"] = max(steps)
        out["step_median"] = statistics.median(steps)
        out["step_cpu_max"] = max(step_cpus)
        out["step_cpu_median"] = statistics.median(step_cpus)
        return out


def build_long(folder: Path) -> Path:
    """The 5,000-utterance project of ``bench_coding.py``."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_coding import build_long as build

    path = folder / "long.suhbat"
    build(path, folder)
    return path


def build_many(folder: Path, transcripts: int = 2000, utterances: int = 20) -> Path:
    """A project of ``transcripts`` imported transcripts (one session each), as many
    participants and a few hundred codings (``gencorpus.py`` + ``suhbat import``)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import random

    from bench_coding import codebook, random_codings

    from storage import Store

    corpus = folder / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "gencorpus.py"), str(corpus), str(transcripts),
         str(utterances)],
        check=True,
    )  # fmt: skip
    path = folder / "many.suhbat"
    with Store.create(path, name="many", languages=("ru", "kk", "en")) as store:
        store.participants.add_attribute("gender", "category", ("F", "M"))
        known = store.participants.names()
        with store.transaction():
            for number in range(1, transcripts + 1):
                gender = "FM"[number % 2]
                store.participants.add(f"P{number}", attributes={"gender": gender}, known=known)
    files = sorted(str(f) for f in corpus.glob("t*.txt"))
    suhbat = str(Path(sys.executable).parent / "suhbat")
    subprocess.run([suhbat, "import", str(path), *files, "--language", "ru"], check=True,
                   capture_output=True)  # fmt: skip
    rng = random.Random(7)
    with Store(path) as store:
        codes = codebook(store, rng)
        coders = [store.coders.get("aigerim").id, store.coders.get("daniyar").id]
        random_codings(store, rng, 4000, codes, coders)
    return path


def run_rounds(
    jobs: dict[str, Path], rounds: int, size: str = "120x40"
) -> dict[str, list[dict[str, float]]]:
    """Each job (mode → project) once per round in a fresh process; prints the load."""
    results: dict[str, list[dict[str, float]]] = {mode: [] for mode in jobs}
    loads = [os.getloadavg()[0]]
    for _ in range(rounds):
        for mode, project in jobs.items():
            done = subprocess.run(
                [sys.executable, __file__, str(project), "--one", mode, "--size", size],
                capture_output=True,
                text=True,
                check=True,
            )
            results[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))
        loads.append(os.getloadavg()[0])
    print(f"median of {rounds}, fresh process each, load {min(loads):.1f}-{max(loads):.1f}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--long", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default=None, help="one of analysis, export, transcript")
    parser.add_argument("--size", default="120x40", help="terminal columns x rows")
    parser.add_argument(
        "--many",
        type=Path,
        default=None,
        help="a 2,000-transcript project (built by build_many() when the file is missing)",
    )
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    if args.one:
        if args.one in ("home", *LISTS):
            print(json.dumps(asyncio.run(one_list(args.one, args.project))))
        else:
            print(json.dumps(asyncio.run(one(args.one, args.project, (columns, rows)))))
        return
    if args.many is not None:
        lists(args.many, args.rounds)
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_floor import compile_sources

    compile_sources()
    with tempfile.TemporaryDirectory() as tmp:
        long_project = args.long or build_long(Path(tmp))
        jobs = {"analysis": args.project, "export": args.project, "transcript": long_project}
        if args.only:
            jobs = {args.only: jobs[args.only]}
        results = run_rounds(jobs, args.rounds, args.size)
    for mode, runs in results.items():
        wall = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        wraps = statistics.median(r["wraps"] for r in runs)
        print(f"  {mode:11} {wall:6.3f} s wall {cpu:6.3f} s CPU  whole-layer wraps {wraps:.0f}")
        if "painted" in runs[0]:
            painted = statistics.median(r["painted"] for r in runs)
            painted_cpu = statistics.median(r["painted_cpu"] for r in runs)
            print(
                f"  {'':11} {painted:6.3f} s wall {painted_cpu:6.3f} s CPU"
                "  to the frame that first draws the table"
            )


def lists(project: Path, rounds: int) -> None:
    """Home and the list screens of the 2,000-transcript project, fresh process each."""
    if not project.exists():
        project.parent.mkdir(parents=True, exist_ok=True)
        built = build_many(project.parent)
        built.rename(project)
    results = run_rounds(dict.fromkeys(["home", *LISTS], project), rounds)
    for mode, runs in results.items():
        med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        first = "start" if mode == "home" else "open"
        step = "keystroke" if mode == "search" else "PageDown"
        print(
            f"  {mode:19} open {med[first]:6.3f} s wall {med[first + '_cpu']:6.3f} s CPU;"
            f"  {step} wall / CPU ms: median {med['step_median'] * 1000:4.0f} /"
            f" {med['step_cpu_median'] * 1000:4.0f}, slowest {med['step_max'] * 1000:4.0f} /"
            f" {med['step_cpu_max'] * 1000:4.0f}"
        )


if __name__ == "__main__":
    main()
