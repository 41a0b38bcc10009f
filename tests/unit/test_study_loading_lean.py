"""Statistics read the utterances' spans as columns: same indexes and tables as before.

``load_study(..., with_utterances=False)`` builds :class:`StudyData` from
``store.transcripts.utterance_spans()`` instead of one ``Utterance`` per turn. These
tests compare it, on real projects, with the full load and with a plain reference of
the rule (who speaks in the utterances a coding overlaps), and check that statistics
no longer read utterance rows or layer texts they do not use.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from export_study import build_study
from query_trace import traced
from redaction_study import REDACTION_LIST

from analysis.dataset import StudyData
from exports.redacted_view import RedactedStore
from exports.redaction import Redactor
from exports.study.analysis_request import (
    KINDS,
    Filters,
    StatsRequest,
    apply_filters,
    compute,
    compute_from_data,
)
from exports.study.loading import load_coding_facts, load_study
from storage import Store


def _reference_participants(store: Store) -> dict[int, frozenset[int]]:
    """Coding id → respondents speaking in the utterances it overlaps (the documented rule)."""
    sessions = {t.id: t.session_id for t in store.transcripts.all()}
    layer_session = {la.id: sessions[la.transcript_id] for la in store.transcripts.layers()}
    roles = {(sp.session_id, sp.participant_id): sp.role for sp in store.sessions.participants()}
    linked = {sp.session_id for sp in store.sessions.participants()}
    utterances = store.transcripts.utterances()
    respondents: dict[int, set[int]] = {}
    for sp in store.sessions.participants():
        if sp.role == "respondent":
            respondents.setdefault(sp.session_id, set()).add(sp.participant_id)
    for u in utterances:
        sid = sessions[u.transcript_id]
        if u.participant_id is not None and sid not in linked:
            respondents.setdefault(sid, set()).add(u.participant_id)
    out: dict[int, frozenset[int]] = {}
    for c in store.codings.all():
        sid = layer_session[c.layer_id]
        people = set()
        for u in utterances:
            span = u.spans.get(c.layer_id)
            if span is None or u.participant_id is None:
                continue
            start, end = span
            overlaps = (
                start < c.end and end > c.start if c.end > c.start else start <= c.start < end
            )
            if overlaps and roles.get((sid, u.participant_id), "respondent") == "respondent":
                people.add(u.participant_id)
        sole = respondents.get(sid, set())
        out[c.id] = frozenset(people or (sole if len(sole) == 1 else ()))
    return out


def _same_indexes(lean: StudyData, full: StudyData) -> None:
    assert lean.utterances == {}
    assert full.utterances
    for name in (
        "codings",
        "coding_session",
        "coding_utterances",
        "coding_participants",
        "respondents",
        "roles",
        "participants_in_scope",
        "layer_length",
        "layer_session",
        "code_order",
    ):
        assert getattr(lean, name) == getattr(full, name), name


def _same_tables(lean: StudyData, full: StudyData) -> None:
    for kind in KINDS:
        extra = {"attribute": "gender"} if kind == "crosstab" else {}
        request = StatsRequest(kind=kind, **extra)  # type: ignore[arg-type]
        assert compute_from_data(lean, request) == compute_from_data(full, request), kind


@pytest.mark.parametrize("project", ["demo", "export_study"])
def test_lean_load_gives_the_same_indexes_and_tables(
    project: str, demo_path: Path, tmp_path: Path
) -> None:
    path = demo_path if project == "demo" else build_study(tmp_path / "study.suhbat").path
    with Store(path, read_only=True) as store:
        if not store.participants.attributes():
            pytest.skip("no attribute to cross")
        lean = load_study(store, with_utterances=False)
        full = load_study(store)
        _same_indexes(lean, full)
        _same_tables(lean, full)
        assert dict(lean.coding_participants) == _reference_participants(store)


def test_lean_load_of_the_demo_project(demo_path: Path) -> None:
    with Store(demo_path, read_only=True) as store:
        lean = load_study(store, with_utterances=False)
        full = load_study(store)
        _same_indexes(lean, full)
        assert dict(lean.coding_participants) == _reference_participants(store)
        assert any(lean.coding_participants.values())
        for kind in KINDS:
            if kind != "crosstab":
                request = StatsRequest(kind=kind)
                assert compute_from_data(lean, request) == compute_from_data(full, request)


def test_lean_load_follows_a_redacted_view(demo_path: Path, tmp_path: Path) -> None:
    listing = tmp_path / "redact.txt"
    listing.write_text(REDACTION_LIST, encoding="utf-8")
    with RedactedStore(demo_path, Redactor.from_file(listing)) as view:
        lean = load_study(view, with_utterances=False)
        full = load_study(view)
        _same_indexes(lean, full)
        assert lean.layer_length != load_study(Store(demo_path, read_only=True)).layer_length


def test_statistics_read_no_utterance_rows_or_layer_texts(demo_path: Path) -> None:
    with Store(demo_path, read_only=True) as store, traced(store) as queries:
        compute(store, StatsRequest(kind="frequencies"))
    assert queries
    assert not [q for q in queries if "speaker" in q or "start_ms" in q], queries
    assert not [q for q in queries if "text" in q and "FROM layer" in q], queries


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(coders=("aigerim",)), Filters(session_kind="interview")],
    ids=["all", "one coder", "interviews"],
)
@pytest.mark.parametrize("mode", ["rolling", "disjoint"])
def test_saturation_from_codes_per_session_equals_the_full_computation(
    demo_path: Path, filters: Filters, mode: str
) -> None:
    request = StatsRequest(kind="saturation", filters=filters, base=1, run=1)
    request = dataclasses.replace(request, saturation_mode=mode)  # type: ignore[arg-type]
    with Store(demo_path, read_only=True) as store:
        full = compute_from_data(apply_filters(load_study(store), filters), request)
        with traced(store) as queries:
            fast = compute(store, request)
    assert fast == full
    assert fast.saturation is not None and fast.saturation.steps
    assert not [q for q in queries if "FROM span" in q or "FROM utterance" in q], queries
    assert not [q for q in queries if "FROM coding ORDER" in q or "memo" in q], queries


def test_saturation_in_a_given_session_order(demo_path: Path) -> None:
    with Store(demo_path, read_only=True) as store:
        titles = [s.title for s in store.sessions.all()][::-1]
        request = StatsRequest(kind="saturation", order=",".join(titles), base=1, run=1)
        assert compute(store, request) == compute_from_data(load_study(store), request)


@pytest.mark.parametrize("project", ["demo", "study"])
@pytest.mark.parametrize("with_languages", [True, False])
def test_coding_facts_follow_the_rule_with_or_without_languages(
    project: str, with_languages: bool, demo_path: Path, tmp_path: Path
) -> None:
    """Without languages only the spans participants speak are read: every coding is
    still attributed to the respondents the rule gives (points and ranges alike)."""
    path = demo_path if project == "demo" else build_study(tmp_path / "study.suhbat").path
    with Store(path, read_only=True) as store:
        data = load_coding_facts(store, with_languages=with_languages)
        attributed = {f.id: f.participants for f in data.facts}
        assert attributed == _reference_participants(store)
        assert any(attributed.values())
        if not with_languages:
            layers = {la.id: la.language for la in store.transcripts.layers()}
            assert all(f.languages == {layers[f.layer_id]} for f in data.facts)
