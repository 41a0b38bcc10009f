"""In an 80-column terminal, `suhbat stats` tables and the usage line fit: nothing is
left for the terminal to cut mid-word. Wide tables wrap their headers at spaces and
hyphens and go on in column blocks that repeat the names; the usage line breaks between
words (a choice list after a `|`). The tables are read from a pseudo-terminal, as a user
sees them; written to a pipe they keep their width."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis.frequencies import COLUMNS
from i18n import translations
from tui.cli import cli
from tui.commands.table_fit import wrap_words
from tui.commands.text_width import display_width

WIDTH = 80
REPO = Path(__file__).resolve().parents[2]
ENTRY = (sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())")


def run_in_terminal(*args: str | Path) -> str:
    """What ``suhbat ARGS`` prints in an 80-column terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    environment = {**os.environ, "COLUMNS": str(WIDTH), "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [*ENTRY, *(str(a) for a in args)],
        stdout=follower,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=environment,
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode("utf-8")
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def run_at_80(*args: str | Path) -> tuple[int, str, str]:
    """``suhbat ARGS`` in an 80-column terminal: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, [str(a) for a in args], env={"COLUMNS": str(WIDTH)})
    return result.exit_code, result.stdout, result.stderr


def on_screen(text: str) -> list[str]:
    """The lines an 80-column terminal shows: a longer line goes on at the next one."""
    lines: list[str] = []
    for line in text.splitlines():
        while display_width(line) > WIDTH:
            lines.append(line[:WIDTH])
            line = line[WIDTH:]
        lines.append(line)
    return lines


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_wide_table_fits_80_columns_with_every_header_word_whole(
    demo_path: Path, language: str
) -> None:
    out = run_in_terminal("--lang", language, "stats", demo_path, "frequencies")
    assert max(map(display_width, out.splitlines())) <= WIDTH
    words = {word for line in on_screen(out) for word in line.split()}
    tr = translations(language)
    for header in COLUMNS:
        assert set(tr.gettext(header).split()) <= words, header
    # the names begin every block, and each block has its dashes under its headers
    blocks = out.split("\n\n")
    tables = [b for b in blocks if "---" in b]
    assert len(tables) > 1
    first = tr.gettext("Code")
    assert all(b.splitlines()[0].split()[0] in (first, "%") for b in tables)
    assert all("Digital divide" in b for b in tables)


def test_the_table_keeps_its_width_when_written_to_a_pipe(demo_path: Path) -> None:
    """Not a terminal (COLUMNS or not): one block, every column as wide as its header."""
    code, out, err = run_at_80("--lang", "kk", "stats", demo_path, "frequencies")
    assert code == 0, err
    lines = out.splitlines()
    assert max(map(display_width, lines)) > WIDTH
    assert sum(1 for line in lines if line.startswith("---")) == 1


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_usage_line_breaks_between_words_at_80_columns(demo_path: Path, language: str) -> None:
    code, _out, err = run_at_80("--lang", language, "stats", demo_path)
    assert code == 2
    usage = err.split("\n\n")[0].splitlines()[:-1]  # the usage lines, without "Try … --help"
    assert len(usage) > 1
    assert all(display_width(line) <= WIDTH for line in usage), usage
    pieces = {p.strip("{}[]") for line in usage for word in line.split() for p in word.split("|")}
    for kind in ("frequencies", "sessions-matrix", "cooccurrence", "disagreements", "valence"):
        assert kind in pieces, usage


def test_a_header_wraps_at_spaces_and_hyphens_and_cuts_only_a_longer_word() -> None:
    assert wrap_words("% of participants", 12) == ["% of", "participants"]
    assert wrap_words("Co-occurrence count", 11) == ["Co-", "occurrence", "count"]
    assert wrap_words("Қатысушылардың %", 14) == ["Қатысушылардың", "%"]
    assert wrap_words("Participants", 6) == ["Partic", "ipants"]  # longer than its column
