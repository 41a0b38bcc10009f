"""Benchmark of the coding screens: open, apply a code, scroll, and the codebook with counts.

    .venv/bin/python bench/bench_coding.py [--dir DIR]

Builds two projects from the synthetic corpus (``bench/gencorpus.py``,
fixed seed) with a fixed random seed for the codings:

* a 5,000-utterance transcript with a second layer beside it and 2,000 codings by two
  coders, opened in the coding screen of a headless app (120 × 40);
* 200 transcripts of 400 utterances with 50,000 codings, shown in the codebook screen.

It prints, in milliseconds: opening the transcript until its first paint, applying a
code until the panes are repainted, scrolling one page (both panes), and the codebook
screen with counts. "Work" times are the synchronous work of the screen including the
rendering of every visible line; "to idle" times also include one turn of Textual's
event loop (message processing, layout and compositing of the frame).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import StepTimes, p95, print_load  # noqa: E402

from exports.transcript_import import import_transcript, import_translation  # noqa: E402
from storage import Store  # noqa: E402
from storage.base import new_uuids  # noqa: E402
from storage.refi_store import CodingRow  # noqa: E402

GENCORPUS = ROOT / "bench" / "gencorpus.py"
SIZE = (120, 40)
SEED = 7


def generate(out: Path, transcripts: int, utterances: int) -> list[Path]:
    """Run the corpus generator; return the transcript files."""
    subprocess.run(
        [sys.executable, str(GENCORPUS), str(out), str(transcripts), str(utterances)], check=True
    )
    return sorted(out.glob("t*.txt"))


def codebook(store: Store, rng: random.Random) -> list[int]:
    """Ten themes with five codes each; return the codable codes."""
    codable = []
    for theme in range(10):
        parent = store.codes.add(
            {"ru": f"Тема {theme + 1}", "en": f"Theme {theme + 1}"}, is_codable=False
        )
        for child in range(5):
            code = store.codes.add(
                {"ru": f"Код {theme + 1}.{child + 1}", "en": f"Code {theme + 1}.{child + 1}"},
                parent_id=parent.id,
            )
            codable.append(code.id)
    rng.shuffle(codable)
    return codable


def random_codings(
    store: Store, rng: random.Random, count: int, codes: list[int], coders: list[int]
) -> int:
    """``count`` codings of a few words each, spread over every layer of the project."""
    layers = [(layer.id, layer.text) for layer in store.transcripts.layers()]
    rows = []
    ids = new_uuids(count)
    for index in range(count):
        layer_id, text = layers[index % len(layers)]
        lines = text.count("\n") + 1
        line = rng.randrange(lines)
        start = 0 if line == 0 else _nth(text, "\n", line) + 1
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        words = [i for i in range(start, end) if i == start or text[i - 1] == " "]
        if not words:
            continue
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.randint(0, 6))
        stop = text.find(" ", words[last], end)
        stop = end if stop == -1 else stop
        rows.append(
            CodingRow(
                ids[index], rng.choice(codes), layer_id, words[first], stop, rng.choice(coders)
            )
        )
    return store.codings.add_bulk(rows)


def _nth(text: str, needle: str, n: int) -> int:
    position = -1
    for _ in range(n):
        position = text.find(needle, position + 1)
    return position


def build_long(path: Path, work: Path) -> None:
    """One 5,000-utterance transcript (ru + a second layer) with 2,000 codings."""
    files = generate(work / "long", 2, 5000)
    rng = random.Random(SEED)
    with Store.create(path, name="bench", languages=("ru", "kk", "en")) as store:
        import_transcript(store, files[0], language="ru")
        import_translation(store, files[1], files[0].stem, language="kk")
        codes = codebook(store, rng)
        coders = [store.coders.get("aigerim").id, store.coders.get("daniyar").id]
        random_codings(store, rng, 2000, codes, coders)


def build_many(path: Path, work: Path) -> None:
    """200 transcripts of 400 utterances with 50,000 codings by two coders."""
    files = generate(work / "many", 200, 400)
    rng = random.Random(SEED)
    with Store.create(path, name="bench", languages=("ru", "kk", "en")) as store:
        for number in range(1, 10):
            store.participants.add(f"P{number}")
        for file in files:
            import_transcript(store, file, language="ru")
        codes = codebook(store, rng)
        coders = [store.coders.get("aigerim").id, store.coders.get("daniyar").id]
        random_codings(store, rng, 50_000, codes, coders)


def ms(seconds: float) -> str:
    """Seconds as milliseconds, one decimal."""
    return f"{seconds * 1000:.1f}"


def render_visible(screen: Any) -> None:
    """Render every visible line of the visible panes (what a frame of the panes costs)."""
    from textual.geometry import Region

    for pane in screen.view.visible_panes():
        pane.render_lines(Region(0, 0, pane.size.width, pane.size.height))


async def bench_long(path: Path) -> dict[str, str]:
    """Open, apply and scroll timings in the coding screen."""
    from tui.app import SuhbatApp
    from tui.models.code_matching import CodeChoice
    from tui.screens.transcript import TranscriptScreen

    results: dict[str, str] = {}
    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        for _ in range(3):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        transcript = app.store.transcripts.all()[0].id

        def open_transcript() -> None:
            screen.open_transcript(transcript)
            render_visible(screen)

        opens = StepTimes()
        for _ in range(5):
            await opens.measure(pilot, open_transcript)
        results["open to first paint, work (median of 5)"] = ms(statistics.median(opens.work))
        results["  … open, CPU time (median)"] = ms(statistics.median(opens.cpu))
        results["open to first paint, to idle (median of 5)"] = ms(statistics.median(opens.idle))

        model = screen.model
        assert model is not None
        layer = model.layers[0]
        codes = [c for c in model.codes.values() if c.is_codable]
        coder = screen.coder_id()
        assert coder is not None
        rng = random.Random(SEED)
        applies = StepTimes()
        for attempt in range(20):
            line = rng.randrange(len(model.utterances))
            start_offset, end_offset = model.utterance_range(layer.id, line)
            if end_offset - start_offset < 20:
                continue
            screen.view.go_to_line(line)
            await pilot.pause()
            choice = CodeChoice(code_id=codes[attempt % len(codes)].id)

            def apply(choice: CodeChoice = choice, start: int = start_offset) -> None:
                screen.apply(choice, layer.id, start, start + 15, coder)
                render_visible(screen)

            await applies.measure(pilot, apply)
        results["apply a code + repaint, work (median)"] = ms(statistics.median(applies.work))
        results["  … apply, CPU time (median)"] = ms(statistics.median(applies.cpu))
        results["apply a code + repaint, work (max)"] = ms(max(applies.work))
        results["apply a code + repaint, to idle (median)"] = ms(statistics.median(applies.idle))

        pane = screen.view.left
        pane.focus()
        screen.view.go_to_line(0)
        await pilot.pause()
        page = pane.size.height

        def scroll_a_page() -> None:
            pane.scroll_to(y=pane.scroll_y + page, animate=False, immediate=True)
            render_visible(screen)

        frames = StepTimes()
        for _ in range(60):
            await frames.measure(pilot, scroll_a_page)
        results["scroll a page, both panes, work (median)"] = ms(statistics.median(frames.work))
        results["  … scroll, CPU time (median)"] = ms(statistics.median(frames.cpu))
        results["scroll a page, both panes, work (p95)"] = ms(p95(frames.work))
        results["scroll a page, to idle (median)"] = ms(statistics.median(frames.idle))
        keys, idle_keys = [], []
        for _ in range(30):
            begin = time.perf_counter()
            await pilot.press("pagedown")
            keys.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            await pilot.press("f12")  # a key nothing is bound to: the cost of a key press
            idle_keys.append(time.perf_counter() - begin)
        results["PageDown key, to idle (median)"] = ms(statistics.median(keys))
        results["  … an unbound key, to idle (median)"] = ms(statistics.median(idle_keys))
        results["rows in the aligned panes"] = str(pane.aligned.height)
    return results


async def bench_many(path: Path) -> dict[str, str]:
    """The codebook screen with counts over 50,000 codings."""
    from textual.widgets import DataTable

    from tui.app import SuhbatApp
    from tui.screens.codebook import CodebookScreen

    results: dict[str, str] = {}
    with Store(path) as store:
        results["code_counts() without participants (median of 5)"] = ms(
            _time(lambda: store.counts.code_counts(participants=False), 5)
        )
        results["code_participant_counts() (median of 5)"] = ms(
            _time(lambda: store.counts.code_participant_counts(), 5)
        )
    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        painted: list[float] = []  # frames showing the filled code table
        display = app._display

        def timed_display(shown: Any, renderable: Any) -> None:
            display(shown, renderable)
            screen = app.screen
            tables = screen.query("#code-table").results(DataTable)
            if renderable is not None and isinstance(screen, CodebookScreen):
                painted.extend(time.perf_counter() for table in tables if table.row_count)

        app._display = timed_display  # type: ignore[method-assign, assignment]
        await pilot.pause()
        begin = time.perf_counter()
        await pilot.press("f7")
        await pilot.pause()
        first = time.perf_counter() - begin
        first_frame = painted[0] - begin if painted else float("nan")
        screen = app.screen
        assert isinstance(screen, CodebookScreen)
        while screen._participants_for != screen._seen:
            await pilot.pause(0.01)
        participants = time.perf_counter() - begin
        again = []
        for _ in range(5):
            await pilot.press("f1")
            await pilot.pause()
            begin = time.perf_counter()
            await pilot.press("f7")
            await pilot.pause()
            again.append(time.perf_counter() - begin)
        reloads, cpu = [], []
        for _ in range(5):
            begin, begin_cpu = time.perf_counter(), time.process_time()
            screen.reload()
            screen.query_one("#code-table").render_lines(
                screen.query_one("#code-table").region.reset_offset
            )
            reloads.append(time.perf_counter() - begin)
            cpu.append(time.process_time() - begin_cpu)
        results["codebook screen first open, to the table's first frame"] = ms(first_frame)
        results["codebook screen first open, to idle"] = ms(first)
        results["  … participants column filled (background)"] = ms(participants)
        results["codebook screen opened again, to idle (median)"] = ms(statistics.median(again))
        results["codebook reload with counts + table paint (median)"] = ms(
            statistics.median(reloads)
        )
        results["  … reload, CPU time (median)"] = ms(statistics.median(cpu))
        total = sum(c.codings for c in screen.counts.values())
        results["codings counted"] = str(total)
    return results


def _time(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        work()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> None:
    """Build the projects (unless present in --dir) and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, help="keep the projects here and reuse them")
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="bench-coding-"))
    work.mkdir(parents=True, exist_ok=True)
    long_path, many_path = work / "long.suhbat", work / "many.suhbat"
    if not long_path.exists():
        begin = time.perf_counter()
        build_long(long_path, work)
        print(f"built {long_path.name} in {time.perf_counter() - begin:.1f} s")
    if not many_path.exists():
        begin = time.perf_counter()
        build_many(many_path, work)
        print(f"built {many_path.name} in {time.perf_counter() - begin:.1f} s")
    with Store(long_path) as store:
        info = store.info()
        print(f"long: {info.utterances} utterances, {info.layers} layers, {info.codings} codings")
    with Store(many_path) as store:
        info = store.info()
        print(f"many: {info.transcripts} transcripts, {info.codings} codings")
    print_load()
    scratch = work / "long-run.suhbat"  # applying codes changes the project: use a copy
    shutil.copyfile(long_path, scratch)
    for name, value in asyncio.run(bench_long(scratch)).items():
        print(f"{name:48} {value:>10}")
    for name, value in asyncio.run(bench_many(many_path)).items():
        print(f"{name:48} {value:>10}")
    print_load()


if __name__ == "__main__":
    main()
