"""Code × group crosstabs and the code × session matrix.

``code_by_attribute``: groups are the values of a participant attribute (e.g.
gender); a cell is the number of participants in the group who have the code
(for a theme: any code in its subtree, each participant once), and its column
percentage uses the group's size as denominator.

``code_by_session_field``: groups are the values of a session field (setting,
region, kind, …); the unit is sessions (sessions in the group where the code
occurs) or participants (respondents of the group's sessions who are coded with
the code in one of those sessions).

``code_by_session``: one column per session; cells count segments, codings or
participants of each code in that session.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from analysis.code_sets import CodeSets, own_sets, subtree_sets
from analysis.coding_facts import coding_facts
from analysis.dataset import StudyData
from analysis.table import Cell, Table, percent
from analysis.wording import ENGLISH, SESSION_KIND_NAMES, Translator
from storage.errors import N_

MISSING = N_("(missing)")
"""The group of units without a value (an English msgid; translate it where shown)."""
SESSION_FIELDS = ("kind", "setting", "region", "location", "interviewer", "consent", "languages")
SESSION_FIELD_NAMES: dict[str, str] = {
    "kind": N_("kind"),
    "setting": N_("setting"),
    "region": N_("region"),
    "location": N_("location"),
    "interviewer": N_("interviewer"),
    "consent": N_("consent"),
    "languages": N_("languages"),
}
"""Session field → its name in tables and menus (msgid)."""
CrosstabUnit = Literal["participants", "sessions"]
MatrixMeasure = Literal["segments", "codings", "participants"]


@dataclass(frozen=True)
class Group:
    """One column group: its label and size (the percentage denominator)."""

    label: str
    size: int


@dataclass(frozen=True)
class CrosstabRow:
    """One code's counts per group, and over all groups."""

    code_id: int
    name: str
    depth: int
    is_theme: bool
    cells: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class CrosstabResult:
    """A code × group table of counts with column percentages.

    ``title`` and ``unit`` are English; :meth:`to_table` words the table in the
    reader's language. ``session_field`` is true when the groups are the values of a
    session field (``variable``), false for a participant attribute.
    """

    title: str
    unit: str
    variable: str
    groups: tuple[Group, ...]
    total_size: int
    rows: tuple[CrosstabRow, ...]
    session_field: bool = False

    def percent(self, row: CrosstabRow, group_index: int) -> float | None:
        """A cell as a percentage of its group's size."""
        return percent(row.cells[group_index], self.groups[group_index].size)

    def variable_name(self, tr: Translator = ENGLISH) -> str:
        """The grouping variable as the reader reads it (a session field is translated)."""
        if self.session_field and self.variable in SESSION_FIELD_NAMES:
            return tr.gettext(SESSION_FIELD_NAMES[self.variable])
        return self.variable

    def group_label(self, group: Group, tr: Translator = ENGLISH, *, as_key: bool = False) -> str:
        """A group's label, with "(missing)" and the session kinds translated (``as_key``:
        a kind as stored, ``focus_group``, which names the group in the column keys)."""
        if group.label == MISSING:
            return tr.gettext(MISSING)
        named_by_app = self.session_field and self.variable == "kind" and not as_key
        if named_by_app and group.label in SESSION_KIND_NAMES:
            return tr.gettext(SESSION_KIND_NAMES[group.label])
        return group.label

    def headers(self, tr: Translator = ENGLISH, *, as_keys: bool = False) -> tuple[str, ...]:
        """The column headers: code, then count and % per group, then the total (``as_keys``:
        the column keys, English with each group as stored)."""
        _ = tr.gettext
        columns: list[str] = [_("Code")]
        for g in self.groups:
            label = self.group_label(g, tr, as_key=as_keys)
            columns += [
                _("{group} (n={n})").format(group=label, n=g.size),
                _("{group} %").format(group=label),
            ]
        columns += [_("Total (n={n})").format(n=self.total_size), _("Total %")]
        return tuple(columns)

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """Render with a count and a column-% column per group, then the total."""
        _ = tr.gettext
        rows: list[tuple[Cell, ...]] = []
        for r in self.rows:
            cells: list[Cell] = [r.name]
            for i, n in enumerate(r.cells):
                cells += [n, self.percent(r, i)]
            cells += [r.total, percent(r.total, self.total_size)]
            rows.append(tuple(cells))
        variable = self.variable_name(tr)
        if self.session_field:
            title = _("Codes by session {field}").format(field=variable)
        else:
            title = _("Codes by {attribute}").format(attribute=variable)
        if self.unit == "sessions":
            notes = (
                _(
                    "Cells count sessions in each {variable} group with the code; "
                    "% uses the group's size as denominator."
                ).format(variable=variable),
                _("Theme rows count each session once across the theme's sub-codes."),
            )
            unit = _("sessions")
        else:
            notes = (
                _(
                    "Cells count participants in each {variable} group with the code; "
                    "% uses the group's size as denominator."
                ).format(variable=variable),
                _("Theme rows count each participant once across the theme's sub-codes."),
            )
            unit = _("participants")
        return Table(
            key="crosstab",
            title=title,
            unit=unit,
            columns=self.headers(tr),
            column_keys=self.headers(ENGLISH, as_keys=True),
            rows=tuple(rows),
            notes=notes,
            row_depths=tuple(r.depth for r in self.rows),
        )


def _ordered_values(values: set[str], allowed: Sequence[str], numeric: bool) -> list[str]:
    ordered = [v for v in allowed if v in values]
    rest = sorted(v for v in values if v not in ordered and v != MISSING)
    if numeric:
        rest.sort(key=_numeric_key)
    out = ordered + rest
    if MISSING in values:
        out.append(MISSING)
    return out


def _numeric_key(value: str) -> tuple[int, float, str]:
    try:
        return (0, float(value.replace(",", ".")), value)
    except ValueError:
        return (1, 0.0, value)


def code_by_attribute(
    data: StudyData, attribute: str, *, include_missing: bool = True
) -> CrosstabResult:
    """Participants with each code, per value of a participant attribute."""
    definition = next((a for a in data.attributes if a.name == attribute), None)
    members: dict[str, set[int]] = defaultdict(set)
    for pid in data.participants_in_scope:
        p = data.participants.get(pid)
        value = p.attributes.get(attribute) if p is not None else None
        if value in (None, ""):
            if not include_missing:
                continue
            value = MISSING
        assert value is not None
        members[value].add(pid)
    labels = _ordered_values(
        set(members),
        definition.allowed if definition is not None else (),
        definition is not None and definition.type in ("integer", "float"),
    )
    groups = tuple(Group(v, len(members[v])) for v in labels)
    total_people = set().union(*members.values()) if members else set()
    sets = subtree_sets(data, own_sets(data))
    rows = tuple(
        _row(
            data,
            cid,
            [len(sets[cid].participants & members[v]) for v in labels],
            len(sets[cid].participants & total_people),
        )
        for cid in data.code_order
    )
    return CrosstabResult(
        title=f"Codes by {attribute}",
        unit="participants",
        variable=attribute,
        groups=groups,
        total_size=len(total_people),
        rows=rows,
    )


def _session_value(data: StudyData, session_id: int, field: str) -> str:
    value = getattr(data.sessions[session_id], field)
    if isinstance(value, tuple):
        value = ", ".join(value)
    if value in (None, ""):
        return MISSING
    return str(value)


def code_by_session_field(
    data: StudyData, field: str, *, unit: CrosstabUnit = "sessions"
) -> CrosstabResult:
    """Sessions (or participants) with each code, per value of a session field."""
    if field not in SESSION_FIELDS:
        raise ValueError(f"unknown session field {field!r}; use one of {SESSION_FIELDS}")
    by_value: dict[str, set[int]] = defaultdict(set)
    for sid in data.sessions:
        by_value[_session_value(data, sid, field)].add(sid)
    labels = _ordered_values(set(by_value), (), False)
    sets = subtree_sets(data, own_sets(data, with_pairs=unit == "participants"))
    if unit == "sessions":
        groups = tuple(Group(v, len(by_value[v])) for v in labels)
        total = len(data.sessions)
        rows = tuple(
            _row(
                data,
                cid,
                [len(sets[cid].sessions & by_value[v]) for v in labels],
                len(sets[cid].sessions),
            )
            for cid in data.code_order
        )
    else:
        scope = data.participants_in_scope
        people = {
            v: {p for sid in sids for p in data.respondents.get(sid, ()) if p in scope}
            for v, sids in by_value.items()
        }
        groups = tuple(Group(v, len(people[v])) for v in labels)
        everyone = set().union(*people.values()) if people else set()
        total = len(everyone)
        rows = tuple(
            _row(
                data,
                cid,
                [_people_in(sets[cid], by_value[v]) for v in labels],
                len(sets[cid].participants & everyone),
            )
            for cid in data.code_order
        )
    return CrosstabResult(
        title=f"Codes by session {field}",
        unit=unit,
        variable=field,
        groups=groups,
        total_size=total,
        rows=rows,
        session_field=True,
    )


def _people_in(sets: CodeSets, sessions: set[int]) -> int:
    return len({pid for pid, sid in sets.participant_sessions if sid in sessions})


def _row(data: StudyData, cid: int, cells: list[int], total: int) -> CrosstabRow:
    return CrosstabRow(
        code_id=cid,
        name=data.code_name(cid),
        depth=data.code_depth.get(cid, 0),
        is_theme=data.is_theme(cid),
        cells=tuple(cells),
        total=total,
    )


@dataclass(frozen=True)
class SessionMatrixResult:
    """Code × session counts."""

    measure: MatrixMeasure
    session_ids: tuple[int, ...]
    session_labels: tuple[str, ...]
    rows: tuple[CrosstabRow, ...]

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """One column per session plus a total column."""
        _ = tr.gettext
        notes = {
            "segments": _(
                "Cells count segments of each code in each session; theme rows count "
                "distinct segments across the theme's sub-codes."
            ),
            "codings": _(
                "Cells count codings of each code in each session; theme rows add up the "
                "codings of the theme and its sub-codes."
            ),
            "participants": _(
                "Cells count participants coded with each code in each session; theme rows "
                "count distinct participants across the theme's sub-codes."
            ),
        }
        units = {
            "segments": _("segments"),
            "codings": _("codings"),
            "participants": _("participants"),
        }
        return Table(
            key="code_by_session",
            title=_("Codes by session"),
            unit=units[self.measure],
            columns=(_("Code"), *self.session_labels, _("Total")),
            column_keys=("Code", *self.session_labels, "Total"),
            rows=tuple((r.name, *r.cells, r.total) for r in self.rows),
            notes=(notes[self.measure],),
            row_depths=tuple(r.depth for r in self.rows),
        )


def code_by_session(
    data: StudyData,
    *,
    measure: MatrixMeasure = "segments",
    order: Sequence[int] | Literal["date", "position"] = "date",
    codings: Mapping[tuple[int, int], int] | None = None,
    segments: Iterable[tuple[int, int, tuple[int, int, int]]] | None = None,
) -> SessionMatrixResult:
    """Segments, codings or participants of each code (theme: its subtree) per session.

    ``codings`` ((code, session) → codings, e.g. counted in SQL) or ``segments`` ((code,
    session, (layer, start, end)) per coded segment, e.g. read in SQL) stand in for the
    study's codings when the measure is codings or segments.
    """
    if (codings is not None and measure != "codings") or (
        segments is not None and measure != "segments"
    ):
        raise ValueError(f"counts given that do not fit the measure {measure!r}")
    sessions = data.ordered_sessions(order)
    column = {sid: i for i, sid in enumerate(sessions)}
    own: dict[int, list[set[object]]] = {}
    own_codings: dict[int, list[int]] = {}
    for cid in data.codes:
        own[cid] = [set() for _ in sessions]
        own_codings[cid] = [0] * len(sessions)
    scope = data.participants_in_scope
    if measure == "codings" and codings is not None:
        for (cid, sid), number in codings.items():
            i = column.get(sid)
            if i is not None and cid in own_codings:
                own_codings[cid][i] += number
    if measure == "segments" and segments is not None:
        for cid, sid, segment in segments:
            i = column.get(sid)
            if i is not None and cid in own:
                own[cid][i].add(segment)
    for f in coding_facts(data) if codings is None and segments is None else ():
        i = column.get(f.session_id)
        if i is None:
            continue
        own_codings[f.code_id][i] += 1
        if measure == "segments":
            own[f.code_id][i].add((f.layer_id, f.start, f.end))
        elif measure == "participants":
            own[f.code_id][i].update(p for p in f.participants if p in scope)
    totals: dict[int, list[set[object]]] = {}
    total_codings: dict[int, list[int]] = {}
    for cid in reversed(data.code_order):
        sets = [set(s) for s in own[cid]]
        counts = list(own_codings[cid])
        for kid in data.code_children.get(cid, ()):
            for i in range(len(sessions)):
                sets[i] |= totals[kid][i]
                counts[i] += total_codings[kid][i]
        totals[cid] = sets
        total_codings[cid] = counts
    rows: list[CrosstabRow] = []
    for cid in data.code_order:
        if measure == "codings":
            cells = total_codings[cid]
            total = sum(cells)
        else:
            cells = [len(s) for s in totals[cid]]
            total = len(set().union(*totals[cid])) if sessions else 0
        rows.append(_row(data, cid, cells, total))
    return SessionMatrixResult(
        measure=measure,
        session_ids=tuple(sessions),
        session_labels=tuple(data.session_label(s) for s in sessions),
        rows=tuple(rows),
    )
