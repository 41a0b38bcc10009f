"""Per-code sets of segments, participants and sessions, and their subtree unions.

Shared by frequencies and crosstabs. A *segment* is a distinct coded span
``(layer, start, end)``: two coders (or two sub-codes) on the same span make one
segment. A theme's sets are the unions over its subtree, so nothing is counted
twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter

from analysis.coding_facts import CodingFact, coding_facts
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


_SEGMENT = attrgetter("layer_id", "start", "end")
_PARTICIPANTS = attrgetter("participants")
_SESSION = attrgetter("session_id")

_EMPTY = CodeSets(frozenset(), 0, frozenset(), frozenset(), frozenset())


def own_sets(data: StudyData, *, with_pairs: bool = False) -> dict[int, CodeSets]:
    """Sets built from each code's own codings only (no descendants).

    ``participant_sessions`` (who was coded in which session) is filled only
    when ``with_pairs`` is true; it is needed by crosstabs over session fields.
    """
    by_code: dict[int, list[CodingFact]] = defaultdict(list)
    for f in coding_facts(data):
        by_code[f.code_id].append(f)
    in_scope = data.participants_in_scope
    out: dict[int, CodeSets] = {}
    for cid in data.codes:
        mine = by_code.get(cid)
        if not mine:
            out[cid] = _EMPTY
            continue
        pairs: frozenset[tuple[int, int]] = frozenset()
        if with_pairs:
            per_session: dict[int, set[int]] = defaultdict(set)
            for f in mine:
                per_session[f.session_id].update(f.participants)
            pairs = frozenset(
                (pid, sid) for sid, ps in per_session.items() for pid in ps & in_scope
            )
        out[cid] = CodeSets(
            frozenset(map(_SEGMENT, mine)),
            len(mine),
            frozenset().union(*map(_PARTICIPANTS, mine)) & in_scope,
            frozenset(map(_SESSION, mine)),
            pairs,
        )
    return out


def subtree_sets(
    data: StudyData, own: dict[int, CodeSets] | None = None, *, with_pairs: bool = False
) -> dict[int, CodeSets]:
    """For every code, the union of its own sets and those of all its descendants."""
    own = own if own is not None else own_sets(data, with_pairs=with_pairs)
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
