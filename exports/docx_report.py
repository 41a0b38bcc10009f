"""A study report as a Word document, built from the analysis functions.

Sections (the user picks any of them, they always appear in this order):
participant profile, sessions, theme/category frequencies, code × attribute
crosstabs, thematic saturation with its result sentence, intercoder agreement
(code presence per document and segment overlap, each with its unit stated),
representative quotes per theme in the original and in translation, and the memos
on the project, sessions, participants, transcripts and codes. Tables use
Word table styles and numbered captions; numbers and dates are written in the
report language. Participants appear under their pseudonyms unless real names
are asked for explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from docx.document import Document

from analysis.charts import crosstab_heatmap, frequency_bars, saturation_curve
from analysis.crosstab import MISSING, code_by_attribute
from analysis.dataset import StudyData
from analysis.frequencies import code_frequencies
from analysis.profile import (
    CategoryStat,
    DateStat,
    NumericStat,
    participant_profile,
    session_participant_count,
)
from analysis.saturation import saturation
from analysis.stop_words import SHIPPED_LANGUAGES, shipped_stop_words
from analysis.valence import code_by_valence, valence_name
from analysis.word_frequencies import word_frequencies
from exports.docx_charts import add_chart
from exports.docx_common import (
    add_heading,
    add_paragraph,
    add_text,
    finish_document,
    new_document,
)
from exports.docx_furniture import add_toc_placeholder, fill_toc
from exports.docx_language import set_run_language, word_language_tag
from exports.docx_report_agreement import AgreementSections
from exports.docx_report_base import count_percent_cell, percent_cell, span_text
from exports.docx_text_languages import code_name_tag, word_tag
from exports.docx_transcript import KIND_LABELS
from exports.file_names import atomic_path
from exports.localized_cells import DASH
from exports.memo_lines import MemoLine, memo_lines
from exports.progress import Progress, no_progress
from exports.project_stop_words import all_stop_words
from exports.quotes import QuotePicker
from exports.report_language import wording
from exports.report_options import SECTION_TITLES, SECTIONS, ReportOptions
from exports.shared_results import SharedResults
from exports.study.loading import load_study
from i18n.formatting import format_date, format_duration, language_name
from storage.errors import N_, NotFoundError
from storage.media_time import clock
from storage.models import Session
from storage.pseudonyms import PeopleNames
from storage.store import Store

__all__ = ["SECTIONS", "SECTION_TITLES", "ReportOptions", "report_document", "write_report_docx"]


def write_report_docx(
    store: Store,
    out: Path,
    options: ReportOptions | None = None,
    *,
    progress: Progress = no_progress,
    workbook: Path | None = None,
) -> Path:
    """Compute the analyses over the whole project and write the report to ``out``.

    With ``workbook``, every table of :mod:`exports.table_catalog` is written there too,
    as ``suhbat export xlsx`` writes it, from the same loaded project: a statistic that
    both show (frequencies, crosstabs, agreement) is computed once.
    """
    options = options or ReportOptions()
    if "words" in options.sections and options.stop_words is None:
        options = replace(options, stop_words=all_stop_words(store))
    # Quotes, words and the workbook's segment list read texts and utterances; nothing else.
    texts = workbook is not None or bool({"quotes", "words"} & set(options.sections))
    data = load_study(store, language=options.language, with_text=texts, with_utterances=texts)
    names = PeopleNames.of(store.participants.all(), real_names=options.real_names)
    memos = memo_lines(store, options.language) if "memos" in options.sections else []
    shared = SharedResults()
    own = store.transcripts.utterance_languages() if "quotes" in options.sections else {}
    doc = report_document(
        data,
        store.project().name,
        options,
        names,
        progress=progress,
        memos=memos,
        shared=shared,
        own_languages=own,
    )
    if workbook is not None:
        from exports.table_catalog import TableContext, build_tables
        from exports.table_files import write_xlsx

        tables = build_tables(data, None, TableContext(names, options.language, shared))
    with atomic_path(out) as temporary:
        doc.save(str(temporary))
    if workbook is not None:
        write_xlsx(tables, workbook, language=options.language)
    return out


def report_document(
    data: StudyData,
    project_name: str,
    options: ReportOptions,
    names: PeopleNames | None = None,
    *,
    progress: Progress = no_progress,
    memos: Sequence[MemoLine] = (),
    shared: SharedResults | None = None,
    own_languages: Mapping[tuple[int, int], str] | None = None,
) -> Document:
    """The report for ``data`` (not saved); ``data`` needs layer texts for quotes.

    ``memos`` are listed in the memos section (see :func:`exports.memo_lines.memo_lines`);
    ``shared`` keeps the statistics for another export of the same ``data``;
    ``own_languages`` gives the turns said in another language than their layer's
    (``store.transcripts.utterance_languages()``), so that quotes carry their language.
    """
    known = {a.name for a in data.attributes}
    for name in options.crosstab_attributes:
        if name not in known:
            raise NotFoundError(N_("No participant attribute called {name!r}"), name=name)
    writer = _ReportWriter(data, options, names or PeopleNames.of(data.participants.values()))
    writer.memos = list(memos)
    writer.own_languages = dict(own_languages or {})
    if shared is not None:
        writer.shared = shared
    return writer.build(project_name, progress)


@dataclass
class _ReportWriter(AgreementSections):
    """Builds one report; sections are the methods named after :data:`SECTIONS`."""

    memos: list[MemoLine] = field(default_factory=list)
    own_languages: dict[tuple[int, int], str] = field(default_factory=dict)

    def build(self, project_name: str, progress: Progress) -> Document:
        _ = self.tr
        title = self.options.title or _("Study report")
        self.doc = new_document(
            self.lang, f"{title}: {project_name}", kind=title, project=project_name
        )
        self.doc.add_heading(title, 0)
        self._intro(project_name)
        wanted = [s for s in SECTIONS if s in self.options.sections]
        contents = add_toc_placeholder(self.doc, _("Contents")) if len(wanted) > 1 else None
        progress(0, len(wanted))
        for index, section in enumerate(wanted, start=1):
            self._start_section()
            self.doc.add_heading(_(SECTION_TITLES[section]), 1)
            getattr(self, f"_{section}")()
            progress(index, len(wanted))
        if contents is not None:
            fill_toc(self.doc, contents)
        return finish_document(self.doc, self.lang)

    def _intro(self, project_name: str) -> None:
        _ = self.tr
        d = self.data
        p = self.doc.add_paragraph()
        add_text(p, project_name, bold=True)
        p.add_run("\n" + format_date(self.options.generated or date.today(), language=self.lang))
        counts = [
            (_("Participants in sessions"), len(d.participants_in_scope)),
            (_("Sessions"), len(d.sessions)),
            (_("Transcripts"), len(d.transcripts)),
            (_("Codes"), len(d.codes)),
            (_("Codings"), len(d.codings)),
            (_("Coders"), len({c.coder_id for c in d.codings})),
        ]
        p.add_run("\n" + " · ".join(f"{label}: {self.cells.count(n)}" for label, n in counts))
        if not self.options.real_names:
            add_paragraph(
                self.doc, _("Participants are identified by pseudonyms."), style="Caption"
            )

    # -- sections ----------------------------------------------------------------------

    def _participants(self) -> None:
        _ = self.tr
        c = self.cells
        profile = participant_profile(self.data)
        self._unit(_("participants (n = {n})").format(n=c.count(profile.n)))
        rows: list[list[str]] = []
        for v in profile.variables:
            if isinstance(v, CategoryStat):
                pairs = [*v.counts, *([(_(MISSING), v.missing)] if v.missing else [])]
                for i, (value, count) in enumerate(pairs):
                    share = 100 * count / profile.n if profile.n else None
                    rows.append(
                        [
                            v.name if i == 0 else "",
                            value,
                            c.count(count),
                            percent_cell(c, share),
                            "",
                            "",
                            "",
                        ]
                    )
            elif isinstance(v, NumericStat):
                mean_sd = f"{c.statistic(v.mean, 1)} ({c.statistic(v.sd, 1)})"
                span = f"{c.statistic(v.minimum, 0)}–{c.statistic(v.maximum, 0)}"
                rows.append([v.name, "", c.count(v.n), "", mean_sd, c.statistic(v.median, 1), span])
            elif isinstance(v, DateStat):
                span = "–".join(
                    format_date(x, "medium", language=self.lang) for x in (v.first, v.last) if x
                )
                rows.append([v.name, "", c.count(v.n), "", "", "", span])
        header = [_("Variable"), _("Value"), "n", "%", _("Mean (SD)"), _("Median"), _("Range")]
        self._table(_("Participant profile"), header, rows, bold_first_column=True)
        self._notes(
            [
                wording(self.lang)
                .ngettext(
                    "Percentages are of all {n} participant; SD is the sample standard deviation.",
                    "Percentages are of all {n} participants; SD is the sample standard deviation.",
                    profile.n,
                )
                .format(n=c.count(profile.n))
            ]
        )

    def _sessions(self) -> None:
        _ = self.tr
        c = self.cells
        d = self.data
        order = d.ordered_sessions("date")
        self._unit(_("sessions (n = {n})").format(n=c.count(len(order))))
        columns: list[tuple[str, Callable[[Session], str]]] = [
            (_("Session"), lambda s: s.title),
            (_("Kind"), lambda s: _(KIND_LABELS.get(s.kind, s.kind))),
            (_("Date"), lambda s: format_date(s.date, "medium", language=self.lang)),
            (_("Location"), lambda s: s.location or ""),
            (_("Setting"), lambda s: s.setting or ""),
            (_("Region"), lambda s: s.region or ""),
            (
                _("Language"),
                lambda s: ", ".join(language_name(x, language=self.lang) for x in s.languages),
            ),
            (_("Participants"), lambda s: c.count(session_participant_count(d, s.id))),
            (
                _("Duration"),
                lambda s: (
                    format_duration(s.duration_min * 60, language=self.lang)
                    if s.duration_min
                    else ""
                ),
            ),
        ]
        table = [[get(d.sessions[sid]) for _h, get in columns] for sid in order]
        keep = [i for i in range(len(columns)) if i == 0 or any(row[i] for row in table)]
        self._table(
            _("Sessions"),
            [columns[i][0] for i in keep],
            [[row[i] for i in keep] for row in table],
            bold_first_column=True,
        )

    def _frequencies(self) -> None:
        _ = self.tr
        c = self.cells
        result = self.shared.of(code_frequencies, self.data)
        self._unit(
            wording(self.lang)
            .ngettext(
                "coded segments and participants ({n} participant in scope)",
                "coded segments and participants ({n} participants in scope)",
                result.participants_in_scope,
            )
            .format(n=c.count(result.participants_in_scope))
        )
        rows = [
            [
                r.name,
                c.count(r.total.segments),
                c.count(r.total.codings),
                c.count(r.total.participants),
                percent_cell(c, r.participant_percent),
                c.count(r.total.sessions),
            ]
            for r in result.rows
        ]
        header = [
            _("Theme / category"),
            _("Segments"),
            _("Codings"),
            _("Participants"),
            _("% of participants"),
            _("Sessions"),
        ]
        self._code_table(_("Frequency of themes and categories"), header, rows, result.rows)
        if self.options.charts and result.rows:
            chart = frequency_bars(
                [r.name for r in result.rows],
                [r.total.segments for r in result.rows],
                wording(self.lang),
            )
            add_chart(self.doc, chart, _("Chart: coded segments per code, as in the table above"))
        self._notes(
            [
                _(
                    "Segments are distinct coded passages; codings count every coder's "
                    "applications."
                ),
                _(
                    "A theme's row counts each segment, participant and session once across "
                    "all its categories; it is not the sum of the rows below."
                ),
            ]
        )
        if any(coding.valence is not None for coding in self.data.codings):
            self._valence()

    def _valence(self) -> None:
        """Codes × valence, when any coding has a valence (see :mod:`analysis.valence`)."""
        _ = self.tr
        c = self.cells
        result = code_by_valence(self.data)
        values = result.values()
        self._unit(_("codings"))
        header = [
            _("Theme / category"),
            *(valence_name(v, wording(self.lang)) for v in values),
            _("Total"),
        ]
        rows = [
            [r.name, *(c.count(r.counts.get(v, 0)) for v in values), c.count(r.total)]
            for r in result.rows
        ]
        self._code_table(_("Codes × valence"), header, rows, result.rows)
        self._notes(
            [
                _(
                    "Each coder's coding counts once with the valence that coder gave it; "
                    "theme rows count the distinct codings of the theme and all its sub-codes."
                )
            ]
        )

    def _crosstab(self) -> None:
        _ = self.tr
        c = self.cells
        names = self.options.crosstab_attributes or tuple(
            a.name for a in self.data.attributes if a.type == "category" and not a.sensitive
        )
        if not names:
            add_paragraph(self.doc, _("The project has no categorical participant attributes."))
            return
        self._unit(_("participants"))
        for name in names:
            result = self.shared.of(code_by_attribute, self.data, name)
            header = (
                [_("Code")]
                + [
                    f"{_(g.label) if g.label == MISSING else g.label} (n = {c.count(g.size)})"
                    for g in result.groups
                ]
                + [f"{_('Total')} (n = {c.count(result.total_size)})"]
            )
            rows = []
            for r in result.rows:
                cells = [
                    count_percent_cell(c, n, result.percent(r, i)) for i, n in enumerate(r.cells)
                ]
                share = 100 * r.total / result.total_size if result.total_size else None
                rows.append([r.name, *cells, count_percent_cell(c, r.total, share)])
            self._code_table(
                _("Codes by {attribute}").format(attribute=name), header, rows, result.rows
            )
            if self.options.charts and result.rows and result.groups:
                chart = crosstab_heatmap(
                    [r.name for r in result.rows],
                    header[1:-1],
                    [
                        [result.percent(r, i) for i in range(len(result.groups))]
                        for r in result.rows
                    ],
                    wording(self.lang),
                )
                add_chart(
                    self.doc,
                    chart,
                    _("Chart: codes by {attribute}, % of each group, as in the table above").format(
                        attribute=name
                    ),
                )
        self._notes([_("Cells: participants in the group coded with the code (column %).")])

    def _saturation(self) -> None:
        _ = self.tr
        c = self.cells
        o = self.options
        result = saturation(
            self.data,
            base=o.saturation_base,
            run=o.saturation_run,
            thresholds=o.saturation_thresholds,
            mode="disjoint" if o.saturation_mode == "disjoint" else "rolling",
        )
        self._unit(_("new codes per session, sessions in the order conducted"))
        for outcome in result.outcomes:
            threshold = c.percent(outcome.threshold, 0 if outcome.threshold.denominator == 1 else 1)
            if outcome.reached and outcome.run is not None:
                found = outcome.run
                text = _(
                    "Saturation at a new-information threshold of ≤{threshold} was reached at "
                    "{label} (base size {base}, run length {run}). New codes in sessions "
                    "{sessions}: {new}; codes in the base: {codes}; new information: {share}."
                ).format(
                    threshold=threshold,
                    label=outcome.label,
                    base=c.count(result.base),
                    run=c.count(result.run_length),
                    sessions=span_text(found.first, found.last),
                    new=c.count(found.new),
                    codes=c.count(result.base_total),
                    share=c.percent(found.percent, 1),
                )
            else:
                text = _(
                    "Saturation at a new-information threshold of ≤{threshold} was not reached "
                    "({reason})."
                ).format(
                    threshold=threshold,
                    reason=outcome.reason_text(wording(self.lang)) or _("not reached"),
                )
            p = self.doc.add_paragraph()
            add_text(p, text)
        rows = []
        for s in result.steps:
            run = s.run
            rows.append(
                [
                    str(s.position),
                    s.label,
                    c.count(s.new),
                    c.count(s.cumulative),
                    _("base") if s.in_base else (span_text(run.first, run.last) if run else ""),
                    c.count(run.new) if run else "",
                    percent_cell(c, run.percent) if run else "",
                ]
            )
        header = [
            "#",
            _("Session"),
            _("New codes"),
            _("Cumulative codes"),
            _("Run"),
            _("New in run"),
            _("% of base"),
        ]
        self._table(_("New codes per session"), header, rows)
        if self.options.charts and result.steps and result.outcomes:
            chart = saturation_curve(
                [s.label for s in result.steps],
                [s.new for s in result.steps],
                threshold=result.outcomes[0].threshold,
                base_total=result.base_total,
                tr=wording(self.lang),
            )
            add_chart(self.doc, chart, _("Chart: new codes per session, as in the table above"))
        mode = _("rolling runs") if result.mode == "rolling" else _("disjoint runs")
        self._notes([_("Method: Guest, Namey & Chen (2020), {mode}.").format(mode=mode)])

    def _words(self) -> None:
        _ = self.tr
        c = self.cells
        stops = self.options.stop_words
        if stops is None:
            stops = {lang: shipped_stop_words(lang) for lang in SHIPPED_LANGUAGES}
        result = word_frequencies(
            self.data, top=self.options.words_top, stop_words=stops, tr=wording(self.lang)
        )
        self._unit(_("words in each transcript's original text"))
        rows = []
        tags: list[list[str]] = []
        said_in = self._original_languages()
        for group in result.groups:
            context = said_in.get(group.label, self.lang)
            for rank, word in enumerate(group.words, start=1):
                per = group.per_thousand(word.count)
                tags.append(["", "", word_tag(word.word, context, self.data.fallback_languages)])
                rows.append(
                    [
                        group.label if rank == 1 else "",
                        c.count(rank),
                        word.word,
                        c.count(word.count),
                        c.statistic(per, 1) if per is not None else "",
                    ]
                )
        if not rows:
            add_paragraph(self.doc, _("No transcript text to count yet."))
            return
        header = [_("Transcript"), _("Rank"), _("Word"), _("Count"), _("Per 1,000 words")]
        self._table(_("Most frequent words per transcript"), header, rows, languages=tags)
        self._notes(list(result.to_table(wording(self.lang)).notes))

    def _original_languages(self) -> dict[str, str]:
        """Transcript title → the language of its original layer (whose words are counted)."""
        titles = {t.id: t.title for t in self.data.transcripts.values()}
        return {
            titles[la.transcript_id]: la.language
            for la in self.data.layers.values()
            if la.is_original and la.transcript_id in titles
        }

    def _quotes(self) -> None:
        _ = self.tr
        d = self.data
        picker = QuotePicker(d, self.names, (self.lang, *d.fallback_languages), self.own_languages)
        any_quote = False
        for theme in d.code_roots:
            quotes = picker.quotes(theme, self.options.quotes_per_theme)
            if not quotes:
                continue
            any_quote = True
            heading = add_heading(self.doc, d.code_name(theme), 2)
            for run in heading.runs:
                set_run_language(run._r, code_name_tag(d, theme))
            for q in quotes:
                p = self.doc.add_paragraph(style="Quote")
                set_run_language(add_text(p, f"«{q.text}»")._r, word_language_tag(q.language))
                gap = not q.translation and q.language != self.lang
                if q.translation or gap:
                    p.add_run("\n")
                    name = language_name(q.translation_language or self.lang, language=self.lang)
                    if self.lang != "en":  # a language's name is not capitalised mid-sentence
                        name = name[:1].lower() + name[1:]
                    label = _("Translation ({language})").format(language=name)
                    add_text(p, f"{label}: ", italic=True)
                    if q.translation:
                        translated = add_text(p, f"«{q.translation}»", italic=True)
                        tag = word_language_tag(q.translation_language or self.lang)
                        set_run_language(translated._r, tag)
                    else:  # never hide a gap: say the quote is not translated
                        add_text(p, _("not translated"), italic=True)
                source = [q.speaker or DASH, d.session_label(q.session_id)]
                if q.start_ms is not None:
                    source.append(clock(q.start_ms))
                attribution = self.doc.add_paragraph()
                attribution.paragraph_format.left_indent = p.paragraph_format.left_indent
                add_text(attribution, "— " + ", ".join(source))
                if d.is_theme(theme) and q.code_id != theme:  # the sub-code, in its language
                    add_text(attribution, ", ")
                    sub_code = add_text(attribution, d.code_name(q.code_id))
                    set_run_language(sub_code._r, code_name_tag(d, q.code_id))
        if not any_quote:
            add_paragraph(self.doc, _("No coded passages to quote yet."))

    def _memos(self) -> None:
        _ = self.tr
        kinds = {
            "project": _("Project"),
            "session": _("Session"),
            "participant": _("Participant"),
            "transcript": _("Transcript"),
            "code": _("Code"),
        }
        if not self.memos:
            add_paragraph(self.doc, _("No memos yet."))
            return
        for memo in self.memos:
            p = self.doc.add_paragraph()
            add_text(p, f"{kinds.get(memo.kind, memo.kind)}: {memo.label}", bold=True)
            details = [
                x for x in (memo.author, format_date(memo.updated[:10], language=self.lang)) if x
            ]
            if details:
                add_text(p, " (" + ", ".join(details) + ")", italic=True)
            p.add_run("\n")
            add_text(p, memo.text)
