"""What the coding screen knows about the open transcript, and questions it answers.

Loaded once per transcript from the Store (layers, utterances, codings, codes,
coders) and kept in step as codings change, so painting and the side panel need
no queries. Pure Python: no widgets here.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field

from rich.text import Text

from storage import Store
from storage.media_time import clock
from storage.models import Code, Coding, Layer, Transcript, Utterance
from storage.text import snap_to_graphemes
from tui.models.coding_paint import line_starts, locate, stripe_style

SPEAKER_WIDTH = 12
"""How much of a speaker label the gutter shows."""

EXCERPT_WIDTH = 28
"""How much of the coded text a row of the side panel shows."""

_TIME = re.compile(r"^\s*(?:(\d+):)?(?:(\d+):)?(\d+(?:[.,]\d+)?)\s*$")


def format_time(ms: int | None) -> str:
    """``hh:mm:ss``, or as many blanks when unknown (keeps the text column aligned)."""
    return clock(ms).ljust(len("00:00:00"))


def parse_time(text: str) -> int | None:
    """Milliseconds from ``hh:mm:ss``, ``mm:ss`` or seconds (None if not a time)."""
    match = _TIME.match(text)
    if not match:
        return None
    first, second, seconds = match.groups()
    parts = [p for p in (first, second) if p is not None]
    hours = int(parts[0]) if len(parts) == 2 else 0
    minutes = int(parts[-1]) if parts else 0
    return int((hours * 3600 + minutes * 60 + float(seconds.replace(",", "."))) * 1000)


def snap_in_line(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` of a layer to grapheme clusters (see
    :func:`storage.text.snap_to_graphemes`, which segments only the lines involved)."""
    return snap_to_graphemes(text, start, end)


def speaker_label(speaker: str, width: int = SPEAKER_WIDTH) -> str:
    """A speaker label cut to ``width`` characters (with an ellipsis)."""
    return speaker if len(speaker) <= width else speaker[: width - 1] + "…"


@dataclass
class TranscriptModel:
    """The open transcript: layers, utterances, codings by layer, codes and coders."""

    transcript: Transcript
    layers: list[Layer]
    utterances: list[Utterance]
    codes: dict[int, Code]
    coders: dict[int, str]
    codings: dict[int, list[Coding]] = field(default_factory=dict)
    starts: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store, transcript_id: int) -> TranscriptModel:
        """Read a transcript with everything the coding screen shows."""
        layers = store.transcripts.layers(transcript_id)
        model = cls(
            transcript=store.transcripts.get(transcript_id),
            layers=layers,
            utterances=store.transcripts.utterances(transcript_id),
            codes={c.id: c for c in store.codes.all()},
            coders={c.id: c.name for c in store.coders.all()},
        )
        for layer in layers:
            model.starts[layer.id] = line_starts(layer.text)
        model.reload_codings(store)
        return model

    def reload_codings(self, store: Store) -> None:
        """Re-read codes, coders and this transcript's codings."""
        self.codes = {c.id: c for c in store.codes.all()}
        self.coders = {c.id: c.name for c in store.coders.all()}
        self.codings = {layer.id: store.codings.all(layer_id=layer.id) for layer in self.layers}

    def reload_layer(self, store: Store, layer_id: int) -> None:
        """Re-read a layer's text (after an edit) with the utterance spans."""
        fresh = store.transcripts.layer(layer_id)
        self.layers = [fresh if layer.id == layer_id else layer for layer in self.layers]
        self.starts[layer_id] = line_starts(fresh.text)
        self.utterances = store.transcripts.utterances(self.transcript.id)

    # -- layers and utterances -----------------------------------------------------------

    def layer(self, layer_id: int) -> Layer:
        """A layer of this transcript by id."""
        return next(layer for layer in self.layers if layer.id == layer_id)

    def other_layer(self, layer_id: int, skip: int | None = None) -> int | None:
        """The layer after ``layer_id`` (cycling), skipping ``skip``; None if there is none."""
        ids = [layer.id for layer in self.layers if layer.id != skip]
        if not ids:
            return None
        if layer_id not in ids:
            return ids[0]
        following = ids[(ids.index(layer_id) + 1) % len(ids)]
        return None if following == layer_id else following

    def labels(self) -> list[str]:
        """Gutter labels: time and speaker of each utterance."""
        width = min(SPEAKER_WIDTH, max((len(u.speaker) for u in self.utterances), default=0))
        return [
            f"{format_time(u.start_ms)} {speaker_label(u.speaker, width).ljust(width)}"
            for u in self.utterances
        ]

    def line_languages(
        self, marks: dict[tuple[int, int], str]
    ) -> dict[int, tuple[str, dict[int, str]]]:
        """Layer id → (its language, line → language of the lines not in it), from the
        ``(utterance id, layer id) → language`` marks of the Store."""
        line_of = {u.id: index for index, u in enumerate(self.utterances)}
        shown: dict[int, tuple[str, dict[int, str]]] = {
            layer.id: (layer.language, {}) for layer in self.layers
        }
        for (utterance_id, layer_id), language in marks.items():
            line = line_of.get(utterance_id)
            if line is not None and layer_id in shown and language != shown[layer_id][0]:
                shown[layer_id][1][line] = language
        return shown

    def line_of_time(self, ms: int) -> int:
        """The utterance being spoken at ``ms`` (the last one starting at or before it)."""
        line = 0
        for index, utterance in enumerate(self.utterances):
            if utterance.start_ms is not None and utterance.start_ms <= ms:
                line = index
        return line

    def next_turn(self, line: int) -> int | None:
        """The next utterance by the same speaker as utterance ``line``."""
        if not 0 <= line < len(self.utterances):
            return None
        speaker = self.utterances[line].speaker
        return next(
            (
                i
                for i in range(line + 1, len(self.utterances))
                if self.utterances[i].speaker == speaker
            ),
            None,
        )

    def utterance_range(self, layer_id: int, line: int) -> tuple[int, int]:
        """The layer range of utterance ``line``."""
        starts = self.starts[layer_id]
        text = self.layer(layer_id).text
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
        return starts[line], end

    # -- codings -------------------------------------------------------------------------

    def shown(self, layer_id: int, coder_filter: int | None) -> list[Coding]:
        """The layer's codings the coder filter lets through (None: every coder)."""
        codings = self.codings.get(layer_id, [])
        if coder_filter is None:
            return codings
        return [c for c in codings if c.coder_id == coder_filter]

    def colors(self) -> dict[int, str]:
        """Colour of every code."""
        return {code_id: code.color for code_id, code in self.codes.items()}

    def add(self, coding: Coding) -> None:
        """Keep a new coding (in text order)."""
        insort(self.codings.setdefault(coding.layer_id, []), coding, key=_order)

    def replace(self, coding: Coding) -> None:
        """Keep a changed coding."""
        self.drop(coding.id)
        self.add(coding)

    def drop(self, coding_id: int) -> None:
        """Forget a coding."""
        for layer_id, codings in self.codings.items():
            self.codings[layer_id] = [c for c in codings if c.id != coding_id]

    def find(self, coding_id: int) -> Coding | None:
        """A coding of this transcript by id."""
        for codings in self.codings.values():
            for coding in codings:
                if coding.id == coding_id:
                    return coding
        return None

    def at(
        self, layer_id: int, start: int, end: int | None, coder_filter: int | None
    ) -> list[Coding]:
        """Codings at an offset (``end`` None) or overlapping a range, innermost first."""
        found = [
            c
            for c in self.shown(layer_id, coder_filter)
            if (c.start <= start < c.end if end is None else c.start < end and start < c.end)
        ]
        return sorted(found, key=lambda c: (c.end - c.start, c.start))

    def next_coding(
        self, layer_id: int, offset: int, coder_filter: int | None, *, backwards: bool = False
    ) -> Coding | None:
        """The first coding starting after ``offset`` (or the last before it)."""
        codings = self.shown(layer_id, coder_filter)
        if backwards:
            before = [c for c in codings if c.start < offset]
            return before[-1] if before else None
        index = bisect_right([c.start for c in codings], offset)
        return codings[index] if index < len(codings) else None

    # -- rows for the side panel ---------------------------------------------------------

    def code_name(self, code_id: int, language: str | None) -> str:
        """A code's name, or a placeholder for a code that is gone."""
        code = self.codes.get(code_id)
        return code.name(language) if code else "?"

    def cursor_row(self, coding: Coding, language: str | None) -> Text:
        """A row of the "at cursor" list: colour, code, coder."""
        code = self.codes.get(coding.code_id)
        row = Text()
        row.append("■ ", stripe_style(code.color if code else "#888888"))
        row.append(self.code_name(coding.code_id, language))
        row.append(f"  {self.coders.get(coding.coder_id, '?')}", style="dim")
        if coding.memo:
            row.append("  ✎", style="dim")
        return row

    def document_row(self, coding: Coding, language: str | None) -> Text:
        """A row of the transcript list: utterance time, colour, code and coded words."""
        line, _col = locate(self.starts[coding.layer_id], coding.start)
        code = self.codes.get(coding.code_id)
        text = self.layer(coding.layer_id).text[coding.start : coding.end]
        excerpt = " ".join(text.split())
        excerpt = excerpt if len(excerpt) <= EXCERPT_WIDTH else excerpt[: EXCERPT_WIDTH - 1] + "…"
        row = Text()
        time = self.utterances[line].start_ms if line < len(self.utterances) else None
        row.append(format_time(time).strip() or f"#{line + 1}", style="dim")
        row.append(" ■ ", stripe_style(code.color if code else "#888888"))
        row.append(self.code_name(coding.code_id, language))
        row.append("  " + excerpt, style="italic")
        return row


def _order(coding: Coding) -> tuple[int, int, int]:
    return coding.start, coding.end, coding.id
