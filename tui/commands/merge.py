"""``suhbat merge PROJECT OTHER``: bring a coder's copy back into the master project."""

from __future__ import annotations

from pathlib import Path

import click

from i18n import N_, _
from storage.merge import MergeReport, merge_project
from tui.commands.common import echo_json, open_store, project_argument

ENTITIES = {
    "attributes": N_("attributes"),
    "coders": N_("coders"),
    "codes": N_("codes"),
    "codes renamed": N_("codes renamed"),
    "codings": N_("codings"),
    "guides": N_("guides"),
    "layers": N_("translation layers"),
    "memos": N_("memos"),
    "participants": N_("participants"),
    "questions": N_("questions"),
    "session participants": N_("session participants"),
    "sessions": N_("sessions"),
    "speaker links": N_("speaker links"),
    "transcripts": N_("transcripts"),
    "attribute": N_("attribute"),
    "code": N_("code"),
    "coding": N_("coding"),
    "layer": N_("layer"),
    "memo": N_("memo"),
    "participant": N_("participant"),
    "session": N_("session"),
    "transcript": N_("transcript"),
}
"""What the merge report counts, as msgids."""


def _entity(name: str) -> str:
    return _(ENTITIES.get(name, name))


def _text(message: str, params: dict[str, object]) -> str:
    try:
        return _(message).format(**params)
    except (KeyError, IndexError, ValueError):
        return message.format(**params)


def _print(report: MergeReport) -> None:
    if report.dry_run:
        click.echo(_("Dry run: nothing was written. A merge would:"))
    if not report.changed:
        click.echo(
            _("Nothing to merge: the project already has everything in {file}.").format(
                file=report.other
            )
        )
    for entity, count in sorted(report.added.items()):
        click.echo(_("  add {count} {entity}").format(count=count, entity=_entity(entity)))
    for entity, count in sorted(report.updated.items()):
        click.echo(_("  update {count} {entity}").format(count=count, entity=_entity(entity)))
    for source, target in report.merged_codes:
        click.echo(
            _("  merge code {source!r} into {target!r}").format(source=source, target=target)
        )
    for message, params in report.notes:
        click.echo(_("note: ") + _text(message, params), err=True)
    if report.conflicts:
        click.echo(_("Conflicts (the project's value was kept):"))
        for c in report.conflicts:
            click.echo(
                _(
                    "  {entity} {name}: {field}: kept {kept!r}, copy has {other!r} ({reason})"
                ).format(
                    entity=_entity(c.entity),
                    name=c.name,
                    field=c.field,
                    kept=c.kept,
                    other=c.other,
                    reason=_(c.reason),
                )
            )


@click.command("merge", help=_("Merge a coder's copy of the project into this one."))
@project_argument()
@click.argument("other", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help=_("Show what would change; write nothing."))
@click.option("--json", "as_json", is_flag=True, help=_("Print the report as JSON."))
def merge(project: Path, other: Path, dry_run: bool, as_json: bool) -> None:
    """Merge OTHER (a copy of PROJECT that a coder worked on) into PROJECT."""
    with open_store(project) as store:
        report = merge_project(store, other, dry_run=dry_run)
    if as_json:
        data = report.as_dict()
        data["notes"] = [_text(m, p) for m, p in report.notes]
        for conflict in data["conflicts"]:
            conflict["reason"] = _(conflict["reason"])
        echo_json(data)
        return
    _print(report)
