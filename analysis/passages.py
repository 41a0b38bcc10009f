"""Coded passages: every segment coded with a code (or a theme's subtree), to read back.

A passage is one distinct coded segment (layer, start, end); the codings on it
(several coders, or several sub-codes of a theme) are kept together. Each comes
with its speaker, time, transcript, the aligned translation of the utterances it
covers, and the utterance before and after it in the same layer (context shown
on demand). Texts are flattened to one line without adding spaces anywhere but
at line breaks, so punctuation stays attached to its word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from analysis.dataset import StudyData
from storage.models import Coding, Layer, Utterance


@dataclass(frozen=True)
class Passage:
    """One coded segment with everything needed to read and cite it."""

    codings: tuple[Coding, ...]
    session_id: int
    transcript_id: int
    layer_id: int
    language: str
    start: int
    end: int
    speaker: str
    start_ms: int | None
    text: str
    translation: str | None = None
    translation_language: str | None = None
    translation_of_turns: bool = False
    """The passage is part of its turns: :attr:`translation` is the whole turns'."""
    before: str | None = None
    after: str | None = None

    @property
    def code_ids(self) -> tuple[int, ...]:
        """The distinct codes on this segment, in the order first applied."""
        return tuple(dict.fromkeys(c.code_id for c in self.codings))

    @property
    def coder_ids(self) -> tuple[int, ...]:
        """The distinct coders who coded this segment."""
        return tuple(dict.fromkeys(c.coder_id for c in self.codings))

    @property
    def valences(self) -> tuple[int, ...]:
        """The distinct valences given to this segment's codings, lowest first."""
        return tuple(sorted({c.valence for c in self.codings if c.valence is not None}))


def one_line(text: str) -> str:
    """``text`` on one line: runs of whitespace become one space; nothing else changes."""
    return " ".join(text.split())


def coded_passages(
    data: StudyData,
    code_ids: Collection[int],
    *,
    languages: Collection[str] | None = None,
    valences: Collection[int | None] | None = None,
    translation_languages: Sequence[str] = (),
) -> list[Passage]:
    """The passages coded with any of ``code_ids`` in ``data`` (already filtered).

    ``data`` must hold layer texts. ``languages`` keeps passages in those languages:
    the languages of the utterances they overlap when ``data`` holds them (a Kazakh turn
    marked in a Russian layer is Kazakh, as for search and the statistics), else their
    layer's; ``valences`` keeps passages with a coding of one of those
    valences (None: a coding without one). ``translation_languages`` orders the
    preferred translation layers. Passages come in session order (by date), then
    by transcript, layer and position.
    """
    wanted = set(code_ids)
    groups: dict[tuple[int, int, int], list[Coding]] = defaultdict(list)
    for coding in data.codings:
        if coding.code_id not in wanted:
            continue
        layer = data.layers.get(coding.layer_id)
        if layer is None or (
            languages is not None and not _languages(data, coding, layer) & set(languages)
        ):
            continue
        groups[(coding.layer_id, coding.start, coding.end)].append(coding)
    if valences is not None:
        keep = set(valences)
        groups = {k: g for k, g in groups.items() if any(c.valence in keep for c in g)}
    rank = {sid: i for i, sid in enumerate(data.ordered_sessions("date"))}
    layers_of: dict[int, list[Layer]] = defaultdict(list)
    for layer in data.layers.values():
        layers_of[layer.transcript_id].append(layer)
    turns_of: dict[int, list[Utterance]] = defaultdict(list)
    for u in data.utterances.values():
        turns_of[u.transcript_id].append(u)
    for turns in turns_of.values():
        turns.sort(key=lambda u: u.position)
    passages: list[Passage] = []
    for (layer_id, start, end), codings in groups.items():
        layer = data.layers[layer_id]
        covered = [
            data.utterances[uid]
            for uid in data.coding_utterances.get(codings[0].id, ())
            if uid in data.utterances
        ]
        covered.sort(key=lambda u: u.position)
        first = covered[0] if covered else None
        other = _translation_layer(layer, layers_of[layer.transcript_id], translation_languages)
        translation = None
        of_turns = False
        if other is not None and covered:
            parts = [_span_text(other, u) for u in covered]
            translation = one_line(" ".join(p for p in parts if p)) or None
            spans = [u.spans[layer_id] for u in covered if layer_id in u.spans]
            turns_text = " ".join(layer.text[a:b] for a, b in spans)
            of_turns = translation is not None and one_line(turns_text) != one_line(
                layer.text[start:end]
            )
        before = after = None
        turns = turns_of.get(layer.transcript_id, [])
        if covered:
            index = {u.id: i for i, u in enumerate(turns)}
            lo, hi = index.get(covered[0].id), index.get(covered[-1].id)
            if lo is not None and lo > 0:
                before = _turn_line(data, layer, turns[lo - 1])
            if hi is not None and hi + 1 < len(turns):
                after = _turn_line(data, layer, turns[hi + 1])
        passages.append(
            Passage(
                codings=tuple(sorted(codings, key=lambda c: c.id)),
                session_id=data.layer_session.get(layer_id, -1),
                transcript_id=layer.transcript_id,
                layer_id=layer_id,
                language=_language(data, codings[0], layer),
                start=start,
                end=end,
                speaker=_speaker(data, first) if first is not None else "",
                start_ms=first.start_ms if first is not None else None,
                text=one_line(layer.text[start:end]),
                translation=translation,
                translation_language=other.language if translation and other else None,
                translation_of_turns=of_turns,
                before=before,
                after=after,
            )
        )
    passages.sort(
        key=lambda p: (rank.get(p.session_id, len(rank)), p.transcript_id, p.layer_id, p.start)
    )
    return passages


def _languages(data: StudyData, coding: Coding, layer: Layer) -> frozenset[str]:
    """The languages of the utterances a coding overlaps (its layer's when not loaded)."""
    return data.coding_languages.get(coding.id) or frozenset((layer.language,))


def _language(data: StudyData, coding: Coding, layer: Layer) -> str:
    """A passage's language: its utterances' when they share one, else its layer's."""
    languages = _languages(data, coding, layer)
    return next(iter(languages)) if len(languages) == 1 else layer.language


def _translation_layer(
    layer: Layer, siblings: Sequence[Layer], preferred: Sequence[str]
) -> Layer | None:
    """The layer to show beside ``layer``: a translation of an original, else the original."""
    others = [la for la in siblings if la.id != layer.id]
    if not others:
        return None
    if not layer.is_original:
        original = next((la for la in others if la.is_original), None)
        if original is not None:
            return original
    order = {lang: i for i, lang in enumerate(preferred)}
    others.sort(key=lambda la: (order.get(la.language, len(order)), la.id))
    return others[0]


def _span_text(layer: Layer, utterance: Utterance) -> str:
    span = utterance.spans.get(layer.id)
    return layer.text[span[0] : span[1]] if span else ""


def _speaker(data: StudyData, utterance: Utterance) -> str:
    pid = utterance.participant_id
    participant = data.participants.get(pid) if pid is not None else None
    return participant.code if participant is not None else utterance.speaker


def _turn_line(data: StudyData, layer: Layer, utterance: Utterance) -> str | None:
    text = one_line(_span_text(layer, utterance))
    if not text:
        return None
    speaker = _speaker(data, utterance)
    return f"{speaker}: {text}" if speaker else text
