"""Redacted exports: Word transcripts (text and comment anchors), report quotes, codebook
examples, the coded-segment table and QDPX sources (text and selection offsets), read
back from the files; the stored project never changes."""

from __future__ import annotations

import csv
import random
import re
import sqlite3
from pathlib import Path

import pytest
from docx_dump import comment_ranges_are_balanced, dump_docx
from lxml import etree
from redaction_study import (
    EXAMPLE,
    PSEUDONYM,
    REAL_NAME,
    RedactionStudy,
    build_redaction_study,
    expected_coded_texts,
    full_redactor,
    leaks,
    stored_state,
)
from refi_helpers import NS, read_qdpx
from xml_values import attribute, number

from exports.docx_codebook import write_codebook_docx
from exports.docx_report import ReportOptions, write_report_docx
from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
from exports.redacted_text import RedactedText, redact_text
from exports.redacted_view import RedactedStore, open_redacted
from exports.redaction import RedactionEntry, Redactor, Replacement, map_offset, term_pattern
from exports.redaction_log import REPORT_COLUMNS, report_path
from exports.refi import write_qdpx
from exports.study.loading import load_study
from exports.table_catalog import TableContext, build_tables
from exports.table_files import write_csv_files
from i18n import translations
from i18n.collation import sort_key_for
from storage import Store
from storage.pseudonyms import PeopleNames


@pytest.fixture
def study(demo_path: Path, tmp_path: Path) -> RedactionStudy:
    return build_redaction_study(demo_path, tmp_path)


def docx_texts(path: Path) -> list[str]:
    """Every text of a DOCX: paragraphs, table cells, comments and their anchors."""
    dump = dump_docx(path)
    cells = [cell for table in dump.tables() for row in table for cell in row]
    notes = [text for c in dump.comments for text in (c.text, c.anchored)]
    return [*dump.paragraphs(), *cells, *notes]


def test_transcript_docx_redacts_text_and_keeps_every_comment_on_its_coded_text(
    study: RedactionStudy, tmp_path: Path
) -> None:
    before = stored_state(study.path)
    with Store(study.path) as store:
        expected = expected_coded_texts(store, full_redactor(store, study.redaction_list))
        codings = store.codings.all()
        with open_redacted(store, Redactor.from_file(study.redaction_list)) as view:
            (path,) = write_transcripts_docx(
                view, tmp_path / "t.docx", options=TranscriptDocxOptions(layers=("ru",))
            )
    dump = dump_docx(path)
    assert leaks(docx_texts(path)) == []
    body = "\n".join(dump.paragraphs())
    assert "В [PLACE] R1 сказала: Согласование" in body
    assert "мы получаем подпись от [NAME] через три дня" in body
    assert "Я писал в [ORG] два раза" in body
    assert comment_ranges_are_balanced(path)
    ru_codings = [c for c in codings if c.layer_id in _original_layers(study.path)]
    assert len(dump.comments) == len(ru_codings)
    by_text = sorted(c.anchored for c in dump.comments)
    assert by_text == sorted(expected[c.id] for c in ru_codings)
    assert "[PLACE] R1 сказала" in by_text  # the coding began inside "Алмате"
    assert "мы получаем подпись от [NAME] через три дня" in by_text
    memo = next(c for c in dump.comments if "говорит" in c.text)
    assert memo.text.endswith("R1 говорит о [NAME] из [PLACE]")
    assert stored_state(study.path) == before


def _original_layers(path: Path) -> set[int]:
    with Store(path, read_only=True) as store:
        return {la.id for la in store.transcripts.layers(with_text=False) if la.is_original}


def test_bilingual_table_anchors_and_metadata_are_redacted(
    study: RedactionStudy, tmp_path: Path
) -> None:
    with Store(study.path) as store:
        expected = expected_coded_texts(store, full_redactor(store, study.redaction_list))
        interview = store.transcripts.find("interview_r1")
        assert interview is not None
        codings = store.codings.all(layer_id=study.r1_ru) + store.codings.all(layer_id=study.r1_en)
        with open_redacted(store, Redactor.from_file(study.redaction_list)) as view:
            (path,) = write_transcripts_docx(view, tmp_path / "t.docx", [interview.id])
    dump = dump_docx(path)
    assert leaks(docx_texts(path)) == []
    metadata = dict((row[0], row[1]) for row in dump.tables()[0])
    assert metadata["Location"] == "[PLACE]"
    rows = dump.tables()[1]
    assert any(row[3].startswith("In [PLACE] she said: ") for row in rows)
    assert sorted(c.anchored for c in dump.comments) == sorted(expected[c.id] for c in codings)


def test_real_names_are_kept_when_asked_for(study: RedactionStudy, tmp_path: Path) -> None:
    with (
        Store(study.path) as store,
        open_redacted(store, Redactor.from_file(study.redaction_list), real_names=True) as view,
    ):
        (path,) = write_transcripts_docx(
            view,
            tmp_path / "t.docx",
            options=TranscriptDocxOptions(layers=("ru",), real_names=True),
        )
    body = "\n".join(dump_docx(path).paragraphs())
    assert "В [PLACE] Айгуль Жанбыршыкова сказала" in body
    assert "[NAME]" in body


def test_report_quotes_and_sessions_are_redacted(study: RedactionStudy, tmp_path: Path) -> None:
    options = ReportOptions(sections=("sessions", "quotes"), quotes_per_theme=30)
    with (
        Store(study.path) as store,
        open_redacted(store, Redactor.from_file(study.redaction_list)) as view,
    ):
        path = write_report_docx(view, tmp_path / "report.docx", options)
    dump = dump_docx(path)
    assert leaks(docx_texts(path)) == []
    sessions = dump.tables()[0]
    location = sessions[0].index("Location")
    assert [row[location] for row in sessions[1:]] == ["[PLACE]", "Oskemen", "Kordai"]
    quotes = "\n".join(dump.paragraphs())
    assert "«мы получаем подпись от [NAME] через три дня»" in quotes
    assert "«Я писал в [ORG] два раза»" in quotes


def test_codebook_examples_are_redacted(study: RedactionStudy, tmp_path: Path) -> None:
    with (
        Store(study.path) as store,
        open_redacted(store, Redactor.from_file(study.redaction_list)) as view,
    ):
        path = write_codebook_docx(view, tmp_path / "codebook.docx")
    texts = docx_texts(path)
    assert leaks(texts) == []
    assert EXAMPLE.replace("Алматы", "[PLACE]") in "\n".join(texts)


def test_coded_segments_text_and_translation_are_redacted(
    study: RedactionStudy, tmp_path: Path
) -> None:
    with Store(study.path) as store:
        expected = expected_coded_texts(store, full_redactor(store, study.redaction_list))
        count = len(store.codings.all())
        with open_redacted(store, Redactor.from_file(study.redaction_list)) as view:
            data = load_study(view, with_text=True)
            context = TableContext(PeopleNames.of(view.participants.all()))
            (path,) = write_csv_files(build_tables(data, ["segments"], context), tmp_path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count
    assert leaks(value or "" for row in rows for value in row.values()) == []
    assert sorted(row["Text"] for row in rows) == sorted(expected.values())
    fourth = [row for row in rows if row["Text"] == "[PLACE] R1 сказала"]
    assert fourth[0]["Translation (en)"].startswith("In [PLACE] she said: Approval takes")


def test_qdpx_sources_and_selections_are_redacted(study: RedactionStudy, tmp_path: Path) -> None:
    before = stored_state(study.path)
    with Store(study.path) as store:
        expected = expected_coded_texts(store, full_redactor(store, study.redaction_list))
        uuids = {c.uuid: c.id for c in store.codings.all()}
        with open_redacted(store, Redactor.from_file(study.redaction_list)) as view:
            write_qdpx(view, tmp_path / "study.qdpx")
    xml, texts = read_qdpx(tmp_path / "study.qdpx")
    assert leaks([xml.decode("utf-8"), *texts.values()]) == []
    root = etree.fromstring(xml)
    seen = 0
    for source in root.iterfind(".//q:TextSource", NS):
        text = texts["sources/" + attribute(source, "plainTextPath").removeprefix("internal://")]
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = number(selection, "startPosition"), number(selection, "endPosition")
            for coding in selection.iterfind("q:Coding", NS):
                assert text[start:end] == expected[uuids[attribute(coding, "guid").lower()]]
                seen += 1
    assert seen == len(uuids)
    assert stored_state(study.path) == before


def test_the_log_names_each_term_form_and_place_once(study: RedactionStudy, tmp_path: Path) -> None:
    with (
        Store(study.path) as store,
        open_redacted(store, Redactor.from_file(study.redaction_list)) as view,
    ):
        for _ in range(2):  # reading twice counts once
            write_transcripts_docx(view, tmp_path / "t.docx", options=TranscriptDocxOptions())
        log = view.log
    path = log.write(report_path(tmp_path / "t.docx"))
    assert path.name == "t.docx.redactions.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == REPORT_COLUMNS
        rows = list(reader)
    found = {(r["term"], r["kind"], r["placeholder"], r["found"], r["where"]): r for r in rows}
    text = 'layer "interview_r1" (ru): text'
    memo = 'layer "interview_r1" (ru): coding memo'
    assert found[("Алматы", "PLACE", "[PLACE]", "Алмате", text)]["count"] == "1"
    assert found[("Алматы", "PLACE", "[PLACE]", "Алматы", memo)]["count"] == "1"
    assert found[(REAL_NAME, "NAME", PSEUDONYM, REAL_NAME, text)]["count"] == "1"
    assert found[("Айгуль", "NAME", PSEUDONYM, "Айгуль", memo)]["count"] == "1"
    assert found[("Семёнов", "NAME", "[NAME]", "Семёнова", text)]["count"] == "1"
    assert found[("Almaty", "PLACE", "[PLACE]", "Almaty", 'session "Interview R1": location')]
    assert log.count == sum(int(r["count"]) for r in rows)


def test_the_view_refuses_writes(study: RedactionStudy) -> None:
    with (
        Store(study.path) as store,
        open_redacted(store, Redactor.from_file(study.redaction_list)) as view,
    ):
        with pytest.raises(sqlite3.OperationalError):
            view.transcripts.edit_layer_text(study.r1_ru, 0, 0, "Алматы ")
        assert "Алматы" not in view.transcripts.layer(study.r1_ru).text
        assert "Алмате" in store.transcripts.layer(study.r1_ru).text


def test_a_layer_is_redacted_utterance_by_utterance() -> None:
    place = Redactor([RedactionEntry("Алматы", "PLACE")])
    assert redact_text("живёт в Алматы", [], place).text == "живёт в [PLACE]"
    name = Redactor([RedactionEntry("Айгуль Жанбыршыкова", "NAME", "P07")])
    text = "это Айгуль\nЖанбыршыкова"
    # as one text the name would reach across the line end, swallowing the boundary
    assert redact_text(text, [], name).text == "это P07"
    # cut at the utterances, each part of the name is replaced in its own utterance
    split = redact_text(text, [0, 10, 11, len(text)], name)
    assert split.text == "это P07\nP07"
    assert split.span(0, 10) == (0, 7)
    assert split.span(11, len(text)) == (8, 11)


def test_offsets_move_exactly_as_map_offset_says() -> None:
    rng = random.Random(7)
    for _ in range(200):
        replacements: list[Replacement] = []
        position = 0
        for _n in range(rng.randint(0, 6)):
            start = position + rng.randint(0, 5)
            end = start + rng.randint(1, 6)
            placeholder = "x" * rng.randint(0, 8)
            replacements.append(Replacement("t", "K", "f", start, end, placeholder))
            position = end
        moved = RedactedText("", replacements)
        for offset in range(position + 4):
            for end in (False, True):
                assert moved.offset(offset, end=end) == map_offset(replacements, offset, end=end)


def test_trying_only_the_entries_a_word_can_start_finds_what_the_whole_list_finds() -> None:
    entries = [
        RedactionEntry("Айгуль Жанбыршыкова", "NAME", "P07"),
        RedactionEntry("Семёнов", "NAME"),
        RedactionEntry("Алматы", "PLACE"),
        RedactionEntry("Акимат города Алматы", "ORG"),
        RedactionEntry("КНБ", "ORG"),
        RedactionEntry("Мира", "NAME"),
        RedactionEntry("Ян", "NAME"),
        RedactionEntry("Almaty", "PLACE"),
    ]
    redactor = Redactor(entries)
    whole = re.compile(
        "|".join(f"(?P<e{i}>{term_pattern(e.term)})" for i, e in enumerate(redactor.entries)),
        re.IGNORECASE,
    )
    words = [
        *("Айгуль", "Жанбыршыкова", "Жанбыршыковой", "СЕМЕНОВУ", "семёнова", "Алмате"),
        *("алматинский", "Алматыдағы", "акимат", "города", "Алматы", "акимата", "КНБ-ның"),
        *("кнб", "Мира", "Миры", "мировой", "мир", "Ян", "Яна", "ян-ян", "Almaty's", "ALMATY"),
        *("аккордай", "изАлматы", "2024", "—", ",", ".", "«»"),
    ]
    rng = random.Random(11)
    for _ in range(300):
        text = "".join(
            rng.choice(words) + rng.choice([" ", "\n", "-", "", ", "]) for _ in range(12)
        )
        expected = []
        for m in whole.finditer(text):
            entry = redactor.entries[int((m.lastgroup or "e")[1:])]
            expected.append((m.start(), m.end(), entry.term, entry.placeholder))
        _text, found = redactor.apply(text)
        assert [(r.start, r.end, r.term, r.placeholder) for r in found] == expected


def test_a_listed_replacement_wins_over_the_pseudonym(study: RedactionStudy) -> None:
    listing = Redactor.from_file(study.redaction_list)
    own = Redactor([RedactionEntry(REAL_NAME, "NAME", "Респондентка"), *listing.entries])
    with Store(study.path) as store, RedactedStore(store.path, own) as view:
        text = view.transcripts.layer(study.r1_ru).text
    assert "В [PLACE] Респондентка сказала" in text


def test_the_log_is_written_in_the_report_language(study: RedactionStudy, tmp_path: Path) -> None:
    with (
        Store(study.path) as store,
        open_redacted(store, Redactor.from_file(study.redaction_list)) as view,
    ):
        write_transcripts_docx(view, tmp_path / "t.docx", options=TranscriptDocxOptions())
        log = view.log
    kk = translations("kk").gettext
    path = log.write(report_path(tmp_path / "t.docx"), language="kk")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == [kk(column) for column in REPORT_COLUMNS]
    assert header != list(REPORT_COLUMNS)
    places = {row[5] for row in rows}
    layer_text = kk("layer {label}: {field}").format(label='"interview_r1" (ru)', field=kk("text"))
    assert layer_text in places
    location = kk("session {title}: {field}").format(title='"Interview R1"', field=kk("location"))
    assert location in places
    assert not any(re.search(r"\b(layer|session|text|memo|location)\b", p) for p in places)
    terms = [row[0] for row in rows]
    assert terms == sorted(terms, key=sort_key_for("kk"))
