"""Code frequencies: segments, codings, participants and sessions per code and theme.

A theme (a code with sub-codes) reports totals over its whole subtree that count
*distinct* segments, participants and sessions — a participant coded with two
sub-codes of a theme counts once for the theme. Theme rows are therefore never
the sum of the rows below them.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.code_rows import row_of_code
from analysis.code_sets import CodeSets, own_sets, subtree_sets
from analysis.dataset import StudyData
from analysis.table import Table, percent, translated
from analysis.wording import ENGLISH, Translator
from storage.errors import N_

COLUMNS = (
    N_("Code"),
    N_("Level"),
    N_("Segments"),
    N_("Codings"),
    N_("Participants"),
    N_("% of participants"),
    N_("Sessions"),
    N_("Path"),
)
"""Column keys (English msgids) of the frequency table."""


@dataclass(frozen=True)
class Counts:
    """Counts for one code: distinct segments, codings, participants, sessions."""

    segments: int
    codings: int
    participants: int
    sessions: int


@dataclass(frozen=True)
class FrequencyRow:
    """One code's own counts and, for a theme, its subtree totals."""

    code_id: int
    name: str
    path: str
    depth: int
    is_theme: bool
    own: Counts
    total: Counts
    participant_percent: float | None
    """``total.participants`` as a percentage of the participants in scope."""


@dataclass(frozen=True)
class FrequencyResult:
    """Frequencies for every code, in code-tree order."""

    rows: tuple[FrequencyRow, ...]
    participants_in_scope: int
    sessions_in_scope: int

    def row(self, code_id: int) -> FrequencyRow:
        """The row for ``code_id``."""
        return row_of_code(self.rows, code_id)

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """Render as a :class:`Table` (theme rows show subtree totals)."""
        _ = tr.gettext
        theme, code = _("theme"), _("code")
        rows = tuple(
            (
                r.name,
                theme if r.is_theme else code,
                r.total.segments,
                r.total.codings,
                r.total.participants,
                r.participant_percent,
                r.total.sessions,
                r.path,
            )
            for r in self.rows
        )
        n = self.participants_in_scope
        return Table(
            key="frequencies",
            title=_("Code frequencies"),
            unit=_("segments, codings, participants, sessions"),
            columns=translated(tr, COLUMNS),
            column_keys=COLUMNS,
            rows=rows,
            notes=(
                _(
                    "Segments are distinct coded spans (layer, start, end); codings are code "
                    "applications by any coder."
                ),
                _(
                    "Theme rows count distinct segments, participants and sessions across the "
                    "theme and all its sub-codes; they are not sums of the rows below."
                ),
                tr.ngettext(
                    "Participants are respondents who speak in coded utterances; "
                    "% of the {n} participant in scope.",
                    "Participants are respondents who speak in coded utterances; "
                    "% of the {n} participants in scope.",
                    n,
                ).format(n=n),
            ),
            row_depths=tuple(r.depth for r in self.rows),
        )


def _counts(s: CodeSets) -> Counts:
    return Counts(len(s.segments), s.codings, len(s.participants), len(s.sessions))


def code_frequencies(data: StudyData) -> FrequencyResult:
    """Frequencies for every code in ``data`` (filter the data first to restrict)."""
    own = own_sets(data)
    total = subtree_sets(data, own)
    n_people = len(data.participants_in_scope)
    rows = tuple(
        FrequencyRow(
            code_id=cid,
            name=data.code_name(cid),
            path=data.code_path(cid),
            depth=data.code_depth.get(cid, 0),
            is_theme=data.is_theme(cid),
            own=_counts(own[cid]),
            total=_counts(total[cid]),
            participant_percent=percent(len(total[cid].participants), n_people),
        )
        for cid in data.code_order
    )
    return FrequencyResult(rows, n_people, len(data.sessions))
