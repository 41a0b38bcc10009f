"""Valence on codings: stored per coding, on the project's scale, undoable, checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.transcript_import import import_transcript
from storage import Store
from storage.errors import ConflictError, ValidationError
from storage.valence import next_valence, valence_symbol


def _coding(store: Store, fixtures_dir: Path) -> int:
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    layer = store.transcripts.layers(store.transcripts.all()[0].id)[0]
    start = layer.text.index("через три дня")
    code = store.codes.add("Задержки")
    coder = store.coders.get("aigerim")
    return store.codings.add(code.id, layer.id, start, start + 13, coder.id).id


def test_a_coding_keeps_its_valence_after_reopening(
    store: Store, fixtures_dir: Path, tmp_path: Path
) -> None:
    coding_id = _coding(store, fixtures_dir)
    assert store.codings.get(coding_id).valence is None
    store.codings.set_valence(coding_id, -1)
    path = store.path
    store.close()
    with Store(path) as again:
        assert again.codings.get(coding_id).valence == -1
        assert again.codings.all()[0].valence == -1
        assert (
            again.counts.coded_segments(again.codings.get(coding_id).code_id)[0].coding.valence
            == -1
        )


def test_three_point_scale_refuses_two_and_five_point_takes_it(
    store: Store, fixtures_dir: Path
) -> None:
    coding_id = _coding(store, fixtures_dir)
    assert store.codings.valence_scale() == 3
    with pytest.raises(ValidationError):
        store.codings.set_valence(coding_id, 2)
    assert store.codings.get(coding_id).valence is None
    store.codings.set_valence_scale(5)
    store.codings.set_valence(coding_id, 2)
    assert store.codings.get(coding_id).valence == 2
    with pytest.raises(ConflictError):
        store.codings.set_valence_scale(3)
    assert store.codings.valence_scale() == 5


def test_setting_a_valence_is_one_undo_step(store: Store, fixtures_dir: Path) -> None:
    coding_id = _coding(store, fixtures_dir)
    store.history.enable()
    store.codings.set_valence(coding_id, 1)
    store.history.undo()
    assert store.codings.get(coding_id).valence is None
    store.history.redo()
    assert store.codings.get(coding_id).valence == 1


def test_one_key_steps_through_the_scale_and_back_to_none() -> None:
    seen: list[int | None] = [None]
    for _ in range(4):
        seen.append(next_valence(seen[-1], 3))
    assert seen == [None, -1, 0, 1, None]
    assert [valence_symbol(v) for v in (-2, -1, 0, 1, 2, None)] == ["−2", "−", "0", "+", "+2", ""]
