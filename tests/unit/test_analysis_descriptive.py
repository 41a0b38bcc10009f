"""Frequencies, crosstabs, co-occurrence, profiles and filters on a study in a real project file."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from analysis.cooccurrence import cooccurrence
from analysis.crosstab import code_by_attribute, code_by_session, code_by_session_field
from analysis.dataset import StudyData
from analysis.frequencies import code_frequencies
from analysis.profile import (
    CategoryStat,
    NumericStat,
    participant_profile,
    session_profile,
    session_table,
)
from exports.study.loading import load_study
from storage import Store
from storage.models import TranscriptInput, UtteranceInput


@dataclass
class Study:
    """Ids of what the sample study holds."""

    store: Store
    ids: dict[str, int]

    def data(self) -> StudyData:
        return load_study(self.store, language="en", with_text=False)


def _transcript(store: Store, session_id: int, turns: list[tuple[str, str, str]]) -> list[int]:
    """Store a ru/en transcript; return the utterance ids in order."""
    data = TranscriptInput(
        "t", ("ru", "en"), tuple(UtteranceInput(s, None, None, (ru, en)) for s, ru, en in turns)
    )
    t = store.transcripts.add(session_id, data)
    return [u.id for u in store.transcripts.utterances(t.id)]


def _code(store: Store, coder_id: int, code_id: int, utterance_id: int) -> None:
    """Code the whole Russian span of an utterance."""
    u = next(u for u in store.transcripts.utterances() if u.id == utterance_id)
    ru = next(
        la
        for la in store.transcripts.layers(u.transcript_id, with_text=False)
        if la.language == "ru"
    )
    start, end = u.spans[ru.id]
    store.codings.add(code_id, ru.id, start, end, coder_id)


@pytest.fixture
def study(store: Store) -> Study:
    """An interview (one respondent) and a focus group (two respondents and a moderator)."""
    store.participants.add_attribute("gender", "category", ["F", "M"])
    store.participants.add_attribute("age", "integer")
    p1 = store.participants.add("P1", attributes={"gender": "F", "age": "30"}).id
    p2 = store.participants.add("P2", attributes={"gender": "M", "age": "40"}).id
    p3 = store.participants.add("P3", attributes={"gender": "F"}).id
    mod = store.participants.add("Moderator A").id
    s1 = store.sessions.add("Interview 1", "interview", date="2022-07-10", setting="Urban").id
    s2 = store.sessions.add("FG Dubovka", "focus_group", date="2022-07-08", setting="Rural").id
    store.sessions.link_participant(s1, p1)
    store.sessions.link_participant(s2, p2)
    store.sessions.link_participant(s2, p3)
    store.sessions.link_participant(s2, mod, "moderator")
    i = _transcript(
        store,
        s1,
        [
            ("Interviewer", "Как вы работаете с жалобами?", "How do you handle complaints?"),
            ("P1", "Отвечаем медленно, очереди огромные.", "We reply slowly, huge queues."),
            ("Interviewer", "А цифровые сервисы?", "And digital services?"),
            ("P1", "eGov часто не работает.", "eGov often fails."),
        ],
    )
    f = _transcript(
        store,
        s2,
        [
            ("Moderator", "Расскажите о больницах.", "Tell us about hospitals."),
            ("P2", "В больнице очереди.", "Queues at the hospital."),
            ("P3", "Врачи не отвечают.", "Doctors do not answer."),
        ],
    )
    store.transcripts.link_speaker("P1", p1)
    store.transcripts.link_speaker("P2", p2)
    store.transcripts.link_speaker("P3", p3)
    store.transcripts.link_speaker("Moderator", mod)
    theme = store.codes.add({"en": "Lack of responsiveness"}, is_codable=False).id
    health = store.codes.add({"en": "Healthcare"}, parent_id=theme).id
    slow = store.codes.add({"en": "Slow replies"}, parent_id=theme).id
    digital = store.codes.add({"en": "Digital government"}).id
    coder = store.coders.get("Aigerim").id
    _code(store, coder, health, i[1])
    _code(store, coder, slow, i[1])  # same span: one segment for the theme
    _code(store, coder, slow, i[0])  # the interviewer's question: counts the one respondent
    _code(store, coder, digital, i[3])
    _code(store, coder, health, f[1])  # P2
    _code(store, coder, slow, f[2])  # P3
    _code(store, coder, health, f[0])  # the moderator: no participant in a group
    ids = dict(
        p1=p1,
        p2=p2,
        p3=p3,
        mod=mod,
        s1=s1,
        s2=s2,
        theme=theme,
        health=health,
        slow=slow,
        digital=digital,
        coder=coder,
    )
    return Study(store, ids)


def test_code_counts_and_participants(study: Study) -> None:
    result = code_frequencies(study.data())
    health = result.row(study.ids["health"])
    assert (health.total.segments, health.total.codings) == (3, 3)
    assert (health.total.participants, health.total.sessions) == (2, 2)  # the moderator is not
    assert result.participants_in_scope == 3
    assert health.participant_percent == pytest.approx(200 / 3)
    slow = result.row(study.ids["slow"])
    assert slow.total.participants == 2  # P1 via the interviewer's question, and P3


def test_theme_counts_distinct_segments_and_participants(study: Study) -> None:
    result = code_frequencies(study.data())
    theme = result.row(study.ids["theme"])
    assert theme.is_theme
    # children: Healthcare 3 + Slow replies 3 segments, one span shared -> 5 distinct
    assert theme.total.segments == 5
    assert theme.total.codings == 6
    # P1 is coded with both sub-codes and counts once: P1, P2, P3
    assert theme.total.participants == 3
    assert theme.total.sessions == 2
    assert theme.participant_percent == pytest.approx(100.0)
    table = result.to_table()
    assert table.unit and any("not sums" in n for n in table.notes)
    assert table.row_depths[table.column("Code").index("Healthcare")] == 1


def test_filter_by_attribute_and_kind(study: Study) -> None:
    data = study.data()
    women = code_frequencies(data.filter(attributes={"gender": "F"}))
    assert women.participants_in_scope == 2
    health = women.row(study.ids["health"])
    assert (health.total.codings, health.total.participants) == (1, 1)
    groups = code_frequencies(data.filter(session_kinds=["focus_group"]))
    assert groups.row(study.ids["digital"]).total.codings == 0
    assert groups.row(study.ids["health"]).total.sessions == 1
    assert groups.participants_in_scope == 2
    other = code_frequencies(data.filter(coder_ids=[study.ids["coder"] + 100]))
    assert all(r.total.codings == 0 for r in other.rows)


def test_crosstab_by_participant_attribute(study: Study) -> None:
    result = code_by_attribute(study.data(), "gender")
    assert [(g.label, g.size) for g in result.groups] == [("F", 2), ("M", 1)]
    rows = {r.code_id: r for r in result.rows}
    assert rows[study.ids["health"]].cells == (1, 1)
    assert rows[study.ids["slow"]].cells == (2, 0)
    theme = rows[study.ids["theme"]]
    assert theme.cells == (2, 1)
    assert result.percent(theme, 0) == pytest.approx(100.0)
    table = result.to_table()
    assert table.unit == "participants"
    assert "F (n=2)" in table.columns


def test_crosstab_by_session_setting(study: Study) -> None:
    data = study.data()
    by_session = code_by_session_field(data, "setting")
    labels = [g.label for g in by_session.groups]
    rows = {r.code_id: r for r in by_session.rows}
    assert rows[study.ids["digital"]].cells[labels.index("Urban")] == 1
    assert rows[study.ids["digital"]].cells[labels.index("Rural")] == 0
    people = code_by_session_field(data, "setting", unit="participants")
    sizes = {g.label: g.size for g in people.groups}
    assert sizes == {"Rural": 2, "Urban": 1}
    rows = {r.code_id: r for r in people.rows}
    assert rows[study.ids["slow"]].cells[[g.label for g in people.groups].index("Rural")] == 1


def test_code_by_session_matrix_in_date_order(study: Study) -> None:
    result = code_by_session(study.data())
    assert result.session_labels == ("FG Dubovka", "Interview 1")  # the focus group came first
    rows = {r.code_id: r for r in result.rows}
    assert rows[study.ids["health"]].cells == (2, 1)
    assert rows[study.ids["theme"]].cells == (3, 2)
    assert result.to_table().unit == "segments"


def test_cooccurrence_overlap_and_utterance(study: Study) -> None:
    data = study.data()
    overlap = cooccurrence(data)
    assert overlap.count(study.ids["health"], study.ids["slow"]) == 1
    assert overlap.count(study.ids["slow"], study.ids["health"]) == 1
    assert overlap.count(study.ids["health"], study.ids["digital"]) == 0
    assert overlap.count(study.ids["health"], study.ids["health"]) == 3
    same = cooccurrence(data, mode="utterance")
    assert same.count(study.ids["health"], study.ids["slow"]) == 1
    assert same.to_table().unit == "utterances"


def test_cooccurrence_theme_rows_count_their_subtree(study: Study) -> None:
    # The theme is not codable; its rows stand for Healthcare and Slow replies together:
    # distinct segments (the span coded with both counts once), never a sum.
    data = study.data()
    theme, health, slow = study.ids["theme"], study.ids["health"], study.ids["slow"]
    overlap = cooccurrence(data)
    assert overlap.count(theme, theme) == 5  # 3 + 3 segments, one of them shared
    assert overlap.count(theme, health) == overlap.count(health, theme) == 3
    assert overlap.count(theme, slow) == 3
    assert overlap.count(theme, study.ids["digital"]) == 0
    same = cooccurrence(data, mode="utterance")
    assert same.count(theme, theme) == 5
    assert same.count(theme, health) == 3
    row = next(r for r in same.to_table().rows if r[0] == "Lack of responsiveness")
    assert row[1:] == (5, 3, 3, 0)


def test_participant_profile(study: Study) -> None:
    result = participant_profile(study.data())
    assert result.n == 3  # respondents only, not the moderator
    gender = result.variable("gender")
    assert isinstance(gender, CategoryStat) and gender.counts == (("F", 2), ("M", 1))
    age = result.variable("age")
    assert isinstance(age, NumericStat)
    assert (age.n, age.missing, age.mean, age.median) == (2, 1, 35.0, 35.0)
    assert age.sd == pytest.approx(7.0710678)
    assert (age.minimum, age.maximum) == (30.0, 40.0)
    assert result.to_table().unit == "participants"


def test_sessions_table_and_profile(study: Study) -> None:
    table = session_table(study.data()).to_table()
    assert table.column("Session") == ["FG Dubovka", "Interview 1"]
    assert table.column("Participants") == [2, 1]
    profile = session_profile(study.data())
    kind = profile.variable("kind")
    assert isinstance(kind, CategoryStat) and kind.counts == (("focus_group", 1), ("interview", 1))
