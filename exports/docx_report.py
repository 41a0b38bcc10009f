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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path

from docx.document import Document

from analysis.agreement import presence_agreement, segment_agreement, study_unitizing_alpha
from analysis.agreement.unitizing import ALL_CODES, ANY_CODE
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
from analysis.undefined import Statistic, Undefined
from exports.docx_common import add_paragraph, add_table, add_text, new_document
from exports.docx_transcript import KIND_LABELS
from exports.file_names import atomic_path
from exports.localized_cells import DASH, CellText
from exports.people import PeopleNames
from exports.progress import Progress, no_progress
from exports.quotes import QuotePicker
from exports.report_language import Translate, translator, wording
from exports.study_loading import load_study
from exports.timestamps import clock
from i18n.formatting import format_date, format_duration, language_name
from storage.errors import N_, NotFoundError
from storage.models import Session
from storage.store import Store

SECTIONS: tuple[str, ...] = (
    "participants",
    "sessions",
    "frequencies",
    "crosstab",
    "saturation",
    "agreement",
    "quotes",
)
"""Report sections, in the order they appear."""

SECTION_TITLES = {
    "participants": N_("Participants"),
    "sessions": N_("Sessions"),
    "frequencies": N_("Themes and categories"),
    "crosstab": N_("Codes by participant attributes"),
    "saturation": N_("Thematic saturation"),
    "agreement": N_("Intercoder agreement"),
    "quotes": N_("Representative quotes"),
}


@dataclass(frozen=True)
class ReportOptions:
    """What the report contains and how it is written.

    ``crosstab_attributes`` empty means every categorical attribute that is not
    marked sensitive. Saturation uses Guest, Namey & Chen's base size, run length
    and thresholds (in percent). ``generated`` is the date printed on the report
    (default: today).
    """

    language: str = "en"
    sections: tuple[str, ...] = SECTIONS
    real_names: bool = False
    title: str = ""
    crosstab_attributes: tuple[str, ...] = ()
    saturation_base: int = 4
    saturation_run: int = 2
    saturation_thresholds: tuple[float, ...] = (5, 0)
    saturation_mode: str = "rolling"
    segment_threshold: float = 90
    quotes_per_theme: int = 3
    generated: date | None = None


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
class _ReportWriter:
    data: StudyData
    options: ReportOptions
    names: PeopleNames
    tr: Translate = field(init=False)
    cells: CellText = field(init=False)
    doc: Document = field(init=False)
    table_number: int = 0

    def __post_init__(self) -> None:
        self.tr = translator(self.options.language)
        self.cells = CellText(self.options.language, self.tr)

    @property
    def lang(self) -> str:
        return self.options.language

    def build(self, project_name: str, progress: Progress) -> Document:
        _ = self.tr
        title = self.options.title or _("Study report")
        self.doc = new_document(self.lang, f"{title}: {project_name}")
        self.doc.add_heading(title, 0)
        self._intro(project_name)
        wanted = [s for s in SECTIONS if s in self.options.sections]
        progress(0, len(wanted))
        for index, section in enumerate(wanted, start=1):
            self.doc.add_heading(_(SECTION_TITLES[section]), 1)
            getattr(self, f"_{section}")()
            progress(index, len(wanted))
        return self.doc

    # -- building blocks ---------------------------------------------------------------

    def _caption(self, text: str) -> None:
        _ = self.tr
        self.table_number += 1
        p = self.doc.add_paragraph(style="Caption")
        add_text(p, _("Table {n}").format(n=self.table_number) + ". ", bold=True)
        add_text(p, text)

    def _unit(self, text: str) -> None:
        _ = self.tr
        p = self.doc.add_paragraph()
        add_text(p, _("Unit of analysis") + ": ", bold=True)
        add_text(p, text)

    def _notes(self, notes: Sequence[str]) -> None:
        for note in [*notes, *self.cells.take_notes()]:
            add_paragraph(self.doc, note, style="Caption")

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
                            _percent(c, share),
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
        self._caption(_("Participant profile"))
        header = [_("Variable"), _("Value"), "n", "%", _("Mean (SD)"), _("Median"), _("Range")]
        add_table(self.doc, header, rows, bold_first_column=True)
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
        self._caption(_("Sessions"))
        add_table(
            self.doc,
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
                _percent(c, r.participant_percent),
                c.count(r.total.sessions),
            ]
            for r in result.rows
        ]
        self._caption(_("Frequency of themes and categories"))
        header = [
            _("Theme / category"),
            _("Segments"),
            _("Codings"),
            _("Participants"),
            _("% of participants"),
            _("Sessions"),
        ]
        add_table(self.doc, header, rows, indents=[r.depth for r in result.rows])
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
                cells = [_count_percent(c, n, result.percent(r, i)) for i, n in enumerate(r.cells)]
                share = 100 * r.total / result.total_size if result.total_size else None
                rows.append([r.name, *cells, _count_percent(c, r.total, share)])
            self._caption(_("Codes by {attribute}").format(attribute=name))
            add_table(self.doc, header, rows, indents=[r.depth for r in result.rows])
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
                    sessions=_span(found.first, found.last),
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
                    _("base") if s.in_base else (_span(run.first, run.last) if run else ""),
                    c.count(run.new) if run else "",
                    _percent(c, run.percent) if run else "",
                ]
            )
        self._caption(_("New codes per session"))
        header = [
            "#",
            _("Session"),
            _("New codes"),
            _("Cumulative codes"),
            _("Run"),
            _("New in run"),
            _("% of base"),
        ]
        add_table(self.doc, header, rows)
        mode = _("rolling runs") if result.mode == "rolling" else _("disjoint runs")
        self._notes([_("Method: Guest, Namey & Chen (2020), {mode}.").format(mode=mode)])

    def _agreement(self) -> None:
        _ = self.tr
        c = self.cells
        presence = presence_agreement(self.data)
        if presence.problem or len(presence.coder_ids) < 2:
            add_paragraph(self.doc, _(presence.problem or "Agreement needs two or more coders."))
            return
        coders = ", ".join(presence.coder_names)
        self._unit(
            _("documents (transcripts) coded by every coder ({coders}); n = {n}").format(
                n=c.count(len(presence.document_ids)), coders=coders
            )
        )
        two = len(presence.coder_ids) == 2
        header = [
            _("Code"),
            _("% agreement"),
            _("Cohen's κ") if two else _("Fleiss' κ"),
            _("Krippendorff's α"),
            _("PABAK"),
        ]
        rows = []
        for r in presence.rows:
            s = r.stats
            rows.append(
                [
                    r.name,
                    _percent(c, _as_percent(s.percent)),
                    _coefficient(c, s.cohen if two else s.fleiss),
                    _coefficient(c, s.alpha),
                    _coefficient(c, s.brennan_prediger),
                ]
            )
        if presence.pooled is not None:
            s = presence.pooled
            rows.append(
                [
                    _("All codes (pooled)"),
                    _percent(c, _as_percent(s.percent)),
                    _coefficient(c, s.cohen if two else s.fleiss),
                    _coefficient(c, s.alpha),
                    _coefficient(c, s.brennan_prediger),
                ]
            )
        self._caption(_("Agreement on code presence per document"))
        add_table(self.doc, header, rows, indents=[r.depth for r in presence.rows] + [0])
        self._notes(
            [
                _(
                    "A code is present in a document for a coder who applied it there at least "
                    "once; documents where no coder applied a code count as agreement (uncoded "
                    "text counts)."
                ),
            ]
        )
        first, second = presence.coder_ids[0], presence.coder_ids[1]
        segments = segment_agreement(
            self.data, first, second, threshold=self.options.segment_threshold
        )
        self._unit(
            _("coded segments of {a} and {b}, matched at ≥{threshold} overlap").format(
                a=segments.coder_names[0],
                b=segments.coder_names[1],
                threshold=c.percent(segments.threshold),
            )
        )
        rows = [
            [
                r.name,
                c.count(r.agreements),
                c.count(r.disagreements),
                _percent(c, _as_percent(r.percent)),
                _coefficient(c, r.kappa),
            ]
            for r in [*segments.rows, segments.pooled]
        ]
        self._caption(_("Agreement on coded segments"))
        add_table(
            self.doc,
            [_("Code"), _("Agreements"), _("Disagreements"), _("% agreement"), "κ"],
            rows,
            indents=[r.depth for r in segments.rows] + [0],
        )
        self._notes(
            [
                wording(self.lang)
                .ngettext(
                    "κ corrects for chance as 1/k with k = {k} code (Brennan & Prediger); text "
                    "neither coder coded does not count.",
                    "κ corrects for chance as 1/k with k = {k} codes (Brennan & Prediger); text "
                    "neither coder coded does not count.",
                    segments.code_count,
                )
                .format(k=c.count(segments.code_count)),
            ]
        )
        self._unitizing()

    def _unitizing(self) -> None:
        _ = self.tr
        c = self.cells
        result = study_unitizing_alpha(self.data)
        self._unit(
            wording(self.lang)
            .ngettext(
                "characters of {n} layer coded by every coder, laid end to end ({length})",
                "characters of {n} layers coded by every coder, laid end to end ({length})",
                len(result.layer_ids),
            )
            .format(n=c.count(len(result.layer_ids)), length=c.count(result.length))
        )
        rows = [[r.name, c.count(r.units), _coefficient(c, r.alpha)] for r in result.rows]
        units = c.count(sum(r.units for r in result.rows))
        rows.append([_(ALL_CODES), units, _coefficient(c, result.alpha)])
        rows.append([_(ANY_CODE), units, _coefficient(c, result.binary_alpha)])
        self._caption(_("Agreement on unitizing: Krippendorff's uα (2019)"))
        add_table(
            self.doc,
            [_("Code"), _("Units"), "uα (2019)"],
            rows,
            indents=[r.depth for r in result.rows] + [0, 0],
        )
        self._notes(
            [
                _(
                    "Definition: Krippendorff's uα family (Content Analysis, 4th ed., 2019); "
                    "the 1995/2004 coefficient is a separate table."
                ),
                _("A code's row: uα of that code against all other text."),
                _(
                    "All codes: uα with the codes as values; text one coder coded with several "
                    "codes counts as one combined value."
                ),
                _("Any code vs. uncoded text: |uα, whatever the code."),
            ]
        )

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
                add_text(p, f"«{q.text}»")
                if q.translation:
                    p.add_run("\n")
                    name = language_name(q.translation_language or "", language=self.lang)
                    if self.lang != "en":  # a language's name is not capitalised mid-sentence
                        name = name[:1].lower() + name[1:]
                    label = _("Translation ({language})").format(language=name)
                    add_text(p, f"{label}: «{q.translation}»", italic=True)
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


def _span(first: int, last: int) -> str:
    """``3–4`` for a run of sessions, ``3`` for a run of one."""
    return str(first) if first == last else f"{first}–{last}"


PERCENT_DIGITS = 1
"""Decimals of every percentage cell in the report (``50,0 %`` in ru)."""
COEFFICIENT_DIGITS = 3
"""Decimals of every agreement coefficient (κ, α, PABAK), as on the Analysis screen."""


def _percent(c: CellText, value: float | Fraction | Statistic | None) -> str:
    """A percentage cell (value 0–100) in the language's percent style; a dash if undefined."""
    if value is None or isinstance(value, Undefined):
        return c.statistic(value)
    return c.percent(value, PERCENT_DIGITS)


def _count_percent(c: CellText, count: int, percent: float | None) -> str:
    """``n (p %)`` as in a crosstab cell, the percentage styled like every other."""
    if percent is None:
        return c.count(count)
    return f"{c.count(count)} ({_percent(c, percent)})"


def _coefficient(c: CellText, value: Statistic) -> str:
    """An agreement coefficient with :data:`COEFFICIENT_DIGITS` decimals; a dash if undefined."""
    return c.statistic(value, COEFFICIENT_DIGITS)


def _as_percent(value: Statistic) -> Statistic:
    """A proportion (0–1) as a percentage; undefined values pass through."""
    return value * 100 if isinstance(value, float) else value
