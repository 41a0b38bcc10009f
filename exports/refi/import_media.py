"""Recordings named by REFI-QDA audio and video sources, linked to the transcripts imported.

A ``relative://`` path starts at the project's ``basePath`` (a ``file://`` URI), else at
the folder of the imported file; ``absolute://`` is taken as it is. A recording that is
found is checked like ``suhbat media link`` checks one and linked to its transcript,
with the offset its sync points imply (the first sync point's time minus the start of
the first timed utterance); one that is not found, or sits inside the archive
(``internal://``), is listed in the report with the command that links it later.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from exports.refi.import_context import ImportContext
from exports.refi.refi_model import RefiMedia
from storage.errors import N_, SuhbatError
from storage.media_store import stored_path


def media_file(path: str | None, base_path: str | None, imported_from: Path) -> Path | None:
    """The file a REFI media path names, if it can be found on this computer."""
    if not path:
        return None
    scheme, _sep, rest = path.partition("://")
    rest = unquote(rest)
    if scheme == "absolute":
        candidates = [Path(rest)]
    elif scheme == "relative":
        candidates = []
        if base_path:
            parsed = urlparse(base_path)
            base = Path(unquote(parsed.path)) if parsed.scheme == "file" else Path(base_path)
            candidates.append(base / rest)
        candidates.append(imported_from.parent / rest)
    else:
        return None
    return next((c for c in candidates if c.is_file()), None)


def link_media(ctx: ImportContext, imported_from: Path) -> None:
    """Link the recording of every imported source that came with one."""
    from exports.media.probe import probe

    store = ctx.store
    for unplaced in ctx.project.unplaced_media:
        ctx.notices.add(
            N_("{name}: a recording without a transcript was not linked"), name=unplaced.name
        )
    linked: set[tuple[str, int]] = set()
    for source in ctx.project.sources:
        media = source.media
        placed = ctx.sources.get(source.guid)
        if media is None or placed is None:
            continue
        _layer_id, transcript_id, session_id = placed
        if (media.guid, transcript_id) in linked:
            continue  # one recording, several layers of one transcript
        linked.add((media.guid, transcript_id))
        found = media_file(media.path, ctx.project.base_path, imported_from)
        if found is None:
            ctx.notices.add(
                N_(
                    "{name}: recording not found ({path}); link it with: "
                    "suhbat media link PROJECT FILE --transcript TRANSCRIPT"
                ),
                name=media.name or source.name,
                path=media.path or "",
            )
            continue
        try:
            facts = probe(found)
        except SuhbatError as error:
            ctx.notices.add(
                N_("{name}: recording not linked: {reason}"), name=media.name, reason=error
            )
            continue
        store.media.link(
            session_id,
            stored_path(store.path, found),
            facts,
            transcript_id=transcript_id,
            offset_ms=_offset(ctx, transcript_id, media),
        )
        ctx.count("recordings")


def _offset(ctx: ImportContext, transcript_id: int, media: RefiMedia) -> int:
    """How far the recording's times run ahead of the transcript's, judged by the first point."""
    if not media.sync:
        return 0
    first_time = next(
        (
            u.start_ms
            for u in ctx.store.transcripts.utterances(transcript_id)
            if u.start_ms is not None
        ),
        None,
    )
    return media.sync[0][1] - first_time if first_time is not None else 0
