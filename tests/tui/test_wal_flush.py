"""Work done in the app reaches the project file itself within seconds, so a copy of the
file alone (a file manager copying it to a USB stick while the app is open) has it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pilot_helpers import wait_until

import tui.wal_flush
from storage import Store
from tui.app import SuhbatApp


def _copy_has_code(project: Path, folder: Path, name: str) -> bool:
    """Whether a copy of the project file alone, without its ``-wal``, has code ``name``."""
    folder.mkdir(exist_ok=True)
    copy = folder / "copy.suhbat"
    for leftover in folder.iterdir():
        leftover.unlink()
    shutil.copyfile(project, copy)
    with Store(copy, read_only=True) as store:
        return store.codes.find(name) is not None


async def test_a_new_code_is_in_a_copy_of_the_file_while_the_app_is_open(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.wal_flush, "FLUSH_INTERVAL_S", 0.2)
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: not app.backups.status.running)
        app.store.codes.add("Ауыл әкімі")
        assert (demo_path.parent / f"{demo_path.name}-wal").stat().st_size > 0
        await wait_until(pilot, lambda: _copy_has_code(demo_path, tmp_path / "usb", "Ауыл әкімі"))
