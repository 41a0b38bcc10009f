"""Commands that write files never replace an existing one without ``--force``."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run

OLD = b"an earlier export the user wants to keep"


# (command before PROJECT, command after PROJECT, output name, output is a folder)
COMMANDS = [
    (("export", "docx"), (), "transcripts.docx", False),
    (("export", "docx"), ("--each",), "transcripts", True),
    (("export", "codebook"), (), "codebook.docx", False),
    (("export", "report"), ("--section", "frequencies"), "report.docx", False),
    (("export", "csv"), ("--table", "frequencies"), "tables", True),
    (("export", "xlsx"), ("--table", "frequencies"), "tables.xlsx", False),
    (("export", "qdpx"), (), "project.qdpx", False),
    (("export", "qdc"), (), "codebook.qdc", False),
    (("guide", "export"), ("-o",), "guide.csv", False),
    (("stats",), ("frequencies", "--csv"), "frequencies.csv", False),
]


def _command(
    before: tuple[str, ...], after: tuple[str, ...], project: Path, out: Path
) -> list[str | Path]:
    if before[0] == "export":
        return [*before, project, out, *after]
    return [*before, project, *after, out]


def _existing(out: Path, folder: bool) -> Path:
    """Put an earlier export where the command writes; return the file to keep."""
    if folder:
        out.mkdir()
        kept = out / "notes.txt"
    else:
        kept = out
    kept.write_bytes(OLD)
    return kept


@pytest.mark.parametrize(("before", "after", "name", "folder"), COMMANDS)
def test_existing_output_is_refused_without_force(
    demo_path: Path,
    tmp_path: Path,
    before: tuple[str, ...],
    after: tuple[str, ...],
    name: str,
    folder: bool,
) -> None:
    out = tmp_path / name
    kept = _existing(out, folder)
    args = _command(before, after, demo_path, out)
    code, stdout, err = run("--lang", "en", *args)
    assert code == 1
    assert err.strip().count("\n") == 0  # one line
    assert str(out) in err and "--force" in err
    assert "Wrote" not in stdout + err
    assert kept.read_bytes() == OLD
    assert not folder or sorted(out.iterdir()) == [kept]

    code, _stdout, err = run("--lang", "ru", *args)
    assert code == 1 and "--force" in err and "already" not in err  # translated

    code, _stdout, err = run("--lang", "en", *args, "--force")
    assert code == 0, err
    if folder:
        assert len(list(out.iterdir())) > 1 and kept.read_bytes() == OLD
    else:
        assert out.read_bytes() != OLD


def test_an_empty_folder_or_a_new_path_needs_no_force(demo_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _out, err = run("export", "csv", demo_path, empty, "--table", "frequencies")
    assert code == 0, err
    code, _out, err = run("export", "qdc", demo_path, tmp_path / "new.qdc")
    assert code == 0, err


def test_the_redaction_report_is_not_replaced_either(demo_path: Path, tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("PERSON: Айгерим => Person A\n", encoding="utf-8")
    out = tmp_path / "codebook.docx"
    report = tmp_path / "codebook.docx.redactions.csv"
    report.write_bytes(OLD)
    code, _out, err = run("--lang", "en", "export", "codebook", demo_path, out, "--redact", names)
    assert code == 1 and str(report) in err
    assert not out.exists() and report.read_bytes() == OLD
