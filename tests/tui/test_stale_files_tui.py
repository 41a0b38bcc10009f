"""Opening a project in the app removes what killed runs left beside it, and says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.app import SuhbatApp


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


async def test_opening_the_app_removes_stale_temporary_files(demo_path: Path) -> None:
    pid = _dead_pid()
    converting = demo_path.with_name(f"{demo_path.name}.{pid}-0a1b2c3d.converting")
    converting.write_bytes(b"a copy of the project")
    export = demo_path.with_name(f".report.docx.{pid}-0a1b2c3d.part")
    export.write_bytes(b"half an export")
    unrelated = demo_path.with_name("notes.part")
    unrelated.write_bytes(b"not ours")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("removed 2 temporary files" in m for m in messages), messages
    assert not converting.exists() and not export.exists()
    assert unrelated.exists()
