"""Coded-segment list and CSV/XLSX files, read back with csv and openpyxl."""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from export_study import EN, MEMO, RU, SESSION_TITLE, Study, build_study
from libreoffice import convert_with_libreoffice, needs_libreoffice
from lxml import etree

from analysis.table import Table
from exports.segments import coded_segments
from exports.spreadsheet_text import inert_text
from exports.study.loading import load_study
from exports.table_catalog import TableContext, build_tables, table_names
from exports.table_files import csv_cell, sheet_title, write_csv, write_csv_files, write_xlsx
from storage import Store
from storage.pseudonyms import PeopleNames

COLUMNS = [
    "Session",
    "Transcript",
    "Speaker",
    "Start",
    "End",
    "Layer",
    "Level 1",
    "Level 2",
    "Coder",
    "Text",
    "Translation (ru)",
    "Translation (en)",
    "Memo",
]
SLOW = ["Bureaucracy", "Slow approvals"]
CONTROL = ["Trust", "Control by superiors"]
A, B = "Aigerim Bekova", "Daniyar"


def expected_rows() -> list[list[str | None]]:
    """One row per coding, derived from the study's texts (None: empty cell)."""
    head = [SESSION_TITLE, "fg_almaty"]
    return [
        [
            *head,
            "P01",
            "00:00:11",
            "00:00:40",
            "ru",
            *SLOW,
            A,
            "Согласование занимает слишком много времени",
            None,
            EN[1],
            MEMO,
        ],
        [
            *head,
            "P01",
            "00:00:11",
            "00:00:40",
            "ru",
            *SLOW,
            B,
            "Согласование занимает слишком много времени 👍🏽, а подпись через три дня",
            None,
            EN[1],
            None,
        ],
        [
            *head,
            "P01; P02",
            "00:00:11",
            "00:01:00",
            "ru",
            *CONTROL,
            A,
            "подпись через три дня.\nБіз халықпен",
            None,
            f"{EN[1]}\n{EN[2]}",
            None,
        ],
        [
            *head,
            "P02",
            "00:00:41",
            "00:01:00",
            "ru",
            *CONTROL,
            B,
            "әр сөзді бастық мақұлдауы керек",
            None,
            EN[2],
            "=SUM(A1)",
        ],
        [
            *head,
            "P02",
            "00:00:41",
            "00:01:00",
            "en",
            *CONTROL,
            A,
            "the boss must approve every word",
            RU[2],
            None,
            None,
        ],
    ]


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Study:
    return build_study(tmp_path_factory.mktemp("tables") / "study.suhbat")


@pytest.fixture(scope="module")
def segments(study: Study) -> Table:
    with Store(study.path) as store:
        data = load_study(store, language="en", with_text=True)
        return coded_segments(data, names=PeopleNames.of(store.participants.all()), language="en")


def test_segment_list(segments: Table) -> None:
    assert list(segments.columns) == COLUMNS
    assert [list(row) for row in segments.rows] == expected_rows()


def test_segment_list_real_names_only_when_asked(study: Study) -> None:
    with Store(study.path) as store:
        data = load_study(store, language="en", with_text=True)
        real = coded_segments(
            data, names=PeopleNames.of(store.participants.all(), real_names=True), language="en"
        )
    assert real.rows[0][2] == "Айгерим Сарсенова"


def test_csv_round_trip(segments: Table, tmp_path: Path) -> None:
    path = write_csv(segments, tmp_path / "segments.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == COLUMNS
    # a text that starts like a formula gets a leading apostrophe (spreadsheet_text)
    wanted = [[inert_text(cell or "") for cell in row] for row in expected_rows()]
    assert "'=SUM(A1)" in wanted[3]
    assert rows[1:] == wanted
    plain = write_csv(segments, tmp_path / "plain.csv", bom=False)
    assert plain.read_bytes().startswith(b"Session,")


def test_xlsx_round_trip_keeps_text_as_text(segments: Table, tmp_path: Path) -> None:
    path = write_xlsx([segments], tmp_path / "segments.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Coded segments", "About"]
    sheet = book["Coded segments"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == COLUMNS
    wanted = expected_rows()
    wanted[0][-1] = "Ключевая цитата <важно> & конец"  # XML forbids the control character
    wanted[4][10] = RU[2].replace("\x07", "")
    assert values[1:] == wanted
    formula = sheet.cell(row=5, column=13)
    assert formula.value == "=SUM(A1)" and formula.data_type == "s"
    assert sheet.freeze_panes == "A2"
    about = [[c.value for c in row] for row in book["About"].iter_rows()]
    assert about[0] == ["Sheet", "Title", "Unit", "Notes"]
    assert about[1][:3] == ["Coded segments", "Coded segments", "codings"]


def test_every_table_in_csv_and_xlsx(study: Study, tmp_path: Path) -> None:
    with Store(study.path) as store:
        data = load_study(store, language="en", with_text=True)
        tables = build_tables(data, None, TableContext(PeopleNames.of(store.participants.all())))
    keys = [t.key for t in tables]
    assert len(keys) == len(set(keys))
    assert set(table_names()) - {"crosstab"} <= set(keys)
    assert "crosstab_gender" in keys
    files = write_csv_files(tables, tmp_path / "csv")
    assert [f.name for f in files] == [f"{k}.csv" for k in keys]
    book = openpyxl.load_workbook(write_xlsx(tables, tmp_path / "all.xlsx"))
    assert len(book.sheetnames) == len(tables) + 1
    frequencies = book[book.sheetnames[keys.index("frequencies")]]
    rows = [[c.value for c in row] for row in frequencies.iter_rows(max_row=3)]
    assert rows[1][:3] == ["Bureaucracy", "theme", 2]  # numbers stay numbers
    assert frequencies.cell(row=3, column=1).alignment.indent == 1  # a category under its theme


def test_cells_and_sheet_names() -> None:
    assert csv_cell(Fraction(1, 3)) == "1/3"
    assert csv_cell(0.1 + 0.2) == "0.3"
    assert csv_cell(None) == ""
    assert csv_cell(42) == "42"
    taken: set[str] = set()
    assert sheet_title("Bad: [x]/y?", taken) == "Bad - x y"
    long = "Intercoder agreement: code presence per document"
    first = sheet_title(long, taken)
    second = sheet_title(long, taken)
    assert first == "Intercoder agreement - code pr…"
    assert len(first) == 31
    assert second.endswith("… (2)") and len(second) <= 31
    kazakh = sheet_title("Кодтаушылар келісімі: кодтың құжатта болуы", taken)
    assert kazakh.startswith("Кодтаушылар келісімі - ") and kazakh.endswith("…")
    assert len(kazakh) <= 31


def test_xlsx_with_fractions_emoji_and_kazakh(tmp_path: Path) -> None:
    table = Table(
        "t",
        "T",
        "u",
        ("a", "b", "c"),
        ((Fraction(3, 20), "қазақ 😀\x1b[0m", "#N/A"),),
    )
    book = openpyxl.load_workbook(write_xlsx([table], tmp_path / "t.xlsx"))
    assert [c.value for c in book["T"][2]] == ["3/20", "қазақ 😀[0m", "#N/A"]
    assert book["T"]["C2"].data_type == "s"


TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _text(value: object) -> str:
    """A cell value that must be text."""
    assert isinstance(value, str), value
    return value


def _ods_rows(table: etree._Element, width: int) -> list[list[str]]:
    """Cell texts of a flat-ODS table, ``width`` columns, empty rows dropped."""
    rows = []
    for row in table.iter(f"{{{TABLE_NS}}}table-row"):
        cells: list[str] = []
        for cell in row.iter(f"{{{TABLE_NS}}}table-cell"):
            text = "\n".join(
                "".join(str(piece) for piece in p.itertext()) for p in cell.iter(f"{{{TEXT_NS}}}p")
            )
            repeat = int(cell.get(f"{{{TABLE_NS}}}number-columns-repeated", "1"))
            cells.extend([text] * min(repeat, width))
        if any(cells[:width]):
            rows.append((cells + [""] * width)[:width])
    return rows


@needs_libreoffice("calc")
def test_libreoffice_reads_the_workbook(segments: Table, tmp_path: Path) -> None:
    path = write_xlsx([segments], tmp_path / "segments.xlsx")
    result = convert_with_libreoffice([path], "fods", tmp_path)
    converted = tmp_path / "segments.fods"
    assert converted.exists(), result.stdout + result.stderr  # Calc may be missing
    tables = list(etree.parse(str(converted)).getroot().iter(f"{{{TABLE_NS}}}table"))
    assert [t.get(f"{{{TABLE_NS}}}name") for t in tables] == ["Coded segments", "About"]
    rows = _ods_rows(tables[0], len(COLUMNS))
    assert rows[0] == COLUMNS
    wanted = [[cell or "" for cell in row] for row in expected_rows()]
    wanted[0][-1] = "Ключевая цитата <важно> & конец"
    wanted[4][10] = RU[2].replace("\x07", "")
    assert rows[1:] == wanted


def _excel_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_texts_longer_than_an_excel_cell_are_cut_with_a_note(tmp_path: Path) -> None:
    emoji_text = "Долгий ответ 😀 " * 4_000  # 60,000 characters, 64,000 UTF-16 units
    cyrillic_text = "ә" * 40_000
    fits = "ы" * 32_767
    table = Table(
        "t",
        "T",
        "u",
        ("a", "b", "c", "d"),
        ((emoji_text, cyrillic_text, fits, 7),),
        notes=("Н" * 50_000,),
    )
    path = write_xlsx([table], tmp_path / "long.xlsx", language="ru")
    book = openpyxl.load_workbook(path)
    a, b, c, d = (cell.value for cell in book["T"][2])
    for cut, whole in ((_text(a), emoji_text), (_text(b), cyrillic_text)):
        assert _excel_length(cut) <= 32_767
        body, _sep, note = cut.partition("… [")
        assert whole.startswith(body) and _excel_length(body) > 32_600
        assert f" {len(whole) - len(body)} " in note and "Excel" in note  # in Russian
        assert "Excel cell" not in note
    assert c == fits and d == 7  # a text that fits and a number are kept as they are
    about = [row for row in book.worksheets[-1].iter_rows(values_only=True)][1]
    note_cell = _text(about[3])
    assert _excel_length(note_cell) <= 32_767 and note_cell.startswith("Н" * 30_000)


def test_number_attributes_are_numbers_in_the_workbook(demo_path: Path, tmp_path: Path) -> None:
    """A spreadsheet sorts and sums ages only when they are numbers, not text ('41')."""
    with Store(demo_path, read_only=True) as store:
        (age,) = [a for a in store.participants.attributes() if a.name == "age"]
        assert age.type in ("integer", "float")
        data = load_study(store, language="en")
        names = PeopleNames.of(store.participants.all())
        tables = build_tables(data, ["participants"], TableContext(names, "en"))
        expected = {p.code: p.attributes["age"] for p in store.participants.all()}
    out = write_xlsx(tables, tmp_path / "people.xlsx", language="en")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [cell.value for cell in next(sheet.iter_rows(min_row=1, max_row=1))]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] in expected]
    ages = {r[0]: r[header.index("age")] for r in rows}
    assert ages == {code: int(value) for code, value in expected.items()}
    assert all(isinstance(value, int) for value in ages.values())
