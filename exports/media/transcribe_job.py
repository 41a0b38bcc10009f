"""Speech recognition in a background process, so the app and the terminal stay responsive.

The child (``python -m exports.media.transcribe_job``) only reads the recording and
writes JSON lines to its standard output: progress, then the result or the error. The
project is written by the caller, in one transaction, after the child has finished, so
a cancelled or killed run leaves the project as it was. A plain subprocess (not
:mod:`multiprocessing`) is used because it works the same inside the terminal app,
whose standard streams are not real files.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import storage.errors
from exports.media.transcription import Recognition, Segment, Word, recognise
from storage.errors import N_, SuhbatError, ValidationError


@dataclass(frozen=True)
class JobRequest:
    """What to recognise and how."""

    media: Path
    language: str
    model: str
    downloadable: bool
    threads: int = 0


class Cancelled(SuhbatError):
    """The user stopped the recognition; nothing was written."""


def run_job(
    request: JobRequest,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    poll_seconds: float = 0.1,
) -> Recognition:
    """Run the recognition in a child process; raise :class:`Cancelled` if ``cancelled()``.

    A ``KeyboardInterrupt`` in the caller stops the child too.
    """
    args = [
        sys.executable, "-m", "exports.media.transcribe_job",
        str(request.media), request.language, request.model,
        "1" if request.downloadable else "0", str(request.threads),
    ]  # fmt: skip
    child = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=str(Path(__file__).resolve().parents[2]),
    )
    assert child.stdout is not None
    messages: list[dict[str, Any]] = []
    reader = threading.Thread(target=_read, args=(child.stdout, messages), daemon=True)
    reader.start()
    seen = 0
    try:
        while True:
            if cancelled is not None and cancelled():
                raise Cancelled(N_("Transcription cancelled; the project is unchanged"))
            reader.join(poll_seconds)
            while seen < len(messages):
                message = messages[seen]
                seen += 1
                if message["kind"] == "progress" and progress is not None:
                    progress(message["done"], message["total"])
                elif message["kind"] == "error":
                    raise _error(message)
                elif message["kind"] == "done":
                    return _recognition(message["result"])
            if not reader.is_alive() and seen == len(messages):
                code = child.wait()
                raise ValidationError(
                    N_("Speech recognition stopped unexpectedly (exit code {code})"), code=code
                )
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()


def _read(stream: IO[bytes], messages: list[dict[str, Any]]) -> None:
    """Collect the child's JSON lines (appending to a list is safe across threads)."""
    for line in stream:
        try:
            messages.append(json.loads(line))
        except ValueError:
            continue


def _error(message: dict[str, Any]) -> SuhbatError:
    """The child's error again, as the same kind of :class:`SuhbatError`."""
    kind = getattr(storage.errors, message.get("type", ""), None)
    if not (isinstance(kind, type) and issubclass(kind, SuhbatError)):
        kind = ValidationError
    error = kind.__new__(kind)
    SuhbatError.__init__(error, message["message"], **message["params"])
    if isinstance(error, storage.errors.InputError):
        error.file = str(message["params"].get("file", ""))
        error.line = message["params"].get("line")
    return error


def _recognition(data: dict[str, Any]) -> Recognition:
    segments = tuple(
        Segment(
            start_ms=s["start_ms"],
            end_ms=s["end_ms"],
            text=s["text"],
            language=s["language"],
            words=tuple(Word(**w) for w in s["words"]),
        )
        for s in data["segments"]
    )
    return Recognition(data["language"], data["duration_ms"], segments, data["model"])


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    """The child process: recognise, sending JSON lines to standard output."""
    media, language, model, downloadable, threads = argv
    try:
        result = recognise(
            Path(media),
            language=language,
            model=model,
            downloadable=downloadable == "1",
            threads=int(threads),
            progress=lambda done, total: _send({"kind": "progress", "done": done, "total": total}),
        )
    except SuhbatError as error:
        params = {k: str(v) if isinstance(v, BaseException) else v for k, v in error.params.items()}
        _send(
            {
                "kind": "error",
                "type": type(error).__name__,
                "message": error.message,
                "params": params,
            }
        )
        return 1
    except Exception as error:  # anything else the engine raises, as one line
        _send(
            {
                "kind": "error",
                "type": "ValidationError",
                "message": N_("Speech recognition failed: {reason}"),
                "params": {"reason": str(error) or type(error).__name__},
            }
        )
        return 1
    _send({"kind": "done", "result": asdict(result)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
