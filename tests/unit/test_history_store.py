"""Undo and redo of coding and codebook changes (storage.history_store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.transcript_import import import_transcript, import_translation
from storage import ConflictError, Store
from storage.models import Code, Coding


@pytest.fixture
def coded(store: Store, fixtures_dir: Path) -> Store:
    """interview_07 (ru + en) with a small codebook and history switched on."""
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    import_translation(store, fixtures_dir / "interview_07.en.txt", "interview_07")
    store.enable_history()
    return store


def _snapshot(store: Store) -> tuple[list[Code], list[Coding]]:
    return store.codes(), store.codings()


def _ru_layer(store: Store) -> int:
    return next(layer.id for layer in store.layers() if layer.language == "ru")


def _span_of(store: Store, layer_id: int, word: str) -> tuple[int, int]:
    text = store.layer(layer_id).text
    start = text.index(word)
    return start, start + len(word)


def test_undo_and_redo_a_coding(coded: Store) -> None:
    layer = _ru_layer(coded)
    code = coded.add_code("Бюрократия")
    coder = coded.coder("aigerim")
    start, end = _span_of(coded, layer, "Согласование занимает слишком много времени")
    coding = coded.add_coding(code.id, layer, start, end, coder.id)

    assert [s.label for s in coded.undo_steps()] == ["Add code", "Add coding"]
    step = coded.undo()
    assert step is not None and step.label == "Add coding" and step.layer_ids == {layer}
    assert coded.codings() == []
    assert coded.codes() == [code]

    coded.redo()
    assert coded.codings() == [coding]  # same id, uuid, offsets and time


def test_deleting_a_theme_comes_back_whole(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coder("aigerim")
    theme = coded.add_code({"ru": "Государство", "en": "State"}, description="d", color="#aa0000")
    child = coded.add_code({"ru": "Согласование", "en": "Approval"}, parent_id=theme.id)
    grandchild = coded.add_code("Подпись", parent_id=child.id, inclusion="подписи")
    for code, word in ((child, "Согласование"), (grandchild, "подпись"), (child, "ведомствах")):
        start, end = _span_of(coded, layer, word)
        coded.add_coding(code.id, layer, start, end, coder.id, memo="важно")
    before = _snapshot(coded)

    assert coded.delete_code(theme.id) == (3, 3)
    assert coded.codes() == [] and coded.codings() == []

    coded.undo()
    assert _snapshot(coded) == before
    coded.redo()
    assert coded.codes() == [] and coded.codings() == []
    coded.undo()
    assert _snapshot(coded) == before


def test_merge_with_collapsed_duplicates_is_undone_exactly(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coder("aigerim")
    a = coded.add_code("Задержки")
    b = coded.add_code("Сроки")
    start, end = _span_of(coded, layer, "через три дня")
    coded.add_coding(a.id, layer, start, end, coder.id)
    coded.add_coding(b.id, layer, start, end, coder.id)  # collapses on merge
    start, end = _span_of(coded, layer, "сегодня")
    coded.add_coding(a.id, layer, start, end, coder.id)
    before = _snapshot(coded)

    coded.merge_codes(a.id, b.id)
    assert len(coded.codings()) == 2 and [c.id for c in coded.codes()] == [b.id]

    step = coded.undo()
    assert step is not None and step.label == "Delete code"
    assert _snapshot(coded) == before


def test_a_labelled_group_is_one_step(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coder("aigerim")
    with coded.undoable("Code with a new code"):
        code = coded.add_code("Новый код")
        coded.add_coding(code.id, layer, 0, 5, coder.id)
    assert [s.label for s in coded.undo_steps()] == ["Code with a new code"]
    coded.undo()
    assert coded.codes() == [] and coded.codings() == []
    assert not coded.can_undo() and coded.can_redo()


def test_a_new_change_after_undo_drops_the_redo_steps(coded: Store) -> None:
    coded.add_code("A")
    coded.add_code("B")
    coded.undo()
    assert coded.can_redo()
    coded.add_code("C")
    assert not coded.can_redo()
    assert [c.name() for c in coded.codes()] == ["A", "C"]


def test_failed_changes_and_reads_record_nothing(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coder("aigerim")
    code = coded.add_code("A")
    coded.add_coding(code.id, layer, 0, 5, coder.id)
    steps = len(coded.undo_steps())
    with pytest.raises(ConflictError):
        coded.add_coding(code.id, layer, 0, 5, coder.id)
    coded.set_setting("last_coder", "aigerim")
    coded.code_counts()
    assert len(coded.undo_steps()) == steps


def test_history_lasts_only_as_long_as_the_store(coded: Store) -> None:
    coded.add_code("A")
    assert coded.can_undo()
    with Store(coded.path) as again:
        again.enable_history()
        assert not again.can_undo()
        assert [c.name() for c in again.codes()] == ["A"]


def test_changes_elsewhere_make_undo_fail_cleanly(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coder("aigerim")
    code = coded.add_code("A")
    coding = coded.add_coding(code.id, layer, 0, 5, coder.id)
    coded.delete_coding(coding.id)
    with Store(coded.path) as other:
        other.delete_code(code.id)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        coded.undo()
    assert coded.codings() == [] and not coded.can_undo()
    coded.add_code("B")  # the Store is still usable
    assert [c.name() for c in coded.codes()] == ["B"]


def test_deleting_a_transcript_cannot_be_undone_and_clears_history(coded: Store) -> None:
    coded.add_code("A")
    transcript = coded.transcripts()[0]
    coded.delete_transcript(transcript.id)
    assert not coded.can_undo()


def test_undo_of_a_text_edit_restores_text_spans_codings_and_search(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coder("aigerim")
    code = coded.add_code("A")
    start, end = _span_of(coded, layer, "через три дня")
    coding = coded.add_coding(code.id, layer, start, end, coder.id)
    text_before = coded.layer(layer).text
    spans_before = [u.spans for u in coded.utterances()]
    word_start, word_end = _span_of(coded, layer, "Согласование")

    coded.edit_layer_text(layer, word_start, word_end, "Одобрение")
    assert coded.search("одобрение") and not coded.search("согласование", language="ru")

    step = coded.undo()
    assert step is not None and step.label == "Edit text"
    assert coded.layer(layer).text == text_before
    assert [u.spans for u in coded.utterances()] == spans_before
    assert coded.codings() == [coding]
    assert coded.search("согласование", language="ru") and not coded.search("одобрение")

    coded.redo()
    assert "Одобрение занимает" in coded.layer(layer).text
    assert coded.search("одобрение") and not coded.search("согласование", language="ru")
    moved = coded.coding(coding.id)
    assert coded.layer(layer).text[moved.start : moved.end] == "через три дня"


def test_redo_of_changes_to_existing_rows(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coder("aigerim")
    a, b = coded.add_code("A"), coded.add_code("B")
    coding = coded.add_coding(a.id, layer, 0, 5, coder.id)
    coded.update_coding(coding.id, code_id=b.id, end=9, memo="заметка")
    coded.update_code(b.id, names={"ru": "Б"}, color="#112233")
    after = _snapshot(coded)
    for _ in range(5):
        coded.undo()
    assert coded.codes() == [] and coded.codings() == []
    for _ in range(5):
        coded.redo()
    assert _snapshot(coded) == after
