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
    store.history.enable()
    return store


def _snapshot(store: Store) -> tuple[list[Code], list[Coding]]:
    return store.codes.all(), store.codings.all()


def _ru_layer(store: Store) -> int:
    return next(layer.id for layer in store.transcripts.layers() if layer.language == "ru")


def _span_of(store: Store, layer_id: int, word: str) -> tuple[int, int]:
    text = store.transcripts.layer(layer_id).text
    start = text.index(word)
    return start, start + len(word)


def test_undo_and_redo_a_coding(coded: Store) -> None:
    layer = _ru_layer(coded)
    code = coded.codes.add("Бюрократия")
    coder = coded.coders.get("aigerim")
    start, end = _span_of(coded, layer, "Согласование занимает слишком много времени")
    coding = coded.codings.add(code.id, layer, start, end, coder.id)

    assert [s.label for s in coded.history.undo_steps()] == ["Add code", "Add coding"]
    step = coded.history.undo()
    assert step is not None and step.label == "Add coding" and step.layer_ids == {layer}
    assert coded.codings.all() == []
    assert coded.codes.all() == [code]

    coded.history.redo()
    assert coded.codings.all() == [coding]  # same id, uuid, offsets and time


def test_deleting_a_theme_comes_back_whole(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coders.get("aigerim")
    theme = coded.codes.add({"ru": "Государство", "en": "State"}, description="d", color="#aa0000")
    child = coded.codes.add({"ru": "Согласование", "en": "Approval"}, parent_id=theme.id)
    grandchild = coded.codes.add("Подпись", parent_id=child.id, inclusion="подписи")
    for code, word in ((child, "Согласование"), (grandchild, "подпись"), (child, "ведомствах")):
        start, end = _span_of(coded, layer, word)
        coded.codings.add(code.id, layer, start, end, coder.id, memo="важно")
    before = _snapshot(coded)

    assert coded.codes.delete(theme.id) == (3, 3)
    assert coded.codes.all() == [] and coded.codings.all() == []

    coded.history.undo()
    assert _snapshot(coded) == before
    coded.history.redo()
    assert coded.codes.all() == [] and coded.codings.all() == []
    coded.history.undo()
    assert _snapshot(coded) == before


def test_merge_with_collapsed_duplicates_is_undone_exactly(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coders.get("aigerim")
    a = coded.codes.add("Задержки")
    b = coded.codes.add("Сроки")
    start, end = _span_of(coded, layer, "через три дня")
    coded.codings.add(a.id, layer, start, end, coder.id)
    coded.codings.add(b.id, layer, start, end, coder.id)  # collapses on merge
    start, end = _span_of(coded, layer, "сегодня")
    coded.codings.add(a.id, layer, start, end, coder.id)
    before = _snapshot(coded)

    coded.codes.merge(a.id, b.id)
    assert len(coded.codings.all()) == 2 and [c.id for c in coded.codes.all()] == [b.id]

    step = coded.history.undo()
    assert step is not None and step.label == "Delete code"
    assert _snapshot(coded) == before


def test_a_labelled_group_is_one_step(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coders.get("aigerim")
    with coded.history.undoable("Code with a new code"):
        code = coded.codes.add("Новый код")
        coded.codings.add(code.id, layer, 0, 5, coder.id)
    assert [s.label for s in coded.history.undo_steps()] == ["Code with a new code"]
    coded.history.undo()
    assert coded.codes.all() == [] and coded.codings.all() == []
    assert not coded.history.can_undo() and coded.history.can_redo()


def test_a_new_change_after_undo_drops_the_redo_steps(coded: Store) -> None:
    coded.codes.add("A")
    coded.codes.add("B")
    coded.history.undo()
    assert coded.history.can_redo()
    coded.codes.add("C")
    assert not coded.history.can_redo()
    assert [c.name() for c in coded.codes.all()] == ["A", "C"]


def test_failed_changes_and_reads_record_nothing(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coders.get("aigerim")
    code = coded.codes.add("A")
    coded.codings.add(code.id, layer, 0, 5, coder.id)
    steps = len(coded.history.undo_steps())
    with pytest.raises(ConflictError):
        coded.codings.add(code.id, layer, 0, 5, coder.id)
    coded.set_setting("last_coder", "aigerim")
    coded.counts.code_counts()
    assert len(coded.history.undo_steps()) == steps


def test_history_lasts_only_as_long_as_the_store(coded: Store) -> None:
    coded.codes.add("A")
    assert coded.history.can_undo()
    with Store(coded.path) as again:
        again.history.enable()
        assert not again.history.can_undo()
        assert [c.name() for c in again.codes.all()] == ["A"]


def test_changes_elsewhere_make_undo_fail_cleanly(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coders.get("aigerim")
    code = coded.codes.add("A")
    coding = coded.codings.add(code.id, layer, 0, 5, coder.id)
    coded.codings.delete(coding.id)
    with Store(coded.path) as other:
        other.codes.delete(code.id)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        coded.history.undo()
    assert coded.codings.all() == [] and not coded.history.can_undo()
    coded.codes.add("B")  # the Store is still usable
    assert [c.name() for c in coded.codes.all()] == ["B"]


def test_deleting_a_transcript_is_one_step_but_an_import_clears_history(
    coded: Store, fixtures_dir: Path
) -> None:
    coded.codes.add("A")
    transcript = coded.transcripts.all()[0]
    coded.transcripts.delete(transcript.id)
    assert [s.label for s in coded.history.undo_steps()] == ["Add code", "Delete transcript"]
    coded.history.undo()
    assert coded.transcripts.all() == [transcript]
    import_transcript(coded, fixtures_dir / "interview_03.ru.docx")  # a layer added
    assert not coded.history.can_undo()


def test_undo_of_a_text_edit_restores_text_spans_codings_and_search(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coders.get("aigerim")
    code = coded.codes.add("A")
    start, end = _span_of(coded, layer, "через три дня")
    coding = coded.codings.add(code.id, layer, start, end, coder.id)
    text_before = coded.transcripts.layer(layer).text
    spans_before = [u.spans for u in coded.transcripts.utterances()]
    word_start, word_end = _span_of(coded, layer, "Согласование")

    coded.transcripts.edit_layer_text(layer, word_start, word_end, "Одобрение")
    assert coded.search.hits("одобрение") and not coded.search.hits("согласование", language="ru")

    step = coded.history.undo()
    assert step is not None and step.label == "Edit text"
    assert coded.transcripts.layer(layer).text == text_before
    assert [u.spans for u in coded.transcripts.utterances()] == spans_before
    assert coded.codings.all() == [coding]
    assert coded.search.hits("согласование", language="ru") and not coded.search.hits("одобрение")

    coded.history.redo()
    assert "Одобрение занимает" in coded.transcripts.layer(layer).text
    assert coded.search.hits("одобрение") and not coded.search.hits("согласование", language="ru")
    moved = coded.codings.get(coding.id)
    assert coded.transcripts.layer(layer).text[moved.start : moved.end] == "через три дня"


def test_redo_of_changes_to_existing_rows(coded: Store) -> None:
    layer = _ru_layer(coded)
    coder = coded.coders.get("aigerim")
    a, b = coded.codes.add("A"), coded.codes.add("B")
    coding = coded.codings.add(a.id, layer, 0, 5, coder.id)
    coded.codings.update(coding.id, code_id=b.id, end=9, memo="заметка")
    coded.codes.update(b.id, names={"ru": "Б"}, color="#112233")
    after = _snapshot(coded)
    for _ in range(5):
        coded.history.undo()
    assert coded.codes.all() == [] and coded.codings.all() == []
    for _ in range(5):
        coded.history.redo()
    assert _snapshot(coded) == after
