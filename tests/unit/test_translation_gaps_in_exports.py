"""Exports never hide a translation gap: report quotes say so, bilingual tables leave it empty."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx_dump import dump_docx
from translation_study import translation_project

from exports.docx_report import ReportOptions, write_report_docx
from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
from storage import Store


def _project(tmp_path: Path) -> Path:
    path = translation_project(tmp_path / "t.suhbat")
    with Store(path) as store:
        transcript = store.transcripts.all()[0]
        original = store.translations.original_layer(transcript.id)
        ids = store.transcripts.utterance_ids(transcript.id)
        layer = store.translations.ensure_layer(transcript.id, "en")
        store.translations.save(layer.id, ids[0], "Tell me, how does your day go?", "Aida")
        coder = store.coders.get("Aida")
        code = store.codes.all()[0]
        store.codings.add(code.id, original.id, 0, 30, coder.id)  # translated utterance
        second = store.codes.add({"en": "Authority"})
        rows = store.transcripts.utterances(transcript.id)
        start, end = rows[4].spans[original.id]
        store.codings.add(second.id, original.id, start, end, coder.id)  # untranslated
    return path


def test_report_quotes_use_the_translation_or_say_not_translated(tmp_path: Path) -> None:
    path = _project(tmp_path)
    with Store(path) as store:
        out = write_report_docx(
            store,
            tmp_path / "report.docx",
            ReportOptions(generated=date(2024, 5, 1), sections=("quotes",)),
        )
    quotes = [b[1] for b in dump_docx(out).blocks if b[0] == "p" and b[2] == "Quote"]
    assert "Translation (English): «Tell me, how does your day go?»" in quotes[0]
    assert quotes[1].endswith("Translation (English): not translated")


def test_bilingual_table_leaves_an_untranslated_cell_empty(tmp_path: Path) -> None:
    path = _project(tmp_path)
    with Store(path) as store:
        (out,) = write_transcripts_docx(
            store, tmp_path / "t.docx", options=TranscriptDocxOptions(layers=("ru", "en"))
        )
    table = next(t for t in dump_docx(out).tables() if t[0][-1] == "English")
    assert table[1][-1] == "Tell me, how does your day go?"
    assert [row[-1] for row in table[2:]] == ["", "", "", ""]
    assert all(row[-2] for row in table[1:])  # the original is there in every row


def test_refi_export_carries_translation_status_as_a_note(tmp_path: Path, shared_dir: Path) -> None:
    from refi_helpers import assert_valid, read_qdpx, schema

    from exports.refi.qdpx_writer import write_qdpx

    path = _project(tmp_path)
    with Store(path) as store:
        transcript = store.transcripts.all()[0]
        layer = store.translations.ensure_layer(transcript.id, "en")
        ids = store.transcripts.utterance_ids(transcript.id)
        store.translations.review(layer.id, [ids[0]], "Bolat")
        write_qdpx(store, tmp_path / "t.qdpx")
    xml, _texts = read_qdpx(tmp_path / "t.qdpx")
    root = assert_valid(xml, schema(shared_dir, "Project.xsd"))
    ns = {"q": root.nsmap[None]}
    (note,) = root.findall(".//q:Note[@name='Translation status']", ns)
    text = note.findtext("q:PlainTextContent", namespaces=ns) or ""
    assert "#1 [00:00:00]: reviewed; translated by Aida" in text
    assert "reviewed by Bolat" in text and "#2 [00:00:10]: untranslated" in text
    source = root.find(f".//q:TextSource[@guid='{layer.uuid}']", ns)
    assert source is not None
    assert source.find(f"q:NoteRef[@targetGUID='{note.get('guid')}']", ns) is not None
