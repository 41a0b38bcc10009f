"""Merge steps for transcripts, their layers, codings and memos (see :mod:`storage.merge`).

A transcript the copy added is copied with its UUIDs. A transcript both files
have keeps the master's text; a translation layer the copy added is added. If
a layer's text differs between the files, the copy's codings on it are moved to
where their text is in the master (the nearest occurrence), or reported. A
transcript the copy imported separately from the same text as the master's is
recognised by its identical text, and the copy's codings land on the master's.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from storage.errors import N_
from storage.merge_codings import merge_codings
from storage.merge_translations import merge_translations

if TYPE_CHECKING:
    from storage.merge import MergeContext

_LAYER_COLUMNS = "id, uuid, language, is_original, text, source_file, source_hash, encoding"


def merge_texts(ctx: MergeContext, merged_codes: dict[int, int]) -> None:
    """Merge transcripts and layers, then codings."""
    layer_map: dict[int, int] = {}
    texts: dict[int, tuple[str, str]] = {}
    """Copy's layer id → (copy's text, master's text) where the two differ."""
    transcript_map: dict[int, int] = {}
    master = ctx.master.conn
    other = ctx.other.conn
    mine = {str(u): int(i) for u, i in master.execute("SELECT uuid, id FROM transcript")}
    originals: dict[tuple[str, str], int] = {}
    for tid, language, text in master.execute(
        "SELECT transcript_id, language, text FROM layer WHERE is_original = 1"
    ):
        originals.setdefault((str(language), str(text)), int(tid))
    for row in other.execute(
        "SELECT id, uuid, session_id, title, source_file, source_hash, created FROM transcript"
        " ORDER BY id"
    ).fetchall():
        their_id, uuid = int(row[0]), str(row[1])
        layers = other.execute(
            f"SELECT {_LAYER_COLUMNS} FROM layer WHERE transcript_id = ? ORDER BY is_original DESC",
            (their_id,),
        ).fetchall()
        if uuid not in mine and not ctx.may_add("transcript", uuid, their_id):
            ctx.report.note(
                N_("Transcript {title!r} was deleted in the master; not added again"), title=row[3]
            )
            continue
        if uuid in mine:
            transcript_map[their_id] = mine[uuid]
            _merge_layers(ctx, their_id, mine[uuid], layers, layer_map, texts)
            _merge_speakers(ctx, their_id, mine[uuid])
            continue
        original = next((x for x in layers if x[3]), None)
        twin = originals.get((str(original[2]), str(original[4]))) if original else None
        if twin is not None:
            transcript_map[their_id] = twin
            ctx.report.note(
                N_(
                    "Transcript {title!r} in the copy has the same text as one in the master;"
                    " its codings were put there"
                ),
                title=row[3],
            )
            _merge_layers(ctx, their_id, twin, layers, layer_map, texts, by_text=True)
            continue
        session = ctx.sessions.get(int(row[2]))
        if session is None:
            ctx.report.conflict(
                "transcript", str(row[3]), "session", "", "", N_("its session is missing")
            )
            continue
        try:
            with ctx.master.transaction():
                transcript_map[their_id] = _copy_transcript(ctx, row, session, layers, layer_map)
            ctx.revisions.take_copy(uuid)
            ctx.report.add("transcripts")
        except sqlite3.IntegrityError as error:
            ctx.report.conflict(
                "transcript", str(row[3]), "uuid", "", str(error), N_("clashes with the master")
            )
    merge_translations(ctx, layer_map, texts)
    merge_codings(ctx, layer_map, texts, merged_codes)


def _copy_transcript(
    ctx: MergeContext,
    row: tuple[object, ...],
    session_id: int,
    layers: list[tuple[object, ...]],
    layer_map: dict[int, int],
) -> int:
    master = ctx.master.conn
    other = ctx.other.conn
    cur = master.execute(
        "INSERT INTO transcript (uuid, session_id, title, source_file, source_hash, created)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (row[1], session_id, row[3], row[4], row[5], row[6]),
    )
    tid = int(cur.lastrowid or 0)
    utterances = other.execute(
        "SELECT id, uuid, position, speaker, participant_id, start_ms, end_ms, question_id"
        " FROM utterance WHERE transcript_id = ? ORDER BY position",
        (row[0],),
    ).fetchall()
    (uid0,) = master.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM utterance").fetchone()
    utterance_ids = {int(u[0]): uid0 + i for i, u in enumerate(utterances)}
    master.executemany(
        "INSERT INTO utterance (id, uuid, transcript_id, position, speaker, participant_id,"
        " start_ms, end_ms, question_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                utterance_ids[int(u[0])],
                u[1],
                tid,
                u[2],
                u[3],
                ctx.participants.get(u[4]) if u[4] is not None else None,
                u[5],
                u[6],
                ctx.questions.get(u[7]) if u[7] is not None else None,
            )
            for u in utterances
        ],
    )
    for layer in layers:
        cur = master.execute(
            "INSERT INTO layer (uuid, transcript_id, language, is_original, text, source_file,"
            " source_hash, encoding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (layer[1], tid, layer[2], layer[3], layer[4], layer[5], layer[6], layer[7]),
        )
        layer_map[int(str(layer[0]))] = int(cur.lastrowid or 0)
        _copy_spans(ctx, int(str(layer[0])), layer_map[int(str(layer[0]))], utterance_ids)
    ctx.master.db.audit("merge", "transcript", str(row[1]), title=str(row[3]))
    return tid


def _copy_spans(
    ctx: MergeContext, their_layer: int, my_layer: int, utterance_ids: dict[int, int]
) -> None:
    master = ctx.master.conn
    spans = ctx.other.conn.execute(
        'SELECT utterance_id, start, "end", language FROM span WHERE layer_id = ?', (their_layer,)
    ).fetchall()
    (sid0,) = master.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM span").fetchone()
    rows = [
        (sid0 + i, utterance_ids[int(s[0])], my_layer, s[1], s[2], s[3])
        for i, s in enumerate(spans)
        if int(s[0]) in utterance_ids
    ]
    master.executemany(
        'INSERT INTO span (id, utterance_id, layer_id, start, "end", language)'
        " VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    ctx.master.transcripts.index_layer(my_layer)


def _merge_layers(
    ctx: MergeContext,
    their_transcript: int,
    my_transcript: int,
    layers: list[tuple[object, ...]],
    layer_map: dict[int, int],
    texts: dict[int, tuple[str, str]],
    *,
    by_text: bool = False,
) -> None:
    master = ctx.master.conn
    mine = master.execute(
        f"SELECT {_LAYER_COLUMNS} FROM layer WHERE transcript_id = ?", (my_transcript,)
    ).fetchall()
    by_uuid = {str(m[1]): m for m in mine}
    by_language = {str(m[2]): m for m in mine}
    for layer in layers:
        their_id, text = int(str(layer[0])), str(layer[4])
        match = by_language.get(str(layer[2])) if by_text else by_uuid.get(str(layer[1]))
        if match is None and not layer[3]:
            # a translation layer each file created on its own (translation mode in two
            # copies): the same language is the same layer, merged utterance by utterance
            same = by_language.get(str(layer[2]))
            match = same if same is not None and not same[3] else None
        if match is None:
            if by_text:
                continue
            if _add_translation(ctx, their_transcript, my_transcript, layer, layer_map):
                ctx.report.add("layers")
            continue
        layer_map[their_id] = int(str(match[0]))
        if str(match[4]) != text:
            texts[their_id] = (text, str(match[4]))
            ctx.report.note(
                N_(
                    "The text of a {language} layer differs between the files;"
                    " the copy's codings were moved to where their text is"
                ),
                language=str(layer[2]),
            )


def _add_translation(
    ctx: MergeContext,
    their_transcript: int,
    my_transcript: int,
    layer: tuple[object, ...],
    layer_map: dict[int, int],
) -> bool:
    """Add a layer the copy has and the master lacks, if the utterances match."""
    master = ctx.master.conn
    mine = {
        str(u): int(i)
        for u, i in master.execute(
            "SELECT uuid, id FROM utterance WHERE transcript_id = ?", (my_transcript,)
        )
    }
    theirs = ctx.other.conn.execute(
        "SELECT id, uuid FROM utterance WHERE transcript_id = ?", (their_transcript,)
    ).fetchall()
    if len(theirs) != len(mine) or any(str(u) not in mine for _i, u in theirs):
        ctx.report.conflict(
            "layer",
            str(layer[2]),
            "utterances",
            "",
            "",
            N_("the transcript's utterances differ; the translation was not added"),
        )
        return False
    cur = master.execute(
        "INSERT INTO layer (uuid, transcript_id, language, is_original, text, source_file,"
        " source_hash, encoding) VALUES (?, ?, ?, 0, ?, ?, ?, ?)",
        (layer[1], my_transcript, layer[2], layer[4], layer[5], layer[6], layer[7]),
    )
    my_layer = int(cur.lastrowid or 0)
    layer_map[int(str(layer[0]))] = my_layer
    _copy_spans(ctx, int(str(layer[0])), my_layer, {int(i): mine[str(u)] for i, u in theirs})
    return True


def _merge_speakers(ctx: MergeContext, their_transcript: int, my_transcript: int) -> None:
    """Links of utterances to participants made in the copy (where the master has none)."""
    master = ctx.master.conn
    mine = {
        str(u): (int(i), p)
        for i, u, p in master.execute(
            "SELECT id, uuid, participant_id FROM utterance WHERE transcript_id = ?",
            (my_transcript,),
        )
    }
    links = []
    for uuid, participant in ctx.other.conn.execute(
        "SELECT uuid, participant_id FROM utterance WHERE transcript_id = ?"
        " AND participant_id IS NOT NULL",
        (their_transcript,),
    ):
        target = ctx.participants.get(int(participant))
        here = mine.get(str(uuid))
        if target is None or here is None or here[1] == target:
            continue
        if here[1] is None:
            links.append((target, here[0]))
    if links:
        master.executemany("UPDATE utterance SET participant_id = ? WHERE id = ?", links)
        ctx.report.update("speaker links", len(links))


_MEMO_TABLES = {
    "session": "session",
    "code": "code",
    "coding": "coding",
    "participant": "participant",
    "transcript": "transcript",
}


def merge_memos(ctx: MergeContext) -> None:
    """Add the copy's memos; a memo edited only in the copy takes the copy's text."""
    master = ctx.master.conn
    other = ctx.other.conn
    mine = {
        str(r[0]): r[1:]
        for r in master.execute("SELECT uuid, id, text, created, updated FROM memo")
    }
    uuid_maps: dict[str, tuple[dict[int, str], dict[str, int]]] = {}
    for kind, table in _MEMO_TABLES.items():
        uuid_maps[kind] = (
            {int(i): str(u) for i, u in other.execute(f"SELECT id, uuid FROM {table}")},
            {str(u): int(i) for u, i in master.execute(f"SELECT uuid, id FROM {table}")},
        )
    for memo_id, uuid, target, target_id, text, author, created, updated in other.execute(
        "SELECT id, uuid, target, target_id, text, author, created, updated FROM memo"
    ).fetchall():
        uuid = str(uuid)
        have = mine.get(uuid)
        if have is None and not ctx.may_add("memo", uuid, int(memo_id)):
            continue  # deleted in the master after it saw this memo
        if have is not None:
            if have[1] == text:
                ctx.settle_equal(uuid)
                continue
            decision = ctx.decide(uuid)
            if decision == "copy":
                master.execute(
                    "UPDATE memo SET text = ?, updated = ? WHERE id = ?", (text, updated, have[0])
                )
                ctx.settle(uuid, "copy")
                ctx.report.update("memos")
            elif decision == "both":
                ctx.report.conflict(
                    "memo",
                    _memo_name(str(have[1])),
                    "text",
                    have[1],
                    text,
                    N_("changed in both files"),
                )
                ctx.settle(uuid, "both")
            continue
        mapped: int | None = None
        if target != "project":
            theirs, ours = uuid_maps.get(str(target), ({}, {}))
            target_uuid = theirs.get(int(target_id)) if target_id is not None else None
            mapped = ours.get(target_uuid or "")
            if mapped is None:
                ctx.report.left_out(
                    "memo",
                    (N_("“{text}”"), {"text": _memo_name(str(text))}),
                    N_("what it is about is missing"),
                )
                continue
        master.execute(
            "INSERT INTO memo (uuid, target, target_id, text, author, created, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uuid, target, mapped, text, author, created, updated),
        )
        ctx.revisions.take_copy(uuid)
        ctx.report.add("memos")


def _memo_name(text: str) -> str:
    """The start of a memo's text, to name it in a report."""
    words = " ".join(text.split())
    return words if len(words) <= 40 else words[:39] + "…"
