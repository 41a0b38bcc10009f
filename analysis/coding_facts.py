"""What the counting statistics read about each coding, as light rows.

Frequencies, crosstabs, the code × session matrix and saturation need, per coding, its
code, segment, coder, session, participants and (to filter by language) the languages of
the utterances it overlaps. :class:`CodingFact` holds exactly that. A study loaded for
those statistics carries these facts instead of :class:`storage.models.Coding` objects
and utterance indexes (:meth:`analysis.dataset.StudyData.build` with ``coding_speakers``);
a fully loaded study gives the same facts through :func:`coding_facts`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, NamedTuple

from storage.coding_speakers import CodingRows, SpeakerSpans
from storage.models import Role

if TYPE_CHECKING:
    from analysis.dataset import StudyData


class CodingFact(NamedTuple):
    """One coding as the counting statistics see it."""

    id: int
    code_id: int
    layer_id: int
    start: int
    end: int
    coder_id: int
    session_id: int
    participants: frozenset[int]
    """The respondents it is attributed to (see :mod:`analysis.dataset`)."""
    languages: frozenset[str]
    """The languages of the utterances it overlaps (empty when not loaded)."""


def coding_facts(data: StudyData) -> tuple[CodingFact, ...]:
    """The study's codings as facts: those it was loaded with, or built from its codings
    (once per study: :attr:`analysis.dataset.StudyData.facts` keeps them)."""
    return data.facts


def facts_of_codings(data: StudyData) -> tuple[CodingFact, ...]:
    """Facts built from a fully loaded study's codings and indexes."""
    session = data.coding_session
    people = data.coding_participants
    languages = data.coding_languages
    nothing: frozenset[str] = frozenset()
    return tuple(
        CodingFact(
            c.id,
            c.code_id,
            c.layer_id,
            c.start,
            c.end,
            c.coder_id,
            session[c.id],
            people[c.id],
            languages.get(c.id, nothing),
        )
        for c in data.codings
    )


def facts_from_columns(
    codings: CodingRows,
    spans: SpeakerSpans,
    *,
    codes: Collection[int],
    layer_session: Mapping[int, int],
    layer_language: Mapping[int, str],
    roles: Mapping[tuple[int, int], Role],
    respondents: Mapping[int, frozenset[int]],
) -> tuple[CodingFact, ...]:
    """Facts for the codings on known layers and codes, matched with the spans they overlap.

    The rule is :class:`analysis.dataset.StudyData`'s: a coding's participants are the
    speakers of the utterances it overlaps whose role in the session is "respondent" (or
    who are not linked); with none, the session's sole respondent, if it has exactly one.
    Its languages are those utterances' (their own, else the layer's); the layer's when
    it overlaps none.
    """
    layers = _layers(spans, layer_session, layer_language)
    not_respondent = {key for key, role in roles.items() if role != "respondent"}
    sole = {sid: group for sid, group in respondents.items() if len(group) == 1}
    nobody: frozenset[int] = frozenset()
    if not spans.layer_ids:  # no span read (agreement): the layer and session say it all
        return _facts_without_spans(codings, layers, codes, sole)
    attributed: dict[tuple[int, tuple[int | None, ...]], frozenset[int]] = {}
    language_sets: dict[tuple[str, tuple[str | None, ...]], frozenset[str]] = {}
    own_languages = spans.languages.count(None) < len(spans.languages)
    out: list[CodingFact] = []
    new = tuple.__new__
    for cid, code, layer, start, end, coder in codings.rows:
        place = layers.get(layer)
        if place is None or code not in codes:
            continue
        sid, starts, ends, who, langs, layer_language_code, layer_languages = place
        if end <= start:  # a point: the span it lies in
            first = last = bisect_right(starts, start) - 1
            if first < 0 or not start < ends[first]:
                first = last + 1
        else:  # spans do not overlap each other: their ends are sorted too
            last = bisect_left(starts, end) - 1
            first = last
            while first >= 0 and ends[first] > start:
                first -= 1
            first += 1
        speakers = who[first : last + 1]
        people = attributed.get((sid, speakers))
        if people is None:
            found = frozenset(
                p for p in speakers if p is not None and (sid, p) not in not_respondent
            )
            people = attributed[(sid, speakers)] = found or sole.get(sid, nobody)
        languages = layer_languages
        if own_languages and first <= last:
            key = (layer_language_code, langs[first : last + 1])
            cached = language_sets.get(key)
            if cached is None:
                cached = language_sets[key] = frozenset(lang or key[0] for lang in key[1])
            languages = cached
        # (tuple.__new__ skips the named tuple's Python-level constructor: a third of the loop)
        out.append(new(CodingFact, (cid, code, layer, start, end, coder, sid, people, languages)))
    return tuple(out)


def _facts_without_spans(
    codings: CodingRows,
    layers: Mapping[int, _Place],
    codes: Collection[int],
    sole: Mapping[int, frozenset[int]],
) -> tuple[CodingFact, ...]:
    """:func:`facts_from_columns` when no span was read: each coding is attributed to its
    session's sole respondent (if any), in its layer's language."""
    nobody: frozenset[int] = frozenset()
    new = tuple.__new__
    out: list[CodingFact] = []
    for cid, code, layer, start, end, coder in codings.rows:
        place = layers.get(layer)
        if place is not None and code in codes:
            sid = place[0]
            people = sole.get(sid, nobody)
            out.append(
                new(CodingFact, (cid, code, layer, start, end, coder, sid, people, place[6]))
            )
    return tuple(out)


_Place = tuple[
    int, list[int], list[int], tuple[int | None, ...], tuple[str | None, ...], str, frozenset[str]
]
"""A layer's session, its spans' starts, ends, speakers and languages, and its language
(alone and as a set)."""


def _layers(
    spans: SpeakerSpans, layer_session: Mapping[int, int], layer_language: Mapping[int, str]
) -> dict[int, _Place]:
    ids = spans.layer_ids
    begin = 0
    found: dict[int, tuple[int, int]] = {}
    while begin < len(ids):
        end = bisect_right(ids, ids[begin], lo=begin)  # the columns are sorted by layer
        found[ids[begin]] = (begin, end)
        begin = end
    out: dict[int, _Place] = {}
    for lid, sid in layer_session.items():
        begin, end = found.get(lid, (0, 0))
        out[lid] = (
            sid,
            list(spans.starts[begin:end]),
            list(spans.ends[begin:end]),
            spans.participant_ids[begin:end],
            spans.languages[begin:end],
            layer_language.get(lid, ""),
            frozenset((layer_language.get(lid, ""),)),
        )
    return out
