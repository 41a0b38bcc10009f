"""Codings in a transcript document: Word comments over the coded runs, or highlights.

A comment is anchored from the first to the last run of its coded text (author =
coder, text = code path, part ``1/2`` when a coding is split over table rows, and
the memo). Highlights shade each coded run in the colour of its innermost coding
and put superscript ``[n]`` markers, numbered as in the legend, after each coding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.text.run import CT_R
from docx.shared import Pt, RGBColor
from docx.text.run import Run

from exports.docx_common import CommentWriter, light_fill, shade_run
from storage.models import Code, Coder, Coding


@dataclass
class Anchor:
    """Where a comment goes: its first and last run, and which part of its coding it is."""

    coding: Coding
    first: Run
    last: Run
    part: tuple[int, int] | None = None


def initials(name: str) -> str:
    """Up to three initials of a coder's name (``Aigerim Bekova`` → ``AB``)."""
    letters = [part[0] for part in name.replace("-", " ").split() if part[:1].isalnum()]
    return "".join(letters[:3]).upper() or name[:2].upper()


def add_comments(
    doc: Document,
    anchors: Sequence[Anchor],
    code_path: Callable[[int], str],
    coders: dict[int, Coder],
    lang: str,
    *,
    code_tag: Callable[[int], str] | None = None,
) -> None:
    """One Word comment per anchor, its text tagged with the document language ``lang``.

    With ``code_tag`` (code id → Word tag), the line naming the code carries its
    name's language instead.
    """
    writer = CommentWriter(doc, lang)
    for anchor in anchors:
        coding = anchor.coding
        text = code_path(coding.code_id)
        if anchor.part is not None:
            text += f" ({anchor.part[0]}/{anchor.part[1]})"
        if coding.memo:
            text += "\n" + coding.memo
        coder = coders.get(coding.coder_id)
        author = coder.name if coder is not None else ""
        writer.add(
            anchor.first,
            anchor.last,
            text,
            author=author,
            initials=initials(author) if author else "",
            when=_parse_time(coding.created),
            languages=(code_tag(coding.code_id),) if code_tag is not None else (),
        )


def add_highlights(
    covered: Sequence[tuple[Run, list[Coding]]],
    anchors: Sequence[Anchor],
    legend: dict[int, int],
    codes: dict[int, Code],
) -> None:
    """Shade the coded runs and mark the end of each coding with its legend numbers."""
    for run, codings in covered:
        inner = min(codings, key=lambda c: (c.end - c.start, -c.id))
        shade_run(run, light_fill(codes[inner.code_id].color))
    ends: dict[int, tuple[Run, set[int]]] = {}
    for anchor in anchors:
        _run, numbers = ends.setdefault(id(anchor.last._r), (anchor.last, set()))
        numbers.add(legend[anchor.coding.code_id])
    for last, numbers in ends.values():
        element = OxmlElement("w:r")
        last._r.addnext(element)
        marker = Run(cast(CT_R, element), last._parent)
        marker.text = "[" + ", ".join(str(n) for n in sorted(numbers)) + "]"
        marker.font.superscript = True
        marker.font.size = Pt(8)
        marker.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _parse_time(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
