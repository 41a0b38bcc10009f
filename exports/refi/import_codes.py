"""Import step: users become coders, the code tree becomes codes.

Codes are matched by GUID first, then by name under the same parent (so that
a codebook imported into a project that has it already changes nothing); new
codes keep the file's GUIDs. Names with ``/`` (suhbat uses it for code paths)
and repeated sibling names are changed and reported.
"""

from __future__ import annotations

import re

from exports.refi.code_details import CodeDetails, read_description
from exports.refi.import_context import ImportContext
from exports.refi.refi_model import RefiCode
from storage.code_names import CodeNames
from storage.errors import N_, ConflictError
from storage.models import Code
from storage.name_language import name_language as detect_language

_COLOR6 = re.compile(r"^#[0-9a-fA-F]{6}$")
_COLOR3 = re.compile(r"^#[0-9a-fA-F]{3}$")
SLASH_REPLACEMENT = "\u2215"
"""DIVISION SLASH: looks like ``/`` but does not split a code path."""


def import_users(ctx: ImportContext) -> None:
    """Map every user of the file to a coder (matched by UUID, then by name)."""
    by_uuid = ctx.store.bulk.uuid_index("coder")
    names = {c.name: c.id for c in ctx.store.coders.all()}
    for user in ctx.project.users:
        if user.guid in ctx.coders:
            ctx.notices.add(
                N_("User {name!r} has the GUID of another user; their work is kept as that user's"),
                name=user.name or user.guid,
            )
            continue
        if user.guid in by_uuid:
            ctx.coders[user.guid] = by_uuid[user.guid]
            continue
        name = user.name or f"User {user.guid[:8]}"
        if name in names:
            ctx.coders[user.guid] = names[name]
            continue
        coder = ctx.store.coders.get(name, uuid=user.guid)
        names[name] = coder.id
        ctx.coders[user.guid] = coder.id
        ctx.count("coders")


def _color(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if _COLOR3.match(value):
        return "#" + "".join(ch * 2 for ch in value[1:]).lower()
    return value.lower() if _COLOR6.match(value) else None


def _details(ctx: ImportContext, code: RefiCode) -> CodeDetails:
    if ctx.from_suhbat:
        return read_description(code.description)
    return CodeDetails(description=code.description)


def _add(
    ctx: ImportContext,
    code: RefiCode,
    parent_id: int | None,
    names: dict[str, str],
    details: CodeDetails,
    known: CodeNames,
) -> Code:
    return ctx.store.codes.add(
        names,
        parent_id=parent_id,
        description=details.description,
        inclusion=details.inclusion,
        exclusion=details.exclusion,
        example=details.example,
        color=_color(code.color),
        is_codable=code.is_codable,
        uuid=code.guid,
        known=known,
    )


class _Renamer:
    """Unique names among siblings: ``Name``, ``Name (2)``, ``Name (3)`` …

    Remembers the last number given to each name, so that thousands of siblings
    of one name do not each try every number from 2 again.
    """

    def __init__(self) -> None:
        self._next: dict[tuple[int | None, str], int] = {}

    def unique(self, name: str, parent_id: int | None, taken: set[str]) -> str:
        """``name``, or a free ``name (n)`` among the folded names in ``taken``."""
        key = (parent_id, name.casefold())
        number = self._next.get(key, 2)
        unique = name
        while unique.casefold() in taken:
            unique = f"{name} ({number})"
            number += 1
        self._next[key] = number
        return unique


def import_codes(ctx: ImportContext) -> None:
    """Add the file's code tree to the project (matched codes are left as they are).

    Each code is looked up in indexes built once (by GUID, by name under its parent
    among the codes the project had before), so the import stays linear in the
    number of codes.
    """
    store = ctx.store
    by_uuid = store.bulk.uuid_index("code")
    before = store.codes.names()
    known = store.codes.names()
    language = ctx.name_language
    project_languages = store.project().languages
    renamer = _Renamer()

    def walk(code: RefiCode, parent_id: int | None, taken: set[str]) -> None:
        first_name: str | None = None
        if code.guid in by_uuid:
            code_id = by_uuid[code.guid]
            ctx.count("codes_matched")
        else:
            name = code.name or "(unnamed)"
            if "/" in name:
                clean = name.replace("/", SLASH_REPLACEMENT)
                ctx.notices.add(
                    N_("Code {name!r} was renamed {new!r}: '/' separates code paths in suhbat"),
                    name=name,
                    new=clean,
                )
                name = clean
            match = before.find(name, parent_id)
            if match is not None:
                code_id = match
                ctx.count("codes_matched")
            else:
                unique = renamer.unique(name, parent_id, taken)
                if unique != name:
                    ctx.notices.add(
                        N_(
                            "Two codes under one parent are both called {name!r};"
                            " one is now {new!r}"
                        ),
                        name=name,
                        new=unique,
                    )
                details = _details(ctx, code)
                # The name goes under the language it is written in (its script), unless
                # the file gives that language another name of the code.
                own = detect_language(unique, project_languages, language)
                own = own if own not in details.names else language
                names = {own: unique, **details.names}
                names[own] = unique
                try:
                    created = _add(ctx, code, parent_id, names, details, known)
                except ConflictError:
                    ctx.notices.add(
                        N_(
                            "Code {name!r}: its names in other languages clash with another code"
                            " and were dropped"
                        ),
                        name=unique,
                    )
                    created = _add(ctx, code, parent_id, {own: unique}, details, known)
                code_id = created.id
                by_uuid[code.guid] = code_id
                ctx.count("codes")
                first_name = next(iter(created.names.values()), "")
        if first_name is None:
            first_name = next(iter(store.codes.get(code_id).names.values()), "")
        taken.add(first_name.casefold())
        ctx.codes[code.guid] = code_id
        child_names = before.under(code_id)
        for child in code.children:
            walk(child, code_id, child_names)

    top = before.under(None)
    for code in ctx.project.codes:
        walk(code, None, top)
