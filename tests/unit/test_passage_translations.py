"""A quote shorter than its turn says that the translation under it is the whole turn's."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from analysis.passages import Passage
from exports.passages import WHOLE_TURNS, passages_table, write_passages_docx
from storage import Store
from tui.passages_request import PassagesRequest, find_passages


def test_a_partial_quote_labels_its_translation_as_the_whole_turns(
    demo_path: Path, tmp_path: Path
) -> None:
    with Store(demo_path) as store:
        theme = store.codes.find("Bureaucracy")
        assert theme is not None
        listing = find_passages(store, PassagesRequest(code_id=theme.id), language="ru")
        turns = store.transcripts.utterances()
        texts = {layer.id: layer.text for layer in store.transcripts.layers(with_text=True)}

    def turns_text(p: Passage) -> str:
        spans = [u.spans[p.layer_id] for u in turns if p.layer_id in u.spans]
        hit = [(a, b) for a, b in spans if a < p.end and p.start < b]
        return " ".join(" ".join(texts[p.layer_id][a:b].split()) for a, b in hit)

    translated = [p for p in listing.passages if p.translation]
    assert translated
    partial = [p for p in translated if p.translation_of_turns]
    whole = [p for p in translated if not p.translation_of_turns]
    assert partial, "the demo has quotes shorter than their turns"
    assert all(len(p.text) < len(turns_text(p)) for p in partial)
    assert all(p.text == turns_text(p) for p in whole)
    assert WHOLE_TURNS in passages_table(listing).notes
    out = write_passages_docx(listing, tmp_path / "quotes.docx", language="en")
    paragraphs = [para.text for para in Document(str(out)).paragraphs]
    labelled = [t for t in paragraphs if t.startswith("Translation of the whole turn: ")]
    assert len(labelled) == len(partial)
    assert {t.removeprefix("Translation of the whole turn: ") for t in labelled} == {
        p.translation for p in partial
    }
