"""A chart of the Analysis screen's table, drawn in the terminal with textual-plotext.

Code frequencies become horizontal bars, saturation the new codes per session with
the threshold line, a crosstab a heat map of column percentages (brighter is more).
The numbers come from :func:`analysis.charts.chart_for_table`, i.e. from the table
itself. Labels are user text; plotext prints them as plain text, never as markup.
"""

from __future__ import annotations

from typing import Any

from textual_plotext import PlotextPlot

from analysis.charts import Chart
from i18n import _

LABEL_WIDTH = 18
"""Longest label drawn beside a bar or a heat-map row (longer ones are cut with …)."""
HEAT_LOW = (40, 60, 120)
HEAT_HIGH = (250, 220, 70)
"""Heat-map colours of 0 % and 100 %."""


def _short(label: str, width: int = LABEL_WIDTH) -> str:
    label = " ".join(label.split())
    return label if len(label) <= width else label[: width - 1] + "…"


class StatsChart(PlotextPlot):
    """Draws one :class:`Chart` (or a line saying there is none)."""

    DEFAULT_CSS = """
    StatsChart { height: 1fr; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart: Chart | None = None

    def show(self, chart: Chart | None) -> None:
        """Draw ``chart`` (None: clear)."""
        self.chart = chart
        plt = self.plt
        plt.clear_figure()
        if chart is None or (not chart.values and not chart.matrix):
            plt.title(_("No chart for this table"))
        elif chart.kind == "bars":
            self._bars(chart)
        elif chart.kind == "curve":
            self._curve(chart)
        else:
            self._heatmap(chart)
        self.refresh()

    def _bars(self, chart: Chart) -> None:
        plt = self.plt
        # plotext draws the first bar at the bottom: reverse so the table's order reads down.
        labels = [_short(x) for x in reversed(chart.labels)]
        plt.bar(labels, list(reversed(chart.values)), orientation="horizontal", width=0.6)
        plt.title(chart.title)
        plt.xlabel(chart.value_label)

    def _curve(self, chart: Chart) -> None:
        plt = self.plt
        positions = [float(i) for i in range(1, len(chart.values) + 1)]
        plt.plot(positions, list(chart.values), marker="braille", label=chart.value_label)
        plt.scatter(positions, list(chart.values), marker="●")
        width = max(8, self.size.width // max(1, len(positions)) - 2)
        plt.xticks(positions, [_short(x, width) for x in chart.labels])
        title = chart.title
        if chart.threshold is not None:
            plt.hline(chart.threshold, "red")
            title += " · " + _("red line: {threshold}").format(threshold=chart.threshold_label)
        top = max([*chart.values, chart.threshold or 0.0, 1.0])
        plt.ylim(0, top * 1.15)
        plt.title(title)

    def _heatmap(self, chart: Chart) -> None:
        plt = self.plt
        rows = len(chart.matrix)
        columns = len(chart.columns)
        if not rows or not columns:
            plt.title(_("No chart for this table"))
            return
        for r, values in enumerate(chart.matrix):
            top = rows - r  # the table's first row at the top
            for c, value in enumerate(values):
                xs: Any = [c, c + 1]  # plotext's stubs say one number; it takes two corners
                ys: Any = [top - 1, top]
                plt.rectangle(xs, ys, color=_heat(value), fill=True, marker="█")
                plt.text(
                    f"{value:.0f}%",
                    x=c + 0.5,
                    y=top - 0.5,
                    alignment="center",
                    color="black",
                    background=_heat(value),
                )
        plt.xlim(0, columns)
        plt.ylim(0, rows)
        plt.xticks([c + 0.5 for c in range(columns)], [_short(x, 14) for x in chart.columns])
        plt.yticks([rows - r - 0.5 for r in range(rows)], [_short(x) for x in chart.labels])
        plt.title(chart.title + " · " + _("brighter is more"))


def _heat(value: float) -> tuple[int, int, int]:
    """A colour from dark blue (0 %) to bright yellow (100 %)."""
    share = min(max(value / 100, 0.0), 1.0)
    low, high = HEAT_LOW, HEAT_HIGH
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(low, high, strict=True))
    return red, green, blue
