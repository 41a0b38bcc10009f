"""Painting codings on the transcript screen's panes, and its status line.

All of it reads the open :class:`~tui.widgets.transcript_model.TranscriptModel`; no
queries. ``coder_filter`` is the coder whose codings are shown (None: everyone's) and
``mine`` the current coder, whose codings are drawn first when everyone's are shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from i18n import _
from storage.models import Coding
from tui.widgets.coding_paint import locate, mirrored_stripes, paint_lines
from tui.widgets.transcript_model import TranscriptModel
from tui.widgets.transcript_view import TranscriptView


def primary_coders(coder_filter: int | None, mine: int | None) -> set[int] | None:
    """Whose codings are drawn in front: mine when everyone's are shown, else no one's."""
    return {mine} if coder_filter is None and mine is not None else None


def paint_panes(
    view: TranscriptView,
    model: TranscriptModel,
    coder_filter: int | None,
    mine: int | None,
    *,
    mirror: bool,
) -> None:
    """Paint the codings of the visible panes (with the other layers' codes if ``mirror``)."""
    colors = model.colors()
    primary = primary_coders(coder_filter, mine)
    for pane in view.visible_panes():
        if pane.layer_id is None:
            continue
        starts = model.starts[pane.layer_id]
        runs, stripes = paint_lines(
            model.shown(pane.layer_id, coder_filter), starts, colors, primary
        )
        mirrored: dict[int, list[str]] = {}
        if mirror:
            for layer in model.layers:
                if layer.id != pane.layer_id:
                    for line, colours in mirrored_stripes(
                        model.shown(layer.id, coder_filter), model.starts[layer.id], colors
                    ).items():
                        mirrored.setdefault(line, []).extend(colours)
        view.paint(pane, runs, stripes, mirrored)


def touched_lines(model: TranscriptModel, codings: Iterable[Coding | None]) -> dict[int, set[int]]:
    """The lines (by layer id) that ``codings`` cover."""
    lines: dict[int, set[int]] = {}
    for coding in codings:
        if coding is None:
            continue
        starts = model.starts[coding.layer_id]
        first = locate(starts, coding.start)[0]
        last = locate(starts, max(coding.start, coding.end - 1))[0]
        lines.setdefault(coding.layer_id, set()).update(range(first, last + 1))
    return lines


def paint_some_lines(
    view: TranscriptView,
    model: TranscriptModel,
    layer_id: int,
    lines: set[int],
    coder_filter: int | None,
    mine: int | None,
) -> None:
    """Repaint only ``lines`` of the pane showing ``layer_id`` (if one does)."""
    pane = view.pane_for(layer_id)
    if pane is None or not lines:
        return
    starts = model.starts[layer_id]
    low, high = min(lines), max(lines)
    begin = starts[low]
    finish = starts[high + 1] if high + 1 < len(starts) else len(model.layer(layer_id).text)
    nearby = [
        c for c in model.shown(layer_id, coder_filter) if c.start <= finish and c.end >= begin
    ]
    runs, stripes = paint_lines(nearby, starts, model.colors(), primary_coders(coder_filter, mine))
    for line in range(low, high + 1):
        for target, source in ((pane.runs, runs), (pane.stripes, stripes)):
            if line in source:
                target[line] = source[line]  # type: ignore[assignment]
            else:
                target.pop(line, None)
    pane.repaint()


def status_line(
    model: TranscriptModel,
    layers: Iterable[int],
    coder_filter: int | None,
    coder_name: str | None,
    *,
    mirror: bool,
) -> str:
    """The line above the panes: title, shown languages, coder, whose codings, mirror."""
    languages = [model.layer(layer_id).language for layer_id in layers]
    if coder_filter is None:
        who = _("all coders")
    else:
        who = model.coders.get(coder_filter) or coder_name or "?"
    parts = [
        model.transcript.title,
        " | ".join(languages),
        _("coder: {name}").format(name=coder_name or _("(none)")),
        _("showing: {who}").format(who=who),
    ]
    if mirror:
        parts.append(_("other layer's codes shown"))
    return " · ".join(parts)
