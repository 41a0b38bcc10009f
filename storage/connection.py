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
from storage.file_start import read_start

SQLITE_MAGIC = b"SQLite format 3\x00"
ENV_PASSPHRASE = "SUHBAT_PASSPHRASE"
CIPHER_MODULE = "sqlcipher3"
CIPHER_PAGE = 512
"""SQLCipher files are whole pages; a page is at least this many bytes."""


class PassphraseNeeded(ProjectError):
    """The project is encrypted and no passphrase was given."""


class WrongPassphrase(ProjectError):
    """The passphrase does not open the project (or the file is damaged)."""


class ReadOnlyProject(ProjectError):
    """A write was asked of a project in a read-only folder (or a read-only file)."""


class OutdatedProject(ProjectError):
    """A project made by an older suhbat was opened for reading only: reading commands do
    not upgrade it (a colleague's older suhbat could no longer open it); ``suhbat
    upgrade`` or the app do."""


def outdated_project(path: str | os.PathLike[str]) -> OutdatedProject:
    """The error for a project whose schema is older than this suhbat's."""
    return OutdatedProject(
        N_(
            "{path} was made by an older suhbat: bring it up to date once with"
            " «suhbat upgrade {path}» or by opening it in the app"
        ),
        path=str(path),
    )


SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
SQLITE_READONLY = 8


# -- which kind of file ------------------------------------------------------------------


def header(path: str | os.PathLike[str]) -> bytes:
    """The first 16 bytes of ``path`` (empty if it is missing or empty)."""
    try:
        return read_start(path, 16)
    except OSError:
        return b""


def is_plain_sqlite(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an unencrypted SQLite file."""
    return header(path) == SQLITE_MAGIC


def looks_encrypted(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` could be a SQLCipher file: not plain SQLite, whole pages, non-empty.

    An encrypted file starts with a random salt, so this cannot be told for certain
    before the passphrase is tried; a text or zip file fails the page-size test, and a
    plain project whose header was overwritten (:func:`header_damaged`) is not taken
    for an encrypted one.
    """
    target = Path(path)
    try:
        size = target.stat().st_size
    except OSError:
        return False
    return (
        size >= 2 * CIPHER_PAGE
        and size % CIPHER_PAGE == 0
        and not is_plain_sqlite(target)
        and not header_damaged(target)
    )


SQLITE_HEADER = 100
"""Bytes of the SQLite file header at the start of page 1."""


def _page_size(head: bytes) -> int:
    """The page size a plain SQLite header states (0 if it states none that is valid)."""
    raw = int.from_bytes(head[16:18], "big")
    size = 65536 if raw == 1 else raw
    return size if size >= 512 and size & (size - 1) == 0 else 0


def header_damaged(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a plain SQLite file whose header or length was damaged.

    Cheap tests on the first 100 bytes and the file size, no SQL: a zeroed start
    (an encrypted file starts with a random salt, never with 16 zero bytes), SQLite's
    fixed header bytes under a wrong magic string, and a plain file shorter than the
    pages its header counts (cut short; only when no write-ahead log holds pages that
    a checkpoint has not yet written back).
    """
    target = Path(path)
    try:
        head = read_start(target, SQLITE_HEADER)
        size = target.stat().st_size
    except OSError:
        return False
    if len(head) < SQLITE_HEADER:
        return bool(head) and (head[:16] == bytes(len(head[:16])) or SQLITE_MAGIC.startswith(head))
    if head[:16] == bytes(16):
        return True
    fixed = head[21:24] == b"\x40\x20\x20"
    if head[:16] != SQLITE_MAGIC:
        return fixed and _page_size(head) > 0
    page = _page_size(head)
    if not page or not fixed:
        return True
    if _wal_pending(target):
        return False
    pages = int.from_bytes(head[28:32], "big")
    counted = head[24:28] == head[92:96] and pages > 0
    return size % page != 0 or (counted and size < pages * page)


def _wal_pending(path: Path) -> bool:
    """Whether ``path``'s write-ahead log exists and holds frames."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def is_corruption(error: BaseException) -> bool:
    """Whether an SQLite error says the file is damaged (not a locked or busy file).

    Text that does not decode as UTF-8 (an overwritten cell that the structural check
    cannot see) is raised by :mod:`sqlite3` without an SQLite error code.
    """
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(error)
    return any(
        words in text for words in ("malformed", "not a database", "Could not decode to UTF-8")
    )


def is_read_only_error(error: BaseException) -> bool:
    """Whether an SQLite error says the file or its folder cannot be written."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF == SQLITE_READONLY
    return "readonly database" in str(error)


def writable(path: str | os.PathLike[str]) -> bool:
    """Whether this process may change ``path``: its folder and the file are writable.

    SQLite writes beside the project (``-wal``, ``-shm``, the lock file), so a writable
    file in a read-only folder (a write-protected USB stick, a read-only share) counts
    as read-only. Decided by :func:`os.access`, which also sees read-only mounts.
    """
    target = Path(path).resolve()
    if not target.parent.is_dir():
        return True  # opening says the folder is missing
    if not os.access(target.parent, os.W_OK):
        return False
    return not target.exists() or os.access(target, os.W_OK)


def read_only_project(path: str | os.PathLike[str]) -> ReadOnlyProject:
    """The error for a write refused because ``path`` or its folder is read-only."""
    return ReadOnlyProject(
        N_(
            "{path} is in a read-only folder (or is read-only itself): nothing was"
            " changed; copy it to a writable folder to change it"
        ),
        path=str(path),
    )


def read_only_uri(path: str | os.PathLike[str]) -> str:
    """The SQLite URI that reads ``path`` without writing anything beside it.

    ``mode=ro`` where SQLite can create its shared-memory file; in a read-only folder a
    WAL project without a pending log is opened ``immutable=1`` (SQLite cannot create
    the ``-shm`` file there, and nothing can write the file while the folder stays
    read-only). A pending log in a read-only folder is read through ``mode=ro``.
    """
    target = Path(path).resolve()
    uri = target.as_uri()
    if os.access(target.parent, os.W_OK) or _wal_pending(target):
        return uri + "?mode=ro"
    return uri + "?immutable=1"


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
        if header_damaged(target):
            return None
        raise ProjectError(
            N_("{path}: not a suhbat project (not an SQLite file)"), path=str(target)
        )
    require_sqlcipher()
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
    ``readonly`` opens the file read-only (for backups while the project is in use, and
    for reading a project in a read-only folder: see :func:`read_only_uri`).
    """
    target = Path(path)
    database: str = str(target)
    if readonly:
        database = read_only_uri(target)
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
