"""How a transcript's utterances become stored layers: lines, spans, folded index texts.

Pure functions and plain data, so that the work can be done ahead of the Store (for
example in a second process while the Store writes the previous file):
:func:`prepare_transcript` turns utterances into a :class:`PreparedTranscript`,
which :meth:`storage.Store.transcripts.add_prepared` writes without further
per-utterance work. A layer's text is its lines joined by ``\\n``; each line is one
utterance's text as NFC, on one line, stripped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from storage.errors import N_, ValidationError
from storage.models import TranscriptInput
from storage.text import fold, normalize
from storage.uuid7 import ordered_uuids


def one_line(text: str) -> str:
    """An utterance's text as stored: NFC, one line, stripped."""
    return " ".join(normalize(text).split("\n")).strip()


def layer_lines(texts: Sequence[str]) -> list[str]:
    """Utterance texts as a layer's lines (each as :func:`one_line` makes it).

    Texts from the readers are NFC single lines already; that is checked on the
    whole layer at once (a line break never takes part in NFC composition), and
    only a layer that fails the check is normalised text by text.
    """
    joined = "\n".join(texts)
    if (
        joined.count("\n") == len(texts) - 1
        and "\r" not in joined
        and "\ufeff" not in joined
        and unicodedata.is_normalized("NFC", joined)
    ):
        return [t.strip() for t in texts]
    return [one_line(t) for t in texts]


def folded_lines(lines: Sequence[str]) -> list[str]:
    """:func:`storage.text.fold` of every line, folding the whole layer in one call.

    Folding works character by character and never makes or removes a line break,
    so the folded layer splits back into exactly one folded text per line.
    """
    folded = fold("\n".join(lines)).split("\n")
    return folded if len(folded) == len(lines) else [fold(t) for t in lines]


def line_offsets(lines: Sequence[str]) -> list[int]:
    """Cumulative code-point lengths: line ``i`` spans ``[c[i] + i, c[i + 1] + i)``.

    (``c`` is the result; the ``+ i`` counts the line breaks before line ``i``.)
    """
    return list(accumulate(map(len, lines), initial=0))


def line_spans(lines: Sequence[str]) -> list[tuple[int, int]]:
    """``[start, end)`` of each line in the layer text that joins them with ``\\n``."""
    c = line_offsets(lines)
    return [(c[i] + i, c[i + 1] + i) for i in range(len(lines))]


@dataclass(frozen=True)
class PreparedLayer:
    """One language layer ready to store: its lines, their folded copies, its word count."""

    language: str
    lines: list[str]
    folded: list[str]
    words: int

    @property
    def text(self) -> str:
        """The layer's text: its lines joined by ``\\n``."""
        return "\n".join(self.lines)


def prepare_layer(language: str, texts: Sequence[str]) -> PreparedLayer:
    """Lay out one utterance text per line and fold it for the search index."""
    lines = layer_lines(texts)
    joined = "\n".join(lines)
    return PreparedLayer(language, lines, folded_lines(lines), len(joined.split()))


@dataclass(frozen=True)
class PreparedTranscript:
    """A transcript ready to store, column by column (one entry per utterance).

    ``layers[0]`` is the original. ``uuids`` are the utterances' new UUIDs
    (time-ordered, so the UUID index grows at one end).
    """

    title: str
    source_file: str | None
    source_hash: str | None
    encoding: str | None
    uuids: list[str]
    speakers: list[str]
    start_ms: list[int | None]
    end_ms: list[int | None]
    question_ids: list[int | None]
    layers: tuple[PreparedLayer, ...]


def prepare_columns(
    *,
    title: str,
    languages: Sequence[str],
    speakers: Sequence[str],
    start_ms: Sequence[int | None],
    end_ms: Sequence[int | None],
    texts: Sequence[Sequence[str]],
    question_ids: Sequence[int | None] | None = None,
    source_file: str | None = None,
    source_hash: str | None = None,
    encoding: str | None = None,
) -> PreparedTranscript:
    """Prepare a transcript given as columns; ``texts[k]`` holds layer ``k``'s texts.

    A layer with fewer texts than utterances gets empty lines for the rest (and
    texts beyond the last utterance are ignored).
    """
    if not languages:
        raise ValidationError(N_("A transcript needs at least one language"))
    count = len(speakers)
    if not count:
        raise ValidationError(N_("A transcript needs at least one utterance"))
    layers = []
    for k, language in enumerate(languages):
        column = list(texts[k][:count]) if k < len(texts) else []
        column += [""] * (count - len(column))
        layers.append(prepare_layer(language, column))
    return PreparedTranscript(
        title=normalize(title).strip(),
        source_file=source_file,
        source_hash=source_hash,
        encoding=encoding,
        uuids=ordered_uuids(count),
        speakers=list(speakers),
        start_ms=list(start_ms),
        end_ms=list(end_ms),
        question_ids=list(question_ids) if question_ids is not None else [None] * count,
        layers=tuple(layers),
    )


def prepare_transcript(data: TranscriptInput) -> PreparedTranscript:
    """Prepare a :class:`~storage.models.TranscriptInput` for storing."""
    utterances = data.utterances
    return prepare_columns(
        title=data.title,
        languages=data.languages,
        speakers=[u.speaker for u in utterances],
        start_ms=[u.start_ms for u in utterances],
        end_ms=[u.end_ms for u in utterances],
        texts=[
            [u.texts[k] if k < len(u.texts) else "" for u in utterances]
            for k in range(len(data.languages))
        ],
        question_ids=[u.question_id for u in utterances],
        source_file=data.source_file,
        source_hash=data.source_hash,
        encoding=data.encoding,
    )
