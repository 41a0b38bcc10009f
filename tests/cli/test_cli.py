"""The headless CLI, as a user scripts it: init, import, tables, speakers, search, info."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

from storage import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.suhbat"
    code, out, _err = run("init", path, "--languages", "ru,kk,en")
    assert code == 0, out
    return path


def test_init_refuses_existing_file(project: Path) -> None:
    code, _out, err = run("init", project)
    assert code == 1
    assert "exists" in err


def test_full_study_workflow(project: Path, fixtures_dir: Path) -> None:
    assert (
        run("table", "import", project, "participants", fixtures_dir / "participants.csv")[0] == 0
    )
    assert run("table", "import", project, "sessions", fixtures_dir / "focus_groups.csv")[0] == 0
    assert run("table", "import", project, "protocol", fixtures_dir / "protocol.csv")[0] == 0
    assert run("table", "import", project, "codebook", fixtures_dir / "codebook.csv")[0] == 0
    code, out, err = run("import", project, fixtures_dir / "interview_07.ru.txt")
    assert code == 0, err
    assert "10 utterances" in out
    assert "Респондент 7" in err  # reported as not linked to a participant
    code, out, err = run(
        "import", project, fixtures_dir / "interview_07.en.txt", "--translation-of", "interview_07"
    )
    assert code == 0, err
    code, out, err = run(
        "import",
        project,
        fixtures_dir / "focus_group_oskemen.ru.vtt",
        fixtures_dir / "focus_group_ryskulova.kk.srt",
        fixtures_dir / "interview_03.ru.docx",
        fixtures_dir / "focus_group_astana.kk-ru-en.docx",
    )
    assert code == 0, err
    code, out, _err = run("speakers", "link", project, "Респондент 7", "Interviewee 7")
    assert code == 0 and "Interviewee 7" in out
    code, out, _err = run("info", project, "--json")
    info = json.loads(out)
    assert info["participants"] == 17
    assert info["transcripts"] == 5
    assert info["layers"] == 7
    assert info["codes"] == 18
    code, out, _err = run("search", project, "СОГЛАСОВАНИЕ", "--json")
    hits = json.loads(out)
    assert hits and hits[0]["session"].startswith("Интервью 7")
    assert {"session", "speaker", "time", "snippet", "language"} <= set(hits[0])
    code, out, _err = run("search", project, "қызмет*", "--language", "kk", "--json")
    assert code == 0 and all(h["language"] == "kk" for h in json.loads(out))
    with Store(project) as store:
        linked = {
            u.participant_id for u in store.transcripts.utterances() if u.speaker == "Респондент 7"
        }
        participant = store.participants.find("Interviewee 7")
        assert participant is not None
        assert linked == {participant.id}


@pytest.mark.parametrize(
    "name",
    ["empty.txt", "invalid_utf8.txt", "not_a_docx.docx", "truncated.docx", "bad_timestamps.srt"],
)
def test_bad_input_exits_nonzero_with_the_file_name(
    project: Path, fixtures_dir: Path, name: str
) -> None:
    code, _out, err = run("import", project, fixtures_dir / "bad" / name)
    assert code == 1
    assert name in err
    assert "Traceback" not in err
    with Store(project) as store:
        assert store.info().transcripts == 0


def test_legacy_encoding_is_a_note_not_an_error(project: Path, fixtures_dir: Path) -> None:
    code, _out, err = run("import", project, fixtures_dir / "bad" / "interview_07.cp1251.txt")
    assert code == 0
    assert "cp1251" in err


def test_second_import_asks_for_replace(project: Path, fixtures_dir: Path) -> None:
    run("import", project, fixtures_dir / "interview_07.ru.txt")
    code, _out, err = run("import", project, fixtures_dir / "interview_07.ru.txt")
    assert code == 1 and "--replace" in err
    code, _out, _err = run("import", project, fixtures_dir / "interview_07.ru.txt", "--replace")
    assert code == 0


def test_missing_project_is_a_clear_error(tmp_path: Path) -> None:
    code, _out, err = run("info", tmp_path / "nope.suhbat")
    assert code == 1 and "nope.suhbat" in err


def test_help_and_headless_commands_do_not_import_textual(project: Path) -> None:
    script = (
        "import sys; from tui.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    for args in (["--help"], ["info", str(project)]):
        done = subprocess.run(
            [sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=REPO
        )
        assert done.returncode == 0, done.stderr


def test_commands_collect_cycles_rarely_and_the_app_as_python_does(
    project: Path, tmp_path: Path
) -> None:
    """A command's rows are not walked by the cycle collector again and again while it
    reads them (60 ms of ``stats frequencies`` on a large project); the app, which runs
    for hours, keeps the interpreter's thresholds."""
    script = (
        "import gc, sys; from tui.cli import main\n"
        "python_thresholds = gc.get_threshold()\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(gc.get_threshold() == python_thresholds)\n"
    )

    def keeps_python_thresholds(*args: str | Path) -> bool:
        done = subprocess.run(
            [sys.executable, "-c", script, *map(str, args)],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        last_line = done.stdout.strip().rsplit("\n", 1)[-1]
        assert last_line in ("True", "False"), done.stderr
        return last_line == "True"

    assert not keeps_python_thresholds("stats", project, "frequencies")
    assert keeps_python_thresholds("open", tmp_path / "missing.suhbat")


def test_headless_core_does_not_import_textual() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, exports, analysis, storage, i18n, exports.tables,"
            " exports.transcript_import; assert 'textual' not in sys.modules",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr


def test_demo_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "demo.suhbat"
    code, _out, err = run("demo", target, "--no-open")
    assert code == 0, err
    with Store(target) as store:
        info = store.info()
        assert info.transcripts == 3 and info.layers == 6 and info.coders == 2
    code, _out, err = run("demo", target, "--no-open")
    assert code == 1 and "exists" in err


def test_reading_commands_work_while_the_app_holds_the_project(demo_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from storage import Store; s = Store(sys.argv[1]);"
            " print('open', flush=True); time.sleep(30)",
            str(demo_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        code, out, err = run("info", demo_path, "--json")
        assert code == 0, err
        assert json.loads(out)["transcripts"] == 3
        code, out, err = run("search", demo_path, "государство", "--json")
        assert code == 0 and json.loads(out), err
        code, _out, err = run("speakers", "link", demo_path, "Aigerim", "R1")
        assert code == 1 and "open elsewhere" in err
    finally:
        holder.kill()
        holder.wait()
