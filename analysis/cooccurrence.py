"""Co-occurrence of codes: overlapping segments, or the same utterance.

``mode="overlap"``: a cell counts pairs of segments (distinct coded spans, any
coder) of the two codes that share at least one character in the same layer;
the diagonal is the number of segments of the code.

``mode="utterance"``: a cell counts utterances in which both codes are applied
(in any layer of the utterance); the diagonal is the number of utterances with
the code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from analysis.dataset import StudyData
from analysis.table import Table

CooccurrenceMode = Literal["overlap", "utterance"]


@dataclass(frozen=True)
class CooccurrenceResult:
    """A symmetric code × code matrix of co-occurrence counts."""

    mode: CooccurrenceMode
    code_ids: tuple[int, ...]
    names: tuple[str, ...]
    matrix: tuple[tuple[int, ...], ...]

    @property
    def unit(self) -> str:
        """What the cells count."""
        return "overlapping segment pairs" if self.mode == "overlap" else "utterances"

    def count(self, code_a: int, code_b: int) -> int:
        """The cell for two codes (the diagonal when they are the same code)."""
        return self.matrix[self.code_ids.index(code_a)][self.code_ids.index(code_b)]

    def to_table(self) -> Table:
        """Render the square matrix."""
        diagonal = "segments" if self.mode == "overlap" else "utterances with the code"
        return Table(
            key="cooccurrence",
            title="Code co-occurrence",
            unit=self.unit,
            columns=("Code", *self.names),
            rows=tuple((n, *row) for n, row in zip(self.names, self.matrix, strict=True)),
            notes=(
                f"Off-diagonal cells count {self.unit}; the diagonal counts {diagonal}.",
                "Overlap means sharing at least one character in the same layer."
                if self.mode == "overlap"
                else "Codings in any layer of an utterance count for that utterance.",
            ),
        )


def cooccurrence(
    data: StudyData,
    *,
    mode: CooccurrenceMode = "overlap",
    codes: Collection[int] | None = None,
) -> CooccurrenceResult:
    """Count co-occurrences between codes (all codes in tree order, or ``codes``)."""
    wanted = [cid for cid in data.code_order if codes is None or cid in codes]
    index = {cid: i for i, cid in enumerate(wanted)}
    n = len(wanted)
    matrix = [[0] * n for _ in range(n)]
    if mode == "overlap":
        _overlap_counts(data, index, matrix)
    else:
        _utterance_counts(data, index, matrix)
    return CooccurrenceResult(
        mode=mode,
        code_ids=tuple(wanted),
        names=tuple(data.code_name(c) for c in wanted),
        matrix=tuple(tuple(row) for row in matrix),
    )


def _overlap_counts(data: StudyData, index: dict[int, int], matrix: list[list[int]]) -> None:
    per_layer: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
    for c in data.codings:
        i = index.get(c.code_id)
        if i is not None and c.end > c.start:
            per_layer[c.layer_id].add((c.start, c.end, i))
    for segments in per_layer.values():
        active: list[tuple[int, int]] = []  # (end, code index)
        for start, end, i in sorted(segments):
            matrix[i][i] += 1
            active = [(e, j) for e, j in active if e > start]
            for _e, j in active:
                if j != i:
                    matrix[i][j] += 1
                    matrix[j][i] += 1
            active.append((end, i))


def _utterance_counts(data: StudyData, index: dict[int, int], matrix: list[list[int]]) -> None:
    per_utterance: dict[int, set[int]] = defaultdict(set)
    for c in data.codings:
        i = index.get(c.code_id)
        if i is None:
            continue
        for uid in data.coding_utterances.get(c.id, ()):
            per_utterance[uid].add(i)
    for found in per_utterance.values():
        ordered = sorted(found)
        for a, i in enumerate(ordered):
            matrix[i][i] += 1
            for j in ordered[a + 1 :]:
                matrix[i][j] += 1
                matrix[j][i] += 1
