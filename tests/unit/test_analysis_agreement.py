"""Intercoder agreement on a two-coder study stored in a real project file."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sklearn.metrics import cohen_kappa_score

from analysis.agreement import (
    presence_agreement,
    segment_agreement,
    study_unitizing_alpha,
    study_unitizing_alpha_2004,
)
from analysis.dataset import StudyData
from analysis.undefined import Undefined
from exports.study.loading import load_study
from storage import Store
from storage.models import TranscriptInput, UtteranceInput


@dataclass
class TwoCoders:
    """A project where Aigerim and Dmitri coded the same interviews."""

    store: Store
    ids: dict[str, int]
    layers: list[int]

    def data(self) -> StudyData:
        return load_study(self.store, language="en", with_text=True)


TEXT = "Очереди в больнице огромные, врачи не отвечают на жалобы, а портал eGov не работает."


@pytest.fixture
def two(store: Store) -> TwoCoders:
    layers = []
    for n in range(1, 5):
        sid = store.sessions.add(f"Interview {n}", "interview", date=f"2022-07-0{n}").id
        t = store.transcripts.add(
            sid, TranscriptInput(f"i{n}", ("ru",), (UtteranceInput("P", None, None, (TEXT,)),))
        )
        layers.append(store.transcripts.layers(t.id)[0].id)
    health = store.codes.add({"en": "Healthcare"}).id
    digital = store.codes.add({"en": "Digital government"}).id
    everywhere = store.codes.add({"en": "Complaint"}).id
    a = store.coders.get("Aigerim").id
    b = store.coders.get("Dmitri").id
    for lid in layers[:3]:  # interview 4 is coded by Aigerim only
        store.codings.add(everywhere, lid, 0, 10, a)
        store.codings.add(everywhere, lid, 0, 10, b)
    # Healthcare: identical in interview 1, near-identical in 2, only Aigerim in 3
    store.codings.add(health, layers[0], 0, 27, a)
    store.codings.add(health, layers[0], 0, 27, b)
    store.codings.add(health, layers[1], 0, 27, a)
    store.codings.add(health, layers[1], 1, 27, b)  # 26/27 = 96 % overlap
    store.codings.add(health, layers[2], 29, 56, a)
    # Digital government: Dmitri only, interview 2; a short segment Aigerim half-matches in 3
    store.codings.add(digital, layers[1], 60, 84, b)
    store.codings.add(digital, layers[2], 60, 84, a)
    store.codings.add(digital, layers[2], 72, 84, b)  # 12/24 = 50 %
    store.codings.add(health, layers[3], 0, 10, a)
    ids = dict(health=health, digital=digital, everywhere=everywhere, a=a, b=b)
    return TwoCoders(store, ids, layers)


def test_presence_per_document(two: TwoCoders) -> None:
    result = presence_agreement(two.data())
    assert len(result.document_ids) == 3  # interview 4 was coded by one coder only
    assert len(result.excluded_documents) == 1
    health = result.row(two.ids["health"])
    # documents 1-3: Aigerim 1,1,1 ; Dmitri 1,1,0
    assert (health.all_present, health.all_absent, health.mixed) == (2, 0, 1)
    assert health.stats.percent == pytest.approx(2 / 3)
    # Aigerim always "present": p_e = p_o = 2/3, so kappa is 0 (defined, unlike one category)
    assert health.stats.cohen == pytest.approx(cohen_kappa_score([1, 1, 1], [1, 1, 0]))
    digital = result.row(two.ids["digital"])
    # Aigerim 0,0,1 ; Dmitri 0,1,1
    expected = cohen_kappa_score([0, 0, 1], [0, 1, 1])
    assert digital.stats.cohen == pytest.approx(expected)
    assert digital.stats.brennan_prediger == pytest.approx(2 * (2 / 3) - 1)


def test_code_applied_everywhere_by_everyone_is_undefined(two: TwoCoders) -> None:
    result = presence_agreement(two.data())
    row = result.row(two.ids["everywhere"])
    assert row.stats.percent == 1.0
    for value in (row.stats.cohen, row.stats.fleiss, row.stats.alpha):
        assert isinstance(value, Undefined)
    table = result.to_table()
    assert table.unit == "documents"
    assert table.uncoded_text_counts is True
    complaint = table.rows[table.column("Code").index("Complaint")]
    assert complaint[table.columns.index("Cohen's κ")] is None  # empty, not 0 or 1
    assert any("Complaint, Cohen's κ: undefined" in n for n in table.notes)


def test_pooled_presence_is_all_document_code_pairs(two: TwoCoders) -> None:
    result = presence_agreement(two.data())
    # units in code-tree order: Healthcare, Digital government, Complaint x 3 documents
    aigerim = [1, 1, 1, 0, 0, 1, 1, 1, 1]
    dmitri = [1, 1, 0, 0, 1, 1, 1, 1, 1]
    assert result.pooled is not None
    assert result.pooled.cohen == pytest.approx(cohen_kappa_score(aigerim, dmitri))
    assert result.pooled.percent == pytest.approx(7 / 9)


def test_segment_overlap_at_threshold(two: TwoCoders) -> None:
    data = two.data()
    result = segment_agreement(data, two.ids["a"], two.ids["b"], threshold=90)
    health = result.row(two.ids["health"])
    # Aigerim's 3 segments in documents 1-3: 2 matched; Dmitri's 2: both matched
    assert (health.agreements, health.disagreements) == (4, 1)
    digital = result.row(two.ids["digital"])
    assert (digital.agreements, digital.disagreements) == (0, 3)
    assert result.code_count == 3
    assert digital.kappa == pytest.approx((0 - 1 / 3) / (1 - 1 / 3))
    table = result.to_table()
    assert table.unit == "segments" and table.uncoded_text_counts is False
    lower = segment_agreement(data, two.ids["a"], two.ids["b"], threshold=50)
    assert lower.row(two.ids["digital"]).agreements == 2


def test_disagreement_list_names_places_to_discuss(two: TwoCoders) -> None:
    result = segment_agreement(two.data(), two.ids["a"], two.ids["b"])
    places = [(d.code_name, d.coder_name, d.start, d.end) for d in result.disagreements]
    assert ("Healthcare", "Aigerim", 29, 56) in places
    half = next(
        d
        for d in result.disagreements
        if d.coder_name == "Aigerim" and d.code_name == "Digital government"
    )
    assert half.closest == (72, 84)
    assert half.closest_overlap == pytest.approx(50.0)
    assert half.excerpt == TEXT[60:84]
    assert result.disagreements_table().rows


def test_unitizing_alpha_on_the_study(two: TwoCoders) -> None:
    result = study_unitizing_alpha(two.data())
    assert len(result.layer_ids) == 3
    assert result.length == 3 * len(TEXT)
    assert result.row(two.ids["everywhere"]).alpha == pytest.approx(1.0)
    health = result.row(two.ids["health"]).alpha
    assert isinstance(health, float) and -1 < health < 1
    assert result.to_table().uncoded_text_counts is True


def test_each_unitizing_table_names_its_definition(two: TwoCoders) -> None:
    data = two.data()
    current = study_unitizing_alpha(data).to_table()
    old = study_unitizing_alpha_2004(data).to_table()
    assert current.key == "agreement_unitizing" and "2019" in current.title
    assert old.key == "agreement_unitizing_2004" and "1995/2004" in old.title
    assert any("uα family" in n and "2019" in n for n in current.notes)
    assert old.column_keys[-1] == "uα (2004)" and current.column_keys[-1] == "uα (2019)"
    everywhere = two.ids["everywhere"]
    assert study_unitizing_alpha_2004(data).row(everywhere).alpha == pytest.approx(1.0)
    assert study_unitizing_alpha(data).row(everywhere).alpha == pytest.approx(1.0)


def test_identical_coders_agree_perfectly(store: Store) -> None:
    sid = store.sessions.add("I", "interview").id
    t = store.transcripts.add(
        sid, TranscriptInput("i", ("ru",), (UtteranceInput("P", None, None, (TEXT,)),))
    )
    lid = store.transcripts.layers(t.id)[0].id
    codes = [store.codes.add({"en": n}).id for n in ("x", "y")]
    for coder in ("A", "B"):
        cid = store.coders.get(coder).id
        store.codings.add(codes[0], lid, 0, 20, cid)
        store.codings.add(codes[1], lid, 30, 50, cid)
    data = StudyData.build(
        codes=store.codes.all(),
        codings=store.codings.all(),
        coders=store.coders.all(),
        sessions=store.sessions.all(),
        transcripts=store.transcripts.all(),
        layers=store.transcripts.layers(),
        utterances=store.transcripts.utterances(),
    )
    seg = segment_agreement(data, *sorted(data.coders))
    assert seg.pooled.percent == 1.0 and seg.pooled.kappa == 1.0
    assert study_unitizing_alpha(data).alpha == pytest.approx(1.0)


def test_all_agreement_tables_state_unit_and_uncoded_text(two: TwoCoders) -> None:
    from analysis.agreement import agreement_tables

    tables = agreement_tables(two.data(), threshold=90)
    assert [t.key for t in tables] == [
        "agreement_presence",
        "agreement_segments",
        "agreement_disagreements",
        "agreement_unitizing",
    ]
    assert all(t.unit for t in tables)
    assert all(t.uncoded_text_counts is not None for t in tables)
