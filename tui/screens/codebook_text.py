"""What the codebook screen draws: the code tree's rows, a code's details, a segment row.

Pure functions from codes and counts to Rich text (no queries, no widgets).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.text import Text

from i18n import _, ngettext
from storage.code_counts_store import CodeCounts, CodedSegment
from storage.models import Code
from tui.cells import number_cell
from tui.models.coding_paint import stripe_style
from tui.models.segment_context import segment_words
from tui.models.transcript_model import format_time
from tui.screens.item_memo import MEMO_MARK


def participants_cell(counts: CodeCounts) -> Text:
    """The participants count, or a dimmed ``…`` while it is being counted."""
    if counts.participants is None:
        return Text("…", justify="right", style="dim")
    return number_cell(counts.participants)


def tree_rows(
    codes: list[Code],
    counts: dict[int, CodeCounts],
    collapsed: Collection[int],
    cut_code: int | None,
    language: str,
    memo_codes: Collection[int] = (),
) -> dict[str, list[Text]]:
    """The cells of every shown code (collapsed themes hide their sub-codes), by row key.

    ``codes`` are in tree order; ``cut_code`` is marked with ✂, ``memo_codes`` (codes
    with a memo) with the memo mark.
    """
    children: dict[int | None, int] = {}
    for code in codes:
        children[code.parent_id] = children.get(code.parent_id, 0) + 1
    depth: dict[int, int] = {}
    hidden: set[int] = set()
    empty = CodeCounts()
    rows: dict[str, list[Text]] = {}
    for code in codes:
        parent = code.parent_id
        depth[code.id] = depth.get(parent, -1) + 1 if parent is not None else 0
        if parent is not None and (parent in hidden or parent in collapsed):
            hidden.add(code.id)
            continue
        label = Text("  " * depth[code.id])
        if children.get(code.id):
            label.append("▸ " if code.id in collapsed else "▾ ", style="dim")
        else:
            label.append("  ")
        label.append("■ ", stripe_style(code.color))
        label.append(code.name(language), style="" if code.is_codable else "bold")
        if code.id in memo_codes:
            label.append(f" {MEMO_MARK}", style="dim")
        if code.id == cut_code:
            label.append("  ✂", style="dim")
        code_counts = counts.get(code.id, empty)
        rows[str(code.id)] = [
            label,
            number_cell(code_counts.codings),
            number_cell(code_counts.segments),
            number_cell(code_counts.documents),
            participants_cell(code_counts),
        ]
    return rows


def segment_row(segment: CodedSegment) -> Text:
    """A row of the segment list: time, speaker, the coded words in context, transcript."""
    text = Text(format_time(segment.start_ms).strip(), style="dim")
    text.append(f" {segment.speaker}: ", style="dim")
    before, words, after = segment_words(segment.before, segment.text, segment.after)
    if before:
        text.append("…" + before, style="dim")
    text.append(words, style="bold")
    if after:
        text.append(after + "…", style="dim")
    text.append(f"  · {segment.transcript_title}", style="dim italic")
    return text


def code_details(code: Code, counts: CodeCounts, language: str) -> Text:
    """A code's names, definition, criteria, example and counts."""
    text = Text()
    text.append("■ ", stripe_style(code.color))
    text.append(code.name(language), style="bold")
    text.append(f"  {code.color}", style="dim")
    if not code.is_codable:
        text.append("  " + _("(theme: not applied to text)"), style="dim")
    for name_language, name in code.names.items():
        text.append(f"\n{name_language}: ", style="dim")
        text.append(name)
    for label, value in (
        (_("Definition"), code.description),
        (_("Include"), code.inclusion),
        (_("Exclude"), code.exclusion),
        (_("Example"), code.example),
    ):
        if value:
            text.append(f"\n{label}: ", style="bold")
            text.append(value)
    text.append("\n")
    parts = [
        ngettext("{count} coding", "{count} codings", counts.codings).format(count=counts.codings),
        ngettext("{count} segment", "{count} segments", counts.segments).format(
            count=counts.segments
        ),
        ngettext("{count} document", "{count} documents", counts.documents).format(
            count=counts.documents
        ),
    ]
    if counts.participants is not None:
        parts.append(
            ngettext("{count} participant", "{count} participants", counts.participants).format(
                count=counts.participants
            )
        )
    text.append(" · ".join(parts), style="dim")
    return text


def segments_caption(found: Sequence[CodedSegment], limit: int) -> str:
    """The caption above a code's list: ``8 segments``, or ``8 segments · 10 codings``
    when some segment has more than one line (two coders, or two sub-codes, coded it);
    ``(the first 500)`` when the list stops at ``limit`` lines."""
    distinct = len({(s.coding.layer_id, s.coding.start, s.coding.end) for s in found})
    words = ngettext("{count} segment", "{count} segments", distinct).format(count=distinct)
    if len(found) != distinct:
        codings = ngettext("{count} coding", "{count} codings", len(found))
        words += " · " + codings.format(count=len(found))
    if len(found) >= limit:
        words += " " + _("(the first {limit})").format(limit=limit)
    return words
