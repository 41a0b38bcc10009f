"""Transcript DOCX: golden dumps read back with python-docx (text, tables, comments)."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from docx_dump import comment_ranges_are_balanced, dump_docx
from export_study import EN, REAL_NAMES, RU, SESSION_TITLE, SPEAKER_LABELS, Study, build_study

from exports.coded_runs import split_pieces
from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
from exports.transcripts.reading import read_transcript
from exports.xml_text import xml_safe
from i18n.formatting import format_date, format_duration
from storage import Store
from storage.models import Coding

RU3 = RU[2].replace("\x07", "")  # the control character is dropped, nothing else
SLOW = "Bureaucracy / Slow approvals"
CONTROL = "Trust / Control by superiors"
SLOW_COMMENTS = [
    (
        "Aigerim Bekova",
        "AB",
        f"{SLOW}\nКлючевая цитата <важно> & конец",
        "Согласование занимает слишком много времени",
    ),
    (
        "Daniyar",
        "D",
        SLOW,
        "Согласование занимает слишком много времени 👍🏽, а подпись через три дня",
    ),
]
"""The comments of the two overlapping codings on utterance 2 (both exports begin with them)."""


@pytest.fixture
def study(tmp_path: Path) -> Study:
    return build_study(tmp_path / "study.suhbat")


def export(study: Study, out: Path, **options: Any) -> Path:
    with Store(study.path) as store:
        (path,) = write_transcripts_docx(
            store,
            out,
            [study.transcript_id],
            TranscriptDocxOptions(**options),
        )
    return path


def comments(path: Path) -> list[tuple[str, str, str, str]]:
    return [(c.author, c.initials, c.text, c.anchored) for c in dump_docx(path).comments]


def test_single_layer_golden(study: Study, tmp_path: Path) -> None:
    path = export(study, tmp_path / "t.docx", layers=("ru",))
    dump = dump_docx(path)
    assert dump.headings() == [("Heading 1", SESSION_TITLE)]
    assert dump.tables() == [
        [
            ["Field", "Value"],
            ["Session", SESSION_TITLE],
            ["Kind", "Focus group"],
            ["Date", "March 14, 2024"],
            ["Location", "Алматы"],
            ["Setting", "urban"],
            ["Region", "South"],
            ["Language", "Russian"],
            ["Duration", format_duration(90 * 60, language="en")],
            ["Interviewer / moderator", "MOD"],
            ["Respondents", "P01, P02"],
            ["Moderator", "MOD"],
        ]
    ]
    body = [p for p in dump.paragraphs() if p.startswith("[")]
    assert body == [
        f"[00:00:04] MOD: {RU[0]}",
        f"[00:00:11] P01: {RU[1]}",
        f"[00:00:41] P02: {RU3}",
    ]
    assert comments(path) == [
        *SLOW_COMMENTS,
        (
            "Aigerim Bekova",
            "AB",
            CONTROL,
            "подпись через три дня.\n[00:00:41] P02: Біз халықпен",
        ),
        ("Daniyar", "D", f"{CONTROL}\n=SUM(A1)", "әр сөзді бастық мақұлдауы керек"),
    ]
    assert comment_ranges_are_balanced(path)


def test_comment_dates_are_the_coding_dates(study: Study, tmp_path: Path) -> None:
    path = export(study, tmp_path / "t.docx", layers=("ru",))
    stamps = [c.timestamp for c in dump_docx(path).document.comments]
    assert stamps[0] == datetime(2024, 4, 1, 10, 0, tzinfo=UTC)
    assert stamps[1] == datetime(2024, 4, 2, 10, 0, tzinfo=UTC)


def test_every_coding_is_anchored_on_exactly_its_text(study: Study, tmp_path: Path) -> None:
    """Each within-utterance comment covers exactly the coded code points of the layer."""
    path = export(study, tmp_path / "t.docx", layers=("ru",))
    with Store(study.path) as store:
        text = store.transcripts.layer(study.ru_layer).text
        codings = store.codings.all(layer_id=study.ru_layer)
    single = [c for c in codings if "\n" not in text[c.start : c.end]]
    anchored = [c.anchored for c in dump_docx(path).comments]
    for coding in single:
        assert xml_safe(text[coding.start : coding.end]) in anchored


def test_bilingual_table_golden(study: Study, tmp_path: Path) -> None:
    path = export(study, tmp_path / "t.docx")
    dump = dump_docx(path)
    assert dump.tables()[1] == [
        ["Time", "Speaker", "Russian", "English"],
        ["00:00:04", "MOD", RU[0], EN[0]],
        ["00:00:11", "P01", RU[1], EN[1]],
        ["00:00:41", "P02", RU3, EN[2]],
    ]
    assert dump.tables()[0][7] == ["Language", "Russian (original), English"]
    assert comments(path) == [
        *SLOW_COMMENTS,
        ("Aigerim Bekova", "AB", f"{CONTROL} (1/2)", "подпись через три дня."),
        ("Aigerim Bekova", "AB", f"{CONTROL} (2/2)", "Біз халықпен"),
        ("Daniyar", "D", f"{CONTROL}\n=SUM(A1)", "әр сөзді бастық мақұлдауы керек"),
        ("Aigerim Bekova", "AB", CONTROL, "the boss must approve every word"),
    ]
    assert comment_ranges_are_balanced(path)


def test_highlight_mode_marks_codes_with_a_legend(study: Study, tmp_path: Path) -> None:
    path = export(study, tmp_path / "t.docx", layers=("ru",), codes_as="highlight")
    dump = dump_docx(path)
    assert dump.comments == []
    assert ("Heading 2", "Codes") in dump.headings()
    assert dump.tables()[1] == [["No.", "Code", "Colour"], ["1", SLOW, ""], ["2", CONTROL, ""]]
    body = [p for p in dump.paragraphs() if p.startswith("[")]
    assert body[1] == (
        "[00:00:11] P01: Согласование занимает слишком много времени[1] 👍🏽, "
        "а подпись через три дня[1]."
    )
    assert body[2] == (
        "[00:00:41] P02: Біз халықпен[2] ашық сөйлескіміз келеді бірақ "
        "әр сөзді бастық мақұлдауы керек[2]."
    )
    paragraph = next(p for p in dump.document.paragraphs if p.text.startswith("[00:00:11]"))
    shaded = {r.text for r in paragraph.runs if r._r.find(".//{*}shd") is not None}
    assert "Согласование занимает слишком много времени" in shaded
    assert "[00:00:11] P01: " not in shaded


def test_codes_left_out_and_coder_filter(study: Study, tmp_path: Path) -> None:
    plain = export(study, tmp_path / "plain.docx", layers=("ru",), codes_as="none")
    assert dump_docx(plain).comments == []
    only = export(study, tmp_path / "only.docx", layers=("ru",), coders=("daniyar",))
    assert [c.author for c in dump_docx(only).comments] == ["Daniyar", "Daniyar"]


def _all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith(".xml")
        )


def test_pseudonyms_by_default_real_names_only_when_asked(study: Study, tmp_path: Path) -> None:
    default = _all_xml(export(study, tmp_path / "a.docx"))
    for name in (*REAL_NAMES, *SPEAKER_LABELS):
        assert name not in default
    real = export(study, tmp_path / "b.docx", layers=("ru",), real_names=True)
    dump = dump_docx(real)
    assert f"[00:00:11] {REAL_NAMES[0]}: {RU[1]}" in dump.paragraphs()
    assert ["Respondents", f"{REAL_NAMES[0]}, {REAL_NAMES[1]}"] in dump.tables()[0]


def test_labels_dates_in_the_document_language(study: Study, tmp_path: Path) -> None:
    dump = dump_docx(export(study, tmp_path / "kk.docx", language="kk", layers=("ru",)))
    values = [row[1] for row in dump.tables()[0][1:]]
    assert format_date(date(2024, 3, 14), "long", language="kk") == "14 наурыз 2024\u202fж."
    assert format_date(date(2024, 3, 14), "long", language="kk") in values
    assert "Орыс тілі" in values  # "Russian" in Kazakh


def test_one_document_per_transcript(study: Study, tmp_path: Path) -> None:
    with Store(study.path) as store:
        paths = write_transcripts_docx(
            store, tmp_path / "each", None, TranscriptDocxOptions(), one_per_transcript=True
        )
    assert [p.name for p in paths] == ["fg_almaty.docx"]
    assert dump_docx(paths[0]).headings()[0] == ("Heading 1", SESSION_TITLE)


def test_progress_reaches_the_total(study: Study, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    with Store(study.path) as store:
        write_transcripts_docx(
            store, tmp_path / "p.docx", None, progress=lambda d, t: seen.append((d, t))
        )
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


def test_exported_transcript_reads_back_as_the_same_utterances(
    study: Study, tmp_path: Path
) -> None:
    path = export(study, tmp_path / "t.docx", layers=("ru",))
    parsed = read_transcript(path)
    turns = [u for u in parsed.utterances if u.speaker]  # the heading is not a turn
    assert [(u.speaker, u.start_ms, u.texts[0]) for u in turns] == [
        ("MOD", 4_000, RU[0]),
        ("P01", 11_000, RU[1]),
        ("P02", 41_000, RU3),
    ]


def test_split_pieces_cuts_at_every_boundary() -> None:
    text = "abcdefghij"

    def coding(cid: int, start: int, end: int) -> Coding:
        return Coding(cid, "", 1, 1, start, end, 1, "")

    pieces = split_pieces(text, (2, 9), [coding(1, 0, 4), coding(2, 3, 6), coding(3, 8, 12)])
    assert [(p.start, p.end, p.text, p.coding_ids) for p in pieces] == [
        (2, 3, "c", (1,)),
        (3, 4, "d", (1, 2)),
        (4, 6, "ef", (2,)),
        (6, 8, "gh", ()),
        (8, 9, "i", (3,)),
    ]


def test_control_characters_anywhere_in_user_text_still_make_valid_files(
    study: Study, tmp_path: Path
) -> None:
    from exports.docx_codebook import write_codebook_docx
    from exports.docx_report import ReportOptions, write_report_docx

    with Store(study.path) as store:
        store.sessions.update(store.sessions.all()[0].id, title="Сессия\x0c 2 😀 <b>")
        code = store.codes.find("Slow approvals")
        assert code is not None
        store.codes.update(code.id, names={"en": "Slow\x1b[31m approvals қ"})
        paths = [
            write_transcripts_docx(store, tmp_path / "t.docx", None, TranscriptDocxOptions())[0],
            write_codebook_docx(store, tmp_path / "c.docx"),
            write_report_docx(store, tmp_path / "r.docx", ReportOptions(sections=("quotes",))),
        ]
    texts = []
    for path in paths:
        dump = dump_docx(path)  # parses: the XML is well-formed
        texts.append("\n".join([*dump.paragraphs(), *(c.text for c in dump.comments)]))
    assert "Сессия 2 😀 <b>" in texts[0]
    assert "Bureaucracy / Slow[31m approvals қ" in texts[0]
    assert "Slow[31m approvals қ" in texts[1]
    assert "Bureaucracy" in texts[2]


def test_xml_safe_drops_only_what_xml_forbids() -> None:
    kept = "Қазақ ә ғ қ ң ө ұ ү һ і 👍🏽 Ё̈ 𝒜 <&> \t\n"
    assert xml_safe("a\x00b\x08c\x0bd\x1fe\ufffef\ud800g" + kept) == "abcdefg" + kept


def test_role_labels_follow_the_count_and_every_file_has_a_title(
    study: Study, tmp_path: Path, demo_path: Path
) -> None:
    import docx

    from i18n import translations

    ru = translations("ru")
    path = export(study, tmp_path / "ru.docx", layers=("ru",), language="ru")
    table = dump_docx(path).tables()[0]
    # One moderator, two respondents.
    assert [ru.gettext("Moderator"), "MOD"] in table
    assert [ru.gettext("Respondents"), "P01, P02"] in table
    assert ru.gettext("Moderator") != ru.gettext("Moderators")
    assert docx.Document(str(path)).core_properties.title == SESSION_TITLE
    with Store(demo_path) as store:  # several transcripts in one file
        assert len(store.transcripts.all()) > 1
        (several,) = write_transcripts_docx(
            store, tmp_path / "all.docx", None, TranscriptDocxOptions(language="ru")
        )
        project = store.project().name
    title = docx.Document(str(several)).core_properties.title
    assert title == f"{ru.gettext('Transcripts')}: {project}"
