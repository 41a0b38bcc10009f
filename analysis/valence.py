"""Codes × valence: how many codings of each code carry each valence.

A coding's valence is None (not rated) or a value on the project's scale
(−1…+1 or −2…+2, see :mod:`storage.valence`). A theme's row counts the distinct
codings of its whole subtree, like the frequency table; the unit is codings
(each coder's rating counts, since two coders may rate one segment differently).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from analysis.dataset import StudyData
from analysis.table import Cell, Table
from analysis.wording import ENGLISH, Translator
from storage.errors import N_
from storage.valence import SCALES

VALENCE_NAMES: dict[int, str] = {
    -2: N_("very negative"),
    -1: N_("negative"),
    0: N_("neutral"),
    1: N_("positive"),
    2: N_("very positive"),
}
"""How each valence is named in tables and exports (msgids)."""

NOT_RATED = N_("not rated")


def valence_name(valence: int | None, tr: Translator = ENGLISH) -> str:
    """A valence in words in the reader's language (``not rated`` for None)."""
    if valence is None:
        return tr.gettext(NOT_RATED)
    return tr.gettext(VALENCE_NAMES.get(valence, str(valence)))


@dataclass(frozen=True)
class ValenceRow:
    """One code's codings per valence (its subtree's, for a theme)."""

    code_id: int
    name: str
    depth: int
    counts: dict[int | None, int]

    @property
    def total(self) -> int:
        """All codings of the row, rated or not."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class ValenceResult:
    """Codes × valence for every code in code-tree order."""

    scale: int
    rows: tuple[ValenceRow, ...]

    def values(self) -> tuple[int | None, ...]:
        """The columns' valences: the scale's values, then None (not rated)."""
        return (*SCALES.get(self.scale, SCALES[3]), None)

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """Render as a :class:`Table`: code, one column per valence, not rated, total."""
        _ = tr.gettext
        values = self.values()
        keys = (
            N_("Code"),
            *(VALENCE_NAMES[v] if v is not None else NOT_RATED for v in values),
            N_("Total"),
        )
        rows: list[tuple[Cell, ...]] = [
            (r.name, *(r.counts.get(v, 0) for v in values), r.total) for r in self.rows
        ]
        return Table(
            key="valence",
            title=_("Codes × valence"),
            unit=_("codings"),
            columns=tuple(_(k) for k in keys),
            column_keys=keys,
            rows=tuple(rows),
            notes=(
                _(
                    "Each coder's coding counts once with the valence that coder gave it; "
                    "theme rows count the distinct codings of the theme and all its sub-codes."
                ),
            ),
            row_depths=tuple(r.depth for r in self.rows),
        )


def code_by_valence(
    data: StudyData, scale: int = 3, counts: Mapping[int, Mapping[int | None, int]] | None = None
) -> ValenceResult:
    """Count each code's codings (with its subtree's for a theme) by valence.

    ``counts`` (code → valence → codings, e.g. counted in SQL) stands in for the study's
    codings.
    """
    own: dict[int, Counter[int | None]] = {cid: Counter() for cid in data.codes}
    if counts is None:
        for coding in data.codings:
            own[coding.code_id][coding.valence] += 1
    else:
        for cid, by_valence in counts.items():
            if cid in own:
                own[cid].update(by_valence)
    rows: list[ValenceRow] = []
    for cid in data.code_order:
        total: Counter[int | None] = Counter()
        for member in data.subtree(cid):
            total.update(own.get(member, Counter()))
        rows.append(
            ValenceRow(
                code_id=cid,
                name=data.code_name(cid),
                depth=data.code_depth.get(cid, 0),
                counts=dict(total),
            )
        )
    wide = any(v is not None and abs(v) == 2 and n for c in own.values() for v, n in c.items())
    return ValenceResult(scale=5 if wide else scale, rows=tuple(rows))
