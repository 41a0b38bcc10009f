"""Autocoding by speaker, by guide question and by search query (storage.autocoding and CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run as _run

from exports.tables import import_table
from exports.transcript_import import import_transcript, import_translation
from storage import Store
from storage.autocoding import Rule, apply, plan


@pytest.fixture
def study(tmp_path: Path, fixtures_dir: Path) -> Path:
    """interview_07 (ru + en) in a session that follows the protocol, and two codes."""
    path = tmp_path / "study.suhbat"
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        import_table(store, "protocol", fixtures_dir / "protocol.csv", guide="Interviews")
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")
        import_translation(store, fixtures_dir / "interview_07.en.txt", "interview_07")
        guide = store.guides.all()[0]
        store.sessions.update(store.sessions.all()[0].id, guide_id=guide.id)
        theme = store.codes.add("Работа", is_codable=False)
        store.codes.add("Согласование", parent_id=theme.id)
        store.codes.add("Respondent")
    return path


def test_speaker_rule_codes_every_turn_once_as_one_undo_step(study: Path) -> None:
    with Store(study) as store:
        store.history.enable()
        code = store.codes.find("Respondent")
        coder = store.coders.get("aigerim")
        assert code is not None
        passages = plan(store, Rule("speaker", "респондент 7"), code_id=code.id, coder_id=coder.id)
        turns = [u for u in store.transcripts.utterances() if u.speaker == "Респондент 7"]
        assert len(passages) == len(turns) > 3
        ru = next(x for x in store.transcripts.layers() if x.language == "ru")
        assert {p.layer_id for p in passages} == {ru.id}  # the original layer
        assert all(ru.text[p.start : p.end] == p.text for p in passages)

        outcome = apply(store, code.id, coder.id, passages)
        assert (outcome.coded, outcome.already) == (len(turns), 0)
        again = plan(store, Rule("speaker", "Респондент 7"), code_id=code.id, coder_id=coder.id)
        assert apply(store, code.id, coder.id, again).already == len(turns)

        assert [s.label for s in store.history.undo_steps()] == ["Autocode"]
        store.history.undo()
        assert store.codings.all() == []


def test_question_rule_takes_the_answers_up_to_the_next_question(study: Path) -> None:
    with Store(study) as store:
        question = next(
            q for q in store.guides.questions() if q.texts["en"].startswith("How do you prepare")
        )
        passages = plan(store, Rule("question", str(question.id)))
    texts = [p.text for p in passages]
    assert texts[0].startswith("Согласование занимает")
    assert texts[1].startswith("Бывает, что отдел")
    assert all(p.speaker == "Респондент 7" for p in passages)


def test_cli_query_dry_run_changes_nothing_then_codes(study: Path) -> None:
    code, out, err = _run(
        "autocode", study, "--code", "Работа/Согласование", "--query", "соглас*", "--dry-run"
    )
    assert code == 0, err
    assert "Would code 2 passages" in out
    with Store(study) as store:
        assert store.codings.all() == []

    code, out, err = _run(
        "autocode", study, "--code", "Работа/Согласование", "--query", "соглас*",
        "--coder", "Daniyar", "--json",
    )  # fmt: skip
    assert code == 0, err
    report = json.loads(out)
    assert report["coded"] == 2
    with Store(study) as store:
        coders = {c.id: c.name for c in store.coders.all()}
        assert [coders[c.coder_id] for c in store.codings.all()] == ["Daniyar", "Daniyar"]


def test_cli_refuses_two_rules_or_no_coder(study: Path) -> None:
    code, _out, err = _run(
        "autocode", study, "--code", "Respondent", "--speaker", "x", "--query", "y"
    )
    assert code == 1 and "exactly one" in err
    code, _out, err = _run("autocode", study, "--code", "Respondent", "--speaker", "Респондент 7")
    assert code == 1 and "--coder" in err
    code, _out, err = _run("autocode", study, "--code", "Nope", "--speaker", "Респондент 7")
    assert code == 1 and "Nope" in err


def _egov_turns(store: Store) -> tuple[str, str]:
    """The demo's turn with «eGov» in its Russian original and its English translation."""
    (original,) = [h for h in store.search.hits("eGov") if h.language == "ru"]
    (translated,) = [h for h in store.search.hits("eGov") if h.language == "en"]
    return original.snippet.strip("…")[:20], translated.snippet.strip("…")[:20]


def test_query_rule_codes_only_the_original_unless_a_layer_language_is_given(
    demo_path: Path,
) -> None:
    """«eGov» is in a Russian turn and in its English translation: coding both would
    count the passage twice in the statistics and quote it twice in the report."""
    with Store(demo_path) as store:
        russian, english = _egov_turns(store)
        originals = {la.id for la in store.transcripts.layers() if la.is_original}
        passages = plan(store, Rule("query", "eGov"))
        assert [p.text[:20] for p in passages] == [russian]
        assert {p.layer_id for p in passages} <= originals
        (translated,) = plan(store, Rule("query", "eGov", language="en"))
        assert translated.text.startswith(english)
        assert translated.layer_id not in originals

    code, out, err = _run(
        "autocode", demo_path, "--code", "Digital divide", "--query", "eGov", "--dry-run"
    )
    assert code == 0, err
    assert russian in out and english not in out
    assert "Would code 1 passage" in out
    code, out, err = _run(
        "autocode", demo_path, "--code", "Digital divide", "--query", "eGov",
        "--coder", "Zed", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["coded"] == 1
    with Store(demo_path) as store:
        zed = next(c.id for c in store.coders.all() if c.name == "Zed")
        (coded,) = [c for c in store.codings.all() if c.coder_id == zed]
        assert coded.layer_id in originals


def test_a_layer_language_no_transcript_has_is_refused(demo_path: Path) -> None:
    code, _out, err = _run(
        "autocode", demo_path, "--code", "Digital divide", "--query", "eGov",
        "--language", "de", "--dry-run",
    )  # fmt: skip
    assert code == 1 and "'de'" in err and "ru, kk, en" in err
