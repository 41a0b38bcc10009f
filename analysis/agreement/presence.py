"""Per-document code presence agreement.

The unit is the document (a transcript, in whichever of its layers it was
coded). For each code, each coder's rating of a document is "present" (the coder
applied the code at least once in the document) or "absent". A document where
no coder applied the code counts as agreement — uncoded text counts. Only
documents that every compared coder has coded (at least one coding) enter.

Per code: % agreement, Cohen's κ (two coders), Fleiss' κ, Krippendorff's α
(nominal) and Brennan–Prediger κₙ with q = 2 (PABAK). Pooled: every
(document, code) pair as one unit of a single present/absent variable.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from analysis.agreement.common import (
    CoefficientSet,
    choose_coders,
    coded_by_all,
    coder_name,
    coefficient_set,
    presence_matrix,
)
from analysis.dataset import StudyData
from analysis.table import Cell, Table, undefined_notes


@dataclass(frozen=True)
class PresenceRow:
    """One code: how the documents split and the coefficients."""

    code_id: int
    name: str
    depth: int
    all_present: int
    all_absent: int
    mixed: int
    stats: CoefficientSet


@dataclass(frozen=True)
class PresenceResult:
    """Code-presence agreement per code and pooled, over the documents coded by all."""

    coder_ids: tuple[int, ...]
    coder_names: tuple[str, ...]
    document_ids: tuple[int, ...]
    excluded_documents: tuple[int, ...]
    rows: tuple[PresenceRow, ...]
    pooled: CoefficientSet | None
    problem: str | None = None

    def row(self, code_id: int) -> PresenceRow:
        """The row for one code."""
        for r in self.rows:
            if r.code_id == code_id:
                return r
        raise KeyError(code_id)

    def to_table(self) -> Table:
        """Render per-code rows and a pooled row."""
        rows: list[tuple[Cell, ...]] = [
            (r.name, r.all_present, r.all_absent, r.mixed, *r.stats.cells()) for r in self.rows
        ]
        depths = [r.depth for r in self.rows]
        labelled: list[tuple[str, object]] = []
        for r in self.rows:
            labelled += r.stats.labelled(r.name)
        if self.pooled is not None:
            rows.append(("All codes (pooled)", None, None, None, *self.pooled.cells()))
            depths.append(0)
            labelled += self.pooled.labelled("All codes (pooled)")
        notes = [
            f"Coders: {', '.join(self.coder_names)}; {len(self.document_ids)} documents "
            "coded by all of them.",
            "A code is present in a document for a coder who applied it there at least once; "
            "documents where no coder applied a code count as agreement.",
            "Pooled: every (document, code) pair is one unit.",
        ]
        if self.excluded_documents:
            notes.append(
                f"{len(self.excluded_documents)} document(s) coded by only some of the coders "
                "were left out."
            )
        if self.problem:
            notes.append(self.problem)
        notes.extend(_dedupe(undefined_notes(labelled)))
        return Table(
            key="agreement_presence",
            title="Intercoder agreement: code presence per document",
            unit="documents",
            columns=(
                "Code",
                "Present (all coders)",
                "Absent (all coders)",
                "Coders differ",
                "% agreement",
                "Cohen's κ",
                "Fleiss' κ",
                "Krippendorff's α",
                "Brennan–Prediger κ (PABAK)",
            ),
            rows=tuple(rows),
            notes=tuple(notes),
            uncoded_text_counts=True,
            row_depths=tuple(depths),
        )


def _dedupe(notes: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(notes))


def presence_agreement(
    data: StudyData,
    coder_ids: Sequence[int] | None = None,
    *,
    codes: Collection[int] | None = None,
) -> PresenceResult:
    """Agreement on which codes occur in which documents, per code and pooled.

    Codes are those applied by at least one of the coders in the compared
    documents (or ``codes``), in code-tree order.
    """
    coders = choose_coders(data, coder_ids)
    names = tuple(coder_name(data, c) for c in coders)
    if len(coders) < 2:
        return PresenceResult(
            coders, names, (), (), (), None, "Agreement needs two or more coders."
        )
    documents, excluded = coded_by_all(data, coders, "transcript")
    doc_set = set(documents)
    wanted = set(coders)
    present: dict[int, set[tuple[int, int]]] = {}
    for c in data.codings:
        if c.coder_id not in wanted:
            continue
        doc = data.layer_transcript[c.layer_id]
        if doc in doc_set:
            present.setdefault(c.code_id, set()).add((c.coder_id, doc))
    code_ids = [
        cid for cid in data.code_order if cid in present and (codes is None or cid in codes)
    ]
    if codes is not None:
        code_ids = [cid for cid in data.code_order if cid in codes]
    rows: list[PresenceRow] = []
    pooled: list[list[int]] = [[] for _ in coders]
    for cid in code_ids:
        matrix = presence_matrix(present.get(cid, set()), coders, documents)
        for i, row in enumerate(matrix):
            pooled[i].extend(row)
        columns = list(zip(*matrix, strict=True)) if documents else []
        rows.append(
            PresenceRow(
                code_id=cid,
                name=data.code_name(cid),
                depth=data.code_depth.get(cid, 0),
                all_present=sum(1 for col in columns if all(col)),
                all_absent=sum(1 for col in columns if not any(col)),
                mixed=sum(1 for col in columns if any(col) and not all(col)),
                stats=coefficient_set(matrix, 2),
            )
        )
    pooled_stats = coefficient_set(pooled, 2) if rows else None
    return PresenceResult(coders, names, documents, excluded, tuple(rows), pooled_stats)
