"""``suhbat autocode``: code every utterance of a speaker, answer to a question or search hit."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from i18n import _, ngettext
from storage.autocoding import Rule, RuleKind, apply, plan
from storage.errors import N_, NotFoundError, ValidationError
from storage.models import Code
from storage.store import Store
from tui.coder_memory import remember_coder, remembered_coder
from tui.commands.common import echo_json, fail, open_store, project_argument

PREVIEW_LINES = 20
"""How many passages a dry run prints (the count covers them all)."""


@click.command(help=_("Code every utterance of a speaker, answer to a question or search hit."))
@project_argument()
@click.option("--code", "code_name", default=None, help=_("The code to apply (Theme/Name)."))
@click.option("--speaker", default=None, help=_("Every utterance of this speaker or participant."))
@click.option("--question", default=None, help=_("Every answer to this guide question (id)."))
@click.option("--query", default=None, help=_("Every hit of this search query."))
@click.option(
    "--language",
    default=None,
    help=_("Code the layer in this language (default: each transcript's original)."),
)
@click.option("--match-only", is_flag=True, help=_("Code only the matched words of hits."))
@click.option(
    "--coder", default=None, help=_("Your coder name (remembered for you and this project).")
)
@click.option("--dry-run", is_flag=True, help=_("Show what would be coded; change nothing."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def autocode(
    project: Path,
    code_name: str | None,
    speaker: str | None,
    question: str | None,
    query: str | None,
    language: str | None,
    match_only: bool,
    coder: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Apply CODE to every passage one rule selects (one undo step in the app)."""
    if not code_name:
        fail(ValidationError(N_("Say which code to apply with --code NAME")))
    rules = [
        (k, v) for k, v in (("speaker", speaker), ("question", question), ("query", query)) if v
    ]
    if len(rules) != 1:
        fail(ValidationError(N_("Give exactly one of --speaker, --question and --query")))
    kind, value = rules[0]
    rule = Rule(
        cast(RuleKind, kind), value, language.strip().lower() if language else None, match_only
    )
    with open_store(project, read_only=dry_run) as store:
        code = _find_code(store, code_name)
        uuid = store.project().uuid
        name = coder or remembered_coder(uuid)
        coder_id = None
        if name is None and not dry_run:
            fail(ValidationError(N_("Say who is coding with --coder NAME")))
        if name is not None and not dry_run:
            coder_id = store.coders.get(name).id
        elif name is not None:
            coder_id = next((c.id for c in store.coders.all() if c.name == name), None)
        passages = plan(store, rule, code_id=code.id, coder_id=coder_id)
        outcome = None
        if not dry_run and coder_id is not None:
            outcome = apply(store, code.id, coder_id, passages)
            if coder:
                remember_coder(uuid, coder)
        titles = {t.id: t.title for t in store.transcripts.all()}
    if as_json:
        echo_json(
            {
                "code": code_name,
                "dry_run": dry_run,
                "coded": outcome.coded if outcome else 0,
                "already": sum(p.coded_already for p in passages),
                "passages": [
                    {
                        "transcript": titles.get(p.transcript_id, ""),
                        "speaker": p.speaker,
                        "start": p.start,
                        "end": p.end,
                        "text": p.text,
                        "coded_already": p.coded_already,
                    }
                    for p in passages
                ],
            }
        )
        return
    if dry_run:
        for p in passages[:PREVIEW_LINES]:
            mark = "=" if p.coded_already else "+"
            text = p.text if len(p.text) <= 70 else p.text[:69] + "…"
            click.echo(f"{mark} {titles.get(p.transcript_id, '')}\t{p.speaker}\t{text}")
        if len(passages) > PREVIEW_LINES:
            click.echo(_("… and {count} more").format(count=len(passages) - PREVIEW_LINES))
        fresh = sum(not p.coded_already for p in passages)
        click.echo(
            ngettext(
                "Would code {count} passage with {code} (dry run, nothing changed)",
                "Would code {count} passages with {code} (dry run, nothing changed)",
                fresh,
            ).format(count=fresh, code=code_name)
        )
        return
    assert outcome is not None
    message = ngettext(
        "Coded {count} passage with {code}", "Coded {count} passages with {code}", outcome.coded
    ).format(count=outcome.coded, code=code_name)
    if outcome.already:
        message += " · " + _("{count} already coded").format(count=outcome.already)
    click.echo(message)


def _find_code(store: Store, name: str) -> Code:
    """The code called ``name`` (a plain name or a ``Theme/Name`` path)."""
    parts = [p.strip() for p in name.split("/") if p.strip()]
    found: Code | None = None
    for index, part in enumerate(parts):
        if len(parts) == 1:
            found = store.codes.find(part)
        else:
            found = store.codes.find(part, found.id if found is not None and index else None)
        if found is None:
            break
    if found is None:
        fail(NotFoundError(N_("No code called {name!r}"), name=name))
    return found
