"""``suhbat session add|list|link``: create sessions and link participants from the shell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from i18n import _
from i18n.formatting import format_date, format_duration
from storage import NotFoundError, Store, SuhbatError, ValidationError
from storage.errors import N_
from storage.models import ROLES, Role, Session
from tui.commands.common import echo_json, fail, open_store, project_argument
from tui.commands.session_kind import SESSION_KIND
from tui.fieldwork_labels import KIND_LABELS, ROLE_LABELS


def find_session(store: Store, name: str) -> Session:
    """A session by exact title, else by numeric id."""
    session = store.sessions.find(name)
    if session is None and name.isdigit():
        try:
            session = store.sessions.get(int(name))
        except NotFoundError:
            session = None
    if session is None:
        raise NotFoundError(N_("No session titled {title!r}"), title=name)
    return session


def _participant_spec(store: Store, spec: str) -> tuple[int, Role]:
    """``CODE`` or ``CODE:ROLE`` → participant id and role."""
    code, _sep, role = spec.partition(":")
    participant = store.participants.find(code)
    if participant is None:
        raise NotFoundError(N_("No participant {name!r}"), name=code)
    role = role.strip() or "respondent"
    if role not in ROLES:
        raise ValidationError(
            N_("Unknown role {role!r} (one of {roles})"), role=role, roles=", ".join(ROLES)
        )
    return participant.id, role


def session_record(store: Store, session: Session) -> dict[str, Any]:
    """A session as JSON-ready data (participants by pseudonym, guide by name)."""
    codes = {p.id: p.code for p in store.participants.all()}
    guide = store.guides.get(session.guide_id).name if session.guide_id is not None else None
    live = store.live.state(session.id)
    return {
        "id": session.id,
        "uuid": session.uuid,
        "title": session.title,
        "kind": session.kind,
        "date": session.date,
        "location": session.location,
        "setting": session.setting,
        "region": session.region,
        "languages": list(session.languages),
        "duration_min": session.duration_min,
        "participant_count": session.participant_count,
        "interviewer": session.interviewer,
        "consent": session.consent,
        "notes": session.notes,
        "guide": guide,
        "live": live.status if live else None,
        "participants": [
            {"code": codes.get(x.participant_id), "role": x.role, "consent": x.consent}
            for x in store.sessions.participants(session.id)
        ],
    }


@click.group(help=_("Create and list sessions; link participants with roles and consent."))
def session() -> None:
    """Interviews and focus groups."""


@session.command("add", help=_("Create a session (an interview or a focus group)."))
@project_argument()
@click.argument("title")
@click.option(
    "--kind",
    type=SESSION_KIND,
    default="interview",
    show_default=True,
    help=_("Interview or focus group."),
)
@click.option("--date", default=None, help=_("YYYY-MM-DD or DD.MM.YYYY."))
@click.option("--location", default=None, help=_("Where it took place (town, village)."))
@click.option("--setting", default=None, help=_("E.g. urban or rural."))
@click.option("--region", default=None, help=_("Region."))
@click.option("--language", "languages", default=None, help=_("Languages, e.g. kk,ru."))
@click.option("--duration", "duration_min", default=None, help=_("Duration in minutes."))
@click.option("--count", "participant_count", default=None, help=_("Number of participants."))
@click.option("--interviewer", default=None, help=_("Interviewer or moderator."))
@click.option("--consent", "consent_text", default=None, help=_("How consent was given."))
@click.option("--guide", default=None, help=_("The guide (protocol) by name."))
@click.option(
    "--participant",
    "participants",
    multiple=True,
    help=_("A participant as CODE or CODE:ROLE (repeatable)."),
)
@click.option("--consented", is_flag=True, help=_("Record consent for every --participant given."))
@click.option("--json", "as_json", is_flag=True, help=_("Print the new session as JSON."))
def add(
    project: Path,
    title: str,
    kind: str,
    date: str | None,
    location: str | None,
    setting: str | None,
    region: str | None,
    languages: str | None,
    duration_min: str | None,
    participant_count: str | None,
    interviewer: str | None,
    consent_text: str | None,
    guide: str | None,
    participants: tuple[str, ...],
    consented: bool,
    as_json: bool,
) -> None:
    """Create TITLE in PROJECT; everything or nothing is saved."""
    with open_store(project) as store:
        fields: dict[str, Any] = {
            "date": date,
            "location": location,
            "setting": setting,
            "region": region,
            "duration_min": duration_min,
            "participant_count": participant_count,
            "interviewer": interviewer,
            "consent": consent_text,
        }
        fields = {k: v for k, v in fields.items() if v is not None}
        if languages is not None:
            fields["languages"] = [x.strip() for x in languages.split(",") if x.strip()]
        try:
            if guide is not None:
                found = store.guides.find(guide)
                if found is None:
                    raise NotFoundError(N_("No guide named {name!r}"), name=guide)
                fields["guide_id"] = found.id
            links = [_participant_spec(store, spec) for spec in participants]
            with store.transaction():
                created = store.sessions.add(title, kind, **fields)  # type: ignore[arg-type]
                for pid, role in links:
                    store.sessions.link_participant(created.id, pid, role, consented)
        except SuhbatError as error:
            fail(error)
        if as_json:
            echo_json(session_record(store, created))
        else:
            click.echo(_("Created session {title!r}").format(title=created.title))


@session.command("list", help=_("List the sessions with their participants."))
@project_argument()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def list_sessions(project: Path, as_json: bool) -> None:
    """Print every session in the order conducted."""
    with open_store(project, read_only=True) as store:
        records = [session_record(store, s) for s in store.sessions.all()]
    if as_json:
        echo_json(records)
        return
    kinds = {kind: _(label) for kind, label in KIND_LABELS.items()}
    for r in records:
        people = ", ".join(
            f"{p['code']} ({_(ROLE_LABELS[p['role']])}{', ✓' if p['consent'] else ''})"
            for p in r["participants"]
        )
        details = " · ".join(
            str(x)
            for x in (
                kinds[r["kind"]],
                format_date(r["date"], "medium") if r["date"] else None,
                r["location"],
                r["setting"],
                r["region"],
                ", ".join(r["languages"]),
                format_duration(r["duration_min"] * 60) if r["duration_min"] else None,
            )
            if x
        )
        click.echo(f"{r['title']}  [{details}]")
        if people:
            click.echo("    " + people)


@session.command("link", help=_("Link a participant to a session with a role and consent."))
@project_argument()
@click.argument("session_name", metavar="SESSION")
@click.argument("participant")
@click.option(
    "--role",
    type=click.Choice(ROLES),
    default="respondent",
    show_default=True,
    help=_("The participant's role in the session."),
)
@click.option("--consent/--no-consent", default=False, help=_("Whether consent was recorded."))
@click.option("--remove", is_flag=True, help=_("Remove the participant from the session instead."))
def link(
    project: Path, session_name: str, participant: str, role: str, consent: bool, remove: bool
) -> None:
    """Add PARTICIPANT (pseudonym) to SESSION (title or id), or change role and consent."""
    with open_store(project) as store:
        try:
            target = find_session(store, session_name)
            person = store.participants.find(participant)
            if person is None:
                raise NotFoundError(N_("No participant {name!r}"), name=participant)
            if remove:
                store.sessions.unlink_participant(target.id, person.id)
                click.echo(
                    _("{code} removed from {title!r}").format(code=person.code, title=target.title)
                )
                return
            store.sessions.link_participant(target.id, person.id, role, consent)  # type: ignore[arg-type]
        except SuhbatError as error:
            fail(error)
    click.echo(
        _("{title!r}: {code} as {role}; consent: {consent}").format(
            code=person.code,
            role=_(ROLE_LABELS[role]),
            title=target.title,
            consent=_("yes") if consent else _("no"),
        )
    )
