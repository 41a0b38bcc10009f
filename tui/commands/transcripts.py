"""``suhbat transcript``: list, rename, move and delete transcripts; set a layer's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from i18n import _, ngettext
from storage import Store
from storage.errors import N_, NotFoundError
from storage.models import Transcript
from tui.commands.common import echo_json, fail, open_store, project_argument
from tui.commands.confirming import confirm


@click.group(help=_("List, rename, move or delete transcripts; set a layer's language."))
def transcript() -> None:
    """Transcripts."""


def find_transcript(store: Store, name: str) -> Transcript:
    """The transcript called ``name`` (title, file name or stem) or with that id."""
    found = store.transcripts.find(name)
    if found is None and name.isdigit():
        found = next((t for t in store.transcripts.all() if t.id == int(name)), None)
    if found is None:
        fail(NotFoundError(N_("No transcript called {name!r}"), name=name))
    return found


@transcript.command("list", help=_("List transcripts with their session, layers and counts."))
@project_argument()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def list_transcripts(project: Path, as_json: bool) -> None:
    """Print each transcript: id, title, session, layer languages, utterances and codings."""
    with open_store(project, read_only=True) as store:
        sessions = {s.id: s.title for s in store.sessions.all()}
        rows: list[dict[str, Any]] = []
        for t in store.transcripts.all():
            counts = store.transcripts.deletion_counts(t.id)
            rows.append(
                {
                    "id": t.id,
                    "title": t.title,
                    "session": sessions.get(t.session_id, ""),
                    "languages": [
                        x.language for x in store.transcripts.layers(t.id, with_text=False)
                    ],
                    "utterances": counts.utterances,
                    "codings": counts.codings,
                }
            )
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['id']}\t{row['title']}\t{row['session']}\t{','.join(row['languages'])}\t"
            + _("{utterances} utterances, {codings} codings").format(
                utterances=row["utterances"], codings=row["codings"]
            )
        )


@transcript.command("rename", help=_("Give a transcript a new title."))
@project_argument()
@click.argument("name")
@click.argument("title")
def rename(project: Path, name: str, title: str) -> None:
    """Rename the transcript NAME (title, file name or id) to TITLE."""
    with open_store(project) as store:
        done = store.transcripts.rename(find_transcript(store, name).id, title)
    click.echo(_("Renamed to {title}").format(title=done.title))


@transcript.command("move", help=_("Move a transcript to another session."))
@project_argument()
@click.argument("name")
@click.argument("session")
def move(project: Path, name: str, session: str) -> None:
    """Move the transcript NAME (with its layers and codings) to the session SESSION."""
    with open_store(project) as store:
        target = store.sessions.find(session)
        if target is None:
            fail(NotFoundError(N_("No session called {name!r}"), name=session))
        done = store.transcripts.move(find_transcript(store, name).id, target.id)
    click.echo(_("{transcript} → {session}").format(transcript=done.title, session=target.title))


@transcript.command("delete", help=_("Delete a transcript with its layers, codings and memos."))
@project_argument()
@click.argument("name")
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
def delete(project: Path, name: str, yes: bool) -> None:
    """Delete the transcript NAME after saying what goes with it."""
    with open_store(project) as store:
        found = find_transcript(store, name)
        counts = store.transcripts.deletion_counts(found.id)
        question = deletion_question(found.title, counts.utterances, counts.codings, counts.memos)
        if not yes and not confirm(question):
            click.echo(_("Nothing deleted."))
            return
        store.transcripts.delete(found.id)
    click.echo(_("Deleted {title}").format(title=found.title))


def deletion_question(title: str, utterances: int, codings: int, memos: int) -> str:
    """ "Delete «title»: N utterances, N codings, N memos?" in the UI language."""
    return _("Delete «{title}» with {utterances}, {codings} and {memos}?").format(
        title=title,
        utterances=ngettext("{n} utterance", "{n} utterances", utterances).format(n=utterances),
        codings=ngettext("{n} coding", "{n} codings", codings).format(n=codings),
        memos=ngettext("{n} memo", "{n} memos", memos).format(n=memos),
    )


@transcript.command(
    "set-language", help=_("Say which language one of a transcript's layers is in.")
)
@project_argument()
@click.argument("name")
@click.argument("layer")
@click.argument("language")
def set_language(project: Path, name: str, layer: str, language: str) -> None:
    """Set the language of the layer LAYER (its current language code) of NAME to LANGUAGE."""
    with open_store(project) as store:
        found = find_transcript(store, name)
        layers = store.transcripts.layers(found.id, with_text=False)
        target = next((x for x in layers if x.language == layer.strip().lower()), None)
        if target is None:
            fail(
                NotFoundError(
                    N_("{transcript} has no {language} layer"),
                    transcript=found.title,
                    language=layer,
                )
            )
        done = store.transcripts.set_layer_language(target.id, language)
    click.echo(
        _("{transcript}: {old} → {new}").format(
            transcript=found.title, old=target.language, new=done.language
        )
    )
