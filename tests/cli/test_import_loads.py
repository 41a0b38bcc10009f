"""``suhbat import`` of transcripts loads only what reading and storing them needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storage import Store

REPO = Path(__file__).resolve().parents[2]

SCRIPT = (
    "import sys; from tui.cli import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit as done:\n    assert not done.code, done\n"
    "unused = ('exports.refi', 'storage.merge', 'docx', 'multiprocessing')\n"
    "loaded = [m for m in unused if m in sys.modules]\n"
    "assert not loaded, f'loaded: {loaded}'\n"
)


def test_importing_a_text_transcript_loads_no_refi_merge_docx_or_worker_code(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    project = tmp_path / "study.suhbat"
    Store.create(project, name="study", languages=("ru", "kk")).close()
    transcript = fixtures_dir / "interview_07.ru.txt"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "import", str(project), str(transcript)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    with Store(project) as store:
        assert [t.title for t in store.transcripts.all()] == ["interview_07"]
