"""``suhbat transcript``: list, rename, move and delete transcripts; set a layer's language;
split and join utterances."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from i18n import _, ngettext, translate_error
from storage import Store
from storage.errors import N_, ConflictError, NotFoundError, ValidationError
from storage.media_time import clock
from storage.models import Layer, Transcript
from tui.commands.common import CliError, echo_json, fail, open_store, project_argument
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


def find_layer(store: Store, found: Transcript, language: str | None) -> Layer:
    """The layer of ``found`` in ``language`` (None: the original); fails if it has none."""
    layers = store.transcripts.layers(found.id, with_text=False)
    if language is None:
        return layers[0]
    target = next((x for x in layers if x.language == language.strip().lower()), None)
    if target is None:
        fail(
            NotFoundError(
                N_("{transcript} has no {language} layer"),
                transcript=found.title,
                language=language,
            )
        )
    return target


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
            + ngettext("{n} utterance", "{n} utterances", row["utterances"]).format(
                n=row["utterances"]
            )
            + ", "
            + ngettext("{n} coding", "{n} codings", row["codings"]).format(n=row["codings"])
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
        target = find_layer(store, found, layer)
        done = store.transcripts.set_layer_language(target.id, language)
    click.echo(
        _("{transcript}: {old} → {new}").format(
            transcript=found.title, old=target.language, new=done.language
        )
    )


def _positions(spec: str, count: int) -> list[int]:
    """1-based utterance numbers from ``3,5-7`` (refuses numbers outside 1…count)."""
    numbers: list[int] = []
    for part in spec.replace(" ", "").split(","):
        if not part:
            continue
        low, _sep, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            fail(
                ValidationError(
                    N_("{spec!r} is not a list of utterance numbers like 3,5-7"), spec=spec
                )
            )
        first, last = int(low), int(high or low)
        if not 1 <= first <= last <= count:
            fail(
                ValidationError(
                    N_("Utterance numbers go from 1 to {count}, not {spec!r}"),
                    count=count,
                    spec=part,
                )
            )
        numbers.extend(range(first, last + 1))
    return numbers


@transcript.command(
    "utterances", help=_("List a transcript's utterances with their number, speaker and languages.")
)
@project_argument()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def list_utterances(project: Path, name: str, as_json: bool) -> None:
    """Print each utterance of NAME: number, time, speaker, language per layer, text."""
    with open_store(project, read_only=True) as store:
        found = find_transcript(store, name)
        layers = store.transcripts.layers(found.id)
        own = store.transcripts.utterance_languages(found.id)
        rows: list[dict[str, Any]] = []
        for number, u in enumerate(store.transcripts.utterances(found.id), start=1):
            original = layers[0]
            start, end = u.spans.get(original.id, (0, 0))
            rows.append(
                {
                    "number": number,
                    "start_ms": u.start_ms,
                    "speaker": u.speaker,
                    "languages": [own.get((u.id, x.id), x.language) for x in layers],
                    "text": original.text[start:end],
                }
            )
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        text = row["text"] if len(row["text"]) <= 60 else row["text"][:59] + "…"
        click.echo(
            f"{row['number']}\t{clock(row['start_ms'])}\t{row['speaker']}\t"
            f"{'|'.join(row['languages'])}\t{text}"
        )


@transcript.command(
    "set-utterance-language",
    help=_("Say which language some utterances of a layer are in (code-switching)."),
)
@project_argument()
@click.argument("name")
@click.argument("layer")
@click.argument("numbers")
@click.argument("language")
def set_utterance_language(
    project: Path, name: str, layer: str, numbers: str, language: str
) -> None:
    """In the LAYER layer of NAME, mark the utterances NUMBERS (3,5-7) as LANGUAGE.

    LANGUAGE ``-`` gives them back their layer's language.
    """
    with open_store(project) as store:
        found = find_transcript(store, name)
        target = find_layer(store, found, layer)
        utterances = store.transcripts.utterances(found.id)
        chosen = [utterances[n - 1].id for n in _positions(numbers, len(utterances))]
        count = store.transcripts.set_utterance_language(
            target.id, chosen, None if language.strip() == "-" else language
        )
    click.echo(
        ngettext("{count} utterance changed", "{count} utterances changed", count).format(
            count=count
        )
    )


@transcript.command(
    "split", help=_("Split an utterance in two at a character offset, keeping its codings.")
)
@project_argument()
@click.argument("name")
@click.argument("number", type=int)
@click.argument("offset", type=int)
@click.option(
    "--layer", "layer", default=None, help=_("The layer the offset counts in (default: original).")
)
def split(project: Path, name: str, number: int, offset: int, layer: str | None) -> None:
    """Split utterance NUMBER of NAME at OFFSET characters into its text in a layer."""
    with open_store(project) as store:
        found = find_transcript(store, name)
        target = find_layer(store, found, layer)
        utterances = store.transcripts.utterances(found.id)
        (position,) = _positions(str(number), len(utterances))
        first, second = store.transcripts.split_utterance(
            utterances[position - 1].id, target.id, offset
        )
        text = store.transcripts.layer(target.id).text
    click.echo(
        _("Utterance {number} split: «{first}» | «{second}»").format(
            number=number,
            first=_excerpt(text[slice(*first.spans[target.id])], tail=True),
            second=_excerpt(text[slice(*second.spans[target.id])]),
        )
    )


@transcript.command("join", help=_("Join an utterance with the next one, keeping codings."))
@project_argument()
@click.argument("name")
@click.argument("number", type=int)
@click.option("--force", is_flag=True, help=_("Join even when the speakers differ."))
def join(project: Path, name: str, number: int, force: bool) -> None:
    """Join utterance NUMBER of NAME with utterance NUMBER + 1, in every layer."""
    with open_store(project) as store:
        found = find_transcript(store, name)
        utterances = store.transcripts.utterances(found.id)
        (position,) = _positions(str(number), len(utterances))
        try:
            store.transcripts.join_utterances(utterances[position - 1].id, force=force)
        except ConflictError as error:  # two speakers
            raise CliError(translate_error(error) + "; " + _("--force joins them anyway")) from None
    click.echo(_("Utterances {first} and {second} joined").format(first=number, second=number + 1))


def _excerpt(text: str, *, tail: bool = False, width: int = 30) -> str:
    """At most ``width`` characters of ``text``: its end (``tail``) or its start."""
    if len(text) <= width:
        return text
    return "…" + text[-width + 1 :] if tail else text[: width - 1] + "…"
