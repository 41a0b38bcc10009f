"""Thematic saturation after Guest, Namey & Chen (2020).

Sessions are taken in the order they were conducted. The *base* is the first
``base`` sessions; its size in codes (the number of distinct codes found in the
base) is the fixed denominator. A *run* is ``run`` consecutive sessions after the
base; the new information in a run is the number of codes first seen in that run
divided by the base's number of codes. Rolling runs advance one session at a
time (sessions b+1..b+r, b+2..b+r+1, …); disjoint runs jump by the run length
(b+1..b+r, b+r+1..b+2r, …). Saturation is reached at the first run whose new
information is at or below the threshold (≤ 5 % or 0 %); it is reported as
``N+r``: N sessions before that run, confirmed by the r sessions of the run.

All ratios are exact :class:`fractions.Fraction` values. See docs/statistics.md
for a worked example.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from analysis.coding_facts import coding_facts
from analysis.dataset import StudyData
from analysis.saturation_options import DEFAULT_THRESHOLDS, SaturationMode
from analysis.table import Cell, Table, translated
from analysis.undefined import ExactStatistic, Undefined
from analysis.wording import ENGLISH, Translator, plain_number
from storage.errors import N_

SaturationLevel = Literal["code", "theme"]
NO_BASE_CODES = N_("the base sessions yielded no codes")
NO_RUN_BELOW = N_("no run stayed at or below the threshold")
CODE_COLUMNS = (
    "#",
    N_("Session"),
    N_("New codes"),
    N_("Cumulative codes"),
    N_("Run"),
    N_("New in run"),
    N_("Run ÷ base"),
    N_("Run % of base"),
)
"""Column keys (English msgids) of the saturation table over codes."""
THEME_COLUMNS = (
    "#",
    N_("Session"),
    N_("New themes"),
    N_("Cumulative themes"),
    N_("Run"),
    N_("New in run"),
    N_("Run ÷ base"),
    N_("Run % of base"),
)
"""Column keys of the saturation table over themes."""


@dataclass(frozen=True)
class SaturationRun:
    """A run of sessions (1-based positions, inclusive) and its new information."""

    first: int
    last: int
    new: int
    ratio: ExactStatistic
    """New codes in the run divided by the number of codes in the base."""

    @property
    def percent(self) -> float | None:
        """The ratio as a percentage (``None`` when undefined)."""
        return None if isinstance(self.ratio, Undefined) else float(self.ratio * 100)


@dataclass(frozen=True)
class SaturationStep:
    """One session in order: how many codes it added and the running total."""

    position: int
    session_id: int | None
    label: str
    new: int
    cumulative: int
    new_codes: tuple[int, ...]
    in_base: bool
    run: SaturationRun | None
    """The run that ends at this session, if any."""


@dataclass(frozen=True)
class SaturationOutcome:
    """The verdict for one threshold (in percent).

    ``reason`` says in English why saturation was not reached; :meth:`reason_text`
    gives it in the reader's language. ``shortage`` is ``(sessions, base, run)`` when
    there were too few sessions for one run.
    """

    threshold: Fraction
    reached: bool
    sessions_before_run: int | None
    run: SaturationRun | None
    reason: str | None
    run_length: int
    shortage: tuple[int, int, int] | None = None

    @property
    def label(self) -> str:
        """``"N+r"`` or ``"not reached"``."""
        return self.label_text()

    def label_text(self, tr: Translator = ENGLISH) -> str:
        """``"N+r"``, or "not reached" in the reader's language."""
        if self.reached and self.sessions_before_run is not None:
            return f"{self.sessions_before_run}+{self.run_length}"
        return tr.gettext("not reached")

    def reason_text(self, tr: Translator = ENGLISH) -> str | None:
        """Why saturation was not reached, in the reader's language (None when reached)."""
        if self.shortage is not None:
            return _shortage_text(self.shortage, tr)
        return tr.gettext(self.reason) if self.reason else None


def _shortage_text(shortage: tuple[int, int, int], tr: Translator) -> str:
    total, base, run = shortage
    return tr.ngettext(
        "{total} session; a base of {base} and a run of {run} need at least {need}",
        "{total} sessions; a base of {base} and a run of {run} need at least {need}",
        total,
    ).format(total=total, base=base, run=run, need=base + run)


@dataclass(frozen=True)
class SaturationResult:
    """Per-session table, all runs, and the outcome for each threshold."""

    base: int
    run_length: int
    mode: SaturationMode
    level: SaturationLevel
    base_total: int
    steps: tuple[SaturationStep, ...]
    runs: tuple[SaturationRun, ...]
    outcomes: tuple[SaturationOutcome, ...]
    excluded_sessions: tuple[int, ...] = ()

    def outcome(self, threshold: float | int | str | Fraction) -> SaturationOutcome:
        """The outcome for a threshold given in percent."""
        wanted = as_percent(threshold)
        for o in self.outcomes:
            if o.threshold == wanted:
                return o
        raise KeyError(threshold)

    @property
    def label(self) -> str:
        """The first threshold's outcome as ``"N+r"`` or ``"not reached"``."""
        return self.outcomes[0].label if self.outcomes else "not reached"

    def label_text(self, tr: Translator = ENGLISH) -> str:
        """:attr:`label` in the reader's language."""
        return self.outcomes[0].label_text(tr) if self.outcomes else tr.gettext("not reached")

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """The per-session table; the outcome for each threshold goes in the notes."""
        _ = tr.gettext
        base_cell = _("base")
        rows: list[tuple[Cell, ...]] = []
        for s in self.steps:
            run = s.run
            rows.append(
                (
                    s.position,
                    s.label,
                    s.new,
                    s.cumulative,
                    base_cell if s.in_base else (f"{run.first}–{run.last}" if run else None),
                    run.new if run else None,
                    run.ratio if run and not isinstance(run.ratio, Undefined) else None,
                    run.percent if run else None,
                )
            )
        themes = self.level == "theme"
        columns = THEME_COLUMNS if themes else CODE_COLUMNS
        return Table(
            key="saturation",
            title=_("Thematic saturation"),
            unit=_("new themes per session") if themes else _("new codes per session"),
            columns=translated(tr, columns),
            column_keys=columns,
            rows=tuple(rows),
            notes=tuple(self._notes(tr)),
        )

    def _notes(self, tr: Translator) -> list[str]:
        _ = tr.gettext
        themes = self.level == "theme"
        notes = [
            tr.ngettext(
                "Base: the first {n} session.", "Base: the first {n} sessions.", self.base
            ).format(n=self.base),
            (
                tr.ngettext(
                    "The base contains {n} theme.", "The base contains {n} themes.", self.base_total
                )
                if themes
                else tr.ngettext(
                    "The base contains {n} code.", "The base contains {n} codes.", self.base_total
                )
            ).format(n=self.base_total),
            _("Run length: {run}.").format(run=self.run_length),
            _("Runs are rolling: each run starts one session after the previous one.")
            if self.mode == "rolling"
            else _("Runs are disjoint: each run starts after the previous one ends."),
            (
                _(
                    "New information = new themes in a run ÷ themes in the base "
                    "(Guest, Namey & Chen 2020)."
                )
                if themes
                else _(
                    "New information = new codes in a run ÷ codes in the base "
                    "(Guest, Namey & Chen 2020)."
                )
            ),
        ]
        for o in self.outcomes:
            threshold = plain_number(o.threshold)
            if o.reached and o.run is not None:
                if themes:
                    text = tr.ngettext(
                        "Threshold ≤{threshold}%: saturation at {label} (sessions {first}–{last} "
                        "added {n} new theme, {ratio} of the base).",
                        "Threshold ≤{threshold}%: saturation at {label} (sessions {first}–{last} "
                        "added {n} new themes, {ratio} of the base).",
                        o.run.new,
                    )
                else:
                    text = tr.ngettext(
                        "Threshold ≤{threshold}%: saturation at {label} (sessions {first}–{last} "
                        "added {n} new code, {ratio} of the base).",
                        "Threshold ≤{threshold}%: saturation at {label} (sessions {first}–{last} "
                        "added {n} new codes, {ratio} of the base).",
                        o.run.new,
                    )
                notes.append(
                    text.format(
                        threshold=threshold,
                        label=o.label_text(tr),
                        first=o.run.first,
                        last=o.run.last,
                        n=o.run.new,
                        ratio=o.run.ratio,
                    )
                )
            else:
                notes.append(
                    _("Threshold ≤{threshold}%: not reached ({reason}).").format(
                        threshold=threshold, reason=o.reason_text(tr) or _("not reached")
                    )
                )
        if self.excluded_sessions:
            n = len(self.excluded_sessions)
            notes.append(
                tr.ngettext(
                    "{n} session without codings was left out.",
                    "{n} sessions without codings were left out.",
                    n,
                ).format(n=n)
            )
        return notes


def as_percent(value: float | int | str | Fraction) -> Fraction:
    """A threshold in percent as an exact fraction (``"2.5"`` → 5/2)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


def saturation_from_counts(
    counts: Sequence[int],
    *,
    base: int = 4,
    run: int = 2,
    thresholds: Iterable[float | int | str | Fraction] = DEFAULT_THRESHOLDS,
    mode: SaturationMode = "rolling",
    labels: Sequence[str] | None = None,
) -> SaturationResult:
    """Saturation from a plain list of new-code counts per session (to check a published table)."""
    if any(c < 0 for c in counts):
        raise ValueError("new-code counts cannot be negative")
    names = list(labels) if labels is not None else [str(i + 1) for i in range(len(counts))]
    return _assess(
        [(None, names[i], counts[i], ()) for i in range(len(counts))],
        base=base,
        run=run,
        thresholds=thresholds,
        mode=mode,
        level="code",
    )


def saturation(
    data: StudyData,
    *,
    base: int = 4,
    run: int = 2,
    thresholds: Iterable[float | int | str | Fraction] = DEFAULT_THRESHOLDS,
    mode: SaturationMode = "rolling",
    order: Literal["date", "position"] | Sequence[int] = "date",
    level: SaturationLevel = "code",
) -> SaturationResult:
    """Saturation from the study's codings: new codes per session, in session order.

    ``order`` is "date" (undated sessions last), "position", or an explicit list
    of session ids. With "date"/"position", sessions without any coding are left
    out (they are not yet coded) and listed in ``excluded_sessions``; an explicit
    list is used as given. ``level="theme"`` counts top-level themes instead of codes.
    """
    found: dict[int, set[int]] = {}
    for f in coding_facts(data):
        found.setdefault(f.session_id, set()).add(f.code_id)
    return saturation_of_sessions(
        data, found, base=base, run=run, thresholds=thresholds, mode=mode, order=order, level=level
    )


def saturation_of_sessions(
    data: StudyData,
    codes_by_session: Mapping[int, Collection[int]],
    *,
    base: int = 4,
    run: int = 2,
    thresholds: Iterable[float | int | str | Fraction] = DEFAULT_THRESHOLDS,
    mode: SaturationMode = "rolling",
    order: Literal["date", "position"] | Sequence[int] = "date",
    level: SaturationLevel = "code",
) -> SaturationResult:
    """:func:`saturation` from the codes coded in each session (session id → code ids).

    ``data`` needs only the codes and sessions: a caller may count the codes per session
    in SQL (``store.counts.codes_by_session``) instead of loading every coding.
    Sessions not in ``data`` are ignored.
    """
    found: dict[int, set[int]] = {}
    for sid, codes in codes_by_session.items():
        if sid in data.sessions and codes:
            found[sid] = {data.root_of(c) for c in codes} if level == "theme" else set(codes)
    sessions = data.ordered_sessions(order)
    excluded: tuple[int, ...] = ()
    if isinstance(order, str):
        excluded = tuple(s for s in sessions if s not in found)
        sessions = [s for s in sessions if s in found]
    seen: set[int] = set()
    items: list[tuple[int | None, str, int, tuple[int, ...]]] = []
    for sid in sessions:
        fresh = found.get(sid, set()) - seen
        seen |= fresh
        ordered = tuple(cid for cid in data.code_order if cid in fresh)
        items.append((sid, data.session_label(sid), len(fresh), ordered))
    result = _assess(items, base=base, run=run, thresholds=thresholds, mode=mode, level=level)
    return SaturationResult(
        result.base,
        result.run_length,
        result.mode,
        result.level,
        result.base_total,
        result.steps,
        result.runs,
        result.outcomes,
        excluded,
    )


def _assess(
    items: list[tuple[int | None, str, int, tuple[int, ...]]],
    *,
    base: int,
    run: int,
    thresholds: Iterable[float | int | str | Fraction],
    mode: SaturationMode,
    level: SaturationLevel,
) -> SaturationResult:
    if base < 1 or run < 1:
        raise ValueError("base size and run length must be at least 1")
    if mode not in ("rolling", "disjoint"):
        raise ValueError(f"unknown run mode {mode!r}")
    limits = tuple(as_percent(t) for t in thresholds)
    if any(t < 0 for t in limits):
        raise ValueError("thresholds cannot be negative")
    counts = [n for _, _, n, _ in items]
    total = len(counts)
    base_total = sum(counts[:base])

    runs: list[SaturationRun] = []
    start = base  # 0-based index of the run's first session
    while start + run <= total:
        new = sum(counts[start : start + run])
        ratio: ExactStatistic = (
            Fraction(new, base_total)
            if base_total
            else Undefined(N_("the base sessions yielded no codes, so there is no denominator"))
        )
        runs.append(SaturationRun(start + 1, start + run, new, ratio))
        start += 1 if mode == "rolling" else run
    by_last = {r.last: r for r in runs}

    steps: list[SaturationStep] = []
    cumulative = 0
    for i, (sid, label, new, codes) in enumerate(items):
        cumulative += new
        steps.append(
            SaturationStep(i + 1, sid, label, new, cumulative, codes, i < base, by_last.get(i + 1))
        )

    outcomes: list[SaturationOutcome] = []
    for limit in limits:
        outcomes.append(_outcome(limit, runs, total, base, run, base_total))
    return SaturationResult(
        base, run, mode, level, base_total, tuple(steps), tuple(runs), tuple(outcomes)
    )


def _outcome(
    limit: Fraction,
    runs: list[SaturationRun],
    total: int,
    base: int,
    run: int,
    base_total: int,
) -> SaturationOutcome:
    if total < base + run:
        shortage = (total, base, run)
        reason = _shortage_text(shortage, ENGLISH)
        return SaturationOutcome(limit, False, None, None, reason, run, shortage)
    if base_total == 0:
        return SaturationOutcome(limit, False, None, None, NO_BASE_CODES, run)
    for r in runs:
        assert isinstance(r.ratio, Fraction)
        if r.ratio * 100 <= limit:
            return SaturationOutcome(limit, True, r.first - 1, r, None, run)
    return SaturationOutcome(limit, False, None, None, NO_RUN_BELOW, run)
