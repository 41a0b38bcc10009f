"""Representative quotes for a theme: short coded passages from different people.

Candidates are the distinct coded segments of the theme's codes. Quotes are
picked one at a time, each time preferring (in this order) a participant not
quoted yet, a session not quoted yet, a sub-code not quoted yet, a segment that
more coders agreed on, and a length that reads well as a quote (about 40–300
characters); ties go to the earlier session and passage, so the choice is
deterministic. A passage is quoted once per theme: a coding of the same text again
(on its translation layer, or with another of the theme's codes) is skipped. Each
quote comes in its original language and, where the transcript has one, in
translation: the same code's coding on the translation layer if there is one, else
the aligned translation of the coded utterances.
A quote's language is the one its turns are said in (a Kazakh turn in a Russian
layer is Kazakh), its translation's likewise.
A quote whose translation layer has no text for it keeps ``translation_language``
with ``translation`` None, so the report can say it is not translated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analysis.dataset import StudyData
from storage.models import Coding, Layer
from storage.pseudonyms import PeopleNames

IDEAL_MIN, IDEAL_MAX = 40, 300
MAX_QUOTE = 600


@dataclass(frozen=True)
class Quote:
    """A passage to quote, with who said it, where, and its translation."""

    code_id: int
    session_id: int
    speaker: str
    start_ms: int | None
    text: str
    language: str
    translation: str | None = None
    translation_language: str | None = None
    coding_id: int | None = None
    """The coding quoted (its utterances are what "quotes chosen for the report" marks)."""


def shorten(text: str, limit: int = MAX_QUOTE) -> str:
    """``text`` on one line, cut at a word boundary with ``…`` when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—- ") + "…"


class QuotePicker:
    """Picks quotes from one :class:`StudyData` (which must hold layer texts)."""

    def __init__(
        self,
        data: StudyData,
        names: PeopleNames,
        translation_languages: Sequence[str] = (),
        own_languages: Mapping[tuple[int, int], str] | None = None,
    ) -> None:
        """``own_languages``: ``(utterance id, layer id)`` → the language a turn is said in
        when it is not its layer's (``store.transcripts.utterance_languages()``)."""
        self.data = data
        self.names = names
        self.preferred = tuple(translation_languages)
        self.own_languages = own_languages or {}
        self.session_rank = {sid: i for i, sid in enumerate(data.ordered_sessions("date"))}
        self.layers_of: dict[int, list[Layer]] = defaultdict(list)
        for layer in data.layers.values():
            self.layers_of[layer.transcript_id].append(layer)
        self.by_segment: dict[tuple[int, int, int, int], list[Coding]] = defaultdict(list)
        self.by_code_layer: dict[tuple[int, int], list[Coding]] = defaultdict(list)
        for c in data.codings:
            self.by_segment[(c.code_id, c.layer_id, c.start, c.end)].append(c)
            self.by_code_layer[(c.code_id, c.layer_id)].append(c)
        self.segments_of: dict[int, list[list[Coding]]] = defaultdict(list)
        for key, group in self.by_segment.items():
            self.segments_of[key[0]].append(group)

    def quotes(self, theme_id: int, count: int = 3) -> list[Quote]:
        """Up to ``count`` quotes for the theme (its own codings and its sub-codes')."""
        codes = set(self.data.subtree(theme_id))
        candidates = [group[0] for code in codes for group in self.segments_of.get(code, ())]
        # the parts of the preference that do not change while picking, best first
        candidates.sort(
            key=lambda c: (
                -len(self.by_segment[(c.code_id, c.layer_id, c.start, c.end)]),
                self._length_penalty(c),
                self._position(c),
            )
        )
        people_used: set[int] = set()
        sessions_used: set[int] = set()
        codes_used: set[int] = set()
        chosen: list[Quote] = []
        printed: set[tuple[int, str]] = set()
        taken: set[int] = set()
        while len(chosen) < count and len(taken) < len(candidates):
            best: Coding | None = None
            best_rank = (True, True, True)
            for c in candidates:
                if c.id in taken:
                    continue
                rank = (
                    bool(self.data.coding_participants.get(c.id, frozenset()) & people_used),
                    self.data.coding_session.get(c.id) in sessions_used,
                    c.code_id in codes_used,
                )
                if best is None or rank < best_rank:
                    best, best_rank = c, rank
                    if rank == (False, False, False):
                        break
            assert best is not None
            taken.add(best.id)
            quote = self._quote(best)
            if (quote.session_id, quote.text) in printed:
                continue  # the same passage coded again (on its translation, or a sub-code)
            printed.add((quote.session_id, quote.text))
            chosen.append(quote)
            people_used |= self.data.coding_participants.get(best.id, frozenset())
            sessions_used.add(self.data.coding_session.get(best.id, -1))
            codes_used.add(best.code_id)
        return chosen

    def _position(self, c: Coding) -> tuple[int, int, int, int]:
        session = self.data.coding_session.get(c.id, -1)
        return (self.session_rank.get(session, len(self.session_rank)), c.layer_id, c.start, c.id)

    def _length_penalty(self, c: Coding) -> int:
        length = len(self.data.layers[c.layer_id].text[c.start : c.end].strip())
        if length < IDEAL_MIN:
            return IDEAL_MIN - length
        if length > IDEAL_MAX:
            return length - IDEAL_MAX
        return 0

    def _aligned(self, c: Coding, layer: Layer) -> str:
        utterances = [self.data.utterances[u] for u in self.data.coding_utterances.get(c.id, ())]
        parts = [layer.text[s:e] for u in utterances for s, e in [u.spans.get(layer.id, (0, 0))]]
        return " ".join(p for p in parts if p)

    def _translation_layer(self, coded: Layer) -> Layer | None:
        others = [la for la in self.layers_of[coded.transcript_id] if la.id != coded.id]
        for lang in self.preferred:
            for la in others:
                if la.language == lang:
                    return la
        return others[0] if others else None

    def _segments_in(self, code_id: int, layer_id: int, utterances: set[int]) -> list[Coding]:
        found = {
            (t.start, t.end): t
            for t in self.by_code_layer.get((code_id, layer_id), [])
            if utterances & set(self.data.coding_utterances.get(t.id, ()))
        }
        return list(found.values())

    def _matching_translation(self, c: Coding, other: Layer) -> str | None:
        """The same code's passage on the translation layer, when it clearly corresponds.

        It does when, in the coded utterances, the code marks exactly one passage
        in the original and exactly one in the translation.
        """
        utterances = set(self.data.coding_utterances.get(c.id, ()))
        if len(self._segments_in(c.code_id, c.layer_id, utterances)) != 1:
            return None
        mates = self._segments_in(c.code_id, other.id, utterances)
        if len(mates) != 1:
            return None
        return other.text[mates[0].start : mates[0].end]

    def _said_in(self, c: Coding, layer: Layer) -> str:
        """The language of the coded turns in ``layer``: their own if they share one."""
        said = {
            self.own_languages.get((u, layer.id), layer.language)
            for u in self.data.coding_utterances.get(c.id, ())
        }
        return said.pop() if len(said) == 1 else layer.language

    def _quote(self, c: Coding) -> Quote:
        layer = self.data.layers[c.layer_id]
        utterances = [self.data.utterances[u] for u in self.data.coding_utterances.get(c.id, ())]
        named = dict.fromkeys(self.names.speaker(u) for u in utterances)
        speakers = ", ".join(name for name in named if name)
        coded_text = layer.text[c.start : c.end]
        session = self.data.coding_session.get(c.id, -1)
        start = utterances[0].start_ms if utterances else None
        if layer.is_original:
            other = self._translation_layer(layer)
            translation = None
            if other is not None:
                translation = self._matching_translation(c, other)
                translation = translation or self._aligned(c, other) or None
            return Quote(
                c.code_id,
                session,
                speakers,
                start,
                shorten(coded_text),
                self._said_in(c, layer),
                shorten(translation) if translation else None,
                self._said_in(c, other) if other is not None else None,
                c.id,
            )
        original = next((la for la in self.layers_of[layer.transcript_id] if la.is_original), None)
        original_text = self._aligned(c, original) if original is not None else ""
        if not original_text or original is None:
            return Quote(
                c.code_id,
                session,
                speakers,
                start,
                shorten(coded_text),
                self._said_in(c, layer),
                coding_id=c.id,
            )
        return Quote(
            c.code_id,
            session,
            speakers,
            start,
            shorten(original_text),
            self._said_in(c, original),
            shorten(coded_text),
            self._said_in(c, layer),
            c.id,
        )
