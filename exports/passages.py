"""Coded passages out to files: a quotes DOCX and a CSV of the list being read.

The rows are what the Coded passages screen and ``suhbat passages`` show: one
distinct coded segment each, with code(s), speaker, time, transcript, language,
text, aligned translation, coders and valence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.dataset import StudyData
from analysis.passages import Passage
from analysis.table import Cell, Table
from analysis.valence import valence_name
from analysis.wording import ENGLISH, Translator
from exports.file_names import atomic_path
from exports.report_language import wording
from exports.table_files import write_csv
from storage.errors import N_
from storage.media_time import clock

COLUMNS = (
    N_("Code"),
    N_("Speaker"),
    N_("Time"),
    N_("Transcript"),
    N_("Language"),
    N_("Text"),
    N_("Translation"),
    N_("Coders"),
    N_("Valence"),
)
"""Column keys (English msgids) of the passages table."""

WHOLE_TURNS = N_(
    "A passage's translation is that of the whole turns it lies in; the passage may be "
    "only part of them."
)
"""The note of a passages table with a passage shorter than its turns."""


@dataclass(frozen=True)
class PassageList:
    """Passages and what they are about: the code or theme and the filters' wording."""

    title: str
    passages: Sequence[Passage]
    data: StudyData


def passage_codes(data: StudyData, passage: Passage) -> str:
    """The names of the codes on a passage, joined by ``; ``."""
    return "; ".join(data.code_name(cid) for cid in passage.code_ids)


def passage_coders(data: StudyData, passage: Passage) -> str:
    """The names of the coders of a passage, joined by ``, ``."""
    return ", ".join(
        data.coders[cid].name if cid in data.coders else "?" for cid in passage.coder_ids
    )


def passage_source(data: StudyData, passage: Passage) -> str:
    """Who said a passage, when, in which transcript and language, coded by whom (`` · ``)."""
    transcript = data.transcripts.get(passage.transcript_id)
    where = [
        passage.speaker,
        clock(passage.start_ms),
        transcript.title if transcript else "",
        passage.language,
        passage_coders(data, passage),
    ]
    return " · ".join(x for x in where if x)


def passage_valence(passage: Passage, tr: Translator = ENGLISH) -> str:
    """The passage's valences in words (empty when none was given)."""
    return ", ".join(valence_name(v, tr) for v in passage.valences)


def passages_table(listing: PassageList, tr: Translator = ENGLISH) -> Table:
    """The passages as a :class:`Table` (for CSV/XLSX), worded by ``tr``."""
    data = listing.data
    rows: list[tuple[Cell, ...]] = []
    for p in listing.passages:
        transcript = data.transcripts.get(p.transcript_id)
        rows.append(
            (
                passage_codes(data, p),
                p.speaker,
                clock(p.start_ms),
                transcript.title if transcript else "",
                p.language,
                p.text,
                p.translation or "",
                passage_coders(data, p),
                passage_valence(p, tr),
            )
        )
    return Table(
        key="passages",
        title=listing.title,
        unit=tr.gettext("segments"),
        columns=tuple(tr.gettext(c) for c in COLUMNS),
        column_keys=COLUMNS,
        rows=tuple(rows),
        notes=(
            (tr.gettext(WHOLE_TURNS),)
            if any(p.translation_of_turns for p in listing.passages)
            else ()
        ),
    )


def write_passages_csv(listing: PassageList, out: Path, language: str = "en") -> Path:
    """Write the passages as CSV (UTF-8 with a BOM, headers in ``language``)."""
    return write_csv(passages_table(listing, wording(language)), out)


def write_passages_docx(
    listing: PassageList, out: Path, language: str = "en", project: str = ""
) -> Path:
    """Write the passages as a quotes document: each quote with who, when, where."""
    # Word's modules load when a document is written, not with the passages screen.
    from exports.docx_common import (
        add_heading,
        add_paragraph,
        add_text,
        finish_document,
        new_document,
    )
    from exports.docx_language import set_run_language, word_language_tag

    tr = wording(language)
    _ = tr.gettext
    kind = _("Coded passages")
    doc = new_document(language, listing.title, kind=kind, project=project)
    add_heading(doc, listing.title, 1)
    count = len(listing.passages)
    add_paragraph(doc, tr.ngettext("{n} passage", "{n} passages", count).format(n=count))
    data = listing.data
    for p in listing.passages:
        transcript = data.transcripts.get(p.transcript_id)
        where = [
            p.speaker,
            clock(p.start_ms),
            transcript.title if transcript else "",
            passage_codes(data, p),
            passage_valence(p, tr),
        ]
        head = add_paragraph(doc)
        add_text(head, " · ".join(x for x in where if x), bold=True)
        quote = doc.add_paragraph(style="Quote")
        run = add_text(quote, f"«{p.text}»" if language != "en" else f"“{p.text}”")
        set_run_language(run._r, word_language_tag(p.language))
        if p.translation:
            line = add_paragraph(doc)
            if p.translation_of_turns:  # (the quote is part of the turn it translates)
                add_text(line, _("Translation of the whole turn:") + " ")
            tr_run = add_text(line, p.translation, italic=True)
            set_run_language(tr_run._r, word_language_tag(p.translation_language or language))
    finish_document(doc, language)
    with atomic_path(out) as temporary:
        doc.save(str(temporary))
    return out
