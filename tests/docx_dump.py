"""Read an exported DOCX back into a normalised, comparable structure (test helper).

Uses python-docx for paragraphs, tables and comments, and walks the body XML in
document order to recover the exact text between each comment's range start and
range end (paragraph and cell boundaries inside a range become ``\\n``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph

W_P = qn("w:p")
W_T = qn("w:t")
W_TAB = qn("w:tab")
W_BR = qn("w:br")
W_TBL = qn("w:tbl")
RANGE_START = qn("w:commentRangeStart")
RANGE_END = qn("w:commentRangeEnd")
W_ID = qn("w:id")


@dataclass(frozen=True)
class DumpedComment:
    """One comment as Word shows it."""

    author: str
    initials: str
    text: str
    anchored: str


@dataclass(frozen=True)
class DocxDump:
    """Body blocks in order, plus comments sorted by id."""

    blocks: list[Any]
    comments: list[DumpedComment]
    document: Any

    def paragraphs(self) -> list[str]:
        """Texts of top-level paragraphs (tables left out)."""
        return [b[1] for b in self.blocks if b[0] == "p"]

    def tables(self) -> list[list[list[str]]]:
        """Each top-level table as rows of cell texts."""
        return [b[1] for b in self.blocks if b[0] == "table"]

    def headings(self) -> list[tuple[str, str]]:
        """``(style, text)`` of every heading paragraph."""
        return [(b[2], b[1]) for b in self.blocks if b[0] == "p" and b[2].startswith("Heading")]


def style_name(paragraph: Paragraph) -> str:
    """The name of a paragraph's style ("" when it has none)."""
    style = paragraph.style
    return (style.name or "") if style is not None else ""


def length(value: Length | None) -> Length:
    """A page or margin length that the document must set."""
    assert value is not None
    return value


def dump_docx(path: Path) -> DocxDump:
    """Open ``path`` with python-docx and dump it."""
    document = docx.Document(str(path))
    blocks: list[Any] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            blocks.append(("table", [[cell.text for cell in row.cells] for row in item.rows]))
        else:
            blocks.append(("p", item.text, item.style.name if item.style is not None else ""))
    anchored = _anchored_texts(document.element.body)
    comments = [
        DumpedComment(c.author, c.initials or "", c.text, anchored.get(c.comment_id, "<no range>"))
        for c in sorted(document.comments, key=lambda c: c.comment_id)
    ]
    return DocxDump(blocks, comments, document)


def _anchored_texts(body: Any) -> dict[int, str]:
    open_ranges: dict[int, list[str]] = {}
    done: dict[int, str] = {}
    for element in body.iter():
        tag = element.tag
        if tag == RANGE_START:
            open_ranges[int(element.get(W_ID))] = []
        elif tag == RANGE_END:
            cid = int(element.get(W_ID))
            if cid in open_ranges:
                done[cid] = "".join(open_ranges.pop(cid))
        elif tag == W_P:
            for parts in open_ranges.values():
                if parts:
                    parts.append("\n")
        elif tag == W_T:
            for parts in open_ranges.values():
                parts.append(element.text or "")
        elif tag == W_TAB:
            for parts in open_ranges.values():
                parts.append("\t")
        elif tag == W_BR:
            for parts in open_ranges.values():
                parts.append("\n")
    return done


def comment_ranges_are_balanced(path: Path) -> bool:
    """Every comment has exactly one range start, one range end and one reference."""
    document = docx.Document(str(path))
    body = document.element.body
    ids = {c.comment_id for c in document.comments}
    starts = [int(e.get(W_ID)) for e in body.iter(RANGE_START)]
    ends = [int(e.get(W_ID)) for e in body.iter(RANGE_END)]
    refs = [int(e.get(W_ID)) for e in body.iter(qn("w:commentReference"))]
    return sorted(starts) == sorted(ends) == sorted(refs) == sorted(ids)
