"""Merging coders' copies into the master: by UUID, idempotent, with a dry run and conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_study import Study, build_study, code_id, copy_study

from storage import ProjectError, Store
from storage.merge import merge_project


@pytest.fixture
def study(tmp_path: Path) -> Study:
    return build_study(tmp_path / "master.suhbat")


def _state(store: Store) -> tuple[object, ...]:
    return (
        store.info(),
        sorted((c.uuid, tuple(sorted(c.names.items())), c.parent_id) for c in store.codes.all()),
        sorted((c.uuid, c.code_id, c.start, c.end, c.coder_id) for c in store.codings.all()),
        sorted((m.uuid, m.text) for m in store.memos.all()),
    )


def test_new_codes_codings_and_memos_come_in_with_their_coder(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as store:
        dana = store.coders.get("Dana")
        trust = store.codes.add({"ru": "Открытость", "en": "Openness"})
        ru = store.transcripts.layer(study.ru_layer)
        start = ru.text.index("Біз халықпен")
        store.codings.add(trust.id, ru.id, start, start + len("Біз халықпен"), dana.id)
        store.memos.add("code", trust.id, "Only when the boss is away")
    with Store(study.path) as master:
        report = merge_project(master, copy)
        assert report.added == {"coders": 1, "codes": 1, "codings": 1, "memos": 1}
        assert report.conflicts == []
        openness = master.codes.find("Openness")
        assert openness is not None
        (coding,) = master.codings.all(code_id=openness.id)
        assert master.coders.get("Dana").id == coding.coder_id
        assert (
            master.transcripts.layer(study.ru_layer).text[coding.start : coding.end]
            == "Біз халықпен"
        )
        assert [m.text for m in master.memos.all("code", openness.id)] == [
            "Only when the boss is away"
        ]


def test_merging_the_same_copy_twice_changes_nothing(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as store:
        store.codes.add("Новый код")
    with Store(study.path) as master:
        merge_project(master, copy)
        before = _state(master)
        again = merge_project(master, copy)
        assert not again.changed and again.conflicts == []
        assert _state(master) == before


def test_dry_run_reports_exactly_and_writes_nothing(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as store:
        coder = store.coders.get("Dana")
        store.codings.add(code_id(store, "Slow approvals"), study.en_layer, 0, 4, coder.id)
        store.codes.update(code_id(store, "Trust"), names={"en": "Trust in officials"})
    with Store(study.path) as master:
        before = _state(master)
        dry = merge_project(master, copy, dry_run=True)
        assert _state(master) == before
        real = merge_project(master, copy)
    assert dry.dry_run and not real.dry_run
    assert dry.as_dict()["added"] == real.as_dict()["added"] == {"coders": 1, "codings": 1}
    assert dry.updated == real.updated == {"codes renamed": 1}


def test_rename_in_the_copy_only_is_taken_in_both_is_a_conflict(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as store:
        store.codes.update(code_id(store, "Trust"), names={"en": "Trust in officials"})
        store.codes.update(code_id(store, "Slow approvals"), color="#123456")
    with Store(study.path) as master:
        master.codes.update(code_id(master, "Slow approvals"), color="#abcdef")
        report = merge_project(master, copy)
        assert master.codes.find("Trust in officials") is not None
        assert master.codes.get(code_id(master, "Slow approvals")).color == "#abcdef"
    (conflict,) = report.conflicts
    assert (conflict.entity, conflict.field, conflict.kept, conflict.other) == (
        "code",
        "color",
        "#abcdef",
        "#123456",
    )


def test_a_code_merged_in_the_copy_is_merged_in_the_master(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as store:
        store.codes.merge(code_id(store, "Control by superiors"), code_id(store, "Slow approvals"))
    with Store(study.path) as master:
        report = merge_project(master, copy)
        assert report.merged_codes == [("Контроль начальства", "Долгое согласование")]
        assert master.codes.find("Control by superiors") is None
        assert len(master.codings.all(code_id=code_id(master, "Slow approvals"))) == 5
        assert not merge_project(master, copy).changed


def test_two_coders_then_the_first_again(study: Study) -> None:
    first, second = copy_study(study, "a.suhbat"), copy_study(study, "b.suhbat")
    with Store(first) as store:
        store.codings.add(
            code_id(store, "Slow approvals"), study.en_layer, 0, 4, store.coders.get("First").id
        )
    with Store(second) as store:
        store.codes.merge(code_id(store, "Control by superiors"), code_id(store, "Slow approvals"))
    with Store(study.path) as master:
        merge_project(master, first)
        merge_project(master, second)
        before = _state(master)
        third = merge_project(master, first)
        assert not third.changed and third.conflicts == []
        assert _state(master) == before
        assert master.codes.find("Control by superiors") is None
        coders = {c.name for c in master.coders.all()}
    assert coders == {"Aigerim Bekova", "Daniyar", "First"}


def test_same_new_code_in_two_copies_is_one_code(study: Study) -> None:
    first, second = copy_study(study, "a.suhbat"), copy_study(study, "b.suhbat")
    for path, coder in ((first, "First"), (second, "Second")):
        with Store(path) as store:
            code = store.codes.add({"en": "Fear"})
            store.codings.add(code.id, study.en_layer, 5, 9, store.coders.get(coder).id)
    with Store(study.path) as master:
        merge_project(master, first)
        report = merge_project(master, second)
        fear = code_id(master, "Fear")
        assert len(master.codings.all(code_id=fear)) == 2
    assert report.added == {"coders": 1, "codings": 1}
    assert any("matched an existing code by name" in m for m, _p in report.notes)


def test_new_transcript_and_translation_from_a_copy(study: Study, tmp_path: Path) -> None:
    from storage.models import TranscriptInput, UtteranceInput

    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as store:
        session = store.sessions.add("Interview 9", "interview")
        transcript = store.transcripts.add(
            session.id,
            TranscriptInput("i9", ("ru",), (UtteranceInput("P01", 0, None, ("Ёлки, очередь!",)),)),
        )
        store.transcripts.add_layer(study.transcript_id, "kk", ["Сұрақ", "Жауап", "Үшінші"])
        layer = store.transcripts.layers(transcript.id)[0]
        store.codings.add(
            code_id(store, "Slow approvals"), layer.id, 6, 13, store.coders.get("Dana").id
        )
    with Store(study.path) as master:
        report = merge_project(master, copy)
        assert report.added["transcripts"] == 1 and report.added["layers"] == 1
        new = master.transcripts.find("i9")
        assert new is not None
        (utterance,) = master.transcripts.utterances(new.id)
        assert utterance.participant_id == _participant(master, "P01")
        assert [h.transcript_id for h in master.search.hits("елки")] == [new.id]
        (coding,) = master.codings.all(layer_id=master.transcripts.layers(new.id)[0].id)
        assert master.transcripts.layers(new.id)[0].text[coding.start : coding.end] == "очередь"
        languages = [la.language for la in master.transcripts.layers(study.transcript_id)]
        assert sorted(languages) == ["en", "kk", "ru"]


def _participant(store: Store, code: str) -> int:
    person = store.participants.find(code)
    assert person is not None
    return person.id


def test_codings_follow_their_text_when_the_master_edited_it(study: Study) -> None:
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as store:
        ru = store.transcripts.layer(study.ru_layer)
        start = ru.text.index("бастық")
        code = code_id(store, "Control by superiors")
        store.codings.add(code, ru.id, start, start + 6, store.coders.get("Dana").id)
    with Store(study.path) as master:
        master.transcripts.edit_layer_text(study.ru_layer, 0, 0, "Вступление. ")
        report = merge_project(master, copy)
        ru = master.transcripts.layer(study.ru_layer)
        (coding,) = [
            c
            for c in master.codings.all(code_id=code_id(master, "Control by superiors"))
            if c.coder_id == master.coders.get("Dana").id
        ]
        assert ru.text[coding.start : coding.end] == "бастық"
    assert any("moved to where their text is" in m for m, _p in report.notes)


def test_another_project_or_the_same_file_is_refused(study: Study, tmp_path: Path) -> None:
    other = tmp_path / "other.suhbat"
    Store.create(other).close()
    with Store(study.path) as master:
        before = _state(master)
        with pytest.raises(ProjectError, match="not a copy"):
            merge_project(master, other)
        with pytest.raises(ProjectError, match="itself"):
            merge_project(master, study.path)
        assert _state(master) == before


def test_a_turn_split_in_the_copy_keeps_every_coded_text_in_the_master(study: Study) -> None:
    """Merging does not bring a copy's new turn structure (the master keeps its turns and
    its text, and says the texts differ), but no coding is lost or drifts: each coded text
    of the copy is coded in the master with the same words."""
    copy = copy_study(study, "dana.suhbat")
    with Store(copy) as store:
        ru = store.transcripts.layer(study.ru_layer)
        coding = max(store.codings.all(layer_id=ru.id), key=lambda c: c.end - c.start)
        (utterance,) = [
            u
            for u in store.transcripts.utterances(study.transcript_id)
            if u.spans[ru.id][0] <= coding.start < u.spans[ru.id][1]
        ]
        cut = ru.text.index(" ", coding.start + 1, coding.end) + 1
        store.transcripts.split_utterance(utterance.id, ru.id, cut - utterance.spans[ru.id][0])
        ru = store.transcripts.layer(study.ru_layer)
        coded_in_copy = sorted(
            (c.uuid, " ".join(ru.text[c.start : c.end].split()))
            for c in store.codings.all(layer_id=ru.id)
        )
        turns_in_copy = len(store.transcripts.utterances(study.transcript_id))
    with Store(study.path) as master:
        turns_before = len(master.transcripts.utterances(study.transcript_id))
        report = merge_project(master, copy)
        ru = master.transcripts.layer(study.ru_layer)
        coded_in_master = sorted(
            (c.uuid, " ".join(ru.text[c.start : c.end].split()))
            for c in master.codings.all(layer_id=ru.id)
        )
        assert len(master.transcripts.utterances(study.transcript_id)) == turns_before
    assert turns_in_copy == turns_before + 1
    assert coded_in_master == coded_in_copy
    assert any("moved to where their text is" in m for m, _p in report.notes)
