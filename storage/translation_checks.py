"""``suhbat check`` for translation work: status, drafts and the glossary are consistent.

* a translation status or draft belongs to a translation layer (never the original)
  of the utterance's own transcript;
* a status has a translation time, a fingerprint of the original and a revision the
  file remembers (``translation_seen``), and a reviewed status names its reviewer;
* a glossary term's folded key is the fold of its term, and its two languages differ.
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING

from storage.errors import N_
from storage.text import fold

if TYPE_CHECKING:
    from storage.checker import Problem

_HASH = re.compile(r"[0-9a-f]{16}")


def translation_problems(conn: sqlite3.Connection) -> list[Problem]:
    """Every broken invariant of the translation tables (see the module docstring)."""
    from storage.checker import Problem

    problems: list[Problem] = []
    for table in ("translation_status", "translation_draft"):
        rows = conn.execute(
            f"SELECT x.layer_id, x.utterance_id, l.is_original, l.transcript_id, u.transcript_id"
            f" FROM {table} x JOIN layer l ON l.id = x.layer_id"
            " JOIN utterance u ON u.id = x.utterance_id"
            " WHERE l.is_original = 1 OR l.transcript_id != u.transcript_id"
        ).fetchall()
        problems += [
            Problem(
                "translation",
                N_(
                    "A translation of utterance {utterance} is kept on layer {layer},"
                    " which is not a translation of its transcript"
                ),
                {"utterance": r[1], "layer": r[0]},
                table,
            )
            for r in rows
        ]
    rows = conn.execute(
        "SELECT s.utterance_id, s.layer_id, s.translated, s.source_hash, s.reviewer, s.reviewed,"
        " EXISTS (SELECT 1 FROM translation_seen t JOIN layer l ON l.uuid = t.layer_uuid"
        " JOIN utterance u ON u.uuid = t.utterance_uuid"
        " WHERE l.id = s.layer_id AND u.id = s.utterance_id AND t.rev = s.rev)"
        " FROM translation_status s"
    ).fetchall()
    for utterance, layer, translated, source_hash, reviewer, reviewed, seen in rows:
        params = {"utterance": utterance, "layer": layer}
        if not translated or not _HASH.fullmatch(str(source_hash)):
            problems.append(
                Problem(
                    "translation",
                    N_(
                        "The translation status of utterance {utterance} (layer {layer})"
                        " lacks its time or the original's fingerprint"
                    ),
                    params,
                    "translation_status",
                )
            )
        if (reviewed is None) != (reviewer is None):
            problems.append(
                Problem(
                    "translation",
                    N_(
                        "The review of utterance {utterance} (layer {layer})"
                        " has a time without a reviewer or a reviewer without a time"
                    ),
                    params,
                    "translation_status",
                )
            )
        if not seen:
            problems.append(
                Problem(
                    "translation",
                    N_(
                        "The translation of utterance {utterance} (layer {layer})"
                        " has a revision the file does not remember"
                    ),
                    params,
                    "translation_status",
                )
            )
    for term_id, term, folded, source, target in conn.execute(
        "SELECT id, term, folded, source_language, target_language FROM glossary_term"
    ).fetchall():
        if fold(str(term)) != folded or source == target:
            problems.append(
                Problem(
                    "translation",
                    N_("Glossary term «{term}» has a wrong search key or one language twice"),
                    {"term": str(term)},
                    "glossary_term",
                    int(term_id),
                )
            )
    return problems
