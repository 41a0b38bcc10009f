"""Import step (pure): decode a source's text and place its selections in suhbat's text.

For a file suhbat wrote, line prefixes (``[hh:mm:ss] Speaker: ``) are read back
into speakers and times and removed from the text. For other tools' files the
text is kept as it is (NFC, ``\\n`` line ends, one utterance per line) and the
offset reading that fits the selections best is chosen (see :mod:`offsets`).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from exports.refi.notices import Notices
from exports.refi.offsets import CODE_POINTS, SelectionOffsets, SourceText
from exports.refi.refi_model import RefiSource
from exports.refi.turn_prefixes import ImportLayout
from storage.errors import N_, NN_


@dataclass
class PreparedSource:
    """A source ready to be stored: its lines (read by ``layout``) and where selections go."""

    source: RefiSource
    lines: list[str]
    layout: ImportLayout
    places: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Selection GUID → ``(start, end)`` in the stored text (missing: could not be placed)."""


def decode_text(data: bytes, name: str, notices: Notices) -> str:
    """Source bytes as text: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1251 (reported)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        notices.add(N_("{source}: the text is not UTF-8; it was read as cp1251"), source=name)
        return data.decode("cp1251", errors="replace")


def prepare_source(
    source: RefiSource, text: bytes, *, from_suhbat: bool, notices: Notices
) -> PreparedSource:
    """Decode ``text`` and map every selection of ``source`` into the text suhbat stores."""
    name = source.name or source.guid
    raw = decode_text(text, name, notices)
    reading_text = SourceText(raw)
    if from_suhbat:
        reading, ambiguous = CODE_POINTS, False
    else:
        reading, ambiguous = reading_text.choose(
            [SelectionOffsets(s.start, s.end, s.name) for s in source.selections]
        )
    if reading != CODE_POINTS:
        notices.add(
            N_("{source}: the offsets count {reading}; they were converted to code points"),
            source=name,
            reading=reading.describe(),
        )
    if ambiguous:
        notices.add(
            N_("{source}: the offsets could be counted in more than one way; assumed {reading}"),
            source=name,
            reading=reading.describe(),
        )
    final = reading_text.text.rstrip("\n")
    guids: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    outside = snapped = 0
    length = len(final)
    full = len(reading_text.text)
    plain = reading_text.plain and reading == CODE_POINTS
    for selection in source.selections:
        if plain:
            start, end = selection.start, selection.end
            if not 0 <= start <= end <= full:
                outside += 1
                continue
        else:
            place = reading_text.locate(reading, selection.start, selection.end)
            if place is None:
                outside += 1
                continue
            if not place.exact:
                snapped += 1
            start, end = place.start, place.end
        guids.append(selection.guid)
        starts.append(start if start < length else length)
        ends.append(end if end < length else length)
    layout = ImportLayout(final, strip_prefixes=from_suhbat, starts=starts, ends=ends)
    prepared = PreparedSource(source, layout.lines, layout)
    places = prepared.places
    empty = 0
    for guid, start, end in zip(
        guids, layout.positions(starts), layout.positions(ends), strict=True
    ):
        if start < end:
            places[guid] = (start, end)
        else:
            empty += 1
    if outside:
        notices.add(
            NN_(
                "{source}: {count} selection lies outside the text and was not imported",
                "{source}: {count} selections lie outside the text and were not imported",
            ),
            source=name,
            count=outside,
        )
    if snapped:
        notices.add(
            NN_(
                "{source}: {count} selection did not start or end on a character and was moved",
                "{source}: {count} selections did not start or end on a character and were moved",
            ),
            source=name,
            count=snapped,
        )
    if empty:
        notices.add(
            NN_(
                "{source}: {count} selection covers no text and was not imported",
                "{source}: {count} selections cover no text and were not imported",
            ),
            source=name,
            count=empty,
        )
    return prepared
