"""Correcting a layer's text after coding: how codings and utterance spans move with an edit.

The transcripts part applies an edit (:meth:`TranscriptsPart.edit_layer_text`); the
codings part moves codings with it. This module holds the arithmetic both use.

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

from storage.text import grapheme_bounds


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


def map_start(position: int, start: int, end: int, length: int) -> int:
    """Where a coding's start goes when ``[start, end)`` becomes ``length`` code points."""
    if position < start:
        return position
    if position >= end:
        return position + length - (end - start)
    return start


def map_end(position: int, start: int, end: int, length: int) -> int:
    """Where a coding's end goes when ``[start, end)`` becomes ``length`` code points."""
    if position <= start:
        return position
    if position >= end:
        return position + length - (end - start)
    return start + length


def narrow(text: str, start: int, end: int, replacement: str) -> tuple[int, int, str]:
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
