"""``suhbat redact suggest``: names, places and organisations that a redaction list may need.

Lists suggestions (term, kind, count, which finder found it, transcripts, an example)
as a table or JSON. Nothing is applied: a suggestion becomes a redaction rule only when a
person accepts it (in the app's review screen, or by copying its line into a list).
``--out FILE`` writes the suggestions as a redaction list whose lines are all commented
out, for review in a text editor: uncommenting a line accepts it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from analysis.table import Table
from exports.redaction_suggestions import Suggestion, list_line, read_list, suggest_redactions
from i18n import N_, _, ngettext
from storage import SuhbatError
from tui.commands.common import echo_json, fail, open_store, project_argument
from tui.commands.overwrite import force_option, refuse_to_overwrite
from tui.commands.text_table import render_table

SOURCE_NAMES = {
    "ner": N_("Russian NER"),
    "capitalised": N_("capitalised words"),
    "participant": N_("participant's name"),
}
"""Finder → its name in tables (msgid)."""


@click.group(help=_("Redaction lists: suggestions from the project's transcripts."))
def redact() -> None:
    """Redaction lists: suggestions from the project's transcripts."""


@redact.command(
    help=_(
        "Suggest names, places and organisations to redact (Russian NER, participants' "
        "names, capitalised Kazakh words). Nothing is applied."
    )
)
@project_argument()
@click.option(
    "--list",
    "list_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help=_("The redaction list in use: its terms are marked as listed."),
)
@click.option(
    "--all", "show_all", is_flag=True, help=_("Also show terms accepted or rejected before.")
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help=_("Write the suggestions as a redaction list with every line commented out."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON (see docs/cli.md)."))
@force_option()
def suggest(
    project: Path,
    list_path: Path | None,
    show_all: bool,
    out: Path | None,
    as_json: bool,
    force: bool,
) -> None:
    """Suggest redaction-list entries for PROJECT."""
    try:
        existing = read_list(list_path) if list_path is not None else []
    except SuhbatError as error:
        fail(error)
    with open_store(project, read_only=True) as store:
        suggestions = suggest_redactions(store, existing=existing, include_decided=show_all)
    if out is not None:
        refuse_to_overwrite([out], force=force)
        try:
            out.write_text(review_list(suggestions), encoding="utf-8")
        except OSError as error:
            fail(error)
        click.echo(_("Wrote {path}").format(path=out), err=True)
    if as_json:
        echo_json({"suggestions": [suggestion_json(s) for s in suggestions]})
        return
    click.echo(render_table(suggestion_table(suggestions)), nl=False)
    click.echo(
        ngettext(
            "{n} suggestion; none is applied until it is accepted.",
            "{n} suggestions; none is applied until they are accepted.",
            len(suggestions),
        ).format(n=len(suggestions))
    )


def suggestion_json(s: Suggestion) -> dict[str, Any]:
    """One suggestion as JSON (shape in docs/cli.md)."""
    return {
        "term": s.term,
        "kind": s.kind,
        "count": s.count,
        "sources": list(s.sources),
        "documents": list(s.documents),
        "forms": list(s.forms),
        "example": s.example,
        "replacement": s.replacement,
        "decision": s.decision,
        "listed": s.listed,
        "line": list_line(s.entry()),
    }


def suggestion_table(suggestions: list[Suggestion]) -> Table:
    """The suggestions as a table in the UI language."""
    columns = (
        _("Kind"),
        _("Term"),
        _("Count"),
        _("Found by"),
        _("Transcripts"),
        _("Example"),
    )
    rows = []
    for s in suggestions:
        term = s.term + (f" => {s.replacement}" if s.replacement else "")
        if s.listed:
            term += " " + _("(listed)")
        rows.append(
            (
                s.kind,
                term,
                s.count,
                ", ".join(_(SOURCE_NAMES[x]) for x in s.sources),
                ", ".join(s.documents),
                s.example,
            )
        )
    return Table(
        key="redaction_suggestions",
        title=_("Redaction suggestions"),
        unit=_("mentions in the transcripts"),
        columns=columns,
        rows=tuple(rows),
    )


def review_list(suggestions: list[Suggestion]) -> str:
    """A redaction list with every suggestion commented out (uncomment to accept)."""
    lines = [
        "# " + _("Redaction suggestions: remove the # before a line to accept it."),
        "",
    ]
    for s in suggestions:
        lines.append(f"# {list_line(s.entry())}")
    return "\n".join(lines) + "\n"
