"""``suhbat media``: link recordings to sessions and transcripts, list, relink, unlink."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from i18n import _
from storage import Store
from storage.errors import N_, NotFoundError, ValidationError
from storage.media_store import MediaFile, media_status, resolved_path
from storage.media_time import clock
from tui.commands.common import echo_json, fail, open_store, project_argument
from tui.commands.sessions import find_session

STATUS_TEXT = {"ok": N_("ok"), "missing": N_("missing"), "changed": N_("changed")}
KIND_TEXT = {"audio": N_("audio"), "video": N_("video")}


def parse_offset(value: str) -> int:
    """An offset as ``hh:mm:ss``, ``mm:ss`` (with an optional fraction) or seconds; in ms."""
    from exports.transcripts.timecodes import timecode_ms

    text = value.strip()
    negative = text.startswith("-")
    text = text.lstrip("-")
    try:
        ms = round(float(text) * 1000)
    except ValueError:
        parsed = timecode_ms(text)
        if parsed is None:
            fail(
                ValidationError(N_("Not a time: {value!r} (use hh:mm:ss or seconds)"), value=value)
            )
        ms = parsed
    return -ms if negative else ms


def _transcript_id(store: Store, name: str) -> int:
    transcript = store.transcripts.find(name)
    if transcript is None:
        fail(NotFoundError(N_("No transcript called {name!r}"), name=name))
    return transcript.id


def media_record(store: Store, media: MediaFile) -> dict[str, Any]:
    """A linked recording as the JSON of ``media list``."""
    session = store.sessions.get(media.session_id)
    transcript = store.transcripts.get(media.transcript_id) if media.transcript_id else None
    return {
        "id": media.id,
        "uuid": media.uuid,
        "session": session.title,
        "transcript": transcript.title if transcript else None,
        "path": media.path,
        "kind": media.kind,
        "duration_ms": media.duration_ms,
        "size": media.size,
        "checksum": media.checksum,
        "offset_ms": media.offset_ms,
        "status": media_status(store.path, media),
    }


@click.group(help=_("Link recordings (audio, video) to sessions and transcripts."))
def media() -> None:
    """Recordings."""


@media.command("link", help=_("Link a recording to a transcript or a session."))
@project_argument()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--transcript", "transcript", help=_("The transcript it belongs to."))
@click.option("--session", "session", help=_("The session it belongs to (title)."))
@click.option("--offset", default="0", help=_("Where transcript time 0 falls in the recording."))
@click.option("--force", is_flag=True, help=_("Link even if the times do not fit."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def link(
    project: Path,
    file: Path,
    transcript: str | None,
    session: str | None,
    offset: str,
    force: bool,
    as_json: bool,
) -> None:
    """Link FILE to a transcript (``--transcript``) or a session (``--session``)."""
    from exports.media.linking import link_recording

    if (transcript is None) == (session is None):
        fail(ValidationError(N_("Give either --transcript or --session")))
    offset_ms = parse_offset(offset)
    with open_store(project) as store:
        linked = link_recording(
            store,
            file,
            transcript_id=_transcript_id(store, transcript) if transcript else None,
            session_id=None if transcript else find_session(store, session or "").id,
            offset_ms=offset_ms,
            force=force,
        )
        record = media_record(store, linked)
    if as_json:
        echo_json(record)
        return
    click.echo(
        _("Linked {path} ({kind}, {duration}) as recording {id}").format(
            path=record["path"],
            kind=_(KIND_TEXT[record["kind"]]),
            duration=clock(linked.duration_ms),
            id=linked.id,
        )
    )


@media.command("list", help=_("List linked recordings and whether their files are there."))
@project_argument()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def list_media(project: Path, as_json: bool) -> None:
    """Every linked recording: id, session, transcript, file, duration and status."""
    with open_store(project, read_only=True) as store:
        records = [media_record(store, m) for m in store.media.all()]
    if as_json:
        echo_json(records)
        return
    if not records:
        click.echo(_("No recordings are linked."))
    for r in records:
        click.echo(
            "\t".join(
                [
                    str(r["id"]),
                    r["session"],
                    r["transcript"] or "—",
                    r["path"],
                    clock(r["duration_ms"]),
                    _(STATUS_TEXT[r["status"]]),
                ]
            )
        )
    statuses = {r["status"] for r in records}
    if "missing" in statuses:
        click.echo(_("Relink a moved file with: suhbat media relink PROJECT ID NEW_FILE"), err=True)
    if "changed" in statuses:
        click.echo(
            _(
                "A changed file holds other sound than when it was linked: link the right file"
                " with suhbat media relink PROJECT ID FILE, or keep this one with --force"
            ),
            err=True,
        )


@media.command("relink", help=_("Point a linked recording at its file's new place."))
@project_argument()
@click.argument("media_id", type=int)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help=_("Relink even if the file's content differs."))
def relink(project: Path, media_id: int, file: Path, force: bool) -> None:
    """Relink recording MEDIA_ID to FILE (the same recording, moved or copied)."""
    from exports.media.linking import relink_recording

    with open_store(project) as store:
        relinked = relink_recording(store, media_id, file, force=force)
        where = resolved_path(store.path, relinked.path)
    click.echo(_("Recording {id} now plays {path}").format(id=media_id, path=str(where)))


def offset_text(ms: int) -> str:
    """An offset as the CLI prints it: signed ``hh:mm:ss``, with milliseconds if it has any."""
    sign = "-" if ms < 0 else ""
    fraction = f".{abs(ms) % 1000:03d}".rstrip("0") if abs(ms) % 1000 else ""
    return f"{sign}{clock(abs(ms))}{fraction}"


@media.command(
    "offset",
    help=_("Set where transcript time 0 falls in a recording."),
    context_settings={"ignore_unknown_options": True},  # "-3" is a negative time, not an option
)
@project_argument()
@click.argument("media_id", type=int)
@click.argument("offset")
def set_offset(project: Path, media_id: int, offset: str) -> None:
    """Set recording MEDIA_ID's offset (``hh:mm:ss`` or seconds; negative if it started early)."""
    offset_ms = parse_offset(offset)
    with open_store(project) as store:
        store.media.set_offset(media_id, offset_ms)
    click.echo(
        _("Recording {id}: offset {offset}").format(id=media_id, offset=offset_text(offset_ms))
    )


@media.command("unlink", help=_("Forget a linked recording (the file is kept)."))
@project_argument()
@click.argument("media_id", type=int)
def unlink(project: Path, media_id: int) -> None:
    """Unlink recording MEDIA_ID; the file on disk is not touched."""
    with open_store(project) as store:
        media_file = store.media.get(media_id)
        store.media.unlink(media_id)
    click.echo(_("Unlinked {path}").format(path=media_file.path))
