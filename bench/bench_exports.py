"""Benchmark of suhbat's exports on synthetic projects (not a timed test).

Two projects are built once, from a fixed seed, through the Store API:

* a focus group of 25,000 words (Russian original with an English translation)
  with 500 codings by two coders, for the transcript DOCX;
* a study of 200 interviews (200 transcripts) with 50,000 codings by two
  coders, for the report DOCX, the codebook and the tables.

Each export then runs in a fresh Python process that reports its wall time and
peak resident memory (``ru_maxrss``), so building the projects does not count.

    .venv/bin/python bench/bench_exports.py [--dir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import run_step

from storage import Store
from storage.models import TranscriptInput, UtteranceInput

_WORDS_RU_TEXT = (
    "согласование занимает слишком много времени журналисту нужно сегодня а мы "
    "получаем подпись через три дня руководители боятся брать ответственность "
    "граждане часто слышим обвинения ёлки пресс-служба аким район новости телеграм"
)
WORDS_RU = tuple(_WORDS_RU_TEXT.split())
_WORDS_EN_TEXT = (
    "approval takes far too long the journalist needs it today and we get the "
    "signature in three days managers are afraid to take responsibility citizens "
    "often accuse us"
)
WORDS_EN = tuple(_WORDS_EN_TEXT.split())


def _sentence(rng: random.Random, words: tuple[str, ...], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def _codebook(store: Store, themes: int, per_theme: int) -> list[int]:
    leaves: list[int] = []
    for t in range(themes):
        theme = store.codes.add(
            {"en": f"Theme {t}", "ru": f"Тема {t}"},
            is_codable=False,
            description="A theme of the synthetic study.",
        )
        for k in range(per_theme):
            code = store.codes.add(
                {"en": f"Code {t}.{k}", "ru": f"Код {t}.{k}"},
                parent_id=theme.id,
                description="What the code means.",
                inclusion="When to apply it.",
                example="«Пример цитаты»",
            )
            leaves.append(code.id)
    return leaves


def _code_layer(
    store: Store,
    rng: random.Random,
    layer_id: int,
    text: str,
    spans: list[tuple[int, int]],
    codes: list[int],
    coders: list[int],
    count: int,
) -> None:
    """``count`` codings on one layer: segments within utterances, the second coder
    repeating most of the first coder's segments with small shifts."""
    made = 0
    seen: set[tuple[int, int, int, int]] = set()
    while made < count:
        start, end = spans[rng.randrange(len(spans))]
        if end - start < 10:
            continue
        a = rng.randrange(start, end - 5)
        b = min(end, a + rng.randint(5, 200))
        code = codes[min(int(rng.paretovariate(1.2)) - 1, len(codes) - 1)]
        for coder in coders:
            if made >= count:
                break
            s, e = (a, b) if coder == coders[0] else (max(start, a - rng.randint(0, 3)), b)
            if (code, coder, s, e) in seen or e <= s:
                continue
            seen.add((code, coder, s, e))
            store.codings.add(
                code, layer_id, s, e, coder, snap=False, created="2024-04-01T10:00:00+00:00"
            )
            made += 1


def build_focus_group(path: Path, words: int = 25_000, codings: int = 500) -> None:
    """One bilingual focus group of ``words`` words with ``codings`` codings."""
    rng = random.Random(20240314)
    store = Store.create(path, name="Bench focus group", languages=("ru", "en"))
    with store.transaction():
        people = [store.participants.add(f"P{i:02d}") for i in range(1, 11)]
        session = store.sessions.add("Focus group", "focus_group", date="2024-03-14")
        for p in people:
            store.sessions.link_participant(session.id, p.id, "respondent")
        utterances = []
        total = 0
        ms = 0
        while total < words:
            n = rng.randint(5, 40)
            total += n
            ms += rng.randint(3_000, 30_000)
            utterances.append(
                UtteranceInput(
                    rng.choice(people).code,
                    ms,
                    ms + 2_000,
                    (_sentence(rng, WORDS_RU, n), _sentence(rng, WORDS_EN, n)),
                )
            )
        transcript = store.transcripts.add(
            session.id, TranscriptInput("focus_group", ("ru", "en"), tuple(utterances))
        )
        for p in people:
            store.transcripts.link_speaker(p.code, p.id, transcript.id)
        codes = _codebook(store, 5, 4)
        coders = [store.coders.get("Aigerim").id, store.coders.get("Daniyar").id]
        layer = store.transcripts.layers(transcript.id)[0]
        spans = [u.spans[layer.id] for u in store.transcripts.utterances(transcript.id)]
        _code_layer(store, rng, layer.id, layer.text, spans, codes, coders, codings)
    store.close()


def build_study(path: Path, transcripts: int = 200, codings: int = 50_000) -> None:
    """``transcripts`` one-to-one interviews with ``codings`` codings in all."""
    rng = random.Random(20200505)
    store = Store.create(path, name="Bench study", languages=("ru", "en"))
    with store.transaction():
        store.participants.add_attribute("gender", "category", ["F", "M"])
        store.participants.add_attribute("setting", "category", ["Urban", "Rural"])
        store.participants.add_attribute("age", "integer")
        codes = _codebook(store, 10, 8)
        coders = [store.coders.get("Aigerim").id, store.coders.get("Daniyar").id]
        per = codings // transcripts
        for i in range(1, transcripts + 1):
            person = store.participants.add(
                f"R{i:03d}",
                real_name=f"Имя {i}",
                attributes={
                    "gender": rng.choice("FM"),
                    "setting": rng.choice(["Urban", "Rural"]),
                    "age": str(rng.randint(20, 65)),
                },
            )
            session = store.sessions.add(
                f"Interview {i}",
                "interview",
                date=f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}",
                location="Almaty",
                duration_min=60,
            )
            store.sessions.link_participant(session.id, person.id, "respondent")
            turns = []
            for k in range(120):
                speaker = "Interviewer" if k % 2 == 0 else person.code
                n = 8 if k % 2 == 0 else rng.randint(20, 60)
                turns.append(
                    UtteranceInput(
                        speaker,
                        k * 20_000,
                        k * 20_000 + 15_000,
                        (_sentence(rng, WORDS_RU, n), _sentence(rng, WORDS_EN, n)),
                    )
                )
            transcript = store.transcripts.add(
                session.id, TranscriptInput(f"interview_{i:03d}", ("ru", "en"), tuple(turns))
            )
            store.transcripts.link_speaker(person.code, person.id, transcript.id)
            layer = store.transcripts.layers(transcript.id)[0]
            spans = [u.spans[layer.id] for u in store.transcripts.utterances(transcript.id)]
            spans = spans[1::2]  # code the respondent's answers
            _code_layer(store, rng, layer.id, layer.text, spans, codes, coders, per)
    store.close()


# -- measured steps, each run in its own process -------------------------------------------


def _step(kind: str, project: Path, out: Path) -> None:
    from exports.docx_codebook import write_codebook_docx
    from exports.docx_report import ReportOptions, write_report_docx
    from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
    from exports.study.loading import load_study
    from exports.table_catalog import TableContext, build_tables
    from exports.table_files import write_xlsx
    from storage.pseudonyms import PeopleNames

    start = time.perf_counter()
    with Store(project) as store:
        if kind == "transcript":
            write_transcripts_docx(store, out, None, TranscriptDocxOptions(layers=("ru",)))
        elif kind == "transcript-bilingual":
            write_transcripts_docx(store, out, None, TranscriptDocxOptions())
        elif kind == "report":
            write_report_docx(store, out, ReportOptions(saturation_base=4, saturation_run=2))
        elif kind == "codebook":
            write_codebook_docx(store, out)
        elif kind == "xlsx":
            data = load_study(store, with_text=True)
            context = TableContext(PeopleNames.of(store.participants.all()))
            write_xlsx(build_tables(data, None, context), out)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=None, help="Where to build the projects.")
    parser.add_argument(
        "--step", nargs=3, metavar=("KIND", "PROJECT", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.step:
        kind, project, out = args.step
        _step(kind, Path(project), Path(out))
        return
    folder = args.dir or Path(tempfile.mkdtemp(prefix="suhbat-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    focus = folder / "focus_group.suhbat"
    study = folder / "study.suhbat"
    for path, build, label in (
        (focus, build_focus_group, "focus group: 25,000 words, 500 codings"),
        (study, build_study, "study: 200 transcripts, 50,000 codings"),
    ):
        if not path.exists():
            began = time.perf_counter()
            build(path)
            print(f"built {label} in {time.perf_counter() - began:.1f} s")
    rows = [
        ("transcript DOCX (comments), 25k words / 500 codings", "transcript", focus, "t.docx", 2.0),
        ("transcript DOCX, bilingual table", "transcript-bilingual", focus, "tb.docx", None),
        ("report DOCX, 200 transcripts / 50k codings", "report", study, "r.docx", 5.0),
        ("codebook DOCX, 50k codings", "codebook", study, "c.docx", None),
        ("all tables XLSX, 50k segments", "xlsx", study, "t.xlsx", None),
    ]
    print(f"{'export':<55} {'seconds':>8} {'peak MB':>8}  target")
    for label, kind, project, name, target in rows:
        figures = run_step(__file__, kind, str(project), str(folder / name))
        goal = f"≤ {target:g} s" if target else ""
        print(f"{label:<55} {figures['seconds']:>8.2f} {figures['peak_mb']:>8.0f}  {goal}")


if __name__ == "__main__":
    main()
