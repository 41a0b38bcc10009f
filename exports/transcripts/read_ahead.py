"""Reading transcript files in a second process while the first one stores earlier files.

Reading, parsing and laying out a transcript (:func:`exports.transcript_import.prepare_file`)
needs nothing from storing the previous one, so on a machine with CPUs to spare a batch
import reads file ``n + 1`` while it stores file ``n``. The worker only reads files; it
never opens the project. Whatever goes wrong in the worker (a bad file, a broken pool)
makes :meth:`ReadAhead.take` return ``None``, and the caller reads that file itself,
raising the usual error.

Reading is about a quarter of an import's work and storing the rest, so the worker saves
at most that share of the wall time and always costs CPU time of its own (a second
process, sending every file across): it is started only where two CPUs stand idle
(:func:`worth_reading_ahead`; docs/decisions.md, "When an import reads ahead").
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NamedTuple, Self

from storage.transcript_layout import PreparedLayer, PreparedTranscript

if TYPE_CHECKING:  # imported when a worker starts (multiprocessing costs start-up time)
    from concurrent.futures import Future, ProcessPoolExecutor

READ_AHEAD_SUFFIXES = frozenset({".txt", ".md", ".vtt", ".srt", ".docx", ".eaf"})
"""Files worth reading ahead (REFI-QDA packages and others are handled in-process)."""

MIN_BYTES = 512 * 1024
"""Below this much input a second process costs more than it saves."""

MIN_IDLE_CPUS = 2.0
"""CPUs the load average must leave idle: one for the import, one for the worker."""

SETTING_ENV = "SUHBAT_READ_AHEAD"
"""``on``: read ahead whenever there are two transcript files; ``off``: never; else automatic."""

WINDOW = 6
"""Files read ahead at most (bounds the memory held by finished, unclaimed files)."""


@dataclass(frozen=True)
class PreparedFile:
    """A transcript file read and laid out for storing, with what the reader noticed."""

    path: Path
    language: str | None
    title: str | None
    languages: tuple[str, ...]
    transcript: PreparedTranscript
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)


Prepare = Callable[[Path, str | None, tuple[str, ...]], PreparedFile]


Lines = str | list[str]
"""A column of texts as it crosses between the processes: joined by ``\\n`` when none has one."""


def _joined(texts: list[str]) -> Lines:
    joined = "\n".join(texts)
    return joined if texts and joined.count("\n") == len(texts) - 1 else texts


def _split(texts: Lines) -> list[str]:
    return texts.split("\n") if isinstance(texts, str) else texts


class _Sent(NamedTuple):
    """A :class:`PreparedFile` as the worker sends it back.

    Its text columns go as one string each rather than as a list of 80,000 small
    strings: pickling, piping and unpickling those cost the two processes more than
    reading the file did.
    """

    file: PreparedFile
    uuids: Lines
    speakers: Lines
    layers: tuple[tuple[str, Lines, Lines, int], ...]


def _send(prepared: PreparedFile) -> _Sent:
    t = prepared.transcript
    return _Sent(
        replace(prepared, transcript=replace(t, uuids=[], speakers=[], layers=())),
        _joined(t.uuids),
        _joined(t.speakers),
        tuple((x.language, _joined(x.lines), _joined(x.folded), x.words) for x in t.layers),
    )


def _received(sent: _Sent) -> PreparedFile:
    layers = tuple(
        PreparedLayer(language, _split(lines), _split(folded), words)
        for language, lines, folded, words in sent.layers
    )
    t = replace(
        sent.file.transcript,
        uuids=_split(sent.uuids),
        speakers=_split(sent.speakers),
        layers=layers,
    )
    return replace(sent.file, transcript=t)


def _prepare_quietly(
    prepare: Prepare, path: Path, language: str | None, project: tuple[str, ...]
) -> _Sent | None:
    """``prepare(...)`` ready to send, or ``None`` if it fails (the caller then reads the
    file itself)."""
    try:
        return _send(prepare(path, language, project))
    except Exception:  # reported when the caller reads the file again
        return None


def idle_cpus() -> float:
    """CPUs this process may run on, minus the last minute's load average."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average: count every CPU as idle
        load = 0.0
    return cpus - load


def worth_reading_ahead(files: int, size: int, idle: float, setting: str = "") -> bool:
    """Whether a worker should read ahead ``files`` transcript files of ``size`` bytes.

    ``idle`` is :func:`idle_cpus`; ``setting`` the value of :data:`SETTING_ENV`. The
    worker helps only while it has a CPU to itself beside the import's, and costs CPU
    time of its own, so it needs :data:`MIN_IDLE_CPUS` idle, two files and
    :data:`MIN_BYTES` of input (or the setting ``on``: two files; ``off``: never).
    """
    setting = setting.strip().lower()
    if setting == "off" or files < 2:
        return False
    return setting == "on" or (size >= MIN_BYTES and idle >= MIN_IDLE_CPUS)


class ReadAhead:
    """Prepares transcript files in a worker process, in order, a few files ahead.

    Used as a context manager; the worker is started only when it can help:
    Linux (where starting it is cheap) and :func:`worth_reading_ahead`.
    """

    def __init__(
        self,
        paths: Sequence[Path],
        prepare: Prepare,
        *,
        language: str | None,
        project: tuple[str, ...],
    ) -> None:
        """Plan to read the transcript files among ``paths`` with ``prepare``."""
        self._prepare = prepare
        self._language = language
        self._project = project
        self._todo: deque[Path] = deque(
            Path(p) for p in paths if Path(p).suffix.lower() in READ_AHEAD_SUFFIXES
        )
        self._running: deque[tuple[Path, Future[_Sent | None]]] = deque()
        self._pool: ProcessPoolExecutor | None = None
        if self._worth_it():
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            from exports.transcripts.worker_lifetime import die_with_parent, start_method

            # The worker never holds the project's lock (storage.locking) and dies with
            # this process, so a killed import leaves no process behind.
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context(start_method()),
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
            for _ in range(WINDOW):
                self._submit_next()

    def _worth_it(self) -> bool:
        if sys.platform != "linux" or len(self._todo) < 2:
            return False
        size = 0
        for path in self._todo:
            try:
                size += path.stat().st_size
            except OSError:
                continue
        setting = os.environ.get(SETTING_ENV, "")
        return worth_reading_ahead(len(self._todo), size, idle_cpus(), setting)

    def _submit_next(self) -> None:
        if self._pool is None or not self._todo:
            return
        path = self._todo.popleft()
        future = self._pool.submit(
            _prepare_quietly, self._prepare, path, self._language, self._project
        )
        self._running.append((path, future))

    @property
    def active(self) -> bool:
        """Whether a worker process is reading files."""
        return self._pool is not None

    def take(self, path: Path, language: str | None) -> PreparedFile | None:
        """The prepared ``path`` if it is the next file read ahead (with ``language``)."""
        if not self._running or self._running[0][0] != Path(path):
            return None
        _path, future = self._running.popleft()
        self._submit_next()
        try:
            sent = future.result()
        except Exception:  # a broken pool: read in-process from now on
            self.close()
            return None
        if sent is None or sent.file.language != language:
            return None
        return _received(sent)

    def close(self) -> None:
        """Stop the worker (files not taken are dropped)."""
        pool, self._pool = self._pool, None
        self._running.clear()
        self._todo.clear()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
