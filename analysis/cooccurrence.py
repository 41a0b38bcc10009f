"""Co-occurrence of codes: overlapping segments, or the same utterance.

``mode="overlap"``: a cell counts pairs of segments (distinct coded spans, any
coder) of the two codes that share at least one character in the same layer;
the diagonal is the number of segments of the code.

``mode="utterance"``: a cell counts utterances in which both codes are applied
(in any layer of the utterance); the diagonal is the number of utterances with
the code.

A theme (a code with sub-codes) stands for its whole subtree, as in every other
table: its segments are the distinct spans coded with it or any descendant, and
its utterances those where any of them is applied. Nothing is counted twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from analysis.dataset import StudyData
from analysis.table import Table
from analysis.wording import ENGLISH, Translator

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
        """What the cells count (English)."""
        return self.unit_name()

    def unit_name(self, tr: Translator = ENGLISH) -> str:
        """What the cells count, in the reader's language."""
        if self.mode == "overlap":
            return tr.gettext("overlapping segment pairs")
        return tr.gettext("utterances")

    def count(self, code_a: int, code_b: int) -> int:
        """The cell for two codes (the diagonal when they are the same code)."""
        return self.matrix[self.code_ids.index(code_a)][self.code_ids.index(code_b)]

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """Render the square matrix."""
        _ = tr.gettext
        if self.mode == "overlap":
            notes = (
                _(
                    "Off-diagonal cells count pairs of overlapping segments of the two codes; "
                    "the diagonal counts the code's segments."
                ),
                _("Overlap means sharing at least one character in the same layer."),
                _("A theme counts the distinct segments of its whole subtree."),
            )
        else:
            notes = (
                _(
                    "Off-diagonal cells count utterances with both codes; the diagonal counts "
                    "utterances with the code."
                ),
                _("Codings in any layer of an utterance count for that utterance."),
                _("A theme counts an utterance where any code of its subtree is applied."),
            )
        return Table(
            key="cooccurrence",
            title=_("Code co-occurrence"),
            unit=self.unit_name(tr),
            columns=(_("Code"), *self.names),
            column_keys=("Code", *self.names),
            rows=tuple((n, *row) for n, row in zip(self.names, self.matrix, strict=True)),
            notes=notes,
        )


def cooccurrence(
    data: StudyData,
    *,
    mode: CooccurrenceMode = "overlap",
    codes: Collection[int] | None = None,
) -> CooccurrenceResult:
    """Count co-occurrences between codes (all codes in tree order, or ``codes``).

    Reads the codings as facts (:attr:`StudyData.facts`), and by utterance the utterances
    each overlaps (:attr:`StudyData.coding_utterances`): a study of facts and those
    utterances alone gives the same matrix as a fully loaded one.
    """
    wanted = [cid for cid in data.code_order if codes is None or cid in codes]
    index: dict[int, list[int]] = defaultdict(list)
    for i, cid in enumerate(wanted):
        for member in data.subtree(cid):
            index[member].append(i)
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


def _overlap_counts(data: StudyData, index: dict[int, list[int]], matrix: list[list[int]]) -> None:
    """Rows are codes or themes; ``index[code]`` lists every row the code counts for."""
    per_layer: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
    for c in data.facts:
        if c.end > c.start:
            for i in index.get(c.code_id, ()):
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


def _utterance_counts(
    data: StudyData, index: dict[int, list[int]], matrix: list[list[int]]
) -> None:
    per_utterance: dict[int, set[int]] = defaultdict(set)
    for c in data.facts:
        rows = index.get(c.code_id, ())
        for uid in data.coding_utterances.get(c.id, ()) if rows else ():
            per_utterance[uid].update(rows)
    for found in per_utterance.values():
        ordered = sorted(found)
        for a, i in enumerate(ordered):
            matrix[i][i] += 1
            for j in ordered[a + 1 :]:
                matrix[i][j] += 1
                matrix[j][i] += 1
