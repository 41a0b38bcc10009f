"""Import step: case variables become participant attributes, cases become participants.

A variable whose values hang on cases is a participant attribute; one whose
values hang only on sources describes sessions (see :mod:`import_sources`).
Participants are matched by GUID, then by pseudonym; a matched participant's
existing values are kept, and values that disagree are reported.
"""

from __future__ import annotations

from exports.refi.import_context import ImportContext
from exports.refi.refi_model import RefiVariable
from exports.refi.variables import allowed_from_description
from storage.errors import N_, NN_, SuhbatError
from storage.models import Attribute, AttributeType

_TYPES: dict[str, AttributeType] = {
    "text": "text",
    "integer": "integer",
    "float": "float",
    "date": "date",
    "boolean": "category",
    "datetime": "text",
}


def case_variables(ctx: ImportContext) -> list[RefiVariable]:
    """Variables that describe cases (used by a case, or by no source at all)."""
    on_cases = {v.variable for case in ctx.project.cases for v in case.values}
    on_sources = {v.variable for source in ctx.project.sources for v in source.values}
    return [v for v in ctx.project.variables if v.guid in on_cases or v.guid not in on_sources]


def _attribute(
    ctx: ImportContext,
    variable: RefiVariable,
    known: dict[str, Attribute],
    by_uuid: dict[str, Attribute],
) -> Attribute:
    if variable.guid in by_uuid:
        return by_uuid[variable.guid]
    name = variable.name or f"Variable {variable.guid[:8]}"
    if name in known:
        return known[name]
    kind = _TYPES.get(variable.type.lower(), "text")
    allowed: tuple[str, ...] = ()
    if kind == "category":
        allowed = ("true", "false")
    elif ctx.from_suhbat:
        allowed = allowed_from_description(variable.description)
        if allowed:
            kind = "category"
    if variable.type.lower() == "datetime":
        ctx.notices.add(N_("Variable {name!r}: date-times are kept as text"), name=name)
    attribute = ctx.store.participants.add_attribute(name, kind, allowed, uuid=variable.guid)
    known[name] = attribute
    by_uuid[attribute.uuid] = attribute
    ctx.count("attributes")
    return attribute


def import_cases(ctx: ImportContext) -> None:
    """Add attributes and participants; fill in values a matched participant lacks."""
    store = ctx.store
    known = {a.name: a for a in store.participants.attributes()}
    by_uuid_attribute = {a.uuid: a for a in known.values()}
    attributes = {v.guid: _attribute(ctx, v, known, by_uuid_attribute) for v in case_variables(ctx)}
    by_uuid = store.bulk.uuid_index("participant")
    participants = {p.code.casefold(): p for p in store.participants.all()}
    lost_code_refs = 0
    for number, case in enumerate(ctx.project.cases, start=1):
        lost_code_refs += case.code_refs
        values: dict[str, str] = {}
        for item in case.values:
            attribute = attributes.get(item.variable)
            if attribute is not None and item.value != "":
                text = item.value
                if item.type == "Boolean":
                    text = "true" if text.strip().lower() in ("true", "1") else "false"
                values[attribute.name] = text
        name = case.name or f"Case {number}"
        existing = None
        if case.guid in by_uuid:
            existing = store.participants.get(by_uuid[case.guid])
        elif name.casefold() in participants:
            existing = participants[name.casefold()]
        if existing is None:
            participant = store.participants.add(name, notes=case.description, uuid=case.guid)
            participants[name.casefold()] = participant
            by_uuid[case.guid] = participant.id
            ctx.count("participants")
            missing = values
        else:
            participant = existing
            ctx.count("participants_matched")
            missing = {}
            for key, value in values.items():
                have = existing.attributes.get(key)
                if have is None:
                    missing[key] = value
                elif have != value:
                    ctx.notices.add(
                        N_(
                            "Participant {code}: kept {attribute} = {kept!r},"
                            " the file says {other!r}"
                        ),
                        code=existing.code,
                        attribute=key,
                        kept=have,
                        other=value,
                    )
        for key, value in missing.items():
            try:
                store.participants.update(participant.id, attributes={key: value})
            except SuhbatError as error:
                ctx.notices.add(
                    N_("Participant {code}: value {value!r} of {attribute} not kept ({reason})"),
                    code=participant.code,
                    value=value,
                    attribute=key,
                    reason=str(error),
                )
        ctx.participants[case.guid] = participant.id
    if lost_code_refs:
        ctx.notices.add(
            NN_(
                "{count} code applied to whole cases was not kept (suhbat codes text)",
                "{count} codes applied to whole cases were not kept (suhbat codes text)",
            ),
            count=lost_code_refs,
        )
