"""Benchmark: REFI-QDA export and import of a gencorpus-sized project.

Usage: ``python bench/bench_refi.py [N_TRANSCRIPTS] [UTTERANCES] [CODINGS]``
(default 200 400 50000). Builds the project with the Store API from the
synthetic corpus (participants P1–P9 with attributes, 2 coders, 30 codes under 5
themes, codings spread over the utterances), then times ``write_qdpx`` and
``import_refi`` into an empty project, and checks that the second export holds
the same codings. Prints figures (with the import's CPU time and the load average, as
the machine may be shared); it asserts nothing. Record results with the
machine and the date in ``bench/README.md``.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENCORPUS = REPO / "bench" / "gencorpus.py"
sys.path.insert(0, str(REPO))

from exports.refi import import_refi, write_qdpx  # noqa: E402
from storage import Store  # noqa: E402
from storage.models import TranscriptInput, UtteranceInput  # noqa: E402
from storage.refi_store import CodingRow  # noqa: E402

LINE = re.compile(r"^\[(\d+):(\d\d):(\d\d)\] ([^:]+): (.*)$")


def build(project: Path, corpus: Path, codings: int) -> None:
    """Fill ``project`` from the corpus files, with codings spread over utterances."""
    rng = random.Random(7)
    with Store.create(project, languages=("ru", "kk", "en")) as store:
        store.participants.add_attribute("age", "integer")
        store.participants.add_attribute("setting", "category", ["urban", "rural"])
        for i in range(1, 10):
            store.participants.add(
                f"P{i}",
                attributes={"age": str(20 + 5 * i), "setting": "urban" if i % 2 else "rural"},
            )
        for path in sorted(corpus.glob("*.txt")):
            session = store.sessions.add(path.stem, "interview", date="2024-03-01", region="Abai")
            rows = []
            for line in path.read_text(encoding="utf-8").splitlines():
                m = LINE.match(line)
                if m:
                    ms = ((int(m[1]) * 60 + int(m[2])) * 60 + int(m[3])) * 1000
                    rows.append(UtteranceInput(m[4], ms, None, (m[5],)))
            store.transcripts.add(session.id, TranscriptInput(path.stem, ("ru",), tuple(rows)))
        themes = [store.codes.add(f"Theme {t}", is_codable=False) for t in range(5)]
        codes = [
            store.codes.add(f"Code {t}.{c}", parent_id=theme.id)
            for t, theme in enumerate(themes)
            for c in range(6)
        ]
        coders = [store.coders.get("aigerim"), store.coders.get("dana")]
        spans = [
            (layer_id, start, end)
            for u in store.transcripts.utterances()
            for layer_id, (start, end) in u.spans.items()
            if end - start > 10
        ]
        picked: set[tuple[int, int, int, int, int]] = set()
        while len(picked) < codings:
            layer_id, start, end = rng.choice(spans)
            a = rng.randrange(start, end - 5)
            b = rng.randrange(a + 1, end + 1)
            picked.add((rng.choice(codes).id, layer_id, a, b, rng.choice(coders).id))
        store.codings.add_bulk(
            [CodingRow(str(uuid.uuid4()), c, lay, a, b, k) for c, lay, a, b, k in sorted(picked)]
        )


def codings_in(path: Path) -> int:
    """Number of ``<Coding>`` elements in a QDPX file."""
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde").count(b"<Coding ")


def calibration() -> float:
    """Seconds a plain Python loop of 10 million additions takes (to compare machines)."""
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    u = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    c = int(sys.argv[3]) if len(sys.argv) > 3 else 50_000
    runs = 3
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(GENCORPUS), str(corpus), str(n), str(u)], check=True)
        project = Path(tmp) / "bench.suhbat"
        start = time.perf_counter()
        build(project, corpus, c)
        print(
            f"built {n} transcripts x {u} utterances, {c} codings:"
            f" {time.perf_counter() - start:.1f} s"
        )
        out = Path(tmp) / "bench.qdpx"
        exports, imports, loops = [], [], [calibration()]
        import_cpu: list[float] = []
        loads = [os.getloadavg()[0]]
        for run in range(runs):
            with Store(project) as store:
                start = time.perf_counter()
                write_qdpx(store, out)
                exports.append(time.perf_counter() - start)
            target = Path(tmp) / f"imported{run}.suhbat"
            with Store.create(target, languages=("ru", "kk", "en")) as store:
                start, cpu = time.perf_counter(), time.process_time()
                report = import_refi(store, out)
                imports.append(time.perf_counter() - start)
                import_cpu.append(time.process_time() - cpu)
            loops.append(calibration())
            loads.append(os.getloadavg()[0])
        size = out.stat().st_size / 1e6
        print(
            f"QDPX export: best {min(exports):.2f} s of {runs}"
            f" ({', '.join(f'{x:.2f}' for x in exports)}); {size:.1f} MB, {codings_in(out)} codings"
        )
        print(
            f"QDPX import: best {min(imports):.2f} s of {runs}"
            f" ({', '.join(f'{x:.2f}' for x in imports)}); {report.counts}"
        )
        print(f"QDPX import CPU time: best {min(import_cpu):.2f} s")
        for warning in report.warnings:
            print(f"  warning: {warning}")
        again = Path(tmp) / "again.qdpx"
        with Store(Path(tmp) / "imported0.suhbat") as store:
            write_qdpx(store, again)
        print(f"second export holds {codings_in(again)} codings")
        print(f"calibration (10M-addition Python loop): best {min(loops):.2f} s")
        print(f"load average (1 min) during the runs: {min(loads):.1f}–{max(loads):.1f}")


if __name__ == "__main__":
    main()
