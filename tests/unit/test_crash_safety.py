"""Crash safety: a process is killed with SIGKILL at random points while it imports,
codes in bulk, merges a coder's copy or types live-session notes; afterwards the
project opens, passes ``PRAGMA integrity_check`` and holds each operation whole or not
at all.

Each scenario runs a child that repeats its operation without pause and prints a line
after each one is committed; the parent kills it after a random delay (seeded, so a
failure can be replayed) and checks the file.
"""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from crash_children import LIVE_TYPIST, SENTENCES, coder_copy

from storage import Store

REPO = Path(__file__).resolve().parents[2]
TRIALS = 5
SEED = int(os.environ.get("SUHBAT_CRASH_SEED", "20240611"))


def _run_and_kill(script: str, args: list[str], delay: float) -> list[str]:
    """Run ``script``; after its "ready" line wait ``delay`` s, SIGKILL it; its other lines."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    lines: list[str] = []
    try:
        first = child.stdout.readline()
        if first.strip() == "ready":
            deadline = time.monotonic() + delay
            while (left := deadline - time.monotonic()) > 0:
                ready, _w, _x = select.select([child.stdout], [], [], left)
                if ready:
                    line = child.stdout.readline()
                    if not line:
                        break
                    lines.append(line.strip())
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        lines += [line.strip() for line in child.stdout.read().splitlines()]
        errors = child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert first.strip() == "ready", errors
    assert child.returncode == -signal.SIGKILL, errors  # it did not stop by itself
    return [line for line in lines if line]


def _check_opens(path: Path) -> Store:
    store = Store(path)  # the killed writer's lock is gone with it
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return store


def _trials(check: Callable[[random.Random, int], bool]) -> None:
    """Run ``check`` TRIALS times; at least one kill must land inside an operation."""
    rng = random.Random(SEED)
    inside = [check(rng, trial) for trial in range(TRIALS)]
    assert any(inside), "no kill landed inside an operation: the test proved nothing"


def _split(lines: list[str]) -> tuple[int, bool]:
    """How many operations the child reported done, and whether it was killed inside one."""
    done = sum(1 for line in lines if line.isdigit())
    return done, bool(lines) and lines[-1].startswith("begin")


# -- import -------------------------------------------------------------------------------

IMPORT = """
import sys
from pathlib import Path
from exports.transcript_import import import_transcript
from storage import Store
store = Store(sys.argv[1])
source = Path(sys.argv[2])
base = source.read_text(encoding="utf-8")
print("ready", flush=True)
i = 0
while True:
    i += 1
    print("begin", i, flush=True)
    # each file differs in its last line: the same file twice would be refused
    copy = source.with_name(f"{sys.argv[3]}-{i}.ru.txt")
    copy.write_text(base + f"[09:59:59] P1: конец {sys.argv[3]}-{i}\\n", encoding="utf-8")
    import_transcript(store, copy, session=f"{sys.argv[3]}-{i}")
    print(i, flush=True)
"""


def test_killed_imports_leave_whole_transcripts_or_none(tmp_path: Path) -> None:
    lines = [
        f"[{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}] P{i % 4 + 1}:"
        f" Согласование документа номер {i} заняло неделю, ответ {i * 7 % 13}."
        for i in range(1500)
    ]
    source = tmp_path / "long_interview.ru.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = tmp_path / "study.suhbat"
    Store.create(project, languages=("ru", "en")).close()
    expected_text = "\n".join(line.split(": ", 1)[1] for line in lines)

    def check(rng: random.Random, trial: int) -> bool:
        with _check_opens(project) as store:
            before = len(store.transcripts.all())
        done, inside = _split(
            _run_and_kill(
                IMPORT, [str(project), str(source), f"trial{trial}"], rng.uniform(0.05, 0.6)
            )
        )
        with _check_opens(project) as store:
            transcripts = store.transcripts.all()
            assert len(transcripts) - before in (done, done + 1)
            sessions = {s.id for s in store.sessions.all()}
            assert sessions == {t.session_id for t in transcripts}  # no session left empty
            for transcript in transcripts[before:]:
                (layer,) = store.transcripts.layers(transcript.id)
                assert len(store.transcripts.utterances(transcript.id)) == len(lines) + 1
                assert layer.text.startswith(expected_text + "\nконец ")
            assert store.search.count("согласование") == len(lines) * len(transcripts)
        return inside

    _trials(check)


# -- bulk coding --------------------------------------------------------------------------

BULK = """
import sys
from storage import Store
store = Store(sys.argv[1])
coder = store.coders.get("bulk")
spans = [
    piece
    for u in store.transcripts.utterances()
    for layer_id, (start, end) in u.spans.items()
    if end - start > 4
    for piece in (
        (layer_id, start, end),
        (layer_id, start, (start + end) // 2),
        (layer_id, (start + end) // 2, end),
    )
]
print("ready", flush=True)
i = 0
while True:
    i += 1
    print("begin", i, flush=True)
    with store.transaction():
        code = store.codes.add({"en": f"bulk {sys.argv[2]}-{i}"})
        for layer_id, start, end in spans:
            store.codings.add(code.id, layer_id, start, end, coder.id)
    print(i, flush=True)
"""


def test_killed_bulk_coding_applies_a_code_everywhere_or_nowhere(demo_path: Path) -> None:
    with Store(demo_path) as store:
        spans = 3 * sum(
            1 for u in store.transcripts.utterances() for a, b in u.spans.values() if b - a > 4
        )
        codings_before = len(store.codings.all())
    assert spans > 100

    def check(rng: random.Random, trial: int) -> bool:
        done, inside = _split(
            _run_and_kill(BULK, [str(demo_path), str(trial)], rng.uniform(0.05, 0.5))
        )
        with _check_opens(demo_path) as store:
            bulk = {c.id for c in store.codes.all() if c.names.get("en", "").startswith("bulk ")}
            mine = [
                c for c in store.codes.all() if c.names.get("en", "").startswith(f"bulk {trial}-")
            ]
            assert len(mine) in (done, done + 1)
            for code in mine:
                assert len(store.codings.all(code_id=code.id)) == spans
            others = [c for c in store.codings.all() if c.code_id not in bulk]
            assert len(others) == codings_before
        return inside

    _trials(check)


# -- live session -------------------------------------------------------------------------


def test_killed_live_session_keeps_every_keystroke_it_reported(tmp_path: Path) -> None:
    import json

    project = tmp_path / "live.suhbat"
    with Store.create(project, languages=("ru", "kk", "en")) as store:
        session_ids = [store.sessions.add(f"Live {i}", "interview").id for i in range(TRIALS)]
        for session_id in session_ids:
            store.live.start(session_id)

    def check(rng: random.Random, trial: int) -> bool:
        session_id = session_ids[trial]
        reported = _run_and_kill(
            LIVE_TYPIST,
            [str(project), str(session_id), json.dumps(SENTENCES), "0.002"],
            rng.uniform(0.1, 0.8),
        )
        last = tuple(int(x) for x in reported[-1].split()) if reported else (0, 0)
        with _check_opens(project) as store:
            notes = [n.text for n in store.live.notes(session_id)]
            state = store.live.state(session_id)
            assert state is not None
        assert notes == SENTENCES[: len(notes)]
        stored = (len(notes), len(state.draft))
        if state.draft:
            assert SENTENCES[len(notes)].startswith(state.draft)
        # every keystroke written before the report is there; at most one more
        assert stored >= last, (stored, last)
        typed = sum(len(s) for s in SENTENCES[: stored[0]]) + stored[1]
        reported_typed = sum(len(s) for s in SENTENCES[: last[0]]) + last[1]
        assert typed - reported_typed <= 1
        return bool(reported) and last[0] < len(SENTENCES)

    _trials(check)


# -- merge --------------------------------------------------------------------------------


MERGE = """
import sys
from storage import Store
from storage.merge import merge_project
store = Store(sys.argv[1])
print("ready", flush=True)
for i, copy in enumerate(sys.argv[2:], start=1):
    print("begin", i, flush=True)
    merge_project(store, copy)
    print(i, flush=True)
import time
time.sleep(60)
"""


def test_killed_merge_is_all_or_nothing(demo_path: Path, tmp_path: Path) -> None:
    pytest.importorskip("storage.merge")
    from exports.transcript_import import import_transcript

    source = tmp_path / "long_interview.ru.txt"
    source.write_text(
        "".join(
            f"[00:{i // 60:02d}:{i % 60:02d}] P{i % 3 + 1}: Ответ номер {i}.\n" for i in range(800)
        ),
        encoding="utf-8",
    )
    with Store(demo_path) as store:
        import_transcript(store, source)
    copies = [tmp_path / f"coder{i}.suhbat" for i in range(1, 5)]
    expected = {
        f"merged coder{i}": coder_copy(demo_path, c, f"coder{i}", f"merged coder{i}")
        for i, c in enumerate(copies, start=1)
    }
    master = tmp_path / "master.suhbat"

    def check(rng: random.Random, trial: int) -> bool:
        shutil.copyfile(demo_path, master)  # every trial merges into the same starting state
        done, inside = _split(
            _run_and_kill(MERGE, [str(master), *map(str, copies)], rng.uniform(0.0, 0.3))
        )
        with _check_opens(master) as store:
            merged = {c.names.get("en"): c for c in store.codes.all()}
            present = [name for name in expected if name in merged]
            # merges ran in order: the ones present are the first few, whole
            assert present == list(expected)[: len(present)]
            assert len(present) in (done, done + 1)
            for name in present:
                assert len(store.codings.all(code_id=merged[name].id)) == expected[name]
                assert (
                    store.find_coder(name.split()[-1]) is not None
                    if hasattr(store, "find_coder")
                    else True
                )
        return inside

    _trials(check)
