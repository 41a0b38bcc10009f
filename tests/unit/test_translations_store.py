"""Translation typed in the app, in the Store: layer, drafts, status, staleness, marks, glossary."""

from __future__ import annotations

from pathlib import Path

import pytest
from translation_study import translation_project

from storage import Store, ValidationError
from storage.translations_store import TermInput


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return translation_project(tmp_path / "t.suhbat")


def _layer(store: Store) -> tuple[int, list[int]]:
    transcript = store.transcripts.all()[0]
    layer = store.translations.ensure_layer(transcript.id, "en")
    return layer.id, store.transcripts.utterance_ids(transcript.id)


def test_layer_is_created_empty_and_aligned_once(project: Path) -> None:
    with Store(project) as store:
        transcript = store.transcripts.all()[0]
        layer = store.translations.ensure_layer(transcript.id, "en")
        assert layer.text == "\n" * 4
        assert store.translations.ensure_layer(transcript.id, "en").id == layer.id
        with pytest.raises(ValidationError):
            store.translations.ensure_layer(transcript.id, "ru")  # the original's language
        with pytest.raises(ValidationError):
            store.translations.ensure_layer(transcript.id, "de")  # not a project language
        rows = store.translations.rows(layer.id)
        assert [r.translated for r in rows] == [False] * 5


def test_draft_is_durable_and_save_records_translator(project: Path) -> None:
    with Store(project) as store:
        layer, ids = _layer(store)
        store.translations.set_draft(layer, ids[1], "Approval at the ak")
    with Store(project) as again:  # the draft survived a "crash"
        assert again.translations.drafts(layer) == {ids[1]: "Approval at the ak"}
        status = again.translations.save(
            layer, ids[1], "Approval at the akimat takes three days.", "Aida"
        )
        assert status is not None and status.translator == "Aida" and status.reviewer is None
        assert again.translations.drafts(layer) == {}
        row = again.translations.rows(layer)[1]
        assert row.translation == "Approval at the akimat takes three days."
        assert row.original == "Согласование у акима занимает три дня."
        assert again.search.count("akimat", language="en") == 1


def test_original_edit_makes_translation_stale_until_reviewed(project: Path) -> None:
    with Store(project) as store:
        layer, ids = _layer(store)
        store.translations.save(layer, ids[4], "The district akim answers himself.", "Aida")
        original = store.translations.original_layer(store.transcripts.all()[0].id)
        assert not store.translations.statuses(layer)[ids[4]].stale
        store.transcripts.edit_utterance_text(
            ids[4], original.id, "Аким района отвечает сам лично."
        )
        status = store.translations.statuses(layer)[ids[4]]
        assert status.stale and not status.is_reviewed
        store.translations.review(layer, [ids[4]], "Bolat")
        status = store.translations.statuses(layer)[ids[4]]
        assert not status.stale and status.is_reviewed and status.reviewer == "Bolat"


def test_codings_on_the_original_stay_put(project: Path) -> None:
    with Store(project) as store:
        layer, ids = _layer(store)
        transcript = store.transcripts.all()[0]
        original = store.translations.original_layer(transcript.id)
        coder = store.coders.get("Aida")
        code = store.codes.all()[0]
        coding = store.codings.add(code.id, original.id, 31, 43, coder.id)
        store.translations.save(layer, ids[1], "Approval takes three days.", "Aida")
        (after,) = store.codings.all(layer_id=original.id)
        assert (after.start, after.end) == (coding.start, coding.end)
        # the translation can be coded once it has text
        u = {x.id: x for x in store.transcripts.utterances(transcript.id)}[ids[1]]
        start, _end = u.spans[layer]
        store.codings.add(code.id, layer, start, start + 8, coder.id)


def test_marks_progress_and_memory(project: Path) -> None:
    with Store(project) as store:
        layer, ids = _layer(store)
        transcript = store.transcripts.all()[0]
        original = store.translations.original_layer(transcript.id)
        code = store.codes.all()[0]
        coder = store.coders.get("Aida")
        store.codings.add(code.id, original.id, 31, 43, coder.id)  # in utterance 2
        store.translations.mark([ids[0]])
        store.translations.mark_codes([code.id])
        marked = store.translations.marked(
            transcript.id
        ) | store.translations.coded_with_marked_codes(transcript.id)
        assert marked == {ids[0], ids[1]}
        store.translations.save(layer, ids[1], "Approval takes three days.", "Aida")
        progress = store.translations.progress(layer, marked)
        assert (progress.utterances, progress.done_utterances) == (5, 1)
        assert (progress.marked_utterances, progress.marked_done_utterances) == (2, 1)
        assert progress.marked_done_words == 6 and progress.marked_words == 10
        # the same original elsewhere is offered as a suggestion
        memory = store.translations.memory("en")
        assert memory["Согласование у акима занимает три дня."] == "Approval takes three days."


def test_glossary_terms_update_in_place_and_refuse_bad_input(project: Path) -> None:
    with Store(project) as store:
        store.translations.set_term(
            TermInput("ru", "аким", "en", "akim (head of local administration)")
        )
        term = store.translations.set_term(
            TermInput("ru", "Аким", "en", "akim (head of administration)", "title")
        )
        (only,) = store.translations.glossary()
        assert only.id == term.id and only.note == "title" and only.required == "akim"
        for bad in (TermInput("ru", "", "en", "x"), TermInput("ru", "x", "ru", "y")):
            with pytest.raises(ValidationError):
                store.translations.set_term(bad)


def test_reviewing_an_imported_translation_gives_it_a_status(project: Path) -> None:
    with Store(project) as store:
        transcript = store.transcripts.all()[0]
        ids = store.transcripts.utterance_ids(transcript.id)
        layer = store.transcripts.add_layer(
            transcript.id, "kk", ["Айтыңызшы", "", "Рақмет", "", ""]
        )
        (status,) = store.translations.review(layer.id, [ids[0], ids[1]], "Bolat")
        assert (status.utterance_id, status.translator, status.reviewer) == (ids[0], "", "Bolat")
        assert store.translations.statuses(layer.id)[ids[0]].is_reviewed
