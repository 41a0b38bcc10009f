"""The table kinds of ``suhbat stats`` read only what they show.

The participant and session profiles and the sessions register load the study's outline
(sessions, participants, transcripts, layers and who speaks in each transcript: no coding,
span or layer text); codes × valence and the code × session matrix of codings count the
codings in SQL, the matrix of segments reads the distinct segments. Each must give the same table as
the full load, with and without filters, on projects with moderators, sessions without
links, valences on both scales and sessions nobody speaks in.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from export_study import build_study
from query_trace import traced

from exports.study.analysis_request import (
    Filters,
    StatsRequest,
    apply_filters,
    compute,
    compute_from_data,
)
from exports.study.loading import load_study
from storage import Store
from storage.models import TranscriptInput, UtteranceInput

REQUESTS = {
    "segments": StatsRequest(kind="sessions-matrix"),
    "codings": StatsRequest(kind="sessions-matrix", measure="codings"),
    "participants": StatsRequest(kind="sessions-matrix", measure="participants"),
    "profile": StatsRequest(kind="profile"),
    "profile sessions": StatsRequest(kind="profile", profile_of="sessions"),
    "sessions": StatsRequest(kind="sessions"),
    "sessions by position": StatsRequest(kind="sessions", order="position"),
    "valence": StatsRequest(kind="valence"),
}
FILTERS = {
    "none": Filters(),
    "one coder": Filters(coders=("aigerim",)),
    "interviews": Filters(session_kind="interview"),
    "focus groups": Filters(session_kind="focus_group"),
    "women": Filters(where=(("gender", "F"),)),
    "russian": Filters(languages=("ru",)),
}


def _rated(path: Path) -> Path:
    """The demo with valences on the five-point scale (−2 and +2 among them), one
    participant linked as a moderator and a session whose size and duration are recorded."""
    with Store(path) as store:
        store.codings.set_valence_scale(5)
        for number, coding in enumerate(store.codings.all()):
            if number % 4:
                store.codings.set_valence(coding.id, (-2, -1, 0, 1, 2)[number % 5])
        sessions = store.sessions.all()
        linked = store.sessions.participants(sessions[0].id)
        store.sessions.link_participant(sessions[0].id, linked[0].participant_id, "moderator")
        store.sessions.update(sessions[-1].id, participant_count=7, duration_min=95.5)
    return path


def _unlinked(path: Path) -> Path:
    """A project whose sessions link nobody: respondents are who speaks (a session no one
    speaks in has none), valences on the three-point scale."""
    with Store.create(path, name="unlinked", languages=("ru", "kk")) as store:
        store.participants.add_attribute("gender", "category", ("F", "M"))
        store.participants.add_attribute("age", "integer")
        people = [
            store.participants.add(f"P{number}", attributes={"gender": "FM"[number % 2]})
            for number in range(1, 4)
        ]
        quiet = store.sessions.add("quiet", "interview", date="2024-01-02")
        store.sessions.add("empty", "focus_group", participant_count=5)
        turns = tuple(
            UtteranceInput(speaker, i * 1000, None, (text,))
            for i, (speaker, text) in enumerate(
                [("P1", "Согласование идёт долго."), ("P2", "Бюрократия везде."), ("И", "Почему?")]
            )
        )
        transcript = store.transcripts.add(quiet.id, TranscriptInput("quiet", ("ru",), turns))
        for person in people[:2]:  # P3 is named but never speaks; И is not a participant
            store.transcripts.link_speaker(person.code, person.id, transcript.id)
        store.codings.set_valence_scale(3)
        layer = store.transcripts.layers(transcript.id)[0]
        code = store.codes.add("Бюрократия")
        coder = store.coders.get("a").id
        for number, utterance in enumerate(store.transcripts.utterances(transcript.id)):
            start, end = utterance.spans[layer.id]
            coding = store.codings.add(code.id, layer.id, start, end, coder)
            store.codings.set_valence(coding.id, (-1, 1, None)[number])
    return path


def _project(name: str, demo_path: Path, tmp_path: Path) -> Path:
    if name == "demo":
        return demo_path
    if name == "rated":
        return _rated(demo_path)
    if name == "unlinked":
        return _unlinked(tmp_path / "unlinked.suhbat")
    return build_study(tmp_path / "study.suhbat").path


def _full_way(store: Store, request: StatsRequest) -> object:
    """The request computed from the whole study, as every kind once was."""
    data = load_study(store, with_languages=bool(request.filters.languages))
    if request.kind == "valence":
        request = dataclasses.replace(request, valence_scale=store.codings.valence_scale())
    return compute_from_data(apply_filters(data, request.filters), request)


@pytest.mark.parametrize("project", ["demo", "rated", "study", "unlinked"])
@pytest.mark.parametrize("filters", list(FILTERS.values()), ids=list(FILTERS))
def test_light_loads_give_the_tables_of_the_full_load(
    project: str, filters: Filters, demo_path: Path, tmp_path: Path
) -> None:
    path = _project(project, demo_path, tmp_path)
    with Store(path, read_only=True) as store:
        coders = {c.name.casefold() for c in store.coders.all()}
        if filters.coders and not set(filters.coders) <= coders:
            filters = dataclasses.replace(filters, coders=tuple(sorted(coders))[:1])
        for name, request in REQUESTS.items():
            if filters.languages and request.kind == "sessions":
                continue  # (the command refuses it)
            request = dataclasses.replace(request, filters=filters)
            assert compute(store, request) == _full_way(store, request), name


def test_the_rated_demo_shows_every_valence(demo_path: Path) -> None:
    with Store(_rated(demo_path), read_only=True) as store:
        (table,) = compute(store, StatsRequest(kind="valence")).tables
    assert len(table.columns) == 8  # code, five values, not rated, total
    very_negative = [row[1] for row in table.rows]
    assert all(isinstance(cell, int) for cell in very_negative)
    assert any(very_negative)


@pytest.mark.parametrize("name", ["profile", "profile sessions", "sessions"])
def test_profiles_and_the_register_read_no_coding_span_or_text(name: str, demo_path: Path) -> None:
    with Store(demo_path, read_only=True) as store, traced(store) as queries:
        compute(store, REQUESTS[name])
    assert queries
    assert not [q for q in queries if "FROM coding" in q or "FROM span" in q], queries
    assert not [q for q in queries if "text" in q and "FROM layer" in q], queries


@pytest.mark.parametrize("name", ["valence", "codings", "segments"])
def test_valence_and_the_session_matrix_are_counted_in_sql(name: str, demo_path: Path) -> None:
    """No coding row is loaded: counts per code and valence or layer, or distinct segments."""
    with Store(demo_path, read_only=True) as store, traced(store) as queries:
        compute(store, REQUESTS[name])
    read = [q for q in queries if "FROM coding" in q]
    assert read and all("GROUP BY" in q or "DISTINCT" in q for q in read), queries
    assert not [q for q in queries if "FROM span" in q or "FROM utterance" in q], queries


def test_counts_that_do_not_fit_the_measure_are_refused_not_ignored() -> None:
    from analysis.crosstab import code_by_session
    from analysis.dataset import StudyData

    data = StudyData.build()
    with pytest.raises(ValueError, match="measure 'segments'"):
        code_by_session(data, measure="segments", codings={})
    with pytest.raises(ValueError, match="measure 'participants'"):
        code_by_session(data, measure="participants", segments=[])
