"""Translation work survives a merge of translators' copies; ``suhbat check`` guards its tables."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from translation_study import translation_project

from storage import Store
from storage.checker import check_project
from storage.merge import merge_project
from storage.translations_store import TermInput


def _setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    master = translation_project(tmp_path / "master.suhbat")
    with Store(master) as store:
        transcript = store.transcripts.all()[0]
        layer = store.translations.ensure_layer(transcript.id, "en")
        ids = store.transcripts.utterance_ids(transcript.id)
        store.translations.save(layer.id, ids[2], "Thank you.", "Aida")
    a, b = tmp_path / "aida.suhbat", tmp_path / "bolat.suhbat"
    shutil.copyfile(master, a)
    shutil.copyfile(master, b)
    return master, a, b


def _lines(path: Path) -> tuple[list[str], dict[int, str], list[int]]:
    with Store(path) as store:
        transcript = store.transcripts.all()[0]
        layer = store.translations.ensure_layer(transcript.id, "en")
        rows = store.translations.rows(layer.id)
        return (
            [r.translation for r in rows],
            {r.position: r.status.translator for r in rows if r.status},
            [r.position for r in rows if r.status and r.status.is_reviewed],
        )


def _translate(path: Path, position: int, text: str, who: str) -> None:
    with Store(path) as store:
        transcript = store.transcripts.all()[0]
        layer = store.translations.ensure_layer(transcript.id, "en")
        ids = store.transcripts.utterance_ids(transcript.id)
        store.translations.save(layer.id, ids[position], text, who)


def test_two_translators_merge_without_losing_work_and_conflicts_show_both(tmp_path: Path) -> None:
    master, a, b = _setup(tmp_path)
    _translate(a, 0, "Tell me, how does your day go?", "Aida")
    _translate(a, 4, "The district akim answers himself.", "Aida")
    _translate(b, 1, "Approval at the akimat takes three days.", "Bolat")
    _translate(b, 4, "The akim of the district replies in person.", "Bolat")
    with Store(b) as store:
        store.translations.set_term(TermInput("ru", "аким", "en", "akim"))
        layer = store.translations.ensure_layer(store.transcripts.all()[0].id, "en")
        ids = store.transcripts.utterance_ids(store.transcripts.all()[0].id)
        store.translations.review(layer.id, [ids[2]], "Bolat")
        store.translations.mark([ids[3]])
    with Store(master) as store:
        merge_project(store, a)
        report = merge_project(store, b)
        (conflict,) = [c for c in report.conflicts if c.entity == "translation"]
        assert conflict.kept == "The district akim answers himself."
        assert conflict.other == "The akim of the district replies in person."
        assert [t.term for t in store.translations.glossary()] == ["аким"]
        assert len(store.translations.marked()) == 1
    texts, translators, reviewed = _lines(master)
    assert texts == [
        "Tell me, how does your day go?",
        "Approval at the akimat takes three days.",
        "Thank you.",
        "",
        "The district akim answers himself.",
    ]
    assert translators == {0: "Aida", 1: "Bolat", 2: "Aida", 4: "Aida"}
    assert reviewed == [2]
    # merging again changes nothing; merging the master back into a copy makes them alike
    with Store(master) as store:
        assert not merge_project(store, b).changed
    with Store(a) as store:
        merge_project(store, master)
    assert _lines(a) == _lines(master)


def test_a_newer_translation_in_the_copy_replaces_the_older_one(tmp_path: Path) -> None:
    master, a, _b = _setup(tmp_path)
    _translate(a, 2, "Thanks a lot.", "Aida")
    with Store(master) as store:
        report = merge_project(store, a)
        assert not [c for c in report.conflicts if c.entity == "translation"]
    assert _lines(master)[0][2] == "Thanks a lot."


@pytest.mark.damages_project
def test_check_reports_a_status_on_the_original(tmp_path: Path) -> None:
    master, _a, _b = _setup(tmp_path)
    with Store(master) as store:
        store.translations.set_term(TermInput("ru", "аким", "en", "akim"))
    assert check_project(master) == []
    conn = sqlite3.connect(master)
    with conn:
        conn.execute(
            "UPDATE translation_status SET layer_id ="
            " (SELECT id FROM layer WHERE is_original = 1), source_hash = 'x'"
        )
        conn.execute("UPDATE glossary_term SET folded = 'x'")
    conn.close()
    checks = [p.check for p in check_project(master)]
    # on the original, no fingerprint, a revision not remembered, a glossary key
    assert checks.count("translation") == 4


def test_layers_created_separately_in_two_copies_merge_by_language(tmp_path: Path) -> None:
    master = translation_project(tmp_path / "master.suhbat")
    copy = tmp_path / "copy.suhbat"
    shutil.copyfile(master, copy)
    _translate(master, 4, "The district akim answers himself.", "Aida")
    _translate(copy, 0, "Tell me about your day.", "Bolat")
    _translate(copy, 4, "The akim replies in person.", "Bolat")
    with Store(master) as store:
        report = merge_project(store, copy)
        (conflict,) = [c for c in report.conflicts if c.entity == "translation"]
        assert (conflict.kept, conflict.other) == (
            "The district akim answers himself.",
            "The akim replies in person.",
        )
        assert len(store.transcripts.layers(store.transcripts.all()[0].id)) == 2
    texts, translators, _reviewed = _lines(master)
    assert texts[0] == "Tell me about your day." and translators[0] == "Bolat"
    assert texts[4] == "The district akim answers himself." and translators[4] == "Aida"
