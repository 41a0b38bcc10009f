"""Benchmark: translation mode on a 5,000-utterance transcript; keystroke latency.

Usage: ``python bench/bench_translation.py [UTTERANCES]`` (default 5000).
Builds a project with one Russian transcript of that many utterances (every tenth
already translated into English, some marked, a glossary of 50 terms), then in a
headless app at 120×40 and 80×24:

* opening translation mode (``TranslationScreen`` pushed: read the rows, marks,
  glossary and translation memory, fill the list, first frame painted);
* a keystroke in the translation box: from the key event to the draft being
  committed to the file (``translations.set_draft``, one autocommitted upsert) and a
  frame painted with it;
* Enter: the translation saved (layer text edited, status written) and the next
  untranslated utterance shown.

Targets from the issue: opens in ≤ 0.5 s; a keystroke is stored and painted in
≤ 16 ms. Prints figures; asserts nothing. Record results in ``bench/README.md``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timing import latency_summary, print_load, time_typing, wait_for  # noqa: E402

from storage import Store  # noqa: E402
from storage.models import TranscriptInput, UtteranceInput  # noqa: E402
from storage.translations_store import TermInput  # noqa: E402
from tui.app import SuhbatApp  # noqa: E402

SENTENCES = (
    "Согласование у акима занимает три дня, а журналисту нужно сегодня.",
    "Мы получаем подпись через неделю, иногда позже.",
    "Отдел присылает только часть информации, и мы собираем всё заново.",
    "Люди снимают на телефон без согласия и выкладывают в соцсети.",
    "Бывает, что ответ нужно перепроверить в других ведомствах.",
)


def build(path: Path, count: int) -> None:
    """A project with one transcript of ``count`` utterances, partly translated."""
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        session = store.sessions.add("Interview 1")
        utterances = tuple(
            UtteranceInput(
                "Интервьюер" if i % 2 == 0 else "Респондент",
                i * 7_000,
                None,
                (f"{SENTENCES[i % len(SENTENCES)]} ({i})",),
            )
            for i in range(count)
        )
        transcript = store.transcripts.add(session.id, TranscriptInput("big", ("ru",), utterances))
        layer = store.translations.ensure_layer(transcript.id, "en")
        ids = store.transcripts.utterance_ids(transcript.id)
        store.translations.save_many(
            layer.id, [(ids[i], f"Translated sentence {i}.") for i in range(0, count, 10)], "bench"
        )
        store.translations.mark(ids[::7])
        store.translations.set_terms(
            [TermInput("ru", f"термин{i}", "en", f"term{i}") for i in range(49)]
            + [TermInput("ru", "аким", "en", "akim (head of local administration)")]
        )


async def run(path: Path, size: tuple[int, int], keys: int) -> None:
    """Open translation mode, type ``keys`` characters, press Enter a few times."""
    from textual import events

    from tui.screens.translation import TranslationScreen
    from tui.widgets.translation_editor import TranslationEditor

    app = SuhbatApp(path, coder="bench")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        frames: list[float] = []
        original_display = app._display

        def display(screen: object, renderable: object) -> None:
            original_display(screen, renderable)  # type: ignore[arg-type]
            if renderable is not None:
                frames.append(time.perf_counter())

        app._display = display  # type: ignore[method-assign]
        with Store(path) as probe:
            transcript_id = probe.transcripts.all()[0].id
        cpu = time.process_time()
        start = time.perf_counter()
        screen = TranslationScreen(transcript_id, "en")
        await app.push_screen(screen)
        await wait_for(lambda: bool(screen.rows) and screen.current is not None, poll=0)
        loaded = time.perf_counter()
        await wait_for(lambda: bool(frames) and frames[-1] > loaded, poll=0)
        print(
            f"{size[0]}×{size[1]}: open translation mode ({len(screen.rows)} utterances):"
            f" {(frames[-1] - start) * 1000:.0f} ms to the first frame"
            f" (rows loaded at {(loaded - start) * 1000:.0f} ms, CPU"
            f" {(time.process_time() - cpu) * 1000:.0f} ms)"
        )
        await pilot.press("enter")
        await pilot.pause()
        editor = screen.query_one(TranslationEditor)
        assert editor.has_focus
        stored: dict[int, float] = {}
        painted: dict[int, float] = {}
        original_store = app.store.translations.set_draft

        def set_draft(layer_id: int, utterance_id: int, text: str) -> None:
            original_store(layer_id, utterance_id, text)
            stored.setdefault(len(text), time.perf_counter())

        def display_text(screen_: object, renderable: object) -> None:
            original_display(screen_, renderable)  # type: ignore[arg-type]
            if renderable is not None:
                painted.setdefault(len(editor.text), time.perf_counter())

        app.store.translations.set_draft = set_draft  # type: ignore[method-assign]
        app._display = display_text  # type: ignore[method-assign]
        text = "Approval at the akimat takes three days " * (keys // 40 + 1)
        base = len(editor.text)  # a draft left from an earlier run
        stored_ms, echoed_ms = await time_typing(
            app, text[:keys], base + 1, stored, painted, poll=0
        )
        driver = app._driver
        assert driver is not None
        enter_ms = []
        for _ in range(5):
            before = screen.current
            start = time.perf_counter()
            driver.send_message(events.Key("enter", None))
            await wait_for(lambda before=before: screen.current != before, poll=0)  # type: ignore[misc]
            enter_ms.append(time.perf_counter() - start)
            await asyncio.sleep(0.05)
            await pilot.press(*"x")
            await asyncio.sleep(0.05)
    for label, values in (
        ("key → committed to the file", stored_ms),
        ("key → committed and painted", echoed_ms),
        ("Enter → saved, next shown", enter_ms),
    ):
        print(f"{size[0]}×{size[1]}: {label} ({len(values)}): {latency_summary(values)}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "translation.suhbat"
        start = time.perf_counter()
        build(path, count)
        print(f"built {count} utterances in {time.perf_counter() - start:.1f} s")
        print_load()
        asyncio.run(run(path, (120, 40), 100))
        asyncio.run(run(path, (80, 24), 60))
        print_load()


if __name__ == "__main__":
    main()
