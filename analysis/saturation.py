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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from analysis.dataset import StudyData
from analysis.table import Cell, Table
from analysis.undefined import ExactStatistic, Undefined

SaturationMode = Literal["rolling", "disjoint"]
SaturationLevel = Literal["code", "theme"]
DEFAULT_THRESHOLDS: tuple[Fraction, ...] = (Fraction(5), Fraction(0))


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
    """The verdict for one threshold (in percent)."""

    threshold: Fraction
    reached: bool
    sessions_before_run: int | None
    run: SaturationRun | None
    reason: str | None
    run_length: int

    @property
    def label(self) -> str:
        """``"N+r"`` or ``"not reached"``."""
        if self.reached and self.sessions_before_run is not None:
            return f"{self.sessions_before_run}+{self.run_length}"
        return "not reached"


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

    def to_table(self) -> Table:
        """The per-session table; the outcome for each threshold goes in the notes."""
        rows: list[tuple[Cell, ...]] = []
        for s in self.steps:
            run = s.run
            rows.append(
                (
                    s.position,
                    s.label,
                    s.new,
                    s.cumulative,
                    "base" if s.in_base else (f"{run.first}–{run.last}" if run else None),
                    run.new if run else None,
                    run.ratio if run and not isinstance(run.ratio, Undefined) else None,
                    run.percent if run else None,
                )
            )
        unit = "themes" if self.level == "theme" else "codes"
        notes = [
            f"Base: first {self.base} sessions ({self.base_total} {unit}); run length "
            f"{self.run_length}; {self.mode} runs; new information = new {unit} in the run ÷ "
            f"{unit} in the base (Guest, Namey & Chen 2020).",
        ]
        for o in self.outcomes:
            text = f"Threshold ≤{_format_percent(o.threshold)}%: "
            if o.reached and o.run is not None:
                text += (
                    f"saturation at {o.label} (sessions {o.run.first}–{o.run.last} added "
                    f"{o.run.new} new {unit}, {o.run.ratio} of the base)."
                )
            else:
                text += f"not reached ({o.reason})."
            notes.append(text)
        if self.excluded_sessions:
            notes.append(f"{len(self.excluded_sessions)} session(s) without codings were left out.")
        return Table(
            key="saturation",
            title="Thematic saturation",
            unit=f"new {unit} per session",
            columns=(
                "#",
                "Session",
                f"New {unit}",
                f"Cumulative {unit}",
                "Run",
                "New in run",
                "Run ÷ base",
                "Run % of base",
            ),
            rows=tuple(rows),
            notes=tuple(notes),
        )


def as_percent(value: float | int | str | Fraction) -> Fraction:
    """A threshold in percent as an exact fraction (``"2.5"`` → 5/2)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


def _format_percent(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}"


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
    for c in data.codings:
        key = data.root_of(c.code_id) if level == "theme" else c.code_id
        found.setdefault(data.coding_session[c.id], set()).add(key)
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
            else Undefined("the base sessions yielded no codes, so there is no denominator")
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
        reason = f"{total} sessions; a base of {base} and a run of {run} need at least {base + run}"
        return SaturationOutcome(limit, False, None, None, reason, run)
    if base_total == 0:
        return SaturationOutcome(
            limit, False, None, None, "the base sessions yielded no codes", run
        )
    for r in runs:
        assert isinstance(r.ratio, Fraction)
        if r.ratio * 100 <= limit:
            return SaturationOutcome(limit, True, r.first - 1, r, None, run)
    return SaturationOutcome(
        limit, False, None, None, "no run stayed at or below the threshold", run
    )
