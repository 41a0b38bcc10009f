"""Opening tells a damaged file from an encrypted one and from a sound one with a pending log."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storage import Store
from storage.connection import (
    forget_passphrase,
    header_damaged,
    looks_encrypted,
    remember_passphrase,
    sqlcipher_available,
)
from storage.damage import DamagedProject


@pytest.mark.damages_project
def test_a_zeroed_header_is_damage_not_encryption(demo_path: Path) -> None:
    with open(demo_path, "r+b") as handle:
        handle.write(bytes(100))
    assert header_damaged(demo_path)
    assert not looks_encrypted(demo_path)
    with pytest.raises(DamagedProject, match="is damaged"):
        Store(demo_path, read_only=True)


@pytest.mark.skipif(not sqlcipher_available(), reason="needs sqlcipher3")
def test_an_encrypted_project_is_not_taken_for_a_damaged_one(tmp_path: Path) -> None:
    project = tmp_path / "secret.suhbat"
    remember_passphrase(project, "долгая фраза 42")
    Store.create(project, languages=("ru",)).close()
    assert looks_encrypted(project)
    assert not header_damaged(project)
    with Store(project) as store:
        assert store.project().languages == ("ru",)
    forget_passphrase(project)


def test_a_copy_taken_with_its_log_pending_opens(demo_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy" / "study.suhbat"
    copy.parent.mkdir()
    with Store(demo_path) as store:
        store.set_setting("note", "в журнале")
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{demo_path}{suffix}", f"{copy}{suffix}")
    assert Path(f"{copy}-wal").stat().st_size > 0
    assert not header_damaged(copy)
    with Store(copy) as store:
        assert store.get_setting("note") == "в журнале"
