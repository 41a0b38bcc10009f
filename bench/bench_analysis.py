"""Benchmark of suhbat's analysis functions on a synthetic study (not a timed test).

Builds, in memory and from a fixed seed, a study of 200 one-to-one interviews
(200 transcripts, one coded layer each) with 50,000 codings by 2 coders — the
second coder repeats most of the first coder's segments with small shifts and
adds or drops some — and prints how long each statistic takes.

    .venv/bin/python bench/bench_analysis.py [--transcripts 200] [--codings 50000] [--lang ru]

``--lang`` words the tables in that language (as the TUI and the CLI do).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.agreement import (
    presence_agreement,
    segment_agreement,
    study_unitizing_alpha,
)
from analysis.cooccurrence import cooccurrence
from analysis.crosstab import (
    code_by_attribute,
    code_by_session,
    code_by_session_field,
)
from analysis.dataset import StudyData
from analysis.frequencies import code_frequencies
from analysis.profile import participant_profile, session_table
from analysis.saturation import saturation
from i18n import translations
from storage.models import (
    Attribute,
    Code,
    Coder,
    Coding,
    Layer,
    Participant,
    Session,
    SessionParticipant,
    Transcript,
    Utterance,
)


def make_study(transcripts: int = 200, codings: int = 50_000, seed: int = 20200505) -> StudyData:
    """A deterministic synthetic study with two coders."""
    rng = random.Random(seed)
    themes, per_theme = 10, 8
    codes: list[Code] = []
    for t in range(themes):
        tid = 1000 + t
        codes.append(Code(tid, f"t{t}", None, {"en": f"Theme {t}"}, is_codable=False, position=t))
        for k in range(per_theme):
            cid = tid * 10 + k
            codes.append(Code(cid, f"c{cid}", tid, {"en": f"Code {t}.{k}"}, position=k))
    leaves = [c.id for c in codes if c.parent_id is not None]
    weights = [1 / (i + 1) for i in range(len(leaves))]
    attributes = [
        Attribute(1, "a1", "gender", "category", ("F", "M")),
        Attribute(2, "a2", "age", "integer", position=1),
    ]
    sessions, participants, links, docs, layers, utterances = [], [], [], [], [], []
    turns, turn_len = 120, 250
    uid = 0
    for s in range(transcripts):
        sid, pid = s + 1, s + 1
        sessions.append(
            Session(
                sid,
                f"s{sid}",
                "interview",
                f"Interview {sid}",
                date=f"2022-{1 + s % 12:02d}-{1 + s % 28:02d}",
                setting=rng.choice(["Urban", "Rural"]),
                duration_min=rng.randint(40, 90),
                position=s,
            )
        )
        participants.append(
            Participant(
                pid,
                f"p{pid}",
                f"P{pid}",
                attributes={"gender": rng.choice("FM"), "age": str(rng.randint(20, 70))},
            )
        )
        links.append(SessionParticipant(sid, pid, "respondent", True))
        docs.append(Transcript(sid, f"d{sid}", sid, f"Interview {sid}", None, "2022-01-01"))
        layers.append(Layer(sid, f"l{sid}", sid, "ru", True, ""))
        for u in range(turns):
            uid += 1
            utterances.append(
                Utterance(
                    uid,
                    f"u{uid}",
                    sid,
                    u,
                    "I" if u % 2 == 0 else "R",
                    None if u % 2 == 0 else pid,
                    None,
                    None,
                    None,
                    {sid: (u * turn_len, (u + 1) * turn_len)},
                )
            )
    length = turns * turn_len
    out: list[Coding] = []
    per_coder = codings // 2
    for i in range(per_coder):
        lid = rng.randrange(transcripts) + 1
        code = rng.choices(leaves, weights)[0]
        start = rng.randrange(length - 400)
        end = start + rng.randint(20, 400)
        out.append(Coding(2 * i + 1, "", code, lid, start, end, 1, "2022"))
        r = rng.random()
        if r < 0.75:
            b_start, b_end = start + rng.randint(-10, 10), end + rng.randint(-10, 10)
        elif r < 0.9:
            code = rng.choice(leaves)
            b_start, b_end = start, end
        else:
            lid = rng.randrange(transcripts) + 1
            b_start = rng.randrange(length - 400)
            b_end = b_start + rng.randint(20, 400)
        out.append(Coding(2 * i + 2, "", code, lid, max(0, b_start), b_end, 2, "2022"))
    return StudyData.build(
        codes=codes,
        codings=out,
        coders=[Coder(1, "k1", "Aigerim"), Coder(2, "k2", "Dmitri")],
        sessions=sessions,
        participants=participants,
        attributes=attributes,
        transcripts=docs,
        layers=layers,
        utterances=utterances,
        session_participants=links,
    )


def timed(label: str, fn: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs, printed in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<42} {best * 1000:9.1f} ms")
    return best


def main() -> None:
    """Build the synthetic study and time every statistic."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--transcripts", type=int, default=200)
    parser.add_argument("--codings", type=int, default=50_000)
    parser.add_argument("--lang", choices=("en", "ru", "kk"), default="en")
    args = parser.parse_args()
    t0 = time.perf_counter()
    data = make_study(args.transcripts, args.codings)
    tr = translations(args.lang)
    print(
        f"generate + StudyData.build: {(time.perf_counter() - t0) * 1000:.0f} ms "
        f"({len(data.codings)} codings, {len(data.transcripts)} transcripts, "
        f"{len(data.utterances)} utterances)"
    )
    timed(
        "StudyData.build (indexes only)",
        lambda: StudyData.build(
            codes=data.codes.values(),
            codings=data.codings,
            coders=data.coders.values(),
            sessions=data.sessions.values(),
            participants=data.participants.values(),
            attributes=data.attributes,
            transcripts=data.transcripts.values(),
            layers=data.layers.values(),
            utterances=data.utterances.values(),
            session_participants=data.session_participants,
        ),
        repeat=1,
    )
    timed("filter (coder 1)", lambda: data.filter(coder_ids=[1]))
    timed("frequencies", lambda: code_frequencies(data).to_table(tr))
    timed("crosstab code × gender", lambda: code_by_attribute(data, "gender").to_table(tr))
    timed(
        "crosstab code × setting (participants)",
        lambda: code_by_session_field(data, "setting", unit="participants").to_table(tr),
    )
    timed("code × session matrix", lambda: code_by_session(data).to_table(tr))
    timed("co-occurrence (overlap)", lambda: cooccurrence(data).to_table(tr))
    timed("co-occurrence (utterance)", lambda: cooccurrence(data, mode="utterance").to_table(tr))
    timed("participant profile", lambda: participant_profile(data).to_table(tr))
    timed("session table", lambda: session_table(data).to_table(tr))
    timed("saturation", lambda: saturation(data).to_table(tr))
    total = 0.0
    total += timed("agreement: code presence", lambda: presence_agreement(data).to_table(tr))
    total += timed(
        "agreement: segment overlap 90%", lambda: segment_agreement(data, 1, 2).to_table(tr)
    )
    total += timed("agreement: unitizing α", lambda: study_unitizing_alpha(data).to_table(tr))
    print(f"{'agreement, all three kinds':<42} {total * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
