"""Participant profile (a study's Table 1) and the sessions table.

Category and text attributes get counts per value with the percentage of
participants; integer and float attributes get n, mean, standard deviation
(sample SD, n − 1), median and range; dates get their range. Values that are
empty are counted as missing; numeric values that do not parse are reported in
a note and treated as missing.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from analysis.crosstab import MISSING
from analysis.dataset import SessionOrder, StudyData
from analysis.table import Cell, Table, percent, stat_cell, translated, undefined_notes
from analysis.undefined import Statistic, Undefined
from analysis.wording import ENGLISH, SESSION_KIND_NAMES, Translator
from storage.errors import N_

PROFILE_COLUMNS = (
    N_("Variable"),
    N_("Value"),
    "n",
    "%",
    N_("Mean"),
    N_("SD"),
    N_("Median"),
    N_("Min"),
    N_("Max"),
)
"""Column keys (English msgids) of a profile table."""

SESSION_KIND = N_("kind")
"""The session profile's variable for the session kind (an English msgid)."""


@dataclass(frozen=True)
class CategoryStat:
    """Counts per value of a categorical (or text) variable."""

    name: str
    counts: tuple[tuple[str, int], ...]
    n: int
    missing: int


@dataclass(frozen=True)
class NumericStat:
    """Summary of a numeric variable."""

    name: str
    n: int
    missing: int
    mean: Statistic
    sd: Statistic
    median: Statistic
    minimum: Statistic
    maximum: Statistic
    unparsed: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateStat:
    """The range of a date variable (ISO dates sort as text)."""

    name: str
    n: int
    missing: int
    first: str | None
    last: str | None


VariableStat = CategoryStat | NumericStat | DateStat


@dataclass(frozen=True)
class ProfileResult:
    """Summaries of every variable over ``n`` units (participants or sessions).

    ``title`` and ``unit`` are English msgids. ``named_by_app`` is true when the
    variables are the app's own fields (the session profile), whose names and
    values are translated in :meth:`to_table`; attribute names and values that users
    typed are shown as they are.
    """

    title: str
    unit: str
    n: int
    variables: tuple[VariableStat, ...]
    named_by_app: bool = False
    left_out: int = 0
    """Participants of the project not in scope (not respondents of the sessions counted),
    so not summarised: the notes say how many."""

    def variable(self, name: str) -> VariableStat:
        """The summary for one variable."""
        for v in self.variables:
            if v.name == name:
                return v
        raise KeyError(name)

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """One row per category value or numeric variable."""
        _ = tr.gettext
        rows: list[tuple[Cell, ...]] = []
        undefined: list[tuple[str, object]] = []
        for v in self.variables:
            name = self._name(v.name, tr)
            if isinstance(v, CategoryStat):
                for value, count in v.counts:
                    rows.append(
                        (
                            name,
                            self._value(v.name, value, tr),
                            count,
                            percent(count, self.n),
                            None,
                            None,
                            None,
                            None,
                            None,
                        )
                    )
                if v.missing:
                    rows.append(
                        (
                            name,
                            _(MISSING),
                            v.missing,
                            percent(v.missing, self.n),
                            None,
                            None,
                            None,
                            None,
                            None,
                        )
                    )
            elif isinstance(v, NumericStat):
                rows.append(
                    (
                        name,
                        None,
                        v.n,
                        None,
                        stat_cell(v.mean),
                        stat_cell(v.sd),
                        stat_cell(v.median),
                        stat_cell(v.minimum),
                        stat_cell(v.maximum),
                    )
                )
                undefined.append((_("SD of {variable}").format(variable=name), v.sd))
                undefined.append((_("Mean of {variable}").format(variable=name), v.mean))
            else:
                rows.append((name, None, v.n, None, None, None, None, v.first, v.last))
        if self.unit == "sessions":
            first = tr.ngettext(
                "n = {n} session; % of all sessions.",
                "n = {n} sessions; % of all sessions.",
                self.n,
            )
        elif not self.left_out:
            first = tr.ngettext(
                "n = {n} participant; % of all participants.",
                "n = {n} participants; % of all participants.",
                self.n,
            )
        else:
            first = tr.ngettext(
                "n = {n} participant in scope; % of them.",
                "n = {n} participants in scope; % of them.",
                self.n,
            )
        notes = [first.format(n=self.n)]
        if self.left_out:
            notes.append(
                tr.ngettext(
                    "{n} more participant of the project is not a respondent in the sessions "
                    "counted (linked to one, or speaking in its transcripts) and is left out.",
                    "{n} more participants of the project are not respondents in the sessions "
                    "counted (linked to one, or speaking in its transcripts) and are left out.",
                    self.left_out,
                ).format(n=self.left_out)
            )
        notes.append(_("SD is the sample standard deviation (n − 1)."))
        notes.extend(undefined_notes(undefined, tr))
        for v in self.variables:
            if isinstance(v, NumericStat) and v.unparsed:
                notes.append(
                    _("{variable}: not a number, left out: {values}.").format(
                        variable=self._name(v.name, tr), values=", ".join(v.unparsed)
                    )
                )
        return Table(
            key="profile",
            title=_(self.title),
            unit=_(self.unit),
            columns=translated(tr, PROFILE_COLUMNS),
            column_keys=PROFILE_COLUMNS,
            rows=tuple(rows),
            notes=tuple(notes),
        )

    def _name(self, name: str, tr: Translator) -> str:
        return tr.gettext(name) if self.named_by_app else name

    def _value(self, variable: str, value: str, tr: Translator) -> str:
        if self.named_by_app and variable == SESSION_KIND and value in SESSION_KIND_NAMES:
            return tr.gettext(SESSION_KIND_NAMES[value])
        return value


def summarize_numeric(name: str, raw: Iterable[str | float | int | None]) -> NumericStat:
    """n, mean, sample SD, median and range of the values that parse as numbers."""
    values: list[float] = []
    missing = 0
    unparsed: list[str] = []
    for item in raw:
        if item is None or (isinstance(item, str) and not item.strip()):
            missing += 1
            continue
        if isinstance(item, str):
            try:
                values.append(float(item.strip().replace(",", ".")))
            except ValueError:
                unparsed.append(item)
                missing += 1
            continue
        values.append(float(item))
    if not values:
        none = Undefined(N_("no values"))
        return NumericStat(name, 0, missing, none, none, none, none, none, tuple(unparsed))
    sd: Statistic = (
        statistics.stdev(values)
        if len(values) > 1
        else Undefined(N_("a standard deviation needs at least two values"))
    )
    return NumericStat(
        name,
        len(values),
        missing,
        statistics.fmean(values),
        sd,
        statistics.median(values),
        _whole_float(min(values)),
        _whole_float(max(values)),
        tuple(unparsed),
    )


def summarize_category(
    name: str, raw: Iterable[str | None], allowed: Sequence[str] = ()
) -> CategoryStat:
    """Counts per value, allowed values first in their order, then the rest sorted."""
    counter: Counter[str] = Counter()
    missing = 0
    for item in raw:
        if item is None or not item.strip():
            missing += 1
        else:
            counter[item] += 1
    ordered = [(v, counter[v]) for v in allowed if counter[v]]
    seen = {v for v, _ in ordered}
    ordered += sorted(((v, n) for v, n in counter.items() if v not in seen), key=lambda t: t[0])
    return CategoryStat(name, tuple(ordered), sum(counter.values()), missing)


def participant_profile(data: StudyData, *, include_sensitive: bool = False) -> ProfileResult:
    """Table 1: every attribute summarised over the participants in scope."""
    people = [
        data.participants[p] for p in sorted(data.participants_in_scope) if p in data.participants
    ]
    variables: list[VariableStat] = []
    for a in data.attributes:
        if a.sensitive and not include_sensitive:
            continue
        raw = [p.attributes.get(a.name) for p in people]
        if a.type in ("integer", "float"):
            variables.append(summarize_numeric(a.name, raw))
        elif a.type == "date":
            present = [v for v in raw if v]
            variables.append(
                DateStat(
                    a.name,
                    len(present),
                    len(raw) - len(present),
                    min(present, default=None),
                    max(present, default=None),
                )
            )
        else:
            variables.append(summarize_category(a.name, raw, a.allowed))
    return ProfileResult(
        N_("Participant profile"),
        N_("participants"),
        len(people),
        tuple(variables),
        left_out=len(data.participants) - len(people),
    )


def session_participant_count(data: StudyData, session_id: int) -> int | None:
    """The session's stated participant count, else the number of linked respondents."""
    s = data.sessions[session_id]
    if s.participant_count is not None:
        return s.participant_count
    linked = data.respondents.get(session_id)
    return len(linked) if linked is not None else None


@dataclass(frozen=True)
class SessionTable:
    """One row per session, in the order conducted."""

    session_ids: tuple[int, ...]
    rows: tuple[tuple[Cell, ...], ...]

    COLUMNS = (
        N_("Session"),
        N_("Kind"),
        N_("Date"),
        N_("Location"),
        N_("Setting"),
        N_("Region"),
        N_("Languages"),
        N_("Participants"),
        N_("Duration (min)"),
        N_("Interviewer"),
    )

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """Render as a :class:`Table` (session kinds in the reader's language)."""
        _ = tr.gettext
        kinds = {kind: _(name) for kind, name in SESSION_KIND_NAMES.items()}
        rows = tuple(
            (row[0], kinds.get(row[1], row[1]) if isinstance(row[1], str) else row[1], *row[2:])
            for row in self.rows
        )
        return Table(
            key="sessions",
            title=_("Sessions"),
            unit=_("sessions"),
            columns=translated(tr, self.COLUMNS),
            column_keys=self.COLUMNS,
            rows=rows,
            notes=(
                _(
                    "Participants: the number recorded for the session, else the respondents "
                    "linked to it."
                ),
            ),
        )


def session_table(data: StudyData, order: SessionOrder | Sequence[int] = "date") -> SessionTable:
    """The sessions register (e.g. a focus-group table: location, setting, date, …)."""
    ids = data.ordered_sessions(order)
    rows = []
    for sid in ids:
        s = data.sessions[sid]
        rows.append(
            (
                data.session_label(sid),
                s.kind,
                s.date,
                s.location,
                s.setting,
                s.region,
                ", ".join(s.languages) or None,
                session_participant_count(data, sid),
                _whole(s.duration_min),
                s.interviewer,
            )
        )
    return SessionTable(tuple(ids), tuple(rows))


def _whole_float(value: float) -> float:
    """``value`` as an int when it is a whole number (an int is a float to the type system)."""
    return int(value) if value.is_integer() else value


def _whole(value: float | None) -> float | int | None:
    """A number as a whole number when it is one: a duration of 120 minutes, an age of 24
    (tables write other floats with decimals: ``120.000``)."""
    return None if value is None else _whole_float(value)


def session_profile(data: StudyData) -> ProfileResult:
    """Sessions summarised: counts per kind/setting/region, duration and size statistics."""
    sessions = [data.sessions[sid] for sid in data.ordered_sessions("date")]
    variables: list[VariableStat] = [
        summarize_category(SESSION_KIND, [s.kind for s in sessions]),
        summarize_category(N_("setting"), [s.setting for s in sessions]),
        summarize_category(N_("region"), [s.region for s in sessions]),
        summarize_category(N_("location"), [s.location for s in sessions]),
    ]
    dates = [s.date for s in sessions if s.date]
    variables.append(
        DateStat(
            N_("date"),
            len(dates),
            len(sessions) - len(dates),
            min(dates, default=None),
            max(dates, default=None),
        )
    )
    variables.append(summarize_numeric(N_("duration (min)"), [s.duration_min for s in sessions]))
    variables.append(
        summarize_numeric(
            N_("participants"), [session_participant_count(data, s.id) for s in sessions]
        )
    )
    return ProfileResult(
        N_("Session profile"), N_("sessions"), len(sessions), tuple(variables), named_by_app=True
    )
