"""The remembered damage check: what identifies a file as unchanged, and for how long."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from i18n.user_settings import settings_path
from storage import Store
from storage.check_memory import (
    TRUSTED_SECONDS,
    file_identity,
    remember_clean,
    remembered_clean,
    state_dir,
)


def _aged(path: Path, seconds: float = 60) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.suhbat"
    Store.create(path, languages=("ru", "en")).close()
    _aged(path)
    return path


def test_a_remembered_check_holds_while_the_file_is_as_it_was(project: Path) -> None:
    assert not remembered_clean(project)
    remember_clean(project, file_identity(project), time.time())
    assert remembered_clean(project)
    with Store(project) as store:
        store.participants.add("P1")
    assert not remembered_clean(project)


def test_frames_in_the_write_ahead_log_change_the_identity(project: Path) -> None:
    remember_clean(project, file_identity(project), time.time())
    store = Store(project)
    try:
        store.participants.add("P1")  # into the log; the file itself is not written yet
        assert not remembered_clean(project)
    finally:
        store.close()


def test_a_file_changed_just_before_its_check_is_not_remembered(project: Path) -> None:
    os.utime(project)
    remember_clean(project, file_identity(project), time.time())
    assert not remembered_clean(project)


def test_a_remembered_check_expires(project: Path) -> None:
    _aged(project, 3 * TRUSTED_SECONDS)
    remember_clean(project, file_identity(project), time.time() - TRUSTED_SECONDS - 60)
    assert not remembered_clean(project)


@pytest.mark.parametrize(
    "variables",
    [
        {"SUHBAT_CONFIG_DIR": "/srv/config"},
        {"XDG_CONFIG_HOME": "/srv/xdg"},
        {},
    ],
)
def test_the_state_folder_is_in_the_users_settings_folder(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str]
) -> None:
    for name in ("SUHBAT_CONFIG_DIR", "XDG_CONFIG_HOME", "APPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert state_dir() == settings_path().parent / "state"
