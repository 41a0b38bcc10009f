"""``suhbat speakers``: speaker labels and their participants."""

from __future__ import annotations

from pathlib import Path

import click

from i18n import _, ngettext
from storage.errors import N_, NotFoundError
from tui.commands.common import echo_json, fail, open_store, project_argument


@click.group(help=_("List speaker labels and link them to participants."))
def speakers() -> None:
    """Speaker labels."""


@speakers.command("list", help=_("List speaker labels with their participant."))
@project_argument()
@click.option("--unresolved", is_flag=True, help=_("Only labels not linked to a participant."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def list_speakers(project: Path, unresolved: bool, as_json: bool) -> None:
    """Print each speaker label, its participant and how many utterances it has."""
    with open_store(project, read_only=True) as store:
        codes = {p.id: p.code for p in store.participants.all()}
        rows = [
            {"label": label, "participant": codes.get(pid) if pid else None, "utterances": n}
            for label, pid, n in store.transcripts.speakers(unresolved_only=unresolved)
        ]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        linked = row["participant"] or _("(not linked)")
        click.echo(f"{row['label']}\t{linked}\t{row['utterances']}")


@speakers.command("link", help=_("Link a speaker label to a participant."))
@project_argument()
@click.argument("label")
@click.argument("participant")
def link(project: Path, label: str, participant: str) -> None:
    """Link every utterance spoken under LABEL to PARTICIPANT (pseudonym or name)."""
    with open_store(project) as store:
        target = store.participants.find(participant)
        if target is None:
            fail(NotFoundError(N_("No participant called {name!r}"), name=participant))
        count = store.transcripts.link_speaker(label, target.id)
    click.echo(
        ngettext(
            "{label} → {participant}: {count} utterance",
            "{label} → {participant}: {count} utterances",
            count,
        ).format(label=label, participant=target.code, count=count)
    )
