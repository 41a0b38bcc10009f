"""Hand-labelled sentences for redaction suggestions, and precision/recall over them.

``tests/data/redaction/labelled_names.txt`` marks each name as ``[[KIND:text]]``; a
suggestion counts as right when it overlaps a marked name (kinds are reported apart).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_MARK = re.compile(r"\[\[([A-Z]+):(.+?)\]\]")


@dataclass(frozen=True)
class Labelled:
    """One sentence: its language, its plain text and the names marked in it."""

    language: str
    text: str
    names: tuple[tuple[int, int, str], ...]
    """``(start, end, kind)`` of each marked name in :attr:`text`."""


def read_labelled(path: Path) -> list[Labelled]:
    """The sentences of a labelled file (``#`` lines are comments)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, _tab, marked = line.partition("\t")
        text = ""
        names = []
        position = 0
        for match in _MARK.finditer(marked):
            text += marked[position : match.start()]
            start = len(text)
            text += match[2]
            names.append((start, len(text), match[1]))
            position = match.end()
        text += marked[position:]
        out.append(Labelled(language, text, tuple(names)))
    return out


@dataclass(frozen=True)
class Score:
    """Counts behind precision and recall."""

    found: int
    right: int
    names: int
    recalled: int

    @property
    def precision(self) -> float:
        """Share of suggestions that overlap a marked name."""
        return self.right / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        """Share of marked names that some suggestion overlaps."""
        return self.recalled / self.names if self.names else 0.0


def score(gold: list[tuple[int, int, str]], found: list[tuple[int, int]]) -> Score:
    """Overlap-based counts for one sentence."""

    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    right = sum(1 for f in found if any(overlaps(f, (g[0], g[1])) for g in gold))
    recalled = sum(1 for g in gold if any(overlaps(f, (g[0], g[1])) for f in found))
    return Score(len(found), right, len(gold), recalled)


def total(scores: list[Score]) -> Score:
    """The sum of several sentences' counts."""
    return Score(
        sum(s.found for s in scores),
        sum(s.right for s in scores),
        sum(s.names for s in scores),
        sum(s.recalled for s in scores),
    )
