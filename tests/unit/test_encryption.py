"""Encryption at rest: the file shows no plaintext, a wrong passphrase is a clear error,
plain projects keep using the standard sqlite3, and encrypt/decrypt keep every row."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from storage import ConflictError, ProjectError, Store, ValidationError
from storage.connection import (
    ENV_PASSPHRASE,
    PassphraseNeeded,
    WrongPassphrase,
    forget_passphrase,
    is_plain_sqlite,
)
from storage.encryption import change_passphrase, decrypt_project, encrypt_project
from storage.models import TranscriptInput, UtteranceInput
from tui.cli import cli

pytest.importorskip("sqlcipher3")

SECRET_WORD = "Жанбыршыкова"
"""A surname that occurs only in the test data, so finding its bytes means plaintext."""
PASSPHRASE = "тау мен дала 2024"


@pytest.fixture(autouse=True)
def _no_environment_passphrase(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(ENV_PASSPHRASE, raising=False)
    yield


def _fill(store: Store) -> None:
    store.participants.add("P01", real_name=f"Айгуль {SECRET_WORD}")
    session = store.sessions.add("Интервью в акимате", "interview")
    data = TranscriptInput(
        "t",
        ("ru",),
        (
            UtteranceInput("P01", 0, None, (f"Меня зовут {SECRET_WORD}, я работаю в акимате.",)),
            UtteranceInput("P01", 4000, None, ("Согласование занимает месяц.",)),
        ),
    )
    store.transcripts.add(session.id, data)


def _on_disk(path: Path) -> bytes:
    """Every byte of the project: the file and its WAL and shared-memory sidecars."""
    data = b""
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            data += part.read_bytes()
    return data


def _encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "secret.suhbat"
    with Store(path, create=True, passphrase=PASSPHRASE) as store:
        store.conn.execute(
            "INSERT INTO project (id, uuid, name, languages, created)"
            " VALUES (1, 'u', 'secret', 'ru,kk,en', '2024-01-01T00:00:00Z')"
        )
        _fill(store)
    forget_passphrase(path)
    return path


def test_the_encrypted_file_shows_no_plaintext(tmp_path: Path) -> None:
    plain = tmp_path / "plain.suhbat"
    with Store.create(plain) as store:
        _fill(store)
        assert SECRET_WORD.encode() in _on_disk(plain)  # the check below can find it
    secret = tmp_path / "secret.suhbat"
    from storage.connection import remember_passphrase

    remember_passphrase(secret, PASSPHRASE)
    with Store.create(secret) as store:
        _fill(store)
        # while open, the WAL holds the latest pages: they are encrypted too
        on_disk = _on_disk(secret)
        assert SECRET_WORD.encode() not in on_disk
        assert SECRET_WORD.encode("utf-16-le") not in on_disk
        assert b"SQLite format 3" not in on_disk[:16]
    assert SECRET_WORD.encode() not in _on_disk(secret)
    assert not is_plain_sqlite(secret)


def test_opening_needs_the_right_passphrase(tmp_path: Path) -> None:
    path = _encrypted(tmp_path)
    with pytest.raises(PassphraseNeeded, match="is encrypted"):
        Store(path)
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        Store(path, passphrase="не тот пароль")
    with Store(path, passphrase=PASSPHRASE) as store:
        participant = store.participants.find("P01")
        assert participant is not None and participant.real_name == f"Айгуль {SECRET_WORD}"
        assert [h.session_title for h in store.search.hits("согласование")] == [
            "Интервью в акимате"
        ]
        # a worker thread's Store in the same process needs no passphrase again
        with Store(path) as again:
            assert again.info().utterances == 2


def test_the_environment_variable_opens_it_for_scripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _encrypted(tmp_path)
    monkeypatch.setenv(ENV_PASSPHRASE, PASSPHRASE)
    with Store(path) as store:
        assert store.info().participants == 1
    forget_passphrase(path)
    monkeypatch.setenv(ENV_PASSPHRASE, "wrong wrong")
    with pytest.raises(WrongPassphrase):
        Store(path)


def test_encrypted_stores_raise_the_same_errors_as_plain_ones(tmp_path: Path) -> None:
    path = _encrypted(tmp_path)
    with Store(path, passphrase=PASSPHRASE) as store:
        with pytest.raises(ConflictError):
            store.participants.add("P01")
        with pytest.raises(sqlite3.OperationalError, match="no such table"):
            store.conn.execute("SELECT * FROM no_such_table")
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("INSERT INTO participant (uuid, code) VALUES ('x', 'P01')")


def test_plain_projects_use_the_standard_sqlite3(tmp_path: Path) -> None:
    path = tmp_path / "plain.suhbat"
    with Store.create(path) as store:
        assert type(store.conn) is sqlite3.Connection
    assert is_plain_sqlite(path)


def test_encrypt_and_decrypt_keep_every_row(demo_path: Path) -> None:
    with Store(demo_path) as store:
        before = store.info()
        hits = [(h.session_title, h.start) for h in store.search.hits("согласование")]
    encrypt_project(demo_path, PASSPHRASE)
    forget_passphrase(demo_path)
    assert not is_plain_sqlite(demo_path)
    assert "Согласование".encode() not in _on_disk(demo_path)
    with Store(demo_path, passphrase=PASSPHRASE) as store:
        assert store.info() == before
        assert [(h.session_title, h.start) for h in store.search.hits("согласование")] == hits
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    change_passphrase(demo_path, PASSPHRASE, "новый пароль 2")
    forget_passphrase(demo_path)
    with pytest.raises(WrongPassphrase):
        Store(demo_path, passphrase=PASSPHRASE)
    decrypt_project(demo_path, "новый пароль 2")
    assert is_plain_sqlite(demo_path)
    with Store(demo_path) as store:
        assert store.info() == before
        assert type(store.conn) is sqlite3.Connection


def test_encrypting_refuses_a_short_passphrase_or_an_open_project(tmp_path: Path) -> None:
    path = tmp_path / "p.suhbat"
    Store.create(path).close()
    original = path.read_bytes()
    with pytest.raises(ValidationError, match="at least"):
        encrypt_project(path, "short")
    with Store(path), pytest.raises(ProjectError, match="close it first"):
        encrypt_project(path, PASSPHRASE)
    assert path.read_bytes() == original


def test_cli_init_encrypt_info_and_decrypt(tmp_path: Path) -> None:
    path = tmp_path / "field.suhbat"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["init", str(path), "--encrypt"], input=f"{PASSPHRASE}\n{PASSPHRASE}\n"
    )
    assert result.exit_code == 0, result.output
    assert PASSPHRASE not in result.output  # not echoed
    forget_passphrase(path)
    assert not is_plain_sqlite(path)

    result = runner.invoke(cli, ["info", str(path)], input="wrong one\n" * 3)
    assert result.exit_code == 1
    assert "wrong passphrase" in result.stderr
    result = runner.invoke(cli, ["info", str(path)], input=f"nope\n{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output
    assert "Wrong passphrase; try again." in result.stderr
    forget_passphrase(path)

    env = {ENV_PASSPHRASE: PASSPHRASE}
    result = runner.invoke(cli, ["info", str(path), "--json"], env=env)
    assert result.exit_code == 0 and '"participants": 0' in result.stdout
    forget_passphrase(path)
    result = runner.invoke(cli, ["info", str(path)], env={ENV_PASSPHRASE: "wrong again"})
    assert result.exit_code == 1 and "wrong passphrase" in result.stderr

    result = runner.invoke(cli, ["decrypt", str(path), "--yes"], env=env)
    assert result.exit_code == 0, result.output
    assert is_plain_sqlite(path)
    result = runner.invoke(cli, ["encrypt", str(path)], env={ENV_PASSPHRASE: "short"})
    assert result.exit_code == 1 and "at least" in result.stderr
    assert is_plain_sqlite(path)


def test_cli_encrypt_warns_about_plain_backups(tmp_path: Path) -> None:
    path = tmp_path / "field.suhbat"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(path)]).exit_code == 0
    assert runner.invoke(cli, ["backup", str(path)]).exit_code == 0
    copy = tmp_path / "copy.suhbat"
    shutil.copyfile(path, copy)
    result = runner.invoke(cli, ["encrypt", str(path)], env={ENV_PASSPHRASE: PASSPHRASE})
    assert result.exit_code == 0, result.output
    assert "not encrypted" in result.stderr
    result = runner.invoke(cli, ["encrypt", str(path)], env={ENV_PASSPHRASE: PASSPHRASE})
    assert result.exit_code == 1 and "encrypted already" in result.stderr
