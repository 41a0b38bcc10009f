"""What the crash-safety tests and the kill soak (``bench/soak_kill.py``) share.

The live-session typist run as a child process and killed, the sentences it types, and
the coder's copy a killed merge brings in. Both places check the same guarantees; the
soak runs many more rounds and counts instead of asserting.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from storage import Store

SENTENCES = [
    "Первый вопрос про согласование.",
    "Ответ: обычно неделя, иногда месяц.",
    "Жауап: келісу бір аптаға созылады.",
    "Probe: who signs first?",
    "Сначала заместитель акима, потом аким.",
] * 4
"""The notes the typist types, key by key (Russian, Kazakh and English)."""

LIVE_TYPIST = """
import json, sys, time
from storage import Store
store = Store(sys.argv[1])
session_id = int(sys.argv[2])
sentences = json.loads(sys.argv[3])
pause = float(sys.argv[4])
print("ready", flush=True)
for k, sentence in enumerate(sentences):
    for j in range(1, len(sentence) + 1):
        store.live.set_draft(session_id, sentence[:j])
        print(k, j, flush=True)
        time.sleep(pause)
    store.live.commit_draft(session_id)
    print(k + 1, 0, flush=True)
time.sleep(60)
"""
"""A child script: PROJECT SESSION_ID SENTENCES_JSON PAUSE. It types the sentences as
live-session notes and prints ``k j`` after the j-th key of note k is stored (``k+1 0``
once note k is committed)."""


def coder_copy(master: Path, copy: Path, coder: str, code: str) -> int:
    """A coder's copy of ``master``: a new code ``code`` by ``coder`` on three ranges of
    every span longer than four characters. Returns how many codings it holds."""
    from storage.base import new_uuids
    from storage.refi_store import CodingRow

    shutil.copyfile(master, copy)
    with Store(copy) as store:
        coder_id = store.coders.get(coder).id
        pieces = [
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
        with store.transaction():
            code_id = store.codes.add({"en": code}).id
            store.codings.add_bulk(
                [
                    CodingRow(uuid, code_id, layer_id, start, end, coder_id)
                    for uuid, (layer_id, start, end) in zip(
                        new_uuids(len(pieces)), pieces, strict=True
                    )
                ]
            )
    return len(pieces)
