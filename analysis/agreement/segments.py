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
from operator import itemgetter
from typing import NamedTuple

from analysis.agreement.common import coded_by_all, coder_name
from analysis.code_rows import row_of_code
from analysis.coding_facts import coding_facts
from analysis.dataset import StudyData
from analysis.table import Cell, Table, stat_cell, translated, undefined_notes
from analysis.undefined import Statistic, Undefined
from analysis.wording import ENGLISH, Translator, plain_number
from storage.errors import N_

POOLED = N_("All codes (pooled)")
"""The label of the pooled row (msgid)."""
COLUMNS = (
    N_("Code"),
    N_("Agreements"),
    N_("Disagreements"),
    N_("% agreement"),
    N_("κ (chance 1/k)"),
)
"""Column keys (English msgids) of the segment-agreement table."""
DISAGREEMENT_COLUMNS = (
    N_("Code"),
    N_("Document"),
    N_("Coded by"),
    N_("Start"),
    N_("End"),
    N_("Text"),
    N_("Other coder's closest segment"),
    N_("Overlap %"),
)
"""Column keys of the disagreement list."""

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


class Disagreement(NamedTuple):
    """A segment one coder coded that the other did not match (a named tuple: a list
    has tens of thousands)."""

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
        return row_of_code(self.rows, code_id)

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """Per-code agreement with a pooled row."""
        _ = tr.gettext
        rows: list[tuple[Cell, ...]] = []
        labelled: list[tuple[str, object]] = []
        for r in [*self.rows, self.pooled]:
            name = _(r.name) if r is self.pooled else r.name
            pct = None if isinstance(r.percent, Undefined) else 100.0 * r.percent
            rows.append((name, r.agreements, r.disagreements, pct, stat_cell(r.kappa)))
            labelled += [
                (_("{code}, % agreement").format(code=name), r.percent),
                (_("{code}, κ").format(code=name), r.kappa),
            ]
        layers = len(self.layer_ids)
        notes = [
            tr.ngettext(
                "Coders: {a} and {b}; {n} layer coded by both.",
                "Coders: {a} and {b}; {n} layers coded by both.",
                layers,
            ).format(a=self.coder_names[0], b=self.coder_names[1], n=layers),
            _(
                "A segment agrees when the other coder coded the same code over at least "
                "{threshold}% of the two segments' combined extent (intersection over union); "
                "both coders' segments are counted."
            ).format(threshold=plain_number(self.threshold)),
            tr.ngettext(
                "κ = (p − 1/k) / (1 − 1/k) with k = {k} code (Brennan & Prediger, as in MAXQDA). "
                "Text neither coder coded does not count.",
                "κ = (p − 1/k) / (1 − 1/k) with k = {k} codes (Brennan & Prediger, as in MAXQDA). "
                "Text neither coder coded does not count.",
                self.code_count,
            ).format(k=self.code_count),
        ]
        if self.excluded_layers:
            n = len(self.excluded_layers)
            notes.append(
                tr.ngettext(
                    "{n} layer coded by only one of the coders was left out.",
                    "{n} layers coded by only one of the coders were left out.",
                    n,
                ).format(n=n)
            )
        notes.extend(dict.fromkeys(undefined_notes(labelled, tr)))
        return Table(
            key="agreement_segments",
            title=_("Intercoder agreement: segment overlap"),
            unit=_("segments"),
            columns=translated(tr, COLUMNS),
            column_keys=COLUMNS,
            rows=tuple(rows),
            notes=tuple(notes),
            uncoded_text_counts=False,
            row_depths=tuple([r.depth for r in self.rows] + [0]),
        )

    def disagreements_table(self, tr: Translator = ENGLISH) -> Table:
        """The disagreement list: one row per unmatched segment."""
        _ = tr.gettext
        rows = tuple(
            (name, document, coder, start, end, excerpt,
             f"{closest[0]}–{closest[1]}" if closest else None, overlap)
            for _c, name, _l, document, _w, coder, start, end, excerpt, closest, overlap
            in self.disagreements
        )  # fmt: skip
        return Table(
            key="agreement_disagreements",
            title=_("Disagreements to discuss"),
            unit=_("segments"),
            columns=translated(tr, DISAGREEMENT_COLUMNS),
            column_keys=DISAGREEMENT_COLUMNS,
            rows=rows,
            notes=(
                _(
                    "Segments one coder coded that the other did not match at the threshold; "
                    "offsets are characters (code points) in the layer."
                ),
            ),
            uncoded_text_counts=False,
        )


def segment_agreement(
    data: StudyData,
    coder_a: int,
    coder_b: int,
    *,
    threshold: float | int | str | Fraction = 90,
    codes: Collection[int] | None = None,
    excerpt_length: int = 80,
    listed: bool = True,
) -> SegmentAgreementResult:
    """Segment agreement of two coders at an overlap ``threshold`` given in percent.

    Without ``listed`` the disagreements are counted but not listed (no excerpts: the
    study may be loaded without texts).
    """
    limit = Fraction(str(threshold)) if isinstance(threshold, float) else Fraction(threshold)
    if not 0 <= limit <= 100:
        raise ValueError("the overlap threshold is a percentage between 0 and 100")
    coders = (coder_a, coder_b)
    layers, excluded = coded_by_all(data, coders, "layer")
    layer_set = set(layers)
    spans: dict[tuple[int, int, int], set[Span]] = defaultdict(set)  # (code, layer, coder)
    for c in coding_facts(data):
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
    found: dict[int, list[Disagreement]] = defaultdict(list)  # by the code's tree position
    position = {cid: i for i, cid in enumerate(data.code_order)}
    names = (coder_name(data, coder_a), coder_name(data, coder_b))
    ordered = {key: sorted(value) for key, value in spans.items()}
    starts_of = {key: [s for s, _ in value] for key, value in ordered.items()}
    code_names = {cid: data.code_name(cid) for cid in used}
    documents = {lid: data.layer_label(lid) for lid in layers} if listed else {}
    num, den = limit.numerator, limit.denominator
    for (cid, lid, who), mine in sorted(ordered.items()):
        other_key = (cid, lid, coder_b if who == coder_a else coder_a)
        others = ordered.get(other_key, [])
        starts = starts_of.get(other_key, [])
        text = data.layers[lid].text if listed else ""
        for span in mine:
            # the other coder's segment with the highest intersection over union
            start, end = span
            shared, union, closest = 0, 1, None
            for other in others[: bisect.bisect_left(starts, end)]:
                common = min(end, other[1]) - max(start, other[0])
                if common > 0:
                    extent = max(end, other[1]) - min(start, other[0])
                    if common * union > shared * extent:
                        shared, union, closest = common, extent, other
            if closest is not None and shared * 100 * den >= num * union:
                agree[cid] += 1
                continue
            disagree[cid] += 1
            if not listed:
                continue
            excerpt = text[start:end] if text else ""
            if len(excerpt) > excerpt_length:
                excerpt = excerpt[: excerpt_length - 1] + "…"
            found[position.get(cid, 0)].append(
                Disagreement(  # code, its name, layer, document, coder, name, start, end…
                    cid,
                    code_names[cid],
                    lid,
                    documents[lid],
                    who,
                    names[0] if who == coder_a else names[1],
                    start,
                    end,
                    excerpt.replace("\n", " "),
                    closest,
                    100.0 * shared / union if closest is not None else None,
                )
            )
    listing: list[Disagreement] = []
    for rank in sorted(found):  # codes in tree order, then by document, start and coder
        listing += sorted(found[rank], key=itemgetter(3, 6, 4))
    rows = tuple(
        _row(cid, data.code_name(cid), data.code_depth.get(cid, 0), agree[cid], disagree[cid], k)
        for cid in code_ids
    )
    pooled = _row(
        None,
        POOLED,
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
        disagreements=tuple(listing),
    )


def _row(
    cid: int | None, name: str, depth: int, agreements: int, disagreements: int, k: int
) -> SegmentRow:
    total = agreements + disagreements
    percent: Statistic
    kappa: Statistic
    if total == 0:
        percent = kappa = Undefined(N_("neither coder coded a segment with this code"))
    else:
        observed = Fraction(agreements, total)
        percent = float(observed)
        if k < 2:
            kappa = Undefined(N_("with a single code, chance agreement 1/k is 1"))
        else:
            chance = Fraction(1, k)
            kappa = float((observed - chance) / (1 - chance))
    return SegmentRow(cid, name, depth, agreements, disagreements, percent, kappa)
