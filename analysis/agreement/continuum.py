"""The character continuum both unitizing coefficients work on.

The layers coded by every chosen coder are laid end to end (sessions by date,
then transcript, then layer); each coder's codings become spans on that
continuum, per code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from analysis.agreement.common import choose_coders, coded_by_all, coder_name
from analysis.code_rows import row_of_code
from analysis.coding_facts import coding_facts
from analysis.dataset import StudyData
from analysis.table import Cell, Table, stat_cell, translated, undefined_notes
from analysis.undefined import Statistic
from analysis.wording import Translator

Unit = tuple[int, int]  # begin, end (end exclusive)


def merge_units(spans: Sequence[Unit]) -> list[Unit]:
    """Sort spans and merge the ones that overlap (adjacent spans stay separate units)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


@dataclass(frozen=True)
class Continuum:
    """The compared layers laid end to end, and every coder's spans per code on them."""

    coder_ids: tuple[int, ...]
    coder_names: tuple[str, ...]
    layer_ids: tuple[int, ...]
    excluded_layers: tuple[int, ...]
    length: int
    units: tuple[dict[int, list[Unit]], ...]
    """``units[coder index][code id]`` = that coder's spans of the code."""

    def described(
        self,
    ) -> tuple[tuple[int, ...], tuple[str, ...], tuple[int, ...], tuple[int, ...], int]:
        """Coder ids and names, compared and excluded layers, and length: the first fields
        of both unitizing results."""
        return self.coder_ids, self.coder_names, self.layer_ids, self.excluded_layers, self.length


def study_continuum(
    data: StudyData,
    coder_ids: Sequence[int] | None = None,
    *,
    codes: Collection[int] | None = None,
) -> Continuum:
    """Lay the layers every coder has coded end to end and place each coding on them."""
    coders = choose_coders(data, coder_ids)
    names = tuple(coder_name(data, c) for c in coders)
    layers, excluded = coded_by_all(data, coders, "layer") if len(coders) >= 2 else ((), ())
    order = {sid: i for i, sid in enumerate(data.ordered_sessions("date"))}
    layers = tuple(
        sorted(
            layers,
            key=lambda lid: (
                order.get(data.layer_session[lid], 0),
                data.layer_transcript[lid],
                lid,
            ),
        )
    )
    offset: dict[int, int] = {}
    length = 0
    for lid in layers:
        offset[lid] = length
        length += data.layer_length.get(lid, 0)
    index = {c: i for i, c in enumerate(coders)}
    units: list[dict[int, list[Unit]]] = [defaultdict(list) for _ in coders]
    for c in coding_facts(data):
        i = index.get(c.coder_id)
        base = offset.get(c.layer_id)
        if i is None or base is None or (codes is not None and c.code_id not in codes):
            continue
        size = data.layer_length.get(c.layer_id, 0)
        start, end = max(0, c.start), min(size, c.end)
        if end > start:
            units[i][c.code_id].append((base + start, base + end))
    return Continuum(coders, names, layers, tuple(excluded), length, tuple(units))


@dataclass(frozen=True)
class UnitizingRow:
    """One code's unitizing α in a study (either definition)."""

    code_id: int
    name: str
    depth: int
    units: int
    observed: Fraction
    expected: Fraction
    alpha: Statistic


@dataclass(frozen=True)
class ContinuumResult:
    """What both unitizing results hold: coders, compared and left-out layers, the
    continuum's length and one row per code."""

    coder_ids: tuple[int, ...]
    coder_names: tuple[str, ...]
    layer_ids: tuple[int, ...]
    excluded_layers: tuple[int, ...]
    length: int
    rows: tuple[UnitizingRow, ...]

    def row(self, code_id: int) -> UnitizingRow:
        """The row for one code."""
        return row_of_code(self.rows, code_id)

    def table(
        self,
        tr: Translator,
        *,
        key: str,
        title: str,
        columns: tuple[str, ...],
        rows: Sequence[tuple[Cell, ...]],
        definition: str,
        explanations: Sequence[str],
        labelled: Sequence[tuple[str, object]],
    ) -> Table:
        """The table: ``rows`` (the codes' first, then the overall ones), the definition, the
        continuum, ``explanations``, left-out layers and the reasons for undefined values."""
        _ = tr.gettext
        notes = [
            definition,
            *continuum_notes(tr, self.coder_names, self.length, len(self.layer_ids)),
            *explanations,
            *excluded_notes(tr, self.excluded_layers),
            *undefined_notes(labelled, tr),
        ]
        return Table(
            key=key,
            title=title,
            unit=_("characters"),
            columns=translated(tr, columns),
            column_keys=columns,
            rows=tuple(rows),
            notes=tuple(notes),
            uncoded_text_counts=True,
            row_depths=tuple([r.depth for r in self.rows] + [0] * (len(rows) - len(self.rows))),
        )

    def code_cells(self) -> list[tuple[Cell, ...]]:
        """The per-code rows of a table: code, units, observed and expected disagreement, α."""
        return [
            (r.name, r.units, float(r.observed), float(r.expected), stat_cell(r.alpha))
            for r in self.rows
        ]


def code_rows(
    data: StudyData, found: Mapping[Hashable, tuple[int, Fraction, Fraction, Statistic]]
) -> tuple[UnitizingRow, ...]:
    """The rows of the codes in ``found`` (id → units, observed, expected, α), in
    codebook order."""
    return tuple(
        UnitizingRow(cid, data.code_name(cid), data.code_depth.get(cid, 0), *found[cid])
        for cid in data.code_order
        if cid in found
    )


def continuum_notes(
    tr: Translator,
    coder_names: Sequence[str],
    length: int,
    layers: int,
) -> list[str]:
    """The notes every unitizing table has: who, how long a continuum, and what counts."""
    _ = tr.gettext
    return [
        tr.ngettext(
            "Coders: {coders}; a continuum of {length} characters from {n} layer coded by "
            "all of them, laid end to end.",
            "Coders: {coders}; a continuum of {length} characters from {n} layers coded by "
            "all of them, laid end to end.",
            layers,
        ).format(coders=", ".join(coder_names), length=length, n=layers),
        _("Uncoded text counts: each coder's gaps between units are part of the continuum."),
        _("Overlapping codings of one coder with the same code are merged into one unit."),
    ]


def excluded_notes(tr: Translator, excluded_layers: Sequence[int]) -> list[str]:
    """A note on the layers left out because not every coder coded them (none if none)."""
    n = len(excluded_layers)
    if not n:
        return []
    return [
        tr.ngettext(
            "{n} layer coded by only some of the coders was left out.",
            "{n} layers coded by only some of the coders were left out.",
            n,
        ).format(n=n)
    ]
