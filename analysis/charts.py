"""What a chart shows, as plain numbers: code frequency bars, the saturation curve, a
crosstab heat map.

The Analysis screen draws a :class:`Chart` in the terminal and the Word report as a
picture; both take it from the very numbers of the table shown beside it
(:func:`chart_for_table`), so a chart never says something its table does not. No
plotting library is imported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from analysis.table import Cell, Table
from analysis.wording import ENGLISH, Translator

ChartKind = Literal["bars", "curve", "heatmap"]
CHART_KEYS = ("frequencies", "saturation", "crosstab")
"""Keys of the tables that have a chart."""


@dataclass(frozen=True)
class Chart:
    """One chart's numbers and words.

    ``bars``: one value per label. ``curve``: one value per session (label), with a
    horizontal ``threshold`` line. ``heatmap``: ``matrix[row][column]`` for ``labels``
    (rows) × ``columns``.
    """

    kind: ChartKind
    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...] = ()
    columns: tuple[str, ...] = ()
    matrix: tuple[tuple[float, ...], ...] = ()
    value_label: str = ""
    threshold: float | None = None
    threshold_label: str = ""

    def to_json(self) -> dict[str, Any]:
        """The chart's numbers as a JSON-serialisable dictionary (kept inside its picture)."""
        return {
            "kind": self.kind,
            "title": self.title,
            "labels": list(self.labels),
            "values": list(self.values),
            "columns": list(self.columns),
            "matrix": [list(row) for row in self.matrix],
            "threshold": self.threshold,
        }


def _number(cell: Cell) -> float:
    if cell is None or isinstance(cell, str):
        return 0.0
    return float(cell)


def frequency_bars(
    labels: Sequence[str], segments: Sequence[int], tr: Translator = ENGLISH
) -> Chart:
    """Bars of coded segments per code."""
    _ = tr.gettext
    return Chart(
        kind="bars",
        title=_("Coded segments per code"),
        labels=tuple(labels),
        values=tuple(float(n) for n in segments),
        value_label=_("Segments"),
    )


def saturation_curve(
    labels: Sequence[str],
    new_codes: Sequence[int],
    *,
    threshold: Fraction | float,
    base_total: int,
    tr: Translator = ENGLISH,
) -> Chart:
    """New codes per session and the threshold line: ``threshold`` % of the base's codes,
    the most new codes a run may bring for saturation."""
    _ = tr.gettext
    line = float(threshold) * base_total / 100
    return Chart(
        kind="curve",
        title=_("New codes per session"),
        labels=tuple(labels),
        values=tuple(float(n) for n in new_codes),
        value_label=_("New codes"),
        threshold=line,
        threshold_label=_("threshold: {percent}% of {codes} codes in the base").format(
            percent=f"{float(threshold):g}", codes=base_total
        ),
    )


def crosstab_heatmap(
    labels: Sequence[str],
    columns: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    tr: Translator = ENGLISH,
) -> Chart:
    """Column percentages of each code (rows) in each group (columns)."""
    _ = tr.gettext
    return Chart(
        kind="heatmap",
        title=_("Codes by group, % of the group"),
        labels=tuple(labels),
        columns=tuple(columns),
        matrix=tuple(tuple(float(v) if v is not None else 0.0 for v in row) for row in matrix),
        value_label="%",
    )


def chart_for_table(
    table: Table,
    *,
    threshold: Fraction | None = None,
    base_total: int = 0,
    tr: Translator = ENGLISH,
) -> Chart | None:
    """The chart of an analysis table (None for a table without one).

    Saturation needs the first ``threshold`` (percent) and the base's code count
    from its result.
    """
    if table.key == "frequencies":
        return frequency_bars(
            [str(c) for c in table.column("Code")],
            [int(_number(c)) for c in table.column("Segments")],
            tr,
        )
    if table.key == "saturation":
        new_column = 2  # "New codes" or "New themes"
        return saturation_curve(
            [str(row[1]) for row in table.rows],
            [int(_number(row[new_column])) for row in table.rows],
            threshold=threshold if threshold is not None else Fraction(0),
            base_total=base_total,
            tr=tr,
        )
    if table.key == "crosstab":
        # Code, then (count, %) per group, then the total's (count, %): groups only.
        group_columns = range(1, len(table.columns) - 2, 2)
        return crosstab_heatmap(
            [str(row[0]) for row in table.rows],
            [table.columns[i] for i in group_columns],
            [[_optional(row[i + 1]) for i in group_columns] for row in table.rows],
            tr,
        )
    return None


def _optional(cell: Cell) -> float | None:
    if cell is None or isinstance(cell, str):
        return None
    return float(cell)
