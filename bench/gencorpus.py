#!/usr/bin/env python3
"""A deterministic synthetic bilingual (ru/kk) transcript corpus for benchmarks.

    python bench/gencorpus.py OUTDIR N_TRANSCRIPTS UTTERANCES_PER_TRANSCRIPT

Writes ``OUTDIR/t0000.txt`` … as ``[hh:mm:ss] Speaker: text`` lines; the seed is fixed,
so every run writes the same files (``OUT 200 400`` is about 80,000 utterances and
1.9 M words).
"""

from __future__ import annotations

import os
import random
import sys

RU_TEXT = (
    "согласование занимает слишком много времени особенно когда ответ нужно перепроверить "
    "в других ведомствах журналисту нужно сегодня а мы получаем подпись через три дня отдел "
    "присылает только часть информации граждане часто отказываются разговаривать государство "
    "не слушает людей очереди в поликлинике ёлки район"
)
KK_TEXT = (
    "біз халықпен ашық сөйлескіміз келеді бірақ әр сөзді бастық мақұлдауы керек ауыл "
    "тұрғындарына қызметтерді түсіндіру керек тегін көмек орталығы пара таныстық "
    "электрондық қолтаңба кезекте тұрамыз"
)
RU = RU_TEXT.split()
KK = KK_TEXT.split()


def write_corpus(out: str, transcripts: int, utterances: int) -> None:
    """Write ``transcripts`` files of ``utterances`` turns each into ``out``."""
    os.makedirs(out, exist_ok=True)
    rng = random.Random(42)
    for i in range(transcripts):
        with open(os.path.join(out, f"t{i:04d}.txt"), "w", encoding="utf-8") as handle:
            for j in range(utterances):
                who = "Interviewer" if j % 2 == 0 else f"P{rng.randint(1, 9)}"
                vocabulary = KK if rng.random() < 0.3 else RU
                words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 40)))
                s = j * 7
                stamp = f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
                handle.write(f"[{stamp}] {who}: {words.capitalize()}.\n")


if __name__ == "__main__":
    write_corpus(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
