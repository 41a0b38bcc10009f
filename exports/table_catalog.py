"""Every table a project can be exported as (CSV/XLSX), by name.

Names: ``segments`` (one row per coding), ``participants`` (one row per
participant), ``profile`` (Table 1), ``sessions``, ``session_profile``,
``frequencies``, ``crosstab`` (codes × each categorical participant
attribute, one table per attribute), ``code_by_session``, ``cooccurrence``,
``saturation``, ``agreement_presence``, ``agreement_segments``,
``agreement_unitizing`` (Krippendorff's uα family, 2019) and
``agreement_unitizing_2004`` (the 1995/2004 coefficient); the agreement
tables need two coders.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from analysis.agreement import (
    presence_agreement,
    segment_agreement,
    study_unitizing_alpha,
    study_unitizing_alpha_2004,
)
from analysis.cooccurrence import cooccurrence
from analysis.crosstab import code_by_attribute, code_by_session
from analysis.dataset import StudyData
from analysis.frequencies import code_frequencies
from analysis.profile import participant_profile, session_profile, session_table
from analysis.saturation import saturation
from analysis.table import Cell, Table
from analysis.valence import code_by_valence
from analysis.wording import Translator
from exports.report_language import translator, wording
from exports.segments import coded_segments
from exports.shared_results import SharedResults
from storage.errors import N_
from storage.models import Attribute
from storage.pseudonyms import PeopleNames


@dataclass(frozen=True)
class TableContext:
    """How tables name people and which language their own labels use.

    ``shared`` holds the statistics computed so far, so that a report written from the
    same data (:func:`exports.docx_report.write_report_docx` with a workbook) reuses them.
    """

    names: PeopleNames
    language: str = "en"
    shared: SharedResults = field(default_factory=SharedResults, compare=False)


Builder = Callable[[StudyData, TableContext], list[Table]]


def _one(table: Table, key: str) -> list[Table]:
    return [dataclasses.replace(table, key=key)]


def _participants(data: StudyData, context: TableContext) -> list[Table]:
    _ = translator(context.language)
    attributes = [a for a in data.attributes if not a.sensitive]
    real = context.names.real_names
    titles: dict[int, list[str]] = {}
    for link in data.session_participants:
        titles.setdefault(link.participant_id, []).append(data.session_label(link.session_id))
    columns = [_("Participant")]
    if real:
        columns.append(_("Real name"))
    columns += [a.name for a in attributes] + [_("Sessions")]
    rows: list[tuple[Cell, ...]] = []
    for pid, p in sorted(data.participants.items()):
        row: list[Cell] = [p.code]
        if real:
            row.append(p.real_name)
        row += [_attribute_cell(a, p.attributes.get(a.name)) for a in attributes]
        row.append("; ".join(titles.get(pid, [])) or None)
        rows.append(tuple(row))
    return [
        Table(
            key="participants",
            title=_("Participants"),
            unit=_("participants"),
            columns=tuple(columns),
            rows=tuple(rows),
        )
    ]


def _attribute_cell(attribute: Attribute, value: str | None) -> Cell:
    """A participant's attribute value for a table: a number attribute as a number (a
    spreadsheet can then sort and sum it), anything else as its text (None when empty)."""
    if not value:
        return None
    if attribute.type in ("integer", "float"):
        text = value.strip().replace(",", ".")
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return value
    return value


def _crosstabs(data: StudyData, context: TableContext) -> list[Table]:
    tr = wording(context.language)
    out: list[Table] = []
    for a in data.attributes:
        if a.type == "category" and not a.sensitive:
            result = context.shared.of(code_by_attribute, data, a.name)
            out += _one(result.to_table(tr), f"crosstab_{a.name}")
    return out


def _two_coders(data: StudyData) -> list[int]:
    used = {c.coder_id for c in data.codings}
    return sorted(used)


class _Tabular(Protocol):
    def to_table(self, tr: Translator = ...) -> Table: ...


def _result_table(compute: Callable[[StudyData], _Tabular], key: str) -> Builder:
    """A builder of the one table ``compute(data)`` gives, worded in the context's language."""
    return lambda data, context: _one(
        context.shared.of(compute, data).to_table(wording(context.language)), key
    )


def _agreement_table(compute: Callable[[StudyData], _Tabular], key: str) -> Builder:
    """Like :func:`_result_table`, but no table when fewer than two coders have coded."""
    build = _result_table(compute, key)
    return lambda data, context: build(data, context) if len(_two_coders(data)) >= 2 else []


def _segment_agreement(data: StudyData, context: TableContext) -> list[Table]:
    coders = _two_coders(data)
    if len(coders) < 2:
        return []
    result = context.shared.of(segment_agreement, data, coders[0], coders[1], threshold=90)
    return _one(result.to_table(wording(context.language)), "agreement_segments")


TABLES: dict[str, tuple[str, Builder]] = {
    "segments": (
        N_("Coded segments: one row per coding"),
        lambda d, c: _one(coded_segments(d, names=c.names, language=c.language), "segments"),
    ),
    "participants": (N_("Participants and their attributes"), _participants),
    "profile": (N_("Participant profile (Table 1)"), _result_table(participant_profile, "profile")),
    "sessions": (N_("Sessions"), _result_table(session_table, "sessions")),
    "session_profile": (N_("Session profile"), _result_table(session_profile, "session_profile")),
    "frequencies": (N_("Code frequencies"), _result_table(code_frequencies, "frequencies")),
    "crosstab": (N_("Codes × participant attributes"), _crosstabs),
    "code_by_session": (N_("Codes × sessions"), _result_table(code_by_session, "code_by_session")),
    "valence": (N_("Codes × valence"), _result_table(code_by_valence, "valence")),
    "cooccurrence": (N_("Code co-occurrence"), _result_table(cooccurrence, "cooccurrence")),
    "saturation": (N_("Thematic saturation"), _result_table(saturation, "saturation")),
    "agreement_presence": (
        N_("Intercoder agreement: code presence"),
        _agreement_table(presence_agreement, "agreement_presence"),
    ),
    "agreement_segments": (
        N_("Intercoder agreement: segment overlap"),
        _segment_agreement,
    ),
    "agreement_unitizing": (
        N_("Intercoder agreement: unitizing α (uα, 2019)"),
        _agreement_table(study_unitizing_alpha, "agreement_unitizing"),
    ),
    "agreement_unitizing_2004": (
        N_("Intercoder agreement: unitizing α, 1995/2004 definition"),
        _agreement_table(study_unitizing_alpha_2004, "agreement_unitizing_2004"),
    ),
}
"""Table name → (description msgid, builder)."""


def table_names() -> list[str]:
    """Every table name, in catalog order."""
    return list(TABLES)


def build_tables(
    data: StudyData, names: Sequence[str] | None, context: TableContext
) -> list[Table]:
    """The tables called ``names`` (default: all), computed over ``data``.

    Layer texts must be loaded when ``segments`` is asked for. A name whose
    table cannot be made from these data (agreement with one coder) is skipped.
    """
    wanted = list(names) if names else table_names()
    unknown = [n for n in wanted if n not in TABLES]
    if unknown:
        raise KeyError(unknown[0])
    out: list[Table] = []
    for name in wanted:
        out += TABLES[name][1](data, context)
    return out
