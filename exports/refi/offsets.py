"""Selection offsets in texts written by other tools: detect the unit, map to suhbat's.

REFI-QDA counts characters, but tools disagree on what a character is: some
count UTF-16 code units (an emoji is two), some count a Windows line end
``\\r\\n`` as two characters in the file as written. suhbat stores NFC text with
``\\n`` line ends and counts code points. :class:`SourceText` holds one source
text, offers every reading of its offsets that makes a difference for that text,
scores a reading against the selections (offsets that fall inside a surrogate
pair or a ``\\r\\n`` pair, or past the end, count against it; a selection whose
name equals the text it covers counts for it), and maps offsets to the stored text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex

_GRAPHEME = regex.compile(r"\X")
_SPACES = re.compile(r"\s+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
IMPOSSIBLE = 1_000_000


@dataclass(frozen=True)
class Reading:
    """How a tool counted offsets: UTF-16 units or code points; ``\\r\\n`` as two or one."""

    utf16: bool = False
    crlf_as_two: bool = True

    def describe(self) -> str:
        """A short English description for warnings."""
        unit = "UTF-16 code units" if self.utf16 else "code points"
        return f"{unit}, CRLF as {'two' if self.crlf_as_two else 'one'}"


CODE_POINTS = Reading()
"""What the standard means and what suhbat writes."""


class Located(NamedTuple):
    """A selection mapped into the stored text; ``exact`` is false if it had to be snapped."""

    start: int
    end: int
    exact: bool


@dataclass(frozen=True)
class SelectionOffsets:
    """A selection as written in the file: its offsets and (optional) name."""

    start: int
    end: int
    name: str | None = None


class SourceText:
    """A source text as read from a file (BOM removed), and the text suhbat stores."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._crlf = [m.start() for m in re.finditer("\r\n", raw)] if "\r\n" in raw else []
        lf = raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw
        self._raw_astral = _astral_utf16_starts(raw) if self._crlf else None
        self._lf_astral = _astral_utf16_starts(lf)
        self._lf_length = len(lf)
        self.text, self._clusters = _nfc_with_clusters(lf)
        self._cluster_ends = [c[1] for c in self._clusters]
        self._deltas: list[int] = []
        delta = 0
        for lf_start, lf_end, final_start, final_end in self._clusters:
            delta += (final_end - final_start) - (lf_end - lf_start)
            self._deltas.append(delta)

    @property
    def plain(self) -> bool:
        """True if offsets need no mapping: no ``\\r\\n``, no characters beyond the BMP, NFC."""
        return (
            not self._crlf
            and not self._lf_astral
            and not self._clusters
            and (len(self.raw) == len(self.text))
        )

    @property
    def changed(self) -> bool:
        """True if the stored text differs from the file's (line ends, BOM, NFC)."""
        return self.text != self.raw

    def readings(self) -> list[Reading]:
        """The readings that give different results for this text (code points first)."""
        out = [CODE_POINTS]
        if self._crlf:
            out.append(Reading(utf16=False, crlf_as_two=False))
        if self._lf_astral:
            out.append(Reading(utf16=True, crlf_as_two=True))
            if self._crlf:
                out.append(Reading(utf16=True, crlf_as_two=False))
        return out

    def locate(self, reading: Reading, start: int, end: int) -> Located | None:
        """Map a selection to the stored text, or None if it cannot lie in this text."""
        if start < 0 or end < start:
            return None
        exact = True
        positions: list[int] = []
        for value, is_end in ((start, False), (end, True)):
            mapped = self._to_lf(reading, value, is_end)
            if mapped is None:
                return None
            pos, ok = mapped
            final, ok2 = self._lf_to_final(pos, is_end)
            exact = exact and ok and ok2
            positions.append(final)
        return Located(positions[0], positions[1], exact)

    def score(self, reading: Reading, selections: Sequence[SelectionOffsets]) -> int:
        """Lower is better: impossible offsets, snapped offsets, and names that match."""
        total = 0
        for sel in selections:
            located = self.locate(reading, sel.start, sel.end)
            if located is None:
                total += IMPOSSIBLE
                continue
            if not located.exact:
                total += 1
            if sel.name and _same_words(sel.name, self.text[located.start : located.end]):
                total -= 2
        return total

    def choose(self, selections: Sequence[SelectionOffsets]) -> tuple[Reading, bool]:
        """The best reading for ``selections`` and whether another one fits as well but differs."""
        readings = self.readings()
        if len(readings) == 1 or not selections:
            return CODE_POINTS, False
        scores = [self.score(r, selections) for r in readings]
        best = min(range(len(readings)), key=lambda i: (scores[i], i))
        chosen = readings[best]
        for i, reading in enumerate(readings):
            if i == best or scores[i] != scores[best]:
                continue
            for sel in selections:
                if self.locate(reading, sel.start, sel.end) != self.locate(
                    chosen, sel.start, sel.end
                ):
                    return chosen, True
        return chosen, False

    # -- mapping steps -------------------------------------------------------------------

    def _to_lf(self, reading: Reading, value: int, is_end: bool) -> tuple[int, bool] | None:
        """File offset → code point in the text with ``\\n`` line ends."""
        ok = True
        if reading.utf16:
            astral = self._raw_astral if reading.crlf_as_two and self._crlf else self._lf_astral
            value, ok = _utf16_to_cp(astral or [], value)
        if reading.crlf_as_two and self._crlf:
            if value > len(self.raw):
                return None
            before = bisect_left(self._crlf, value)
            if before and self._crlf[before - 1] == value - 1:
                ok = False
                before -= 1
            value -= before
        if value > self._lf_length:
            return None
        return value, ok

    def _lf_to_final(self, pos: int, is_end: bool) -> tuple[int, bool]:
        """Code point in the ``\\n`` text → code point in the NFC text."""
        if not self._clusters:
            return pos, True
        i = bisect_right(self._cluster_ends, pos)
        delta = self._deltas[i - 1] if i else 0
        if i < len(self._clusters):
            lf_start, _lf_end, final_start, final_end = self._clusters[i]
            if lf_start < pos:
                return (final_end if is_end else final_start), False
        return pos + delta, True


def _astral_utf16_starts(text: str) -> list[int]:
    """UTF-16 offsets of every character outside the Basic Multilingual Plane."""
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return []  # (a quick check in C: most texts have none)
    return [m.start() + n for n, m in enumerate(_ASTRAL.finditer(text))]


def _utf16_to_cp(astral_starts: list[int], unit: int) -> tuple[int, bool]:
    """UTF-16 offset → code point offset; false if it fell inside a surrogate pair."""
    whole = bisect_right(astral_starts, unit - 2)
    inside = whole < len(astral_starts) and astral_starts[whole] == unit - 1
    return unit - whole - (1 if inside else 0), not inside


def _nfc_with_clusters(text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """NFC of ``text`` and the grapheme clusters that normalisation changed.

    Each changed cluster is ``(start, end)`` in ``text`` and ``(start, end)`` in the result.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, []
    out: list[str] = []
    clusters: list[tuple[int, int, int, int]] = []
    final = 0
    for match in _GRAPHEME.finditer(text):
        piece = match.group()
        normal = unicodedata.normalize("NFC", piece)
        if normal != piece:
            clusters.append((match.start(), match.end(), final, final + len(normal)))
        out.append(normal)
        final += len(normal)
    return "".join(out), clusters


def _same_words(name: str, covered: str) -> bool:
    """True if a selection's name is the text it covers (tools often name it so)."""
    a = _SPACES.sub(" ", name).strip().rstrip("…").rstrip(".").strip()
    b = _SPACES.sub(" ", covered).strip()
    if not a or not b:
        return False
    return a == b.rstrip(".") or (len(a) >= 12 and b.startswith(a))
