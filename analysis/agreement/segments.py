"""Segment agreement between two coders (MAXQDA-style), and the disagreement list.

Each coded segment (a distinct span of one code in one layer) of either coder is
checked against the other coder's segments of the same code in the same layer:
it *agrees* when one of them overlaps it by at least the threshold, measured as
the shared characters divided by the characters covered by either segment
(intersection over union). Both coders' segments are counted, so a matching
pair adds two agreements. Text that neither coder coded does not count.

% agreement = agreements / (agreements + disagreements). κ follows Brennan &
Prediger with chance agreement 1/k, k the number of codes compared (as MAXQDA
does for segment agreement).

Every segment without a match is listed as a disagreement, with the closest
segment of the other coder (if any overlaps) so coders can discuss and
reconcile.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction

from analysis.agreement.common import coded_by_all, coder_name
from analysis.dataset import StudyData
from analysis.table import Cell, Table, stat_cell, undefined_notes
from analysis.undefined import Statistic, Undefined

Span = tuple[int, int]


@dataclass(frozen=True)
class SegmentRow:
    """Agreements and disagreements for one code (or all codes together)."""

    code_id: int | None
    name: str
    depth: int
    agreements: int
    disagreements: int
    percent: Statistic
    """Share of agreeing segments (0–1)."""
    kappa: Statistic


@dataclass(frozen=True)
class Disagreement:
    """A segment one coder coded that the other did not match."""

    code_id: int
    code_name: str
    layer_id: int
    document: str
    coder_id: int
    coder_name: str
    start: int
    end: int
    excerpt: str
    closest: Span | None
    """The other coder's overlapping segment of the same code with most overlap, if any."""
    closest_overlap: float | None
    """That segment's overlap in percent (intersection over union)."""


@dataclass(frozen=True)
class SegmentAgreementResult:
    """Segment agreement per code and pooled, plus the disagreement list."""

    coder_ids: tuple[int, int]
    coder_names: tuple[str, str]
    threshold: Fraction
    layer_ids: tuple[int, ...]
    excluded_layers: tuple[int, ...]
    code_count: int
    rows: tuple[SegmentRow, ...]
    pooled: SegmentRow
    disagreements: tuple[Disagreement, ...]

    def row(self, code_id: int) -> SegmentRow:
        """The row for one code."""
        for r in self.rows:
            if r.code_id == code_id:
                return r
        raise KeyError(code_id)

    def to_table(self) -> Table:
        """Per-code agreement with a pooled row."""
        rows: list[tuple[Cell, ...]] = []
        labelled: list[tuple[str, object]] = []
        for r in [*self.rows, self.pooled]:
            pct = None if isinstance(r.percent, Undefined) else 100.0 * r.percent
            rows.append((r.name, r.agreements, r.disagreements, pct, stat_cell(r.kappa)))
            labelled += [(f"{r.name}, % agreement", r.percent), (f"{r.name}, κ", r.kappa)]
        notes = [
            f"Coders: {self.coder_names[0]} and {self.coder_names[1]}; "
            f"{len(self.layer_ids)} layers coded by both.",
            f"A segment agrees when the other coder coded the same code over at least "
            f"{_pct(self.threshold)}% of the two segments' combined extent (intersection over "
            "union); both coders' segments are counted.",
            f"κ = (p − 1/k) / (1 − 1/k) with k = {self.code_count} codes (Brennan & Prediger, "
            "as in MAXQDA). Text neither coder coded does not count.",
        ]
        if self.excluded_layers:
            notes.append(
                f"{len(self.excluded_layers)} layer(s) coded by only one of the coders were "
                "left out."
            )
        notes.extend(dict.fromkeys(undefined_notes(labelled)))
        return Table(
            key="agreement_segments",
            title="Intercoder agreement: segment overlap",
            unit="segments",
            columns=("Code", "Agreements", "Disagreements", "% agreement", "κ (chance 1/k)"),
            rows=tuple(rows),
            notes=tuple(notes),
            uncoded_text_counts=False,
            row_depths=tuple([r.depth for r in self.rows] + [0]),
        )

    def disagreements_table(self) -> Table:
        """The disagreement list: one row per unmatched segment."""
        rows = tuple(
            (
                d.code_name,
                d.document,
                d.coder_name,
                d.start,
                d.end,
                d.excerpt,
                f"{d.closest[0]}–{d.closest[1]}" if d.closest else None,
                d.closest_overlap,
            )
            for d in self.disagreements
        )
        return Table(
            key="agreement_disagreements",
            title="Disagreements to discuss",
            unit="segments",
            columns=(
                "Code",
                "Document",
                "Coded by",
                "Start",
                "End",
                "Text",
                "Other coder's closest segment",
                "Overlap %",
            ),
            rows=rows,
            notes=(
                "Segments one coder coded that the other did not match at the threshold; "
                "offsets are characters (code points) in the layer.",
            ),
            uncoded_text_counts=False,
        )


def _pct(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


def _best(span: Span, others: list[Span], starts: list[int]) -> tuple[int, int, Span | None]:
    """The other segment with the highest intersection over union: (shared, union, span)."""
    start, end = span
    best_shared, best_union = 0, 1
    best_span: Span | None = None
    for other in others[: bisect.bisect_left(starts, end)]:
        o_start, o_end = other
        shared = min(end, o_end) - max(start, o_start)
        if shared <= 0:
            continue
        union = max(end, o_end) - min(start, o_start)
        if shared * best_union > best_shared * union:
            best_shared, best_union, best_span = shared, union, other
    return best_shared, best_union, best_span


def segment_agreement(
    data: StudyData,
    coder_a: int,
    coder_b: int,
    *,
    threshold: float | int | str | Fraction = 90,
    codes: Collection[int] | None = None,
    excerpt_length: int = 80,
) -> SegmentAgreementResult:
    """Segment agreement of two coders at an overlap ``threshold`` given in percent."""
    limit = Fraction(str(threshold)) if isinstance(threshold, float) else Fraction(threshold)
    if not 0 <= limit <= 100:
        raise ValueError("the overlap threshold is a percentage between 0 and 100")
    coders = (coder_a, coder_b)
    layers, excluded = coded_by_all(data, coders, "layer")
    layer_set = set(layers)
    spans: dict[tuple[int, int, int], set[Span]] = defaultdict(set)  # (code, layer, coder)
    for c in data.codings:
        if (
            c.coder_id in coders
            and c.layer_id in layer_set
            and c.end > c.start
            and (codes is None or c.code_id in codes)
        ):
            spans[(c.code_id, c.layer_id, c.coder_id)].add((c.start, c.end))
    used = {key[0] for key in spans}
    code_ids = [cid for cid in data.code_order if cid in used]
    if codes is not None:
        code_ids = [cid for cid in data.code_order if cid in codes]
    k = len(code_ids)
    agree: dict[int, int] = defaultdict(int)
    disagree: dict[int, int] = defaultdict(int)
    found: list[Disagreement] = []
    names = (coder_name(data, coder_a), coder_name(data, coder_b))
    ordered = {key: sorted(value) for key, value in spans.items()}
    starts_of = {key: [s for s, _ in value] for key, value in ordered.items()}
    code_names = {cid: data.code_name(cid) for cid in used}
    num, den = limit.numerator, limit.denominator
    for (cid, lid, who), mine in sorted(ordered.items()):
        other_key = (cid, lid, coder_b if who == coder_a else coder_a)
        others = ordered.get(other_key, [])
        starts = starts_of.get(other_key, [])
        for span in mine:
            shared, union, closest = _best(span, others, starts)
            if closest is not None and shared * 100 * den >= num * union:
                agree[cid] += 1
                continue
            disagree[cid] += 1
            text = data.layers[lid].text
            excerpt = text[span[0] : span[1]] if text else ""
            if len(excerpt) > excerpt_length:
                excerpt = excerpt[: excerpt_length - 1] + "…"
            found.append(
                Disagreement(
                    code_id=cid,
                    code_name=code_names[cid],
                    layer_id=lid,
                    document=data.layer_label(lid),
                    coder_id=who,
                    coder_name=names[0] if who == coder_a else names[1],
                    start=span[0],
                    end=span[1],
                    excerpt=excerpt.replace("\n", " "),
                    closest=closest,
                    closest_overlap=100.0 * shared / union if closest is not None else None,
                )
            )
    position = {cid: i for i, cid in enumerate(data.code_order)}
    found.sort(key=lambda d: (position.get(d.code_id, 0), d.document, d.start, d.coder_id))
    rows = tuple(
        _row(cid, data.code_name(cid), data.code_depth.get(cid, 0), agree[cid], disagree[cid], k)
        for cid in code_ids
    )
    pooled = _row(
        None,
        "All codes (pooled)",
        0,
        sum(agree[c] for c in code_ids),
        sum(disagree[c] for c in code_ids),
        k,
    )
    return SegmentAgreementResult(
        coder_ids=coders,
        coder_names=names,
        threshold=limit,
        layer_ids=layers,
        excluded_layers=excluded,
        code_count=k,
        rows=rows,
        pooled=pooled,
        disagreements=tuple(found),
    )


def _row(
    cid: int | None, name: str, depth: int, agreements: int, disagreements: int, k: int
) -> SegmentRow:
    total = agreements + disagreements
    percent: Statistic
    kappa: Statistic
    if total == 0:
        percent = kappa = Undefined("neither coder coded a segment with this code")
    else:
        observed = Fraction(agreements, total)
        percent = float(observed)
        if k < 2:
            kappa = Undefined("with a single code, chance agreement 1/k is 1")
        else:
            chance = Fraction(1, k)
            kappa = float((observed - chance) / (1 - chance))
    return SegmentRow(cid, name, depth, agreements, disagreements, percent, kappa)
