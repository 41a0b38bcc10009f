"""Transcripts as Word documents, with codings as real Word comments.

Each transcript gets a heading, a table of session metadata and its utterances:
``[00:00:04] Speaker: text`` paragraphs with time and speaker in bold when one
layer is exported, or a table ``Time | Speaker | layer 1 | layer 2 …`` aligned by
utterance when several are. Codings become comments anchored exactly on the
coded text (author = coder, text = code path and memo): the utterance text is
split into one run per interval between coding boundaries, so overlapping
codings each get their own comment over their own runs. Alternatively codes are
shown as coloured highlights with ``[n]`` markers and a legend.

In a bilingual table a coding that crosses utterances is split into one comment
per utterance (``1/2``, ``2/2``), because a single range across table rows would
also cover the other language's cells. Speakers appear under their pseudonyms
unless real names are asked for explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from exports.coded_runs import Piece, codings_by_span, split_pieces
from exports.docx_common import (
    PLAIN_TABLE_STYLE,
    add_heading,
    add_table,
    append_run,
    finish_document,
    light_fill,
    new_document,
    row_cells,
    shade_cell,
)
from exports.docx_language import word_language_tag
from exports.docx_transcript_codes import Anchor, add_comments, add_highlights, initials
from exports.file_names import atomic_path, safe_file_stem, unique_path
from exports.live_marks import question_mark_rows
from exports.output_files import ensure_folder
from exports.progress import Progress, no_progress
from exports.report_language import Translate, translator
from i18n.collation import sort_key_for
from i18n.formatting import format_date, format_duration, language_name
from storage.errors import N_
from storage.media_time import clock
from storage.models import ROLES, Code, Coder, Coding, Layer, Session, Transcript, Utterance
from storage.pseudonyms import PeopleNames
from storage.store import Store

CodesAs = Literal["comments", "highlight", "none"]
"""How codings appear: Word comments, coloured highlights with a legend, or not at all."""

CODES_AS: tuple[CodesAs, ...] = ("comments", "highlight", "none")

_Step = Callable[[int], None]

KIND_LABELS = {"interview": N_("Interview"), "focus_group": N_("Focus group")}
ROLE_LABELS = {
    "respondent": (N_("Respondent"), N_("Respondents")),
    "moderator": (N_("Moderator"), N_("Moderators")),
    "interviewer": (N_("Interviewer"), N_("Interviewers")),
    "observer": (N_("Observer"), N_("Observers")),
}
"""Role → the metadata label for one person and for several (chosen by the count).

The label stands before a list of names ("Moderators: A, B"), so it takes no number;
a singular and a plural msgid read naturally in every language where ngettext forms
would need the count in the text.
"""


__all__ = [
    "CODES_AS",
    "KIND_LABELS",
    "CodesAs",
    "TranscriptDocxOptions",
    "initials",
    "transcripts_document",
    "write_transcripts_docx",
]


@dataclass(frozen=True)
class TranscriptDocxOptions:
    """What a transcript export contains.

    ``language`` is the document's language (labels, dates, code names where the
    code has a name in it). ``layers`` lists the layer languages to include, in
    that order (empty: every layer, original first). ``coders`` keeps only these
    coders' codings (empty: all). ``real_names`` shows participants' real names
    instead of pseudonyms.
    """

    language: str = "en"
    layers: tuple[str, ...] = ()
    codes_as: CodesAs = "comments"
    coders: tuple[str, ...] = ()
    real_names: bool = False


def write_transcripts_docx(
    store: Store,
    out: Path,
    transcript_ids: Sequence[int] | None = None,
    options: TranscriptDocxOptions | None = None,
    *,
    one_per_transcript: bool = False,
    progress: Progress = no_progress,
) -> list[Path]:
    """Write transcripts to ``out`` and return the files written.

    All selected transcripts (default: every transcript) go into one document,
    or, with ``one_per_transcript``, one document each in the directory ``out``
    (named after the transcript titles).
    """
    options = options or TranscriptDocxOptions()
    ids = (
        list(transcript_ids)
        if transcript_ids is not None
        else [t.id for t in store.transcripts.all()]
    )
    writer = _TranscriptWriter(store, options)
    total = writer.count_utterances(ids)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        progress(done, total)

    progress(0, total)
    if not one_per_transcript:
        doc = writer.document(ids, step)
        with atomic_path(out) as temporary:
            doc.save(str(temporary))
        return [out]
    ensure_folder(out)
    written: list[Path] = []
    taken: set[str] = set()
    for tid in ids:
        doc = writer.document([tid], step)
        title = store.transcripts.get(tid).title
        path = unique_path(out, safe_file_stem(title, f"transcript-{tid}"), ".docx", taken)
        with atomic_path(path) as temporary:
            doc.save(str(temporary))
        written.append(path)
    return written


def transcripts_document(
    store: Store,
    transcript_ids: Sequence[int],
    options: TranscriptDocxOptions | None = None,
    *,
    progress: Progress = no_progress,
) -> Document:
    """The python-docx document for these transcripts (not saved)."""
    writer = _TranscriptWriter(store, options or TranscriptDocxOptions())
    total = writer.count_utterances(transcript_ids)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        progress(done, total)

    return writer.document(transcript_ids, step)


@dataclass
class _Runs:
    """Runs of one utterance cell or paragraph, by coding: first, last, and all coded runs."""

    first: dict[int, Run] = field(default_factory=dict)
    last: dict[int, Run] = field(default_factory=dict)
    covered: list[tuple[Run, tuple[int, ...]]] = field(default_factory=list)


@dataclass
class _Body:
    """What a transcript body produced: comment anchors and every coded run."""

    anchors: list[Anchor] = field(default_factory=list)
    covered: list[tuple[Run, list[Coding]]] = field(default_factory=list)


class _TranscriptWriter:
    """Builds transcript documents from one Store with fixed options."""

    def __init__(self, store: Store, options: TranscriptDocxOptions) -> None:
        self.store = store
        self.options = options
        self.tr: Translate = translator(options.language)
        project = store.project()
        self.fallbacks = tuple(project.languages)
        self.codes: dict[int, Code] = {c.id: c for c in store.codes.all()}
        self.coders: dict[int, Coder] = {c.id: c for c in store.coders.all()}
        self.names = PeopleNames.of(store.participants.all(), real_names=options.real_names)
        wanted = {name.casefold() for name in options.coders}
        self.coder_ids = (
            {cid for cid, c in self.coders.items() if c.name.casefold() in wanted}
            if wanted
            else None
        )
        self._paths: dict[int, str] = {}
        self._own_languages: dict[tuple[int, int], str] = {}

    # -- selection ---------------------------------------------------------------------

    def count_utterances(self, transcript_ids: Iterable[int]) -> int:
        """Number of utterances to write (the progress total)."""
        counts = self.store.transcripts.utterance_counts()
        return sum(counts.get(tid, 0) for tid in transcript_ids)

    def _layers(self, transcript_id: int) -> list[Layer]:
        layers = self.store.transcripts.layers(transcript_id)
        if not self.options.layers:
            return layers
        by_language = {la.language: la for la in layers}
        chosen = [by_language[lang] for lang in self.options.layers if lang in by_language]
        return chosen or layers[:1]

    def _codings(self, layer_id: int) -> list[Coding]:
        if self.options.codes_as == "none":
            return []
        codings = self.store.codings.all(layer_id=layer_id)
        if self.coder_ids is not None:
            codings = [c for c in codings if c.coder_id in self.coder_ids]
        return [c for c in codings if c.code_id in self.codes]

    def code_path(self, code_id: int) -> str:
        """``Theme / Category / Code`` in the document language (or a fallback)."""
        if code_id not in self._paths:
            names: list[str] = []
            current: int | None = code_id
            seen: set[int] = set()
            while current is not None and current in self.codes and current not in seen:
                seen.add(current)
                code = self.codes[current]
                names.append(code.name(self.options.language, self.fallbacks))
                current = code.parent_id
            self._paths[code_id] = " / ".join(reversed(names))
        return self._paths[code_id]

    def code_tag(self, code_id: int) -> str:
        """The Word tag of the code's name in :meth:`code_path`: the language it is filed under."""
        code = self.codes.get(code_id)
        if code is None:
            return word_language_tag(self.options.language)
        return word_language_tag(code.name_language(self.options.language, self.fallbacks))

    # -- document ----------------------------------------------------------------------

    def document(self, transcript_ids: Sequence[int], step: _Step) -> Document:
        """One document holding the given transcripts, each starting on a new page."""
        _ = self.tr
        if len(transcript_ids) == 1:
            title = self.store.sessions.get(
                self.store.transcripts.get(transcript_ids[0]).session_id
            ).title
        else:
            title = f"{_('Transcripts')}: {self.store.project().name}"
        doc = new_document(
            self.options.language,
            title,
            kind=_("Transcripts") if len(transcript_ids) > 1 else _("Transcript"),
            project=self.store.project().name,
        )
        for index, tid in enumerate(transcript_ids):
            if index:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            self._transcript(doc, self.store.transcripts.get(tid), step)
        return finish_document(doc, self.options.language)

    def _transcript(self, doc: Document, transcript: Transcript, step: _Step) -> None:
        session = self.store.sessions.get(transcript.session_id)
        layers = self._layers(transcript.id)
        utterances = self.store.transcripts.utterances(transcript.id)
        codings = {la.id: self._codings(la.id) for la in layers}
        title = session.title
        if len(self.store.transcripts.all(session.id)) > 1 and transcript.title:
            title = f"{session.title} — {transcript.title}"
        add_heading(doc, title, 1)
        self._metadata(doc, session, layers, utterances)
        legend = self._legend(doc, codings) if self.options.codes_as == "highlight" else {}
        # a turn said in another language than its layer's (code-switching) is marked so
        self._own_languages = self.store.transcripts.utterance_languages(transcript.id)
        if len(layers) == 1:
            body = self._paragraphs(doc, layers[0], utterances, codings[layers[0].id], step)
        else:
            body = self._table(doc, layers, utterances, codings, step)
        if self.options.codes_as == "comments":
            self._comments(doc, body.anchors)
        elif self.options.codes_as == "highlight":
            self._highlights(body.covered, body.anchors, legend)

    def _metadata(
        self,
        doc: Document,
        session: Session,
        layers: Sequence[Layer],
        utterances: Sequence[Utterance],
    ) -> None:
        _ = self.tr
        lang = self.options.language
        rows: list[tuple[str, str]] = [
            (_("Session"), session.title),
            (_("Kind"), _(KIND_LABELS.get(session.kind, session.kind))),
        ]
        if session.date:
            rows.append((_("Date"), format_date(session.date, language=lang)))
        for label, value in (
            (_("Location"), session.location),
            (_("Setting"), session.setting),
            (_("Region"), session.region),
        ):
            if value:
                rows.append((label, value))
        languages = [
            language_name(la.language, language=lang)
            + (f" ({_('original')})" if la.is_original and len(layers) > 1 else "")
            for la in layers
        ]
        rows.append((_("Language"), ", ".join(languages)))
        if session.duration_min:
            rows.append((_("Duration"), format_duration(session.duration_min * 60, language=lang)))
        if session.interviewer:
            rows.append((_("Interviewer / moderator"), session.interviewer))
        rows.extend(self._participant_rows(session, utterances))
        rows.extend(question_mark_rows(self.store, session.id, lang, _))
        add_table(
            doc,
            (_("Field"), _("Value")),
            rows,
            style=PLAIN_TABLE_STYLE,
            bold_first_column=True,
            grow=(1,),
        )
        doc.add_paragraph()

    def _participant_rows(
        self, session: Session, utterances: Sequence[Utterance]
    ) -> list[tuple[str, str]]:
        _ = self.tr
        key = sort_key_for(self.options.language)
        links = self.store.sessions.participants(session.id)
        by_role: dict[str, list[str]] = {}
        for link in links:
            label = self.names.participant(link.participant_id)
            if label:
                by_role.setdefault(link.role, []).append(label)
        if not links:
            speakers = {self.names.speaker(u) for u in utterances if u.participant_id}
            if speakers:
                by_role["respondent"] = list(speakers)
        rows: list[tuple[str, str]] = []
        for role in ROLES:
            if by_role.get(role):
                names = sorted(by_role[role], key=key)
                one, several = ROLE_LABELS[role]
                rows.append((_(one if len(names) == 1 else several), ", ".join(names)))
        return rows

    def _legend(self, doc: Document, codings: dict[int, list[Coding]]) -> dict[int, int]:
        _ = self.tr
        used = {c.code_id for layer_codings in codings.values() for c in layer_codings}
        order = [cid for cid in self.codes if cid in used]
        numbers = {cid: n for n, cid in enumerate(order, start=1)}
        if not order:
            return numbers
        doc.add_paragraph(_("Codes"), style="Heading 2")
        table = add_table(
            doc,
            (_("No."), _("Code"), _("Colour")),
            [(str(numbers[cid]), self.code_path(cid), "") for cid in order],
            style=PLAIN_TABLE_STYLE,
            grow=(1,),
            languages=[("", self.code_tag(cid), "") for cid in order],
        )
        for row, cid in zip(list(table.rows)[1:], order, strict=True):
            shade_cell(row.cells[2], light_fill(self.codes[cid].color))
        doc.add_paragraph()
        return numbers

    # -- body --------------------------------------------------------------------------

    def _prefix(self, paragraph: Paragraph, utterance: Utterance) -> None:
        time = clock(utterance.start_ms)
        speaker = self.names.speaker(utterance)
        label = (f"[{time}] " if time else "") + (f"{speaker}: " if speaker else "")
        if label:
            append_run(paragraph, label, bold=True)

    def _language_tag(self, utterance: Utterance, layer: Layer) -> str:
        """Word's tag for the turn's own language in ``layer``, else the layer's."""
        own = self._own_languages.get((utterance.id, layer.id), layer.language)
        return word_language_tag(own)

    def _pieces(self, paragraph: Paragraph, pieces: Sequence[Piece], lang: str) -> _Runs:
        runs = _Runs()
        for piece in pieces:
            run = append_run(paragraph, piece.text, lang=lang)
            if piece.coding_ids:
                runs.covered.append((run, piece.coding_ids))
            for cid in piece.coding_ids:
                runs.first.setdefault(cid, run)
                runs.last[cid] = run
        return runs

    def _paragraphs(
        self,
        doc: Document,
        layer: Layer,
        utterances: Sequence[Utterance],
        codings: list[Coding],
        step: _Step,
    ) -> _Body:
        spoken = [u for u in utterances if layer.id in u.spans]
        spans = [u.spans[layer.id] for u in spoken]
        by_span = codings_by_span(spans, codings)
        by_id = {c.id: c for c in codings}
        first: dict[int, Run] = {}
        last: dict[int, Run] = {}
        body = _Body()
        for index, utterance in enumerate(spoken):
            paragraph = doc.add_paragraph()
            self._prefix(paragraph, utterance)
            pieces = split_pieces(layer.text, spans[index], by_span.get(index, ()))
            runs = self._pieces(paragraph, pieces, self._language_tag(utterance, layer))
            for cid, run in runs.first.items():
                first.setdefault(cid, run)
            last.update(runs.last)
            body.covered.extend((run, [by_id[i] for i in ids]) for run, ids in runs.covered)
            if index % 100 == 99:
                step(100)
        step(len(spoken) % 100)
        body.anchors = [Anchor(c, first[c.id], last[c.id]) for c in codings if c.id in first]
        return body

    def _table(
        self,
        doc: Document,
        layers: Sequence[Layer],
        utterances: Sequence[Utterance],
        codings: dict[int, list[Coding]],
        step: _Step,
    ) -> _Body:
        _ = self.tr
        lang = self.options.language
        header = [_("Time"), _("Speaker")] + [
            language_name(la.language, language=lang) for la in layers
        ]
        prepared = {}
        for la in layers:
            spans = [u.spans.get(la.id, (0, 0)) for u in utterances]
            prepared[la.id] = (spans, codings_by_span(spans, codings[la.id]))
        measure = [
            [clock(u.start_ms), self.names.speaker(u)]
            + [la.text[slice(*prepared[la.id][0][i])] for la in layers]
            for i, u in enumerate(utterances)
        ]
        table = add_table(
            doc,
            header,
            [("",) * len(header)] * len(utterances),
            grow=range(2, len(header)),
            measure=measure,
        )
        by_id = {c.id: c for layer_codings in codings.values() for c in layer_codings}
        parts: dict[int, list[tuple[Run, Run]]] = {}
        body = _Body()
        rows = row_cells(table)[1:]
        for index, (cells, utterance) in enumerate(zip(rows, utterances, strict=True)):
            time = clock(utterance.start_ms)
            if time:
                append_run(cells[0].paragraphs[0], time)
            append_run(cells[1].paragraphs[0], self.names.speaker(utterance), bold=True)
            for col, la in enumerate(layers, start=2):
                if la.id not in utterance.spans:
                    continue
                spans, by_span = prepared[la.id]
                pieces = split_pieces(la.text, spans[index], by_span.get(index, ()))
                runs = self._pieces(
                    cells[col].paragraphs[0], pieces, self._language_tag(utterance, la)
                )
                for cid, first in runs.first.items():
                    parts.setdefault(cid, []).append((first, runs.last[cid]))
                body.covered.extend((run, [by_id[i] for i in ids]) for run, ids in runs.covered)
            if index % 100 == 99:
                step(100)
        step(len(utterances) % 100)
        for la in layers:
            for c in codings[la.id]:
                pieces_of = parts.get(c.id, [])
                for n, (first, last) in enumerate(pieces_of, start=1):
                    part = (n, len(pieces_of)) if len(pieces_of) > 1 else None
                    body.anchors.append(Anchor(c, first, last, part))
        return body

    # -- codings -----------------------------------------------------------------------

    def _comments(self, doc: Document, anchors: Sequence[Anchor]) -> None:
        add_comments(
            doc,
            anchors,
            self.code_path,
            self.coders,
            word_language_tag(self.options.language),
            code_tag=self.code_tag,
        )

    def _highlights(
        self,
        covered: Sequence[tuple[Run, list[Coding]]],
        anchors: Sequence[Anchor],
        legend: dict[int, int],
    ) -> None:
        add_highlights(covered, anchors, legend, self.codes)
