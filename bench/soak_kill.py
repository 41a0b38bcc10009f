"""Soak test: kill suhbat with SIGKILL at random moments, then check what it left.

    .venv/bin/python bench/soak_kill.py [--rounds N] [--kinds import,live,coding,merge,encrypt]
                                         [--seed S] [--dir DIR]

Each round of each kind starts a fresh copy of a prepared project, runs one operation in a
new session (as ``setsid``), sends SIGKILL to its main process after a random delay (seeded;
up to a little longer than the operation takes, so some rounds finish; *killed_with_helper*
counts kills while a helper process, the import's read-ahead worker, ran), then:

* runs ``suhbat check`` on the project: a failure is a *corruption* (*malformed* when SQLite
  says "malformed" or the file no longer opens);
* opens the project for writing in this process: "open elsewhere" after two seconds is a
  *stuck lock*; a helper process of the killed one still running then is a *stray process*;
* checks that the operation is whole or absent (*half-applied* otherwise):

  - ``import``: ``suhbat import`` of a generated corpus (``gencorpus.py``, 50 × 400 turns);
    every transcript or none, each with all its turns; a line "→" printed for a file
    that is not in the project is a *false claim*;
  - ``live``: a script types notes key by key through ``store.live.set_draft`` and
    ``commit_draft``, reporting each key once it returned; a reported key missing
    afterwards is a *character lost*;
  - ``coding``: a script adds a code and codes every span of the demo project with it,
    one transaction per code, again and again; a code with only some codings is half-applied;
  - ``merge``: ``suhbat merge`` of a coder's copy (one new code on three ranges of every
    span) into the demo project: that code with all its codings, or without it;
  - ``encrypt``: ``suhbat encrypt`` of the demo project (SQLCipher, ``sqlcipher3`` needed):
    afterwards the file is plain or encrypted, opens, and holds the same counts;
    temporary files left beside it are counted as *leftovers*.

It prints the counts per kind and asserts nothing. Record figures in ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from storage import ProjectError, Store

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # crash_children: what the crash-safety tests run too

from crash_children import LIVE_TYPIST, SENTENCES, coder_copy  # noqa: E402

GENCORPUS = REPO / "bench" / "gencorpus.py"

CLI = "import sys; from tui.cli import main; sys.exit(main())"
PASSPHRASE = "soak-test passphrase"
KINDS = ("import", "live", "coding", "merge", "encrypt")
FIGURES = (
    "rounds",
    "killed",
    "killed_with_helper",
    "finished",
    "corrupt",
    "malformed",
    "half_applied",
    "stuck_lock",
    "stray_process",
    "false_claims",
    "chars_lost",
    "leftovers",
)

CODING = """
import sys
from storage import Store
store = Store(sys.argv[1])
coder = store.coders.get("soak")
spans = [
    (layer_id, start, end)
    for u in store.transcripts.utterances()
    for layer_id, (start, end) in u.spans.items()
    if end - start > 1
]
print("ready", len(spans), flush=True)
i = 0
while True:
    i += 1
    with store.transaction():
        code = store.codes.add({"en": f"soak {i}"})
        for layer_id, start, end in spans:
            store.codings.add(code.id, layer_id, start, end, coder.id)
    print(i, flush=True)
"""


class Round:
    """One operation started in its own session, killed after ``delay`` seconds."""

    def __init__(self, args: list[str], delay: float, *, env: dict[str, str] | None = None):
        self.child = subprocess.Popen(
            args,
            bufsize=0,  # unbuffered: lines are read with readline and os.read alike
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
        self.delay = delay
        self.lines: list[str] = []
        self.helpers: list[int] = []
        self.killed = False

    def run(self, *, wait_for_ready: bool = False) -> None:
        """Wait (reading its output), then SIGKILL its main process only."""
        assert self.child.stdout is not None
        stream = self.child.stdout
        if wait_for_ready:
            self.lines.append(stream.readline().decode().strip())
        deadline = time.monotonic() + self.delay
        buffer = b""
        while (left := deadline - time.monotonic()) > 0 and self.child.poll() is None:
            ready, _w, _x = select.select([stream], [], [], min(left, 0.02))
            if ready:
                chunk = os.read(stream.fileno(), 65536)
                if not chunk:
                    break
                buffer += chunk
        if self.child.poll() is None:
            self.helpers = [p for p in _in_session(self.child.pid) if p != self.child.pid]
            self.child.send_signal(signal.SIGKILL)
            self.killed = True
        self.child.wait()
        self.helpers = sorted(set(self.helpers) | set(_in_session(self.child.pid)))
        # a stray helper may hold the pipe open: read what is there without waiting for EOF
        while select.select([stream], [], [], 0.05)[0]:
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
        stream.close()
        self.lines += [line for line in buffer.decode(errors="replace").splitlines() if line]

    def strays(self) -> list[int]:
        """Helpers of the killed process still running two seconds later."""
        deadline = time.monotonic() + 2
        while _in_session(self.child.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        return _in_session(self.child.pid)

    def end_strays(self) -> None:
        """Kill the helpers still running (after the project was checked)."""
        for pid in _in_session(self.child.pid):
            os.kill(pid, signal.SIGKILL)


def _in_session(session: int) -> list[int]:
    """Processes of session ``session`` (the killed process's helpers keep its session)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[3]) == session and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def suhbat(*args: str | Path) -> list[str]:
    """The ``suhbat`` command line, run with this interpreter."""
    return [sys.executable, "-c", CLI, *map(str, args)]


def check_and_open(project: Path, tally: Counter[str]) -> Store | None:
    """``suhbat check`` and a writer's open; counts corruption and stuck locks."""
    done = subprocess.run(
        suhbat("check", project),
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "SUHBAT_PASSPHRASE": PASSPHRASE},
    )
    if done.returncode != 0:
        tally["corrupt"] += 1
        if "malformed" in done.stdout + done.stderr or "not a suhbat" in done.stderr:
            tally["malformed"] += 1
    deadline = time.monotonic() + 2
    while True:
        try:
            return Store(project, passphrase=PASSPHRASE if _encrypted(project) else None)
        except ProjectError as error:
            if "open elsewhere" not in str(error) or time.monotonic() > deadline:
                if "open elsewhere" in str(error):
                    tally["stuck_lock"] += 1
                else:
                    tally["malformed"] += 1
                return None
            time.sleep(0.1)
        except Exception:
            tally["malformed"] += 1
            return None


def _encrypted(project: Path) -> bool:
    with project.open("rb") as handle:
        return handle.read(16) != b"SQLite format 3\x00"


def _delay(rng: random.Random, typical: float) -> float:
    return rng.uniform(0.0, 1.15 * typical)


def _timed(args: list[str], env: dict[str, str] | None = None) -> float:
    start = time.monotonic()
    subprocess.run(
        args, cwd=REPO, check=True, capture_output=True, env={**os.environ, **(env or {})}
    )
    return time.monotonic() - start


# -- the kinds --------------------------------------------------------------------------------


def soak_import(work: Path, rounds: int, rng: random.Random) -> Counter[str]:
    corpus = work / "corpus"
    subprocess.run([sys.executable, str(GENCORPUS), str(corpus), "50", "400"], check=True)
    files = sorted(corpus.glob("*.txt"))
    base = work / "import-base.suhbat"
    Store.create(base).close()
    project = work / "import.suhbat"
    shutil.copyfile(base, project)
    ahead = {"SUHBAT_READ_AHEAD": "on"}  # kill it with its worker too, however busy the machine
    typical = _timed(suhbat("import", project, *files), ahead)
    tally: Counter[str] = Counter()
    for _ in range(rounds):
        _fresh(base, project)
        run = Round(suhbat("import", project, *files), _delay(rng, typical), env=ahead)
        run.run()
        _count_run(run, tally)
        tally["stray_process"] += len(run.strays())
        opened = check_and_open(project, tally)
        run.end_strays()
        if opened is None:
            continue
        with opened as store:
            transcripts = store.transcripts.all()
            whole = all(len(store.transcripts.utterances(t.id)) == 400 for t in transcripts)
            if len(transcripts) not in (0, len(files)) or not whole:
                tally["half_applied"] += 1
            titles = {t.title for t in transcripts}
        claimed = [line.split(" → ")[1].split(" (")[0] for line in run.lines if " → " in line]
        tally["false_claims"] += sum(1 for title in claimed if title not in titles)
    return tally


def soak_live(work: Path, rounds: int, rng: random.Random) -> Counter[str]:
    base = work / "live-base.suhbat"
    with Store.create(base, languages=("ru", "kk", "en")) as store:
        session_id = store.sessions.add("Live", "interview").id
        store.live.start(session_id)
    project = work / "live.suhbat"
    typical = sum(len(s) for s in SENTENCES) * 0.0015
    tally: Counter[str] = Counter()
    for _ in range(rounds):
        _fresh(base, project)
        args = [sys.executable, "-c", LIVE_TYPIST, str(project), str(session_id)]
        args += [json.dumps(SENTENCES), "0.001"]
        run = Round(args, _delay(rng, typical))
        run.run(wait_for_ready=True)
        _count_run(run, tally, ends_by_itself=False)
        tally["stray_process"] += len(run.strays())
        run.end_strays()
        reported = [
            (int(parts[0]), int(parts[1]))
            for parts in (line.split() for line in run.lines[1:])
            if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit()
        ]
        if any(len(line.split()) != 2 for line in run.lines[1:]):
            print("live: unexpected output", run.lines[-3:], flush=True)
        last = reported[-1] if reported else (0, 0)
        opened = check_and_open(project, tally)
        run.end_strays()
        if opened is None:
            continue
        with opened as store:
            notes = [n.text for n in store.live.notes(session_id)]
            state = store.live.state(session_id)
        draft = state.draft if state is not None else ""
        if notes != SENTENCES[: len(notes)] or (
            draft and not SENTENCES[len(notes)].startswith(draft)
        ):
            tally["half_applied"] += 1
        typed = sum(len(s) for s in SENTENCES[: len(notes)]) + len(draft)
        reported_typed = sum(len(s) for s in SENTENCES[: last[0]]) + last[1]
        tally["chars_lost"] += max(0, reported_typed - typed)
        tally["chars_reported"] += reported_typed
    return tally


def soak_coding(work: Path, rounds: int, rng: random.Random) -> Counter[str]:
    from exports.demo import build_demo

    base = work / "coding-base.suhbat"
    build_demo(base).close()
    project = work / "coding.suhbat"
    tally: Counter[str] = Counter()
    for _ in range(rounds):
        _fresh(base, project)
        run = Round([sys.executable, "-c", CODING, str(project)], rng.uniform(0.0, 1.5))
        run.run(wait_for_ready=True)
        _count_run(run, tally, ends_by_itself=False)
        tally["stray_process"] += len(run.strays())
        spans = (
            int(run.lines[0].split()[1]) if run.lines and run.lines[0].startswith("ready") else 0
        )
        opened = check_and_open(project, tally)
        run.end_strays()
        if opened is None:
            continue
        with opened as store:
            for code in store.codes.all():
                soak = code.names.get("en", "").startswith("soak ")
                if soak and len(store.codings.all(code_id=code.id)) != spans:
                    tally["half_applied"] += 1
    return tally


def soak_merge(work: Path, rounds: int, rng: random.Random) -> Counter[str]:
    from exports.demo import build_demo

    base = work / "merge-base.suhbat"
    build_demo(base).close()
    copy = work / "coder.suhbat"
    pieces = coder_copy(base, copy, "coder2", "merged soak")
    project = work / "merge.suhbat"
    shutil.copyfile(base, project)
    typical = _timed(suhbat("merge", project, copy))
    tally: Counter[str] = Counter()
    for _ in range(rounds):
        _fresh(base, project)
        run = Round(suhbat("merge", project, copy), _delay(rng, typical))
        run.run()
        _count_run(run, tally)
        tally["stray_process"] += len(run.strays())
        opened = check_and_open(project, tally)
        run.end_strays()
        if opened is None:
            continue
        with opened as store:
            merged = [c for c in store.codes.all() if c.names.get("en") == "merged soak"]
            if merged and len(store.codings.all(code_id=merged[0].id)) != pieces:
                tally["half_applied"] += 1
    return tally


def soak_encrypt(work: Path, rounds: int, rng: random.Random) -> Counter[str]:
    from exports.demo import build_demo

    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        print("encrypt: skipped (the sqlcipher3 module is not installed)")
        return Counter()
    base = work / "encrypt-base.suhbat"
    build_demo(base).close()
    with Store(base, read_only=True) as store:
        expected = _counts(store)
    project = work / "encrypt.suhbat"
    env = {"SUHBAT_PASSPHRASE": PASSPHRASE}
    shutil.copyfile(base, project)
    typical = _timed(suhbat("encrypt", project), env)
    tally: Counter[str] = Counter()
    for _ in range(rounds):
        _fresh(base, project)
        run = Round(suhbat("encrypt", project), _delay(rng, typical), env=env)
        run.run()
        _count_run(run, tally)
        tally["stray_process"] += len(run.strays())
        for left in project.parent.glob(project.name + ".*"):
            tally["leftovers"] += 1
            tally["leftover " + left.name.removeprefix(project.name)] += 1
        opened = check_and_open(project, tally)
        run.end_strays()
        if opened is None:
            continue
        with opened as store:
            if _counts(store) != expected:
                tally["half_applied"] += 1
    return tally


def _counts(store: Store) -> tuple[int, int, int]:
    return (
        len(store.transcripts.all()),
        len(store.codes.all()),
        len(store.codings.all()),
    )


def _fresh(base: Path, project: Path) -> None:
    """Replace ``project`` (and its journal and temporary files) with a copy of ``base``."""
    for leftover in project.parent.glob(project.name + "*"):
        if leftover.name != project.name + "-lock":
            leftover.unlink()
    shutil.copyfile(base, project)


def _count_run(run: Round, tally: Counter[str], *, ends_by_itself: bool = True) -> None:
    tally["rounds"] += 1
    if run.killed:
        tally["killed"] += 1
        tally["killed_with_helper"] += bool(run.helpers)
    elif ends_by_itself:
        tally["finished"] += 1


SOAKS: dict[str, Callable[[Path, int, random.Random], Counter[str]]] = {
    "import": soak_import,
    "live": soak_live,
    "coding": soak_coding,
    "merge": soak_merge,
    "encrypt": soak_encrypt,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per kind (default 3)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    parser.add_argument("--seed", type=int, default=16, help="random seed (default 16)")
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: temporary)")
    options = parser.parse_args()
    kinds = [k for k in options.kinds.split(",") if k]
    unknown = set(kinds) - set(SOAKS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(dir=options.dir) as tmp:
        results = {}
        for kind in kinds:
            work = Path(tmp) / kind
            work.mkdir()
            start = time.monotonic()
            results[kind] = SOAKS[kind](work, options.rounds, rng)
            results[kind]["seconds"] = round(time.monotonic() - start)
            print(kind, dict(results[kind]), flush=True)
    columns = [*FIGURES, "seconds"]
    print()
    print("| kind | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for kind, tally in results.items():
        cells = [str(tally.get(c, 0)) for c in columns]
        if kind == "live":
            cells[columns.index("chars_lost")] += f" of {tally.get('chars_reported', 0)}"
        print(f"| {kind} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
