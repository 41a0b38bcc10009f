"""Correcting a layer's text after coding: codings and utterance spans move with the edit.

Like ATLAS.ti quotations, a coding keeps covering "its" text: text inserted before
it shifts it, text inserted inside it widens it, text inserted exactly at one of
its ends stays outside, and replaced text that overlapped it becomes part of it.
A coding whose text is deleted entirely is removed (undo brings it back); two
codings that end up identical (same code, coder and span) collapse into one.

An edit stays inside one utterance (one line of the layer): it can neither join
nor split utterances, so the layers stay aligned.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from storage.errors import N_, NotFoundError, ValidationError
from storage.history_store import HistoryMixin
from storage.text import fold, grapheme_bounds, normalize

_PARKED = 1 << 40
"""Offsets are parked this far out while codings move, so no two collide on the way."""


@dataclass(frozen=True)
class LayerEdit:
    """What an edit did: the range replaced (after narrowing) and the codings it touched."""

    layer_id: int
    start: int
    old_end: int
    new_end: int
    moved_codings: int
    removed_codings: int

    @property
    def delta(self) -> int:
        """How far text after the edit moved (positive: the text grew)."""
        return self.new_end - self.old_end


class EditingMixin(HistoryMixin):
    """Edit a layer's text while keeping spans, codings and the search index in step."""

    def edit_utterance_text(self, utterance_id: int, layer_id: int, text: str) -> LayerEdit:
        """Replace one utterance's text in a layer (the change is narrowed to what differs)."""
        row = self.conn.execute(
            'SELECT start, "end" FROM span WHERE utterance_id = ? AND layer_id = ?',
            (utterance_id, layer_id),
        ).fetchone()
        if row is None:
            raise NotFoundError(
                N_("Utterance {id} has no text in layer {layer}"), id=utterance_id, layer=layer_id
            )
        return self.edit_layer_text(layer_id, row[0], row[1], text)

    def edit_layer_text(self, layer_id: int, start: int, end: int, replacement: str) -> LayerEdit:
        """Replace ``[start, end)`` of a layer's text with ``replacement``.

        The replacement is normalised (NFC) together with the characters around it,
        and the edit is narrowed to the part that really changes, so retyping an
        utterance moves only the codings near the words that differ.
        """
        layer = self.layer(layer_id)
        text = layer.text
        if not 0 <= start <= end <= len(text):
            raise ValidationError(
                N_("Range {start}–{end} is outside the text (0–{length})"),
                start=start,
                end=end,
                length=len(text),
            )
        replacement = normalize(replacement)
        if "\n" in replacement or "\n" in text[start:end]:
            raise ValidationError(
                N_("An edit cannot join or split utterances; edit one utterance at a time")
            )
        start, end, replacement = _narrow(text, start, end, replacement)
        if start == end and not replacement:
            return LayerEdit(layer_id, start, end, end, 0, 0)
        new_text = text[:start] + replacement + text[end:]
        delta = len(replacement) - (end - start)
        with self.transaction():
            span = self.conn.execute(
                'SELECT id, start, "end" FROM span WHERE layer_id = ? AND start <= ?'
                ' AND "end" >= ? ORDER BY start DESC LIMIT 1',
                (layer_id, start, end),
            ).fetchone()
            if span is not None:
                span_id, span_start, span_end = span
                self._unindex(text, [(span_id, span_start, span_end)])
                if delta:
                    self.conn.execute(
                        'UPDATE span SET "end" = "end" + ? WHERE id = ?', (delta, span_id)
                    )
                    self.conn.execute(
                        'UPDATE span SET start = start + ?, "end" = "end" + ?'
                        " WHERE layer_id = ? AND start > ?",
                        (delta, delta, layer_id, span_end),
                    )
                if span_end + delta > span_start:
                    self.conn.execute(
                        "INSERT INTO span_fts (rowid, folded) VALUES (?, ?)",
                        (span_id, fold(new_text[span_start : span_end + delta])),
                    )
            self.conn.execute("UPDATE layer SET text = ? WHERE id = ?", (new_text, layer_id))
            self._record_text_edit(layer_id, start, text[start:end], replacement)
            moved, removed = self._move_codings(layer_id, start, end, len(replacement))
            self._audit(
                "edit",
                "layer",
                layer.uuid,
                start=start,
                end=end,
                length=len(replacement),
                moved=moved,
                removed=removed,
            )
        return LayerEdit(layer_id, start, end, start + len(replacement), moved, removed)

    def _move_codings(self, layer_id: int, start: int, end: int, length: int) -> tuple[int, int]:
        """Move the layer's codings for ``[start, end)`` replaced by ``length`` code points."""
        rows = self.conn.execute(
            'SELECT id, code_id, coder_id, start, "end" FROM coding WHERE layer_id = ? ORDER BY id',
            (layer_id,),
        ).fetchall()
        seen: set[tuple[int, int, int, int]] = set()
        moves: list[tuple[int, int, int]] = []
        removed: list[int] = []
        for coding_id, code_id, coder_id, old_start, old_end in rows:
            new_start = _map_start(old_start, start, end, length)
            new_end = _map_end(old_end, start, end, length)
            key = (code_id, coder_id, new_start, new_end)
            if new_start >= new_end or key in seen:
                removed.append(coding_id)
                continue
            seen.add(key)
            if (new_start, new_end) != (old_start, old_end):
                moves.append((coding_id, new_start, new_end))
        self.conn.executemany("DELETE FROM coding WHERE id = ?", [(i,) for i in removed])
        self.conn.executemany(
            'UPDATE coding SET start = ?, "end" = ? WHERE id = ?',
            [(s + _PARKED, e + _PARKED, i) for i, s, e in moves],
        )
        self.conn.executemany(
            'UPDATE coding SET start = ?, "end" = ? WHERE id = ?', [(s, e, i) for i, s, e in moves]
        )
        return len(moves), len(removed)


def _map_start(position: int, start: int, end: int, length: int) -> int:
    """Where a coding's start goes when ``[start, end)`` becomes ``length`` code points."""
    if position < start:
        return position
    if position >= end:
        return position + length - (end - start)
    return start


def _map_end(position: int, start: int, end: int, length: int) -> int:
    """Where a coding's end goes when ``[start, end)`` becomes ``length`` code points."""
    if position <= start:
        return position
    if position >= end:
        return position + length - (end - start)
    return start + length


def _narrow(text: str, start: int, end: int, replacement: str) -> tuple[int, int, str]:
    """Normalise the edit with its neighbouring clusters, then keep only what differs."""
    bounds = grapheme_bounds(text)
    lo = max((b for b in bounds if b < start), default=0)
    hi = min((b for b in bounds if b > end), default=len(text))
    lo = text.rfind("\n", 0, start) + 1 if "\n" in text[lo:start] else lo
    newline = text.find("\n", end, hi)
    hi = newline if newline != -1 else hi
    old = text[lo:hi]
    new = unicodedata.normalize("NFC", text[lo:start] + replacement + text[end:hi])
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return lo + prefix, hi - suffix, new[prefix : len(new) - suffix]
