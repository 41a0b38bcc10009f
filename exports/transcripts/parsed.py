"""What a transcript reader returns: a format-independent parsed transcript.

Readers never touch the project file; the importer turns these into
:class:`storage.models.TranscriptInput`. Every text is NFC with no line breaks:
one utterance is one line of its layer.

End times: formats that give only start times (plain text, DOCX) get
``end_ms`` = the start of the next utterance that has one, and the last
utterance gets ``None``. If the next start is earlier than this one (times going
backwards), ``end_ms`` is ``None`` rather than a negative duration; an
utterance without a start gets no end either.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

_NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_SPACES = re.compile(r" {2,}")

TranscriptFormat = Literal["txt", "vtt", "srt", "docx-paragraphs", "docx-table", "eaf"]


@dataclass(frozen=True, slots=True)
class ParsedUtterance:
    """One turn as read from a file.

    ``speaker`` is the label as written (``"Интервьюер"``, ``"P3"``,
    ``"Қатысушы 2"``) or ``""`` when the file names nobody. ``texts`` holds one
    text per text column of the transcript (plain files have exactly one).
    """

    speaker: str
    start_ms: int | None
    end_ms: int | None
    texts: tuple[str, ...]


@dataclass(frozen=True)
class ParsedTranscript:
    """A transcript file read into utterances, with what was noticed on the way.

    ``notes`` are English msgids of non-fatal remarks (for example the legacy
    encoding that was detected); their placeholders are filled from
    ``note_params`` and they are translated at the edge like error messages.
    """

    path: str
    format: TranscriptFormat
    encoding: str
    title: str | None
    columns: tuple[str, ...]
    utterances: tuple[ParsedUtterance, ...]
    notes: tuple[str, ...] = ()
    note_params: dict[str, str] = field(default_factory=dict, hash=False)


def fill_end_times(starts: Sequence[int | None], ends: Sequence[int | None]) -> list[int | None]:
    """Complete ``ends``: a missing end is the next known start (if not earlier), else ``None``.

    Only utterances that have a start get an end this way.
    """
    filled: list[int | None] = list(ends)
    next_start: int | None = None
    for i in range(len(starts) - 1, -1, -1):
        start = starts[i]
        if start is not None:
            if filled[i] is None and next_start is not None and next_start >= start:
                filled[i] = next_start
            next_start = start
    return filled


def one_line(text: str) -> str:
    """``text`` as one stripped NFC line: line breaks and control characters become a space.

    Runs of spaces left where markup or line breaks were removed shrink to one.
    """
    text = _NOT_ON_ONE_LINE.sub(" ", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip()
