"""Charts as PNG pictures for Word documents, drawn with matplotlib (Agg, no display).

matplotlib is imported only when a chart is drawn, so exports without charts and the
command line start as fast as before. Each picture carries its numbers
(:meth:`analysis.charts.Chart.to_json`) in a PNG text chunk named :data:`DATA_KEY`, so
that a reader (or a test) can check the picture against the table beside it.
"""

from __future__ import annotations

import io
import json
from typing import Any

from analysis.charts import Chart

DATA_KEY = "suhbat-chart"
"""The PNG text chunk holding the chart's numbers as JSON."""
WIDTH_IN = 6.3
"""Picture width in inches (a portrait A4 page's text width)."""
DPI = 150
BAR_COLOUR = "#3465a4"
LINE_COLOUR = "#204a87"
THRESHOLD_COLOUR = "#cc0000"


def _new_figure(height: float) -> Any:
    """A figure drawn with Agg through matplotlib's object API: no pyplot, so no global
    figure list, backend switch or figure manager (exports may run in a worker thread)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes, its numbers in the ``suhbat-chart`` text chunk."""
    rows = max(len(chart.labels), 1)
    height = 3.2 if chart.kind == "curve" else min(9.0, 1.2 + 0.32 * rows)
    figure = _new_figure(height)
    axes = figure.subplots()
    if chart.kind == "bars":
        _bars(axes, chart)
    elif chart.kind == "curve":
        _curve(axes, chart)
    else:
        _heatmap(figure, axes, chart)
    axes.set_title(chart.title, fontsize=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="png",
        metadata={DATA_KEY: json.dumps(chart.to_json(), ensure_ascii=False)},
    )
    return buffer.getvalue()


def _bars(axes: Any, chart: Chart) -> None:
    positions = list(range(len(chart.labels)))
    axes.barh(positions, chart.values, color=BAR_COLOUR)
    axes.set_yticks(positions, labels=list(chart.labels), fontsize=8)
    axes.invert_yaxis()  # the table's first row at the top
    axes.set_xlabel(chart.value_label, fontsize=8)
    for position, value in zip(positions, chart.values, strict=True):
        axes.text(value, position, f" {value:g}", va="center", fontsize=7)
    axes.spines[["top", "right"]].set_visible(False)


def _curve(axes: Any, chart: Chart) -> None:
    positions = list(range(1, len(chart.values) + 1))
    axes.plot(positions, chart.values, marker="o", color=LINE_COLOUR, label=chart.value_label)
    if chart.threshold is not None:
        axes.axhline(
            chart.threshold, color=THRESHOLD_COLOUR, linestyle="--", label=chart.threshold_label
        )
    axes.set_xticks(positions, labels=list(chart.labels), fontsize=7, rotation=30, ha="right")
    axes.set_ylabel(chart.value_label, fontsize=8)
    axes.set_ylim(bottom=0)
    axes.legend(fontsize=7)
    axes.spines[["top", "right"]].set_visible(False)


def _heatmap(figure: Any, axes: Any, chart: Chart) -> None:
    image = axes.imshow(chart.matrix, cmap="YlOrRd", vmin=0, vmax=100, aspect="auto")
    axes.set_xticks(range(len(chart.columns)), labels=list(chart.columns), fontsize=8)
    axes.set_yticks(range(len(chart.labels)), labels=list(chart.labels), fontsize=8)
    for r, row in enumerate(chart.matrix):
        for c, value in enumerate(row):
            colour = "white" if value > 60 else "black"
            axes.text(c, r, f"{value:.0f}", ha="center", va="center", fontsize=7, color=colour)
    bar = figure.colorbar(image, ax=axes)
    bar.set_label(chart.value_label, fontsize=8)
