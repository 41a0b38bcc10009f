"""The CLI's messages and exported files in Russian and Kazakh, chosen three ways.

Errors on every bad fixture are translated, name the file (and line) and leave the
project unchanged; ``LANG``, the stored per-user setting and ``--lang`` choose the
language; Word transcripts, codebooks and segment tables come out with localized
labels, dates and sorting, while user data (code names, transcript text, attribute
values) stays exactly as entered, whatever the UI language.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from docx_dump import style_name
from english_leftovers import english_words

from i18n.formatting import format_date

REPO = Path(__file__).resolve().parents[2]
ENTRY = (sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())")

KAZAKH_ALPHABET = (
    "а ә б в г ғ д е ё ж з и й к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы і ь э ю я"
)
RUSSIAN_ALPHABET = "а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я"


def suhbat(
    *args: str | Path, env: dict[str, str] | None = None, config: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a clean C locale (plus ``env``) with a private settings folder."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SUHBAT_LANG", "LANGUAGE")}
    environment.update({"LANG": "C.UTF-8", "LC_ALL": "", "PYTHONIOENCODING": "utf-8"})
    environment.pop("LC_ALL")
    if config is not None:
        environment["SUHBAT_CONFIG_DIR"] = str(config)
    environment.update(env or {})
    return subprocess.run(
        [*ENTRY, *(str(a) for a in args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=environment,
        timeout=120,
        check=False,
    )


def digest(path: Path) -> str:
    """A hash of the project file (unchanged after a failed command)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


LINE_MARK = {"ru": r"строка (\d+)", "kk": r"(\d+)-жол"}


def _reversed_cue_line(path: Path) -> int:
    """The line of the first subtitle timing that ends before it starts."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if "-->" in line:
            start, end = (part.strip() for part in line.split("-->"))
            if end < start:
                return number
    raise AssertionError("no reversed cue")


def _undecodable_line(path: Path) -> int:
    """The first line that is not UTF-8."""
    for number, raw in enumerate(path.read_bytes().split(b"\n"), 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return number
    raise AssertionError("all lines decode")


BAD_FILES = {
    "bad_timestamps.srt": _reversed_cue_line,
    "invalid_utf8.txt": _undecodable_line,
    "empty.txt": None,
    "not_a_docx.docx": None,
    "truncated.docx": None,
}
"""Fixtures that must be refused → how to find the offending line (None: no line)."""


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_in_the_language(
    name: str, language: str, fixtures_dir: Path, demo_path: Path, tmp_path: Path
) -> None:
    bad = fixtures_dir / "bad" / name
    before = digest(demo_path)
    result = suhbat("--lang", language, "import", demo_path, bad, config=tmp_path)
    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert name in message
    assert message.startswith({"ru": "Ошибка: ", "kk": "Қате: "}[language])
    find_line = BAD_FILES[name]
    if find_line is not None:
        mark = re.search(LINE_MARK[language], message)
        assert mark is not None, message
        assert int(mark.group(1)) == find_line(bad)
    assert english_words(message.replace(name, " "), {"UTF"}) == []
    assert digest(demo_path) == before


def test_a_missing_file_and_a_folder_are_named_in_kazakh(demo_path: Path, tmp_path: Path) -> None:
    missing = suhbat("--lang", "kk", "import", demo_path, tmp_path / "жоқ.txt", config=tmp_path)
    assert missing.returncode == 1
    assert "жоқ.txt" in missing.stderr
    assert english_words(missing.stderr, set()) == []
    folder = suhbat("--lang", "ru", "table", "import", demo_path, "participants", tmp_path)
    assert folder.returncode != 0
    assert english_words(folder.stderr.replace(str(tmp_path), " "), {"table", "import"}) == []


def test_locale_setting_and_option_choose_the_language(demo_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.suhbat"
    russian = suhbat("info", missing, env={"LANG": "ru_RU.UTF-8"}, config=tmp_path)
    kazakh = suhbat("info", missing, env={"LANG": "kk_KZ.UTF-8"}, config=tmp_path)
    assert russian.stderr.startswith("Ошибка: ")
    assert kazakh.stderr.startswith("Қате: ")
    (tmp_path / "settings.json").write_text(json.dumps({"language": "kk"}), encoding="utf-8")
    stored = suhbat("info", missing, config=tmp_path)
    assert stored.stderr.startswith("Қате: ")
    assert suhbat("--lang", "ru", "info", missing, config=tmp_path).stderr.startswith("Ошибка: ")
    assert suhbat("--lang", "en", "info", missing, config=tmp_path).stderr.startswith("Error: ")


def test_usage_errors_version_and_prompts_are_translated(demo_path: Path, tmp_path: Path) -> None:
    version = suhbat("--lang", "kk", "--version", config=tmp_path)
    assert version.returncode == 0 and "version" not in version.stdout
    usage = suhbat("--lang", "ru", "search", demo_path, config=tmp_path)
    assert usage.returncode == 2
    assert "Использование: suhbat search [ПАРАМЕТРЫ] ПРОЕКТ ЗАПРОС" in usage.stderr
    backup = suhbat("--lang", "kk", "backup", demo_path, config=tmp_path)
    assert backup.returncode == 0
    assert " KB" not in backup.stdout and " КБ" in backup.stdout
    made = backup.stdout.split(": ", 1)[1].split(" (")[0]
    declined = subprocess.run(
        [*ENTRY, "--lang", "ru", "restore", str(demo_path), made],
        input="н\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**os.environ, "SUHBAT_CONFIG_DIR": str(tmp_path)},
        timeout=60,
        check=False,
    )
    assert "[д/Н]" in declined.stderr
    assert declined.returncode == 1  # «н» declines: nothing restored
    assert not any(p.name.endswith(".before-restore.suhbat") for p in Path(made).parent.iterdir())


def _participants_csv(path: Path, codes: list[str]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["participant", "role"])
        writer.writerows([code, "Kassir"] for code in codes)
    return path


KAZAKH_CODES = ["Ілияс", "Ырыс", "Ұлан", "Бекзат", "Әлия", "Аян"]


def _alphabet_order(words: list[str], alphabet: str) -> list[str]:
    """``words`` ordered letter by letter along ``alphabet`` (an independent reference)."""
    rank = {letter: i for i, letter in enumerate(alphabet.split())}
    extra = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х"}
    extra["і"] = "и"

    def key(word: str) -> list[float]:
        out = []
        for letter in word.lower():
            if letter in rank:
                out.append(float(rank[letter]))
            else:  # a Kazakh letter in the Russian alphabet: right after its base
                out.append(rank[extra[letter]] + 0.5 + (0.1 if letter == "ү" else 0.0))
        return out

    return sorted(words, key=key)


@pytest.fixture
def kazakh_study(tmp_path: Path, fixtures_dir: Path) -> Path:
    """A project with Kazakh pseudonyms in one interview, English code names (ru UI)."""
    project = tmp_path / "kk.suhbat"
    config = tmp_path
    assert suhbat("--lang", "ru", "init", project, "--languages", "kk,ru,en").returncode == 0
    table = _participants_csv(tmp_path / "people.csv", KAZAKH_CODES)
    assert suhbat("table", "import", project, "participants", table, config=config).returncode == 0
    people = [arg for code in KAZAKH_CODES for arg in ("--participant", code)]
    added = suhbat(
        "session", "add", project, "Сұхбат 1", "--date", "2024-03-14", *people, config=config
    )
    assert added.returncode == 0, added.stderr
    imported = suhbat(
        "import",
        project,
        fixtures_dir / "focus_group_ryskulova.kk.srt",
        "--session",
        "Сұхбат 1",
        "--language",
        "kk",
        config=config,
    )
    assert imported.returncode == 0, imported.stderr
    codebook = suhbat("table", "import", project, "codebook", fixtures_dir / "codebook.csv")
    assert codebook.returncode == 0, codebook.stderr
    return project


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_word_transcript_in_the_language(
    kazakh_study: Path, tmp_path: Path, language: str, fixtures_dir: Path
) -> None:
    out = tmp_path / f"t.{language}.docx"
    result = suhbat("--lang", language, "export", "docx", kazakh_study, out, config=tmp_path)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    details = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    labels = " ".join(details)
    assert english_words(labels, set()) == []
    expected_date = format_date(date(2024, 3, 14), language=language)
    assert expected_date in details.values()
    alphabet = KAZAKH_ALPHABET if language == "kk" else RUSSIAN_ALPHABET
    expected_people = ", ".join(_alphabet_order(KAZAKH_CODES, alphabet))
    assert expected_people in details.values()
    body = "\n".join(p.text for p in document.paragraphs)
    source = (fixtures_dir / "focus_group_ryskulova.kk.srt").read_text(encoding="utf-8-sig")
    spoken = [line.split(": ", 1)[1] for line in source.splitlines() if ": " in line]
    assert spoken and all(text.strip() in body for text in spoken)  # text as entered


def test_orders_differ_between_kazakh_and_russian() -> None:
    kk = _alphabet_order(KAZAKH_CODES, KAZAKH_ALPHABET)
    ru = _alphabet_order(KAZAKH_CODES, RUSSIAN_ALPHABET)
    assert kk[-1] == "Ілияс" and ru.index("Ілияс") < ru.index("Ұлан")


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_codebook_and_segments_in_the_language(
    demo_path: Path, tmp_path: Path, language: str
) -> None:
    codebook = tmp_path / "codebook.docx"
    assert suhbat("--lang", language, "export", "codebook", demo_path, codebook).returncode == 0
    document = docx.Document(str(codebook))
    headings = [p.text for p in document.paragraphs if style_name(p).startswith("Heading")]
    assert any(h.endswith("Slow approvals") for h in headings)  # code names stay English
    header = [c.text for c in document.tables[-1].rows[0].cells]
    assert english_words(" ".join(header), set()) == []
    info = json.loads(suhbat("info", demo_path, "--json").stdout)
    labels = [
        p.text.split(":")[0]
        for p in document.paragraphs
        if ": " in p.text and not p.text.startswith(info["name"])  # the project's own name
    ]
    assert labels and english_words(" ".join(labels), set()) == []
    folder = tmp_path / "csv"
    exported = suhbat("--lang", language, "export", "csv", demo_path, folder, "--table", "segments")
    assert exported.returncode == 0, exported.stderr
    with open(folder / "segments.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert english_words(" ".join(rows[0]), set()) == []
    assert any("Slow approvals" in row for row in rows[1:])
