"""Merge step for codings (see :mod:`storage.merge`), and how a coding is named in a report.

A coding the copy added is added where its text is in the master; one both
files have takes the copy's code, range, memo and valence if only the copy changed it
(:meth:`storage.merge.MergeContext.decide`). A coding that cannot be placed is
reported one by one, by transcript, time, coder, code and text, with the reason.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from storage.errors import N_, NN_
from storage.media_time import clock

if TYPE_CHECKING:
    from storage.merge import MergeContext

EXCERPT = 40
"""Characters of a coding's text shown in a report before it is cut with an ellipsis."""


def reanchor(old_text: str, new_text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``old_text[start:end]`` is in ``new_text``: same place, else the nearest copy."""
    piece = old_text[start:end]
    if not piece:
        return None
    if new_text[start:end] == piece:
        return start, end
    after = new_text.find(piece, start)
    before = new_text.rfind(piece, 0, start + len(piece) - 1)
    options = [p for p in (after, before) if p >= 0]
    if not options:
        return None
    best = min(options, key=lambda p: abs(p - start))
    return best, best + len(piece)


def coding_label(
    conn: sqlite3.Connection, code_id: int, layer_id: int, start: int, end: int, coder_id: int
) -> tuple[str, dict[str, Any]]:
    """A coding as users know it: its text, transcript, time, coder and code (msgid, params)."""
    row = conn.execute(
        "SELECT t.title, l.text FROM layer l JOIN transcript t ON t.id = l.transcript_id"
        " WHERE l.id = ?",
        (layer_id,),
    ).fetchone()
    title, text = (str(row[0]), str(row[1])) if row else ("?", "")
    piece = " ".join(text[start:end].split())
    if len(piece) > EXCERPT:
        piece = piece[: EXCERPT - 1] + "…"
    coder = conn.execute("SELECT name FROM coder WHERE id = ?", (coder_id,)).fetchone()
    names = conn.execute("SELECT names FROM code WHERE id = ?", (code_id,)).fetchone()
    code = _first_name(str(names[0])) if names else "?"
    time = conn.execute(
        "SELECT u.start_ms FROM span s JOIN utterance u ON u.id = s.utterance_id"
        ' WHERE s.layer_id = ? AND s.start <= ? AND ? < s."end" AND u.start_ms IS NOT NULL'
        " ORDER BY s.start DESC LIMIT 1",
        (layer_id, start, start),
    ).fetchone()
    params: dict[str, Any] = {
        "text": piece,
        "transcript": title,
        "coder": str(coder[0]) if coder else "?",
        "code": code,
    }
    if time is None:
        return N_("“{text}” in {transcript!r} (coder {coder}, code {code!r})"), params
    params["time"] = clock(int(time[0]), hour_digits=1)
    return N_("“{text}” in {transcript!r} at {time} (coder {coder}, code {code!r})"), params


def _first_name(names_json: str) -> str:
    import json

    names = json.loads(names_json)
    return next((str(n) for n in names.values() if n), "?") if isinstance(names, dict) else "?"


def merge_codings(
    ctx: MergeContext,
    layer_map: dict[int, int],
    texts: dict[int, tuple[str, str]],
    merged_codes: dict[int, int],
) -> None:
    """Add the copy's new codings, take its changes to shared ones, report the rest."""
    master = ctx.master.conn
    other = ctx.other.conn
    lengths = {int(i): int(n) for i, n in master.execute("SELECT id, length(text) FROM layer")}
    mine = {
        str(r[0]): r[1:]
        for r in master.execute(
            'SELECT uuid, code_id, layer_id, start, "end", coder_id, memo, valence, id FROM coding'
        )
    }
    added = duplicates = 0
    wide = False
    for (
        coding_id,
        uuid,
        code_id,
        layer_id,
        start,
        end,
        coder_id,
        created,
        memo,
        valence,
    ) in other.execute(
        'SELECT id, uuid, code_id, layer_id, start, "end", coder_id, created, memo, valence'
        " FROM coding ORDER BY id"
    ).fetchall():
        uuid = str(uuid)
        have = mine.get(uuid)
        if have is None and not ctx.may_add("coding", uuid, int(coding_id)):
            continue  # deleted in the master after it saw this coding
        code = ctx.codes.get(int(code_id))
        code = merged_codes.get(code, code) if code is not None else None
        layer = layer_map.get(int(layer_id))
        coder = ctx.coders.get(int(coder_id))

        place: tuple[int, int] | None = (int(start), int(end))
        if layer is not None and int(layer_id) in texts:
            old, new = texts[int(layer_id)]
            place = reanchor(old, new, int(start), int(end))
        if have is None and code is None and ctx.revisions.copy.is_original(uuid):
            continue  # older than revisions, on a code the master deleted: deleted with it
        reason = None
        if layer is None:
            reason = N_("its transcript is not in the master")
        elif code is None or coder is None:
            reason = N_("its code was deleted in the master")
        elif place is None or not 0 <= place[0] < place[1] <= lengths.get(layer, 0):
            reason = N_("its text is not in the master's transcript any more")
        if reason is not None or place is None or code is None or layer is None:
            if have is None:
                label = coding_label(other, code_id, layer_id, start, end, coder_id)
                ctx.report.left_out("coding", label, reason or "")
            continue
        start, end = place
        if have is None:
            cur = master.execute(
                'INSERT OR IGNORE INTO coding (uuid, code_id, layer_id, start, "end", coder_id,'
                " created, memo, valence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uuid, code, layer, start, end, coder, created, memo, valence),
            )
            if cur.rowcount:
                added += 1
                wide = wide or abs(valence or 0) == 2
                ctx.revisions.take_copy(uuid)
            else:
                duplicates += 1
            continue
        if tuple(have[:7]) == (code, layer, start, end, coder, memo, valence):
            ctx.settle_equal(uuid)
            continue
        mine_now: dict[str, Any] = {
            "code": have[0],
            "text": (have[2], have[3]),
            "memo": have[5],
            "valence": have[6],
        }
        theirs_now: dict[str, Any] = {
            "code": code,
            "text": (start, end),
            "memo": memo,
            "valence": valence,
        }
        differing = [k for k in FIELD_KEYS if mine_now[k] != theirs_now[k]]
        flat = [key for k in differing for key in FIELD_KEYS[k]]
        decision, take_keys, both_keys = ctx.fields(uuid, flat)
        take = [k for k in differing if set(FIELD_KEYS[k]) <= set(take_keys)]
        both = [k for k in differing if set(FIELD_KEYS[k]) & set(both_keys)]
        reason = N_("changed in both files")
        if take:
            merged = {**mine_now, **{k: theirs_now[k] for k in take}}
            try:
                master.execute(
                    'UPDATE coding SET code_id = ?, start = ?, "end" = ?, memo = ?, valence = ?'
                    " WHERE id = ?",
                    (merged["code"], *merged["text"], merged["memo"], merged["valence"], have[7]),
                )
                ctx.report.update("codings")
                wide = wide or abs(merged["valence"] or 0) == 2
            except sqlite3.IntegrityError:
                both, decision = differing, "both"
                reason = N_("the same coding exists already")
        label = coding_label(master, have[0], have[1], have[2], have[3], have[4])
        for key in both:
            ctx.report.conflict(
                "coding",
                "",
                key,
                _shown(master, have[1], key, mine_now[key]),
                _shown(master, have[1], key, theirs_now[key]),
                reason,
                label=label,
            )
        ctx.settle(uuid, decision)
    ctx.report.add("codings", added)
    if wide and ctx.master.codings.valence_scale() != 5:
        ctx.master.codings.set_valence_scale(5)
        ctx.report.note(N_("Codings of the copy have valence −2 or +2: the scale is now 5 points"))
    if duplicates:
        ctx.report.note(
            NN_(
                "{count} coding of the copy was already in the master (same coder, code and text)",
                "{count} codings of the copy were already in the master"
                " (same coder, code and text)",
            ),
            count=duplicates,
        )


FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "code": ("code",),
    "text": ("start", "end"),
    "memo": ("memo",),
    "valence": ("valence",),
}
"""What of a coding a merge compares, and the keys of its recorded state behind each."""


def _shown(conn: sqlite3.Connection, layer_id: int, key: str, value: Any) -> str:
    """A coding's field as a report shows it: the code's name, the text, the memo."""
    if key == "code":
        return _code_name(conn, int(value))
    if key == "text":
        return _excerpt(conn, layer_id, int(value[0]), int(value[1]))
    if key == "valence":
        return "" if value is None else f"{int(value):+d}" if value else "0"
    return str(value)


def _code_name(conn: sqlite3.Connection, code_id: int) -> str:
    row = conn.execute("SELECT names FROM code WHERE id = ?", (code_id,)).fetchone()
    return _first_name(str(row[0])) if row else "?"


def _excerpt(conn: sqlite3.Connection, layer_id: int, start: int, end: int) -> str:
    row = conn.execute("SELECT text FROM layer WHERE id = ?", (layer_id,)).fetchone()
    piece = " ".join(str(row[0])[start:end].split()) if row else ""
    return piece if len(piece) <= EXCERPT else piece[: EXCERPT - 1] + "…"
