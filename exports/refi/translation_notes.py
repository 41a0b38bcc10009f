"""Translation status as REFI-QDA notes: one note per translation layer, on its source.

REFI-QDA has no place for who translated an utterance, when, and whether it was
reviewed, so each translation layer with any recorded status gets a plain-text
note listing its utterances (number, time, status, translator, reviewer).
"""

from __future__ import annotations

from dataclasses import dataclass

from exports.refi.guids import derived_guid
from exports.translation_sheet import row_status
from storage.media_time import clock
from storage.store import Store


@dataclass(frozen=True)
class StatusNote:
    """A note on one translation layer's source."""

    guid: str
    layer_id: int
    text: str


def translation_notes(store: Store) -> list[StatusNote]:
    """One note per translation layer that has recorded translation status."""
    notes = []
    for layer in store.transcripts.layers(with_text=False):
        if layer.is_original:
            continue
        rows = store.translations.rows(layer.id)
        if not any(r.status for r in rows):
            continue
        lines = [f"Translation status ({layer.language})"]
        for r in rows:
            time = f" [{clock(r.start_ms)}]" if r.start_ms is not None else ""
            line = f"#{r.position + 1}{time}: {row_status(r)}"
            if r.status is not None:
                line += f"; translated by {r.status.translator or '?'} {r.status.translated}"
                if r.status.reviewer:
                    line += f"; reviewed by {r.status.reviewer} {r.status.reviewed}"
            lines.append(line)
        notes.append(
            StatusNote(derived_guid("translation-status", layer.uuid), layer.id, "\n".join(lines))
        )
    return notes
