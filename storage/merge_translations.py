"""Merge step for translations typed in the app (see :mod:`storage.merge`).

Runs after the layers are matched and before the codings are placed. For each
translation layer both files have, utterance by utterance (matched by UUID):

* the copy translated an utterance the master has not: the copy's text and status
  are taken;
* both have a translation and only one of them changed since the files last agreed
  (each status carries a revision token; ``translation_seen`` holds every revision
  a file has had): the newer one wins, text and status;
* both changed it to different texts: the master's stays and the conflict is
  reported with both texts;
* the same text in both: the newer status (a review, say) is taken.

A layer the copy added, or a transcript it added, brings its statuses along.
Marks for translation are added (utterances and codes, by UUID). A glossary term
the master lacks is added; one both have with different renderings keeps the
master's and is reported (the glossary keeps no revisions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.errors import N_
from storage.text import fold
from storage.translation_models import TranslationStatus
from storage.translations_store import TermInput

if TYPE_CHECKING:
    import sqlite3

    from storage.merge import MergeContext

_STATUS = "translator, translated, reviewer, reviewed, source_hash, rev"


def merge_translations(
    ctx: MergeContext, layer_map: dict[int, int], texts: dict[int, tuple[str, str]]
) -> None:
    """Merge translation texts and statuses of every translation layer in ``layer_map``."""
    other = ctx.other.conn
    translations = {
        int(r[0]): str(r[1])
        for r in other.execute("SELECT id, uuid FROM layer WHERE is_original = 0")
    }
    for their_layer, my_layer in layer_map.items():
        if their_layer not in translations:
            continue
        changed = _merge_layer(ctx, their_layer, my_layer, translations[their_layer])
        if changed and their_layer in texts:
            (mine,) = ctx.master.conn.execute(
                "SELECT text FROM layer WHERE id = ?", (my_layer,)
            ).fetchone()
            theirs = texts[their_layer][0]
            if theirs == mine:
                del texts[their_layer]
            else:
                texts[their_layer] = (theirs, str(mine))
    _merge_marks(ctx)
    _merge_glossary(ctx)


def _merge_marks(ctx: MergeContext) -> None:
    translations = ctx.master.translations
    marked = _new_marks(ctx, "translation_mark", "utterance", translations.marked())
    translations.mark(marked)
    codes = _new_marks(ctx, "translation_mark_code", "code", translations.marked_codes())
    translations.mark_codes(codes)
    ctx.report.add("translation marks", len(marked) + len(codes))


def _new_marks(ctx: MergeContext, mark: str, table: str, have: set[int]) -> list[int]:
    """Master ids of the ``table`` rows the copy marked (in ``mark``) and the master has not."""
    ids = {str(u): int(i) for u, i in ctx.master.conn.execute(f"SELECT uuid, id FROM {table}")}
    column = table + "_id"
    theirs = ctx.other.conn.execute(
        f"SELECT t.uuid FROM {mark} m JOIN {table} t ON t.id = m.{column}"
    )
    return [ids[str(u)] for (u,) in theirs if str(u) in ids and ids[str(u)] not in have]


def _merge_glossary(ctx: MergeContext) -> None:
    mine = {
        (t.source_language, fold(t.term), t.target_language): t
        for t in ctx.master.translations.glossary()
    }
    for term in ctx.other.translations.glossary():
        here = mine.get((term.source_language, fold(term.term), term.target_language))
        if here is None:
            ctx.master.translations.set_term(
                TermInput(
                    term.source_language,
                    term.term,
                    term.target_language,
                    term.rendering,
                    term.note,
                ),
                uuid=term.uuid,
            )
            ctx.report.add("glossary terms")
        elif (here.rendering, here.note) != (term.rendering, term.note):
            ctx.report.conflict(
                "glossary",
                term.term,
                "rendering",
                here.rendering,
                term.rendering,
                N_("rendered differently in both files"),
            )


def _lines(conn: sqlite3.Connection, layer_id: int) -> dict[str, tuple[int, str]]:
    """Utterance UUID → (utterance id, its text in the layer)."""
    (text,) = conn.execute("SELECT text FROM layer WHERE id = ?", (layer_id,)).fetchone()
    return {
        str(uuid): (int(uid), str(text)[start:end])
        for uid, uuid, start, end in conn.execute(
            'SELECT u.id, u.uuid, s.start, s."end" FROM span s'
            " JOIN utterance u ON u.id = s.utterance_id WHERE s.layer_id = ?",
            (layer_id,),
        )
    }


def _statuses(conn: sqlite3.Connection, layer_id: int) -> dict[int, tuple[object, ...]]:
    return {
        int(r[0]): tuple(r[1:])
        for r in conn.execute(
            f"SELECT utterance_id, {_STATUS} FROM translation_status WHERE layer_id = ?",
            (layer_id,),
        )
    }


def _seen(conn: sqlite3.Connection, layer_uuid: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for utterance, rev in conn.execute(
        "SELECT utterance_uuid, rev FROM translation_seen WHERE layer_uuid = ?", (layer_uuid,)
    ):
        out.setdefault(str(utterance), set()).add(str(rev))
    return out


def _merge_layer(ctx: MergeContext, their_layer: int, my_layer: int, their_uuid: str) -> bool:
    """Merge one layer; True if the master's text changed."""
    master, other = ctx.master.conn, ctx.other.conn
    (my_uuid, title) = master.execute(
        "SELECT l.uuid, t.title FROM layer l JOIN transcript t ON t.id = l.transcript_id"
        " WHERE l.id = ?",
        (my_layer,),
    ).fetchone()
    my_uuid = str(my_uuid)
    theirs, mine = _lines(other, their_layer), _lines(master, my_layer)
    their_status, my_status = _statuses(other, their_layer), _statuses(master, my_layer)
    their_seen, my_seen = _seen(other, their_uuid), _seen(master, my_uuid)
    part = ctx.master.translations
    changed = False
    for uuid, (their_id, their_text) in theirs.items():
        if uuid not in mine:
            continue
        my_id, my_text = mine[uuid]
        theirs_st, mine_st = their_status.get(their_id), my_status.get(my_id)
        their_revs, my_revs = their_seen.get(uuid, set()), my_seen.get(uuid, set())
        my_rev = str(mine_st[5]) if mine_st else None
        their_rev = str(theirs_st[5]) if theirs_st else None
        copy_newer = (
            their_rev is not None
            and their_rev not in my_revs
            and (my_rev is None or my_rev in their_revs)
        )
        take_text = False
        if their_text != my_text and their_text.strip():
            if not my_text.strip() or copy_newer:
                take_text = True
            elif their_rev is None or their_rev in my_revs:
                pass  # the master's translation is the newer one
            else:
                position = master.execute(
                    "SELECT position FROM utterance WHERE id = ?", (my_id,)
                ).fetchone()[0]
                ctx.report.conflict(
                    "translation",
                    f"{title} #{int(position) + 1}",
                    "text",
                    my_text,
                    their_text,
                    N_("translated differently in both files"),
                )
        if take_text:
            ctx.master.transcripts.edit_utterance_text(my_id, my_layer, their_text)
            changed = True
            ctx.report.update("translations")
        if theirs_st is not None and (take_text or (their_text == my_text and copy_newer)):
            status = TranslationStatus(my_layer, my_id, *theirs_st)  # type: ignore[arg-type]
            part.put_status(status, my_uuid, uuid)
            if not take_text:
                ctx.report.update("translation statuses")
        part.add_seen(my_uuid, uuid, their_revs)
    return changed
