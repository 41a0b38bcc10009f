"""Speech recognition in a background process, so the app and the terminal stay responsive.

The child process only reads the recording and sends back progress and the result;
the project is written by the caller, in one transaction, after the child has
finished. A cancelled or killed run therefore leaves the project as it was.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exports.media.transcription import Recognition, recognise
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


class _Sender:
    """The child's end of the pipe, with the ``put`` the body calls."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def put(self, message: tuple[object, ...]) -> None:
        """Send one message to the parent."""
        self.connection.send(message)


def _child(request: JobRequest, out: _Sender) -> None:
    """Body of the background process: progress tuples, then the result or the error."""
    try:
        result = recognise(
            request.media,
            language=request.language,
            model=request.model,
            downloadable=request.downloadable,
            threads=request.threads,
            progress=lambda done, total: out.put(("progress", done, total)),
        )
    except SuhbatError as error:
        out.put(("error", error))
    except Exception as error:  # anything else the engine raises, as one line
        out.put(
            ("error", ValidationError(N_("Speech recognition failed: {reason}"), reason=str(error)))
        )
    else:
        out.put(("done", result))


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
    context = multiprocessing.get_context("spawn")
    receiver, out = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(request, _Sender(out)), daemon=True)
    child.start()
    out.close()
    try:
        while True:
            if cancelled is not None and cancelled():
                raise Cancelled(N_("Transcription cancelled; the project is unchanged"))
            if not receiver.poll(poll_seconds):
                continue
            try:
                message = receiver.recv()
            except EOFError:
                child.join(timeout=5)
                raise ValidationError(
                    N_("Speech recognition stopped unexpectedly (exit code {code})"),
                    code=child.exitcode,
                ) from None
            kind = message[0]
            if kind == "progress" and progress is not None:
                progress(message[1], message[2])
            elif kind == "error":
                raise message[1]
            elif kind == "done":
                result: Recognition = message[1]
                child.join(timeout=10)  # let it exit by itself, releasing what it holds
                return result
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)
        receiver.close()
