"""A language per utterance inside a layer (Kazakh turns in a Russian layer)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run as _run

from exports.transcript_import import import_transcript
from storage import Store, ValidationError


@pytest.fixture
def project(tmp_path: Path, fixtures_dir: Path) -> Path:
    """interview_07 in Russian, whose eighth turn is in Kazakh."""
    path = tmp_path / "study.suhbat"
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    return path


def _kazakh_turn(store: Store) -> int:
    (layer,) = store.transcripts.layers()
    return next(
        i
        for i, u in enumerate(store.transcripts.utterances())
        if "халықпен" in layer.text[u.spans[layer.id][0] : u.spans[layer.id][1]]
    )


def test_set_show_and_search_by_utterance_language(project: Path) -> None:
    with Store(project) as store:
        (layer,) = store.transcripts.layers()
        turn = store.transcripts.utterances()[_kazakh_turn(store)]
        assert store.search.hits("халықпен", language="kk") == []
        assert store.transcripts.set_utterance_language(layer.id, [turn.id], "KK") == 1
        assert store.transcripts.utterance_languages() == {(turn.id, layer.id): "kk"}
        (hit,) = store.search.hits("халықпен", language="kk")
        assert hit.utterance_id == turn.id and hit.language == "kk"
        assert store.search.hits("халықпен", language="ru") == []
        assert store.search.count("халықпен", language="kk") == 1
        with pytest.raises(ValidationError):
            store.transcripts.set_utterance_language(layer.id, [turn.id], "kazakh")
        # The layer's own language clears the mark.
        assert store.transcripts.set_utterance_language(layer.id, [turn.id], "ru") == 1
        assert store.transcripts.utterance_languages() == {}


def test_cli_marks_utterances_by_number_and_lists_them(project: Path) -> None:
    with Store(project) as store:
        number = _kazakh_turn(store) + 1
    code, out, err = _run(
        "transcript", "set-utterance-language", project, "interview_07", "ru", str(number), "kk"
    )
    assert code == 0, err
    assert "1 utterance changed" in out
    code, out, err = _run("transcript", "utterances", project, "interview_07", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["languages"] for r in rows if r["number"] == number] == [["kk"]]
    assert all(r["languages"] == ["ru"] for r in rows if r["number"] != number)
    code, _out, err = _run(
        "transcript", "set-utterance-language", project, "interview_07", "ru", "1-99", "kk"
    )
    assert code == 1 and "1-99" in err


def test_marking_utterance_languages_is_one_undo_step(project: Path) -> None:
    with Store(project) as store:
        (layer,) = store.transcripts.layers()
        store.history.enable()
        first, second = store.transcripts.utterances()[:2]
        store.transcripts.set_utterance_language(layer.id, [first.id], "kk")
        store.transcripts.set_utterance_language(layer.id, [first.id, second.id], "en")
        marked = {(first.id, layer.id): "en", (second.id, layer.id): "en"}
        assert store.transcripts.utterance_languages() == marked
        step = store.history.undo()
        assert step is not None and step.label == "Utterance language"
        assert layer.id in step.layer_ids
        assert store.transcripts.utterance_languages() == {(first.id, layer.id): "kk"}
        store.history.undo()
        assert store.transcripts.utterance_languages() == {}
        store.history.redo()
        store.history.redo()
        assert store.transcripts.utterance_languages() == marked
