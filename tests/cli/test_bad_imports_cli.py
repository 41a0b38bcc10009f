"""Broken tables and mislabelled files never import silently.

Each bad file (tests/data/bad_tables, tests/data/bad_imports) is refused with one
line naming the file and the line at fault, exit 1, and the project file unchanged;
a harmless oddity is imported with a note naming its line.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cli_helpers import run, run_in_english

from storage import Store


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.suhbat"
    assert run("init", path, "--languages", "ru,kk,en")[0] == 0
    return path


@pytest.fixture
def bad_tables(shared_dir: Path) -> Path:
    return shared_dir / "bad_tables"


@pytest.fixture
def bad_imports(shared_dir: Path) -> Path:
    return shared_dir / "bad_imports"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(project: Path, *args: str | Path) -> str:
    """Run ``suhbat ARGS`` (in English); assert exit 1 and the project unchanged; stderr."""
    before = _sha256(project)
    code, out, err = run_in_english(*args)
    assert code == 1, (out, err)
    assert _sha256(project) == before
    return err


def _participants(project: Path) -> dict[str, dict[str, str]]:
    store = Store(project)
    try:
        return {p.code: p.attributes for p in store.participants.all()}
    finally:
        store.close()


# -- table import --------------------------------------------------------------------------


def test_an_unclosed_quote_is_refused_at_the_line_it_opens(project: Path, bad_tables: Path) -> None:
    err = _refused(
        project, "table", "import", project, "participants", bad_tables / "unclosed_quote.csv"
    )
    assert err.strip() == (
        'Error: unclosed_quote.csv, line 3: a quote (") opens here and is never closed;'
        " close it or remove it"
    )
    assert _participants(project) == {}


def test_a_table_without_its_key_column_names_what_it_needs_and_what_it_has(
    project: Path, bad_tables: Path
) -> None:
    no_key = bad_tables / "no_key_column.csv"
    err = _refused(project, "table", "import", project, "participants", no_key)
    assert "no_key_column.csv: no participant column (one of: participant, pseudonym" in err
    assert "the file's columns: foo, bar" in err
    assert len(err.strip().splitlines()) == 1
    for kind, needed in (
        ("sessions", "no column naming the sessions (one of: title"),
        ("protocol", "no question column (one of: question_ru"),
        ("codebook", "no theme, category or code column (one of: theme, category"),
    ):
        err = _refused(project, "table", "import", project, kind, no_key)
        assert needed in err and "the file's columns: foo, bar" in err, err


@pytest.mark.parametrize("kind", ["participants", "sessions", "protocol", "codebook"])
def test_binary_data_is_not_a_table(project: Path, bad_tables: Path, kind: str) -> None:
    err = _refused(project, "table", "import", project, kind, bad_tables / "binary.csv")
    assert err.startswith("Error: binary.csv, line ")
    assert "binary data; this is not a text table" in err


def test_a_participant_repeated_identically_is_read_once_with_a_note(
    project: Path, bad_tables: Path
) -> None:
    code, out, err = run_in_english(
        "table", "import", project, "participants", bad_tables / "repeated_same.csv"
    )
    assert code == 0, err
    assert "repeated_same.csv: 3 rows, 2 created, 0 updated" in out
    assert "repeated_same.csv, line 4: repeats line 2 ('P1'); read once" in err
    assert _participants(project) == {"P1": {"gender": "F"}, "P2": {"gender": "M"}}


def test_a_participant_on_two_rows_that_disagree_is_refused(
    project: Path, bad_tables: Path
) -> None:
    err = _refused(
        project, "table", "import", project, "participants", bad_tables / "repeated_different.csv"
    )
    assert err.strip() == (
        "Error: repeated_different.csv, line 4: 'P1' is also on line 2 with another 'gender'"
        " ('F', here 'M'); keep one row for it"
    )


def test_two_sessions_given_the_same_title_are_refused(project: Path, bad_tables: Path) -> None:
    err = _refused(
        project, "table", "import", project, "sessions", bad_tables / "sessions_same_title.csv"
    )
    assert "sessions_same_title.csv, line 3: 'Focus group · Astana · 2022-07-08' is also on" in err
    assert "line 2 with another 'participants' ('8', here '6')" in err


def test_an_empty_codebook_row_is_named(project: Path, bad_tables: Path) -> None:
    code, out, err = run_in_english(
        "table", "import", project, "codebook", bad_tables / "codebook_empty_row.csv"
    )
    assert code == 0, err
    assert "codebook_empty_row.csv, line 3: an empty row, left out" in err
    assert "3 created" in out  # Access, Queues, Fees


# -- import: REFI-QDA names ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("texty.qdpx", "not a REFI-QDA project (not a zip archive)"),
        ("texty.qdc", "not a REFI-QDA codebook (not XML)"),
        ("texty.qde", "not a REFI-QDA project (not XML)"),
    ],
)
def test_a_text_file_named_as_refi_qda_is_refused(
    project: Path, bad_imports: Path, name: str, words: str
) -> None:
    err = _refused(project, "import", project, bad_imports / name)
    assert err.strip() == f"Error: {name}: {words}"


# -- import: several bad files -------------------------------------------------------------


def test_every_bad_file_of_an_import_is_named(
    project: Path, bad_imports: Path, fixtures_dir: Path
) -> None:
    err = _refused(
        project,
        "import",
        project,
        fixtures_dir / "interview_07.ru.txt",
        bad_imports / "texty.qdpx",
        bad_imports / "blank.txt",
    )
    assert err.strip().splitlines() == [
        "Error: 2 of 3 files refused; nothing was imported:",
        "  texty.qdpx: not a REFI-QDA project (not a zip archive)",
        "  blank.txt: the file has no text",
    ]
    store = Store(project)
    try:
        assert store.transcripts.all() == []
        assert store.sessions.all() == []
    finally:
        store.close()


def test_one_bad_file_keeps_the_one_line_error(project: Path, fixtures_dir: Path) -> None:
    err = _refused(
        project,
        "import",
        project,
        fixtures_dir / "interview_07.ru.txt",
        fixtures_dir / "bad" / "empty.txt",
    )
    assert err.strip() == "Error: empty.txt: the file is empty"
