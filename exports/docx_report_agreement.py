"""Intercoder agreement sections of the Word study report.

Code presence per document (percent agreement, Cohen's or Fleiss' κ,
Krippendorff's α, PABAK), segment overlap between the first two coders, and
Krippendorff's unitizing uα (2019), each with its unit of analysis stated.
"""

from __future__ import annotations

from analysis.agreement import presence_agreement, segment_agreement, study_unitizing_alpha
from analysis.agreement.unitizing import ALL_CODES, ANY_CODE
from exports.docx_common import add_paragraph
from exports.docx_report_base import ReportBase, as_percent, coefficient_cell, percent_cell
from exports.report_language import wording


class AgreementSections(ReportBase):
    """The report's agreement section."""

    def _agreement(self) -> None:
        _ = self.tr
        c = self.cells
        presence = self.shared.of(presence_agreement, self.data)
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
                    percent_cell(c, as_percent(s.percent)),
                    coefficient_cell(c, s.cohen if two else s.fleiss),
                    coefficient_cell(c, s.alpha),
                    coefficient_cell(c, s.brennan_prediger),
                ]
            )
        if presence.pooled is not None:
            s = presence.pooled
            rows.append(
                [
                    _("All codes (pooled)"),
                    percent_cell(c, as_percent(s.percent)),
                    coefficient_cell(c, s.cohen if two else s.fleiss),
                    coefficient_cell(c, s.alpha),
                    coefficient_cell(c, s.brennan_prediger),
                ]
            )
        self._code_table(_("Agreement on code presence per document"), header, rows, presence.rows)
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
        segments = self.shared.of(
            segment_agreement, self.data, first, second, threshold=self.options.segment_threshold
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
                percent_cell(c, as_percent(r.percent)),
                coefficient_cell(c, r.kappa),
            ]
            for r in [*segments.rows, segments.pooled]
        ]
        self._code_table(
            _("Agreement on coded segments"),
            [_("Code"), _("Agreements"), _("Disagreements"), _("% agreement"), "κ"],
            rows,
            segments.rows,
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
        result = self.shared.of(study_unitizing_alpha, self.data)
        self._unit(
            wording(self.lang)
            .ngettext(
                "characters of {n} layer coded by every coder, laid end to end ({length})",
                "characters of {n} layers coded by every coder, laid end to end ({length})",
                len(result.layer_ids),
            )
            .format(n=c.count(len(result.layer_ids)), length=c.count(result.length))
        )
        rows = [[r.name, c.count(r.units), coefficient_cell(c, r.alpha)] for r in result.rows]
        units = c.count(sum(r.units for r in result.rows))
        rows.append([_(ALL_CODES), units, coefficient_cell(c, result.alpha)])
        rows.append([_(ANY_CODE), units, coefficient_cell(c, result.binary_alpha)])
        self._code_table(
            _("Agreement on unitizing: Krippendorff's uα (2019)"),
            [_("Code"), _("Units"), "uα (2019)"],
            rows,
            result.rows,
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
