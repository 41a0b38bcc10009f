"""Benchmark: word-form keys (quality, speed, start-up) and the index's cost and gain.

Usage::

    python bench/bench_word_forms.py quality
    python bench/bench_word_forms.py index [N_TRANSCRIPTS UTTERANCES] [--baseline DIR]

``quality``: pairwise precision and recall (two forms share a key exactly when they
share a lemma) on the hand-made lists in ``tests/data/word_forms/``: Russian with
Snowball and with pymorphy3 (``pip install .[morphology-bench]``), Kazakh with the
rule-based stripper; time per word (uncached), start-up cost, package sizes.

``index``: imports the synthetic corpus of ``bench/gencorpus.py`` (default 200 400,
about 80,000 utterances) with ``suhbat import``, and, with ``--baseline DIR`` (a copy of
the code before the word-form index, e.g. ``git archive <rev> | tar -x -C DIR``), with
that code too; then the median search time of some queries, and the recall of
``согласование``-style queries on a corpus of the same shape whose words come in
inflected forms, before (the exact form only, as the old search matched) and after.
Prints figures; asserts nothing. Record results in ``bench/README.md``.
"""

from __future__ import annotations

import importlib.metadata
import itertools
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import print_search_times

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO / "tests" / "data" / "word_forms"
GENCORPUS = REPO / "bench" / "gencorpus.py"

FORMS = {
    "согласование": (
        "согласование согласования согласованию согласованием согласовании согласований"
    ),
    "журналисту": "журналист журналиста журналисту журналистом журналисты журналистов",
    "ведомствах": "ведомство ведомства ведомству ведомством ведомствах ведомств",
    "поликлинике": "поликлиника поликлиники поликлинике поликлинику поликлиникой",
    "подпись": "подпись подписи подписью подписей",
    "қызметтерді": "қызмет қызметтер қызметтің қызметке қызметі қызметтерді",
    "ауыл": "ауыл ауылдар ауылдың ауылға ауылда ауылы",
    "тұрғындарына": "тұрғын тұрғындар тұрғындарға тұрғындардың тұрғындарына",
}
"""Words of gencorpus.py, each replaced by a random one of its forms in the inflected
corpus; the first form is the dictionary form that is searched for."""


def _pairs(name: str) -> list[tuple[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [(f, g) for f, g in (line.split("\t") for line in lines if line and line[0] != "#")]


def pairwise(pairs: list[tuple[str, str]], key: Callable[[str], str]) -> tuple[float, float]:
    """Precision and recall over all pairs of forms: same key given vs same lemma."""
    keys = {f: key(f) for f, _g in pairs}
    tp = fp = fn = 0
    for (f1, g1), (f2, g2) in itertools.combinations(pairs, 2):
        same, found = g1 == g2, keys[f1] == keys[f2]
        tp += same and found
        fp += found and not same
        fn += same and not found
    return tp / (tp + fp), tp / (tp + fn)


def _size(distribution: str) -> float:
    files = importlib.metadata.distribution(distribution).files or []
    return sum(f.locate().stat().st_size for f in files if f.locate().exists()) / 1e6


def _startup(code: str) -> float:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def quality() -> None:
    """Print precision, recall, speed and start-up of each word-form method."""
    import snowballstemmer

    from storage import kazakh_stem
    from storage.text import fold

    ru = [(fold(f), fold(g)) for f, g in _pairs("ru.tsv")]
    words = [f for f, _g in ru] * 20
    snowball = snowballstemmer.stemmer("russian")
    start = time.perf_counter()
    for w in words:
        snowball.stemWord(w)
    per_word = (time.perf_counter() - start) / len(words) * 1e6
    p, r = pairwise(ru, snowball.stemWord)
    base = _startup("pass")
    startup = _startup("import snowballstemmer; snowballstemmer.stemmer('russian')") - base
    print(
        f"ru Snowball:  P {p:.3f} R {r:.3f}, {per_word:.1f} µs/word,"
        f" start-up +{startup * 1000:.0f} ms, package {_size('snowballstemmer'):.1f} MB"
    )
    try:
        import pymorphy3
    except ImportError:
        print("ru pymorphy3: not installed (pip install .[morphology-bench])")
    else:
        morph = pymorphy3.MorphAnalyzer()
        start = time.perf_counter()
        for w in words:
            morph.parse(w)
        per_word = (time.perf_counter() - start) / len(words) * 1e6
        p, r = pairwise(ru, lambda w: fold(morph.parse(w)[0].normal_form))
        startup = _startup("import pymorphy3; pymorphy3.MorphAnalyzer()") - base
        size = _size("pymorphy3") + _size("pymorphy3-dicts-ru") + _size("dawg2-python")
        print(
            f"ru pymorphy3: P {p:.3f} R {r:.3f}, {per_word:.1f} µs/word,"
            f" start-up +{startup * 1000:.0f} ms, packages {size:.1f} MB"
        )
    for name in ("kk.tsv", "kk_heldout.tsv"):
        pairs = _pairs(name)
        p, r = pairwise(pairs, kazakh_stem.stem)
        print(f"kk stripper on {name} ({len(pairs)} forms): P {p:.3f} R {r:.3f}")
    kk_words = [f for f, _g in _pairs("kk.tsv")] * 20
    start = time.perf_counter()
    for w in kk_words:
        kazakh_stem.stem(w)
    print(f"kk stripper: {(time.perf_counter() - start) / len(kk_words) * 1e6:.1f} µs/word")


def _import(suhbat: list[str], files: list[str], project: Path, root: Path) -> tuple[float, float]:
    """Wall and CPU seconds (worker processes included) of ``suhbat import`` with the
    code in ``root`` (run from there). CPU time is the fairer figure on a busy machine."""
    env = dict(os.environ, PYTHONPATH=str(root))
    init = [*suhbat, "init", str(project), "--languages", "ru,kk"]
    subprocess.run(init, check=True, env=env, capture_output=True, cwd=root)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [*suhbat, "import", str(project), *files, "--language", "ru"],
        check=True,
        env=env,
        capture_output=True,
        cwd=root,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _inflected_corpus(out: Path, transcripts: int, utterances: int) -> None:
    """The corpus of gencorpus.py with each lemma of FORMS written in a random form."""
    subprocess.run(
        [sys.executable, str(GENCORPUS), str(out), str(transcripts), str(utterances)], check=True
    )
    rng = random.Random(7)
    pattern = re.compile(r"\b(" + "|".join(FORMS) + r")\b", re.IGNORECASE)
    for path in sorted(out.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        text = pattern.sub(lambda m: rng.choice(FORMS[m.group(1).casefold()].split()), text)
        path.write_text(text, encoding="utf-8")


def index(transcripts: int, utterances: int, baseline: Path | None) -> None:
    """Print import time with and without the index, search medians and recall."""
    from storage import Store

    suhbat = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run(
            [sys.executable, str(GENCORPUS), str(corpus), str(transcripts), str(utterances)],
            check=True,
        )
        files = sorted(str(p) for p in corpus.glob("*.txt"))
        runs: dict[str, list[tuple[float, float]]] = {"now": [], "baseline": []}
        sizes: dict[str, int] = {}
        for attempt in range(3):
            for label, root in (("now", REPO), ("baseline", baseline)):
                if root is None:
                    continue
                project = Path(tmp) / f"{label}-{attempt}.suhbat"
                runs[label].append(_import(suhbat, files, project, root))
                sizes[label] = project.stat().st_size
        best = {
            label: (min(w for w, _c in r), min(c for _w, c in r)) for label, r in runs.items() if r
        }
        for label, (wall, cpu) in best.items():
            print(
                f"import {transcripts}x{utterances} ({label}): best of {len(runs[label])}"
                f" {wall:.2f} s wall, {cpu:.2f} s CPU, file {sizes[label] / 1e6:.0f} MB"
            )
        if "baseline" in best:
            (w1, c1), (w0, c0) = best["now"], best["baseline"]
            print(f"  import +{(w1 / w0 - 1) * 100:.1f} % wall, +{(c1 / c0 - 1) * 100:.1f} % CPU")
        with Store(Path(tmp) / "now-0.suhbat") as store:
            print(f"  {store.info().utterances} utterances")
            print_search_times(
                store,
                (
                    "согласование",
                    '"согласование"',
                    "қызметтерді",
                    "соглас*",
                    '"подпись через"',
                    "журналист ведомства",
                ),
            )
        inflected = Path(tmp) / "inflected"
        _inflected_corpus(inflected, transcripts, utterances)
        project = Path(tmp) / "inflected.suhbat"
        _import(  # the inflected corpus
            suhbat,
            sorted(str(p) for p in inflected.glob("*.txt")),
            project,
            REPO,
        )
        texts = [p.read_text(encoding="utf-8").casefold() for p in inflected.glob("*.txt")]
        with Store(project) as store:
            for forms in FORMS.values():
                lemma = forms.split()[0]
                words = set(forms.split())
                relevant = sum(
                    1
                    for t in texts
                    for line in t.splitlines()
                    if words & set(re.findall(r"\w+", line))
                )
                if not relevant:
                    continue
                before = store.search.count(f'"{lemma}"')
                after = store.search.count(lemma)
                print(
                    f"recall {lemma!r}: before {before / relevant:.1%} ({before}/{relevant}),"
                    f" after {min(after, relevant) / relevant:.1%} ({after} hits)"
                )


def main() -> None:
    args = sys.argv[1:]
    if not args or args[0] == "quality":
        quality()
        return
    baseline = None
    if "--baseline" in args:
        i = args.index("--baseline")
        baseline = Path(args[i + 1]).resolve()
        del args[i : i + 2]
    transcripts = int(args[1]) if len(args) > 1 else 200
    utterances = int(args[2]) if len(args) > 2 else 400
    index(transcripts, utterances, baseline)


if __name__ == "__main__":
    main()
