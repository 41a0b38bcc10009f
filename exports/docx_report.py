"""A study report as a Word document, built from the analysis functions.

Sections (the user picks any of them, they always appear in this order):
participant profile, sessions, theme/category frequencies, code × attribute
crosstabs, thematic saturation with its result sentence, intercoder agreement
(code presence per document and segment overlap, each with its unit stated) and
representative quotes per theme in the original and in translation. Tables use
Word table styles and numbered captions; numbers and dates are written in the
report language. Participants appear under their pseudonyms unless real names
are asked for explicitly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.document import Document

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
from exports.docx_common import add_paragraph, add_text, finish_document, new_document
from exports.docx_furniture import add_toc_placeholder, fill_toc
from exports.docx_language import set_run_language, word_language_tag
from exports.docx_report_agreement import AgreementSections
from exports.docx_report_base import (
    SECTION_TITLES,
    SECTIONS,
    ReportOptions,
    count_percent_cell,
    percent_cell,
    span_text,
)
from exports.docx_transcript import KIND_LABELS
from exports.file_names import atomic_path
from exports.localized_cells import DASH
from exports.people import PeopleNames
from exports.progress import Progress, no_progress
from exports.quotes import QuotePicker
from exports.report_language import wording
from exports.study_loading import load_study
from i18n.formatting import format_date, format_duration, language_name
from storage.errors import N_, NotFoundError
from storage.media_time import clock
from storage.models import Session
from storage.store import Store

__all__ = ["SECTIONS", "SECTION_TITLES", "ReportOptions", "report_document", "write_report_docx"]


def write_report_docx(
    store: Store,
    out: Path,
    options: ReportOptions | None = None,
    *,
    progress: Progress = no_progress,
) -> Path:
    """Compute the analyses over the whole project and write the report to ``out``."""
    options = options or ReportOptions()
    data = load_study(store, language=options.language, with_text="quotes" in options.sections)
    names = PeopleNames.of(store.participants.all(), real_names=options.real_names)
    doc = report_document(data, store.project().name, options, names, progress=progress)
    with atomic_path(out) as temporary:
        doc.save(str(temporary))
    return out


def report_document(
    data: StudyData,
    project_name: str,
    options: ReportOptions,
    names: PeopleNames | None = None,
    *,
    progress: Progress = no_progress,
) -> Document:
    """The report for ``data`` (not saved); ``data`` needs layer texts for quotes."""
    known = {a.name for a in data.attributes}
    for name in options.crosstab_attributes:
        if name not in known:
            raise NotFoundError(N_("No participant attribute called {name!r}"), name=name)
    writer = _ReportWriter(data, options, names or PeopleNames.of(data.participants.values()))
    return writer.build(project_name, progress)


@dataclass
class _ReportWriter(AgreementSections):
    """Builds one report; sections are the methods named after :data:`SECTIONS`."""

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
        result = code_frequencies(self.data)
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
        self._table(
            _("Frequency of themes and categories"),
            header,
            rows,
            indents=[r.depth for r in result.rows],
        )
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
            result = code_by_attribute(self.data, name)
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
            self._table(
                _("Codes by {attribute}").format(attribute=name),
                header,
                rows,
                indents=[r.depth for r in result.rows],
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
        mode = _("rolling runs") if result.mode == "rolling" else _("disjoint runs")
        self._notes([_("Method: Guest, Namey & Chen (2020), {mode}.").format(mode=mode)])

    def _quotes(self) -> None:
        _ = self.tr
        d = self.data
        picker = QuotePicker(d, self.names, (self.lang, *d.fallback_languages))
        any_quote = False
        for theme in d.code_roots:
            quotes = picker.quotes(theme, self.options.quotes_per_theme)
            if not quotes:
                continue
            any_quote = True
            self.doc.add_heading(d.code_name(theme), 2)
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
                if d.is_theme(theme) and q.code_id != theme:
                    source.append(d.code_name(q.code_id))
                attribution = self.doc.add_paragraph()
                attribution.paragraph_format.left_indent = p.paragraph_format.left_indent
                add_text(attribution, "— " + ", ".join(source))
        if not any_quote:
            add_paragraph(self.doc, _("No coded passages to quote yet."))
