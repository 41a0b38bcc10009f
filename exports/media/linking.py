"""Linking recordings, with the checks the CLI and the app share.

A recording is read (:func:`exports.media.probe.probe`) before anything is written; it
is refused when it ends before the transcript it is linked to does (the wrong file, or
an offset missing), and a relink is refused when the new file is another recording
(another checksum), unless forced.
"""

from __future__ import annotations

from pathlib import Path

from exports.media.probe import probe
from storage import Store
from storage.errors import N_, ConflictError, NotFoundError
from storage.media_store import MediaFile, stored_path
from storage.media_time import clock

SLACK_MS = 1000
"""How far the last utterance may end after the recording does (rounding of times)."""


def check_times(store: Store, transcript_id: int | None, duration_ms: int, offset_ms: int) -> None:
    """Refuse a recording that ends before the transcript's last utterance does."""
    if transcript_id is None:
        return
    ends = [u.end_ms or u.start_ms or 0 for u in store.transcripts.utterances(transcript_id)]
    last = max(ends, default=0)
    if last + offset_ms > duration_ms + SLACK_MS:
        raise ConflictError(
            N_(
                "The recording ({duration}) is shorter than the transcript, whose last "
                "utterance ends at {end}: is it the right file, or does it need --offset?"
            ),
            duration=clock(duration_ms),
            end=clock(last + offset_ms),
        )


def link_recording(
    store: Store,
    file: Path,
    *,
    session_id: int | None = None,
    transcript_id: int | None = None,
    offset_ms: int = 0,
    force: bool = False,
) -> MediaFile:
    """Read ``file`` and link it to a transcript (or a session); nothing written on error."""
    if not file.is_file():
        raise NotFoundError(N_("No such file: {path}"), path=str(file))
    facts = probe(file)
    if transcript_id is not None:
        session_id = store.transcripts.get(transcript_id).session_id
    if session_id is None:
        raise NotFoundError(N_("Give either --transcript or --session"))
    if not force:
        check_times(store, transcript_id, facts.duration_ms, offset_ms)
    return store.media.link(
        session_id,
        stored_path(store.path, file),
        facts,
        transcript_id=transcript_id,
        offset_ms=offset_ms,
    )


def relink_recording(store: Store, media_id: int, file: Path, *, force: bool = False) -> MediaFile:
    """Point a link at ``file``, which must be the same recording unless ``force``."""
    if not file.is_file():
        raise NotFoundError(N_("No such file: {path}"), path=str(file))
    facts = probe(file)
    old = store.media.get(media_id)
    if facts.checksum != old.checksum and not force:
        raise ConflictError(
            N_(
                "{path} is not the recording that was linked (its content differs); "
                "use --force to link it anyway"
            ),
            path=str(file),
        )
    return store.media.relink(media_id, stored_path(store.path, file), facts)
