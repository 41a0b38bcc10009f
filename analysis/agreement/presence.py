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
from analysis.code_rows import row_of_code
from analysis.coding_facts import coding_facts
from analysis.dataset import StudyData
from analysis.table import Cell, Table, translated, undefined_notes
from analysis.wording import ENGLISH, Translator
from storage.errors import N_

POOLED = N_("All codes (pooled)")
"""The label of the pooled row (msgid)."""
TOO_FEW_CODERS = N_("Agreement needs two or more coders.")
COLUMNS = (
    N_("Code"),
    N_("Present (all coders)"),
    N_("Absent (all coders)"),
    N_("Coders differ"),
    N_("% agreement"),
    N_("Cohen's κ"),
    N_("Fleiss' κ"),
    N_("Krippendorff's α"),
    N_("Brennan–Prediger κ (PABAK)"),
)
"""Column keys (English msgids) of the presence-agreement table."""


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
        return row_of_code(self.rows, code_id)

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """Render per-code rows and a pooled row."""
        _ = tr.gettext
        rows: list[tuple[Cell, ...]] = [
            (r.name, r.all_present, r.all_absent, r.mixed, *r.stats.cells()) for r in self.rows
        ]
        depths = [r.depth for r in self.rows]
        labelled: list[tuple[str, object]] = []
        for r in self.rows:
            labelled += r.stats.labelled(r.name, tr)
        if self.pooled is not None:
            pooled = _(POOLED)
            rows.append((pooled, None, None, None, *self.pooled.cells()))
            depths.append(0)
            labelled += self.pooled.labelled(pooled, tr)
        documents = len(self.document_ids)
        notes = [
            tr.ngettext(
                "Coders: {coders}; {n} document coded by all of them.",
                "Coders: {coders}; {n} documents coded by all of them.",
                documents,
            ).format(coders=", ".join(self.coder_names), n=documents),
            _(
                "A code is present in a document for a coder who applied it there at least once; "
                "documents where no coder applied a code count as agreement."
            ),
            _("Pooled: every (document, code) pair is one unit."),
        ]
        if self.excluded_documents:
            n = len(self.excluded_documents)
            notes.append(
                tr.ngettext(
                    "{n} document coded by only some of the coders was left out.",
                    "{n} documents coded by only some of the coders were left out.",
                    n,
                ).format(n=n)
            )
        if self.problem:
            notes.append(_(self.problem))
        notes.extend(_dedupe(undefined_notes(labelled, tr)))
        return Table(
            key="agreement_presence",
            title=_("Intercoder agreement: code presence per document"),
            unit=_("documents"),
            columns=translated(tr, COLUMNS),
            column_keys=COLUMNS,
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
        return PresenceResult(coders, names, (), (), (), None, TOO_FEW_CODERS)
    documents, excluded = coded_by_all(data, coders, "transcript")
    doc_set = set(documents)
    wanted = set(coders)
    present: dict[int, set[tuple[int, int]]] = {}
    for c in coding_facts(data):
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
