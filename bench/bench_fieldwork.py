"""Benchmark: the fieldwork screens with a large study, and live-note keystroke latency.

Usage: ``python bench/bench_fieldwork.py [PARTICIPANTS] [SESSIONS]`` (default 1000 300).
Builds a project with that many participants (six typed attributes each) and sessions
(three to eight participants linked to each), then measures in a headless app at
120×40:

* opening the Participants (F2) and Sessions (F4) screens: first open (import, mount,
  load, first paint) and re-open (reload from the file and repaint);
* scrolling them (PgDn, per key);
* a keystroke in the live-session note box: from the key event to the draft being
  committed to the file and echoed on screen (per key, from the app's own event loop),
  and the Store call alone (``set_live_draft``: one autocommitted UPDATE).

Targets from the issue: screens open in ≤ 300 ms; a keystroke is stored and echoed in
≤ 16 ms. Prints figures; it asserts nothing. Record results with the machine and the
date in ``bench/README.md``.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timing import latency_summary, print_load, time_typing  # noqa: E402

from storage import Store  # noqa: E402
from tui.app import SuhbatApp  # noqa: E402

SIZE = (120, 40)
FIRST_NAMES = ("Айгерим", "Дәурен", "Ольга", "Нурлан", "Жанна", "Сергей", "Әсел", "Ерлан")
REGIONS = ("Almaty", "Astana", "Shymkent", "Oskemen", "Aktobe", "Zhambyl", "Mangystau")


def build(path: Path, participants: int, sessions: int) -> None:
    """A synthetic study: participants with typed attributes, sessions with links, a guide."""
    rng = random.Random(7)
    with Store.create(path, languages=("ru", "kk", "en")) as store, store.transaction():
        store.participants.add_attribute("gender", "category", ["F", "M"])
        store.participants.add_attribute("age", "integer")
        store.participants.add_attribute("region", "category", list(REGIONS))
        store.participants.add_attribute("setting", "category", ["Urban", "Rural"])
        store.participants.add_attribute("position", "text")
        store.participants.add_attribute("interviewed", "date")
        ids = []
        for n in range(1, participants + 1):
            p = store.participants.add(
                f"P{n:04d}",
                real_name=f"{rng.choice(FIRST_NAMES)} {n}",
                attributes={
                    "gender": rng.choice("FM"),
                    "age": str(rng.randint(18, 80)),
                    "region": rng.choice(REGIONS),
                    "setting": rng.choice(("Urban", "Rural")),
                    "position": rng.choice(("Press officer", "Teacher", "Farmer", "Nurse")),
                    "interviewed": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                },
            )
            ids.append(p.id)
        guide = store.guides.add("Interview guide")
        for q in range(12):
            main = store.guides.add_question(
                guide.id,
                {"ru": f"Вопрос {q + 1}: как это было?", "kk": f"{q + 1}-сұрақ: қалай болды?"},
                area=f"Theme {q // 3 + 1}",
            )
            store.guides.add_question(
                guide.id, {"ru": "Например?"}, kind="probe", parent_id=main.id
            )
        for n in range(1, sessions + 1):
            kind = "focus_group" if n % 3 == 0 else "interview"
            s = store.sessions.add(
                f"{'FG' if kind == 'focus_group' else 'Interview'} {n:03d}",
                kind,  # type: ignore[arg-type]
                date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                location=rng.choice(REGIONS),
                setting=rng.choice(("Urban", "Rural")),
                region=rng.choice(REGIONS),
                languages=("kk", "ru"),
                duration_min=rng.choice((45, 60, 90, 120)),
                interviewer="Aigerim",
                guide_id=guide.id,
            )
            for pid in rng.sample(ids, 8 if kind == "focus_group" else 3):
                store.sessions.link_participant(s.id, pid, "respondent", consent=True)


class FrameClock:
    """Timestamps of the frames the app renders (wraps ``App._display``)."""

    def __init__(self, app: SuhbatApp) -> None:
        self.frames: list[float] = []
        self.watched: Callable[[], bool] | None = None
        self.shown_at: float | None = None
        original = app._display

        def display(screen: object, renderable: object) -> None:
            if renderable is not None:
                now = time.perf_counter()
                self.frames.append(now)
                # The state a frame shows is the state when it is displayed (one thread).
                if self.watched is not None and self.shown_at is None and self.watched():
                    self.shown_at = now
            original(screen, renderable)  # type: ignore[arg-type]

        app._display = display  # type: ignore[method-assign]

    def watch(self, done: Callable[[], bool]) -> None:
        """Note the first frame rendered from now on while ``done()`` holds."""
        self.watched, self.shown_at = done, None

    async def shown(self, timeout: float = 10.0) -> float:
        """The time of the first frame that showed what :meth:`watch` waits for."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.shown_at is not None:
                self.watched = None
                return self.shown_at
            await asyncio.sleep(0.001)
        raise TimeoutError("no frame")


async def screens(path: Path) -> None:
    """Open, re-open and scroll the Participants and Sessions screens; time to the frame."""
    from textual import events
    from textual.widgets import DataTable

    app = SuhbatApp(path)
    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        driver = app._driver
        assert driver is not None
        await pilot.pause()

        def loaded(name: str, rows: int) -> Callable[[], bool]:
            def check() -> bool:
                if app.current_mode != name or not app.screen.query(DataTable):
                    return False
                table = app.screen.query_one(DataTable)
                return table.row_count == rows and not table._require_update_dimensions

            return check

        async def press(key: str) -> float:
            start = time.perf_counter()
            driver.send_message(events.Key(key, None))
            return start

        with Store(path) as store:
            counts = {
                "participants": len(store.participants.all()),
                "sessions": len(store.sessions.all()),
            }
        for key, name in (("f2", "participants"), ("f4", "sessions")):
            opens = []
            cpu = []
            for _ in range(6):
                cpu_start = time.process_time()
                clock.watch(loaded(name, counts[name]))
                start = await press(key)
                opens.append(await clock.shown() - start)
                cpu.append(time.process_time() - cpu_start)
                await pilot.press("f1")
                await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            scroll = []
            for step in ("pagedown",) * 6 + ("pageup",) * 6:
                table = app.screen.query_one(DataTable)
                row = table.cursor_row

                def moved(table: DataTable[object] = table, row: int = row) -> bool:
                    return table.cursor_row != row

                clock.watch(moved)
                start = await press(step)
                scroll.append(await clock.shown() - start)
            again = sorted(opens[1:])
            print(
                f"{name} screen ({counts[name]} rows), key → loaded and painted:"
                f" first open {opens[0] * 1000:.0f} ms (CPU {cpu[0] * 1000:.0f} ms;"
                " imports, mounts, loads),"
                f" re-open median {statistics.median(again) * 1000:.0f} ms"
                f" (CPU {statistics.median(cpu[1:]) * 1000:.0f} ms, max {again[-1] * 1000:.0f} ms);"
                f" PgDn median {statistics.median(scroll) * 1000:.1f} ms"
                f" (max {max(scroll) * 1000:.1f} ms)"
            )


async def keystrokes(path: Path, count: int) -> None:
    """Type ``count`` characters into the live note box; time each to stored and painted.

    A key event is handed to the app as the terminal driver would. "Stored" is when the
    app's ``set_live_draft`` call (one autocommitted UPDATE) has returned with the new
    text; "painted" is the first frame rendered while the note box holds it. Afterwards
    a second connection checks that the file has every character.
    """
    from textual.widgets import Input

    app = SuhbatApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "enter")  # the first session, live
        await pilot.pause()
        note = app.screen.query_one("#note", Input)
        stored: dict[int, float] = {}
        painted: dict[int, float] = {}
        original_store = app.store.live.set_draft
        original_display = app._display

        def set_live_draft(session_id: int, text: str, *, now_ms: int | None = None) -> None:
            original_store(session_id, text, now_ms=now_ms)
            stored.setdefault(len(text), time.perf_counter())

        def display(screen: object, renderable: object) -> None:
            original_display(screen, renderable)  # type: ignore[arg-type]
            if renderable is not None:
                painted.setdefault(len(note.value), time.perf_counter())

        app.store.live.set_draft = set_live_draft  # type: ignore[method-assign]
        app._display = display  # type: ignore[method-assign]
        session_id = int(app.screen.session.id)  # type: ignore[attr-defined]
        text = "Біз әкімдікпен сөйлестік бірақ жауап болмады " * (count // 44 + 1)
        stored_ms, echoed_ms = await time_typing(app, text[:count], 1, stored, painted)
    with Store(path) as check:
        state = check.live.state(session_id)
        assert state is not None and state.draft == text[:count], "keys were lost"
    for label, values in (
        ("key → committed to the file", stored_ms),
        ("key → committed and painted", echoed_ms),
    ):
        print(f"live note keystroke, {label} ({len(values)} keys): {latency_summary(values)}")


def store_only(path: Path, count: int) -> None:
    """The Store call a keystroke makes, alone."""
    with Store(path) as store:
        session_id = store.live.states("active")[0].session_id
        text = "Біз әкімдікпен сөйлестік, бірақ жауап болмады. " * (count // 48 + 1)
        times = []
        for n in range(1, count + 1):
            start = time.perf_counter()
            store.live.set_draft(session_id, text[:n])
            times.append(time.perf_counter() - start)
    times.sort()
    print(
        f"LivePart.set_draft ({count} calls): median {statistics.median(times) * 1e6:.0f} µs,"
        f" p99 {times[int(len(times) * 0.99)] * 1e6:.0f} µs, max {times[-1] * 1e6:.0f} µs"
    )


def main() -> None:
    participants = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sessions = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fieldwork.suhbat"
        start = time.perf_counter()
        build(path, participants, sessions)
        print(
            f"built {participants} participants, {sessions} sessions"
            f" in {time.perf_counter() - start:.1f} s"
        )
        print_load()
        asyncio.run(screens(path))
        asyncio.run(keystrokes(path, 200))
        store_only(path, 2000)
        print_load()


if __name__ == "__main__":
    main()
