"""The ``--kind`` value of session options: one spelling everywhere, the usual variants accepted.

A session is an ``interview`` or a ``focus_group``; the spellings
:func:`storage.session_kinds.read_session_kind` knows (``focus-group``, ``focus group``, the
Russian and Kazakh words) are accepted, so a command never refuses a spelling another
command printed.
"""

from __future__ import annotations

import click

from i18n import _
from storage.models import SESSION_KINDS, SessionKind
from storage.session_kinds import read_session_kind


class SessionKindType(click.ParamType[SessionKind, object]):
    """``interview`` or ``focus_group`` (also ``focus-group``, ``focus group``)."""

    name = "kind"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        """``[interview|focus_group]`` in usage lines and help."""
        return "[" + "|".join(SESSION_KINDS) + "]"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> SessionKind:
        """The stored kind, or a usage error listing the two kinds."""
        kind = read_session_kind(str(value))
        if kind is None:
            self.fail(
                _("{value!r} is not a session kind; use interview or focus_group").format(
                    value=str(value)
                ),
                param,
                ctx,
            )
        return kind


SESSION_KIND = SessionKindType()
"""The shared click type of every session ``--kind`` option."""
