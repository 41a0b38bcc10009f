"""Per-code sets of segments, participants and sessions, and their subtree unions.

Shared by frequencies and crosstabs. A *segment* is a distinct coded span
``(layer, start, end)``: two coders (or two sub-codes) on the same span make one
segment. A theme's sets are the unions over its subtree, so nothing is counted
twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from analysis.dataset import StudyData

Span = tuple[int, int, int]  # layer id, start, end


@dataclass(frozen=True)
class CodeSets:
    """What one code (or a theme with its subtree) covers."""

    segments: frozenset[Span]
    codings: int
    participants: frozenset[int]
    sessions: frozenset[int]
    participant_sessions: frozenset[tuple[int, int]]


_EMPTY = CodeSets(frozenset(), 0, frozenset(), frozenset(), frozenset())


def own_sets(data: StudyData) -> dict[int, CodeSets]:
    """Sets built from each code's own codings only (no descendants)."""
    segments: dict[int, set[Span]] = defaultdict(set)
    counts: dict[int, int] = defaultdict(int)
    people: dict[int, set[int]] = defaultdict(set)
    sessions: dict[int, set[int]] = defaultdict(set)
    pairs: dict[int, set[tuple[int, int]]] = defaultdict(set)
    in_scope = data.participants_in_scope
    coding_session = data.coding_session
    coding_participants = data.coding_participants
    for c in data.codings:
        cid = c.code_id
        segments[cid].add((c.layer_id, c.start, c.end))
        counts[cid] += 1
        sid = coding_session[c.id]
        sessions[cid].add(sid)
        for pid in coding_participants[c.id]:
            if pid in in_scope:
                people[cid].add(pid)
                pairs[cid].add((pid, sid))
    return {
        cid: CodeSets(
            frozenset(segments[cid]),
            counts[cid],
            frozenset(people[cid]),
            frozenset(sessions[cid]),
            frozenset(pairs[cid]),
        )
        for cid in data.codes
    }


def subtree_sets(data: StudyData, own: dict[int, CodeSets] | None = None) -> dict[int, CodeSets]:
    """For every code, the union of its own sets and those of all its descendants."""
    own = own if own is not None else own_sets(data)
    total: dict[int, CodeSets] = {}
    for cid in reversed(data.code_order):
        kids = data.code_children.get(cid, ())
        mine = own.get(cid, _EMPTY)
        if not kids:
            total[cid] = mine
            continue
        parts = [mine, *(total[k] for k in kids)]
        total[cid] = CodeSets(
            frozenset().union(*(p.segments for p in parts)),
            sum(p.codings for p in parts),
            frozenset().union(*(p.participants for p in parts)),
            frozenset().union(*(p.sessions for p in parts)),
            frozenset().union(*(p.participant_sessions for p in parts)),
        )
    return total
