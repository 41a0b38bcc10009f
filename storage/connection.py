"""Opening a project file: plain SQLite through :mod:`sqlite3`, or SQLCipher with a passphrase.

A plain project is an ordinary SQLite file and is opened with the standard library.
An encrypted project (``suhbat init --encrypt``, ``suhbat encrypt``) is a SQLCipher
file: every page, the WAL included, is AES-256 encrypted with a key derived from the
passphrase (PBKDF2-HMAC-SHA512), so the file on disk shows no plaintext. It is opened
through the optional ``sqlcipher3`` package, whose connection is wrapped so that the
rest of the Store sees the same exception classes as with :mod:`sqlite3`
(``sqlite3.IntegrityError`` and so on).

Where the passphrase comes from, in order: the argument given to the Store, the one
this process already opened the project with (so worker threads need not ask
again), and the environment variable ``SUHBAT_PASSPHRASE`` (for scripts). The CLI and
the app ask the user, without echo, when none of these has one.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from storage.errors import N_, ProjectError

SQLITE_MAGIC = b"SQLite format 3\x00"
ENV_PASSPHRASE = "SUHBAT_PASSPHRASE"
CIPHER_MODULE = "sqlcipher3"
CIPHER_PAGE = 512
"""SQLCipher files are whole pages; a page is at least this many bytes."""


class PassphraseNeeded(ProjectError):
    """The project is encrypted and no passphrase was given."""


class WrongPassphrase(ProjectError):
    """The passphrase does not open the project (or the file is damaged)."""


# -- which kind of file ------------------------------------------------------------------


def header(path: str | os.PathLike[str]) -> bytes:
    """The first 16 bytes of ``path`` (empty if it is missing or empty)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16)
    except OSError:
        return b""


def is_plain_sqlite(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an unencrypted SQLite file."""
    return header(path) == SQLITE_MAGIC


def looks_encrypted(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` could be a SQLCipher file: not plain SQLite, whole pages, non-empty.

    An encrypted file starts with a random salt, so this cannot be told for certain
    before the passphrase is tried; a text or zip file fails the page-size test.
    """
    target = Path(path)
    try:
        size = target.stat().st_size
    except OSError:
        return False
    return size >= 2 * CIPHER_PAGE and size % CIPHER_PAGE == 0 and not is_plain_sqlite(target)


def sqlcipher_available() -> bool:
    """Whether the SQLCipher driver (``sqlcipher3``) can be imported."""
    try:
        require_sqlcipher()
    except ProjectError:
        return False
    return True


def require_sqlcipher() -> ModuleType:
    """The SQLCipher driver module; a ProjectError that says how to install it if missing."""
    try:
        return importlib.import_module(CIPHER_MODULE)
    except ImportError:
        raise ProjectError(
            N_(
                "Encrypted projects need the SQLCipher driver: "
                "pip install 'suhbat[encryption]' (or pip install sqlcipher3-wheels)"
            )
        ) from None


# -- passphrases remembered by this process ----------------------------------------------

_passphrases: dict[Path, str] = {}
_passphrases_guard = threading.Lock()


def remember_passphrase(path: str | os.PathLike[str], passphrase: str) -> None:
    """Let later Stores of this process open ``path`` with ``passphrase`` without asking."""
    with _passphrases_guard:
        _passphrases[Path(path).resolve()] = passphrase


def forget_passphrase(path: str | os.PathLike[str]) -> None:
    """Drop a remembered passphrase (after decrypting, or when the app closes)."""
    with _passphrases_guard:
        _passphrases.pop(Path(path).resolve(), None)


def remembered_passphrase(path: str | os.PathLike[str]) -> str | None:
    """The passphrase this process opened ``path`` with, if any."""
    with _passphrases_guard:
        return _passphrases.get(Path(path).resolve())


def environment_passphrase() -> str | None:
    """``SUHBAT_PASSPHRASE`` if it is set and not empty."""
    return os.environ.get(ENV_PASSPHRASE) or None


def project_passphrase(
    path: str | os.PathLike[str], explicit: str | None = None, *, create: bool = False
) -> str | None:
    """The passphrase to open (or create) ``path`` with, or ``None`` for a plain file.

    Raises :class:`ProjectError` if the file is neither SQLite nor possibly
    encrypted, and :class:`PassphraseNeeded` if it is encrypted and nothing gives
    a passphrase. A new file is encrypted only if a passphrase was given or
    remembered for it, never because ``SUHBAT_PASSPHRASE`` happens to be set.
    """
    target = Path(path)
    exists = target.exists() and target.stat().st_size > 0
    if not exists:
        return (explicit or remembered_passphrase(target)) if create else None
    if is_plain_sqlite(target):
        return None
    if not looks_encrypted(target):
        raise ProjectError(
            N_("{path}: not a suhbat project (not an SQLite file)"), path=str(target)
        )
    passphrase = explicit or remembered_passphrase(target) or environment_passphrase()
    if not passphrase:
        raise PassphraseNeeded(
            N_("{path} is encrypted: enter its passphrase, or set SUHBAT_PASSPHRASE"),
            path=str(target),
        )
    return passphrase


# -- connecting --------------------------------------------------------------------------


def quote_key(passphrase: str) -> str:
    """``passphrase`` as an SQL string literal for ``PRAGMA key`` (which takes no parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def open_connection(
    path: str | os.PathLike[str], passphrase: str | None = None, *, readonly: bool = False
) -> sqlite3.Connection:
    """An autocommit connection (``isolation_level=None``) to ``path``.

    Without a passphrase this is a plain :mod:`sqlite3` connection. With one it is a
    SQLCipher connection keyed with it; a wrong passphrase raises :class:`WrongPassphrase`.
    ``readonly`` opens the file read-only (for backups while the project is in use).
    """
    target = Path(path)
    database: str = str(target)
    if readonly:
        database = target.resolve().as_uri() + "?mode=ro"
    if passphrase is None:
        return sqlite3.connect(database, isolation_level=None, check_same_thread=True, uri=readonly)
    return open_sqlcipher(database, passphrase, uri=readonly, label=str(target))


def open_sqlcipher(
    database: str | os.PathLike[str],
    passphrase: str | None,
    *,
    uri: bool = False,
    label: str | None = None,
) -> sqlite3.Connection:
    """A SQLCipher connection keyed with ``passphrase`` (``None``: a plain file, unkeyed)."""
    module = require_sqlcipher()
    raw = module.connect(str(database), isolation_level=None, check_same_thread=True, uri=uri)
    try:
        raw.execute("PRAGMA cipher_log_level = NONE")
        if passphrase is not None:
            raw.execute(f"PRAGMA key = {quote_key(passphrase)}")
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError:
        raw.close()
        raise WrongPassphrase(
            N_("{path}: wrong passphrase (or the file is damaged)"), path=label or str(database)
        ) from None
    return cast(sqlite3.Connection, CipherConnection(raw, module))


# -- a SQLCipher connection that raises sqlite3's exceptions -----------------------------


def _translate(error: Exception) -> sqlite3.Error:
    """The :mod:`sqlite3` exception of the same name as a ``sqlcipher3`` one."""
    kind = getattr(sqlite3, type(error).__name__, sqlite3.DatabaseError)
    if not (isinstance(kind, type) and issubclass(kind, sqlite3.Error)):
        kind = sqlite3.DatabaseError
    translated = kind(*error.args)
    for attribute in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(error, attribute):
            setattr(translated, attribute, getattr(error, attribute))
    return translated


class CipherCursor:
    """A ``sqlcipher3`` cursor whose errors are :mod:`sqlite3` errors."""

    def __init__(self, cursor: Any, module: ModuleType) -> None:
        self._cursor = cursor
        self._error: type[Exception] = module.Error

    def execute(self, sql: str, parameters: Any = ()) -> CipherCursor:
        """Run one statement."""
        try:
            self._cursor.execute(sql, parameters)
        except self._error as error:
            raise _translate(error) from error
        return self

    def executemany(self, sql: str, parameters: Any) -> CipherCursor:
        """Run one statement for every parameter set."""
        try:
            self._cursor.executemany(sql, parameters)
        except self._error as error:
            raise _translate(error) from error
        return self

    def fetchone(self) -> Any:
        """The next row, or ``None``."""
        try:
            return self._cursor.fetchone()
        except self._error as error:
            raise _translate(error) from error

    def fetchmany(self, size: int | None = None) -> list[Any]:
        """Up to ``size`` more rows."""
        try:
            rows = self._cursor.fetchmany() if size is None else self._cursor.fetchmany(size)
        except self._error as error:
            raise _translate(error) from error
        return cast(list[Any], rows)

    def fetchall(self) -> list[Any]:
        """Every remaining row."""
        try:
            return cast(list[Any], self._cursor.fetchall())
        except self._error as error:
            raise _translate(error) from error

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        try:
            return next(self._cursor)
        except self._error as error:
            raise _translate(error) from error

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


class CipherConnection:
    """A ``sqlcipher3`` connection with the :mod:`sqlite3` surface the Store uses."""

    def __init__(self, connection: Any, module: ModuleType) -> None:
        self._connection = connection
        self._module = module
        self._error: type[Exception] = module.Error

    @property
    def raw(self) -> Any:
        """The underlying ``sqlcipher3`` connection."""
        return self._connection

    def cursor(self) -> CipherCursor:
        """A new cursor."""
        return CipherCursor(self._connection.cursor(), self._module)

    def execute(self, sql: str, parameters: Any = ()) -> CipherCursor:
        """Run one statement on a new cursor."""
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any) -> CipherCursor:
        """Run one statement for every parameter set."""
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str) -> CipherCursor:
        """Run several statements."""
        cursor = self.cursor()
        try:
            cursor._cursor.executescript(script)
        except self._error as error:
            raise _translate(error) from error
        return cursor

    def backup(self, target: Any, **options: Any) -> None:
        """Copy this database into ``target`` (another SQLCipher connection)."""
        destination = target.raw if isinstance(target, CipherConnection) else target
        try:
            self._connection.backup(destination, **options)
        except self._error as error:
            raise _translate(error) from error

    def commit(self) -> None:
        """Commit (a no-op in autocommit mode)."""
        self._connection.commit()

    def rollback(self) -> None:
        """Roll back (a no-op in autocommit mode)."""
        self._connection.rollback()

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()

    def __enter__(self) -> CipherConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self._connection.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)
