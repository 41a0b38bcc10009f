"""An Input for a typed participant attribute, with a hint of what a value looks like."""

from __future__ import annotations

from textual.suggester import SuggestFromList
from textual.widgets import Input

from i18n import N_, _
from storage.models import Attribute

TYPE_HINTS = {
    "text": N_("text"),
    "integer": N_("whole number"),
    "float": N_("number"),
    "date": N_("date, YYYY-MM-DD or DD.MM.YYYY"),
    "category": N_("one of: {allowed}"),
}
"""Attribute type → what a value must look like (msgid)."""


def attribute_hint(attribute: Attribute) -> str:
    """What a value of ``attribute`` must look like, in the UI language."""
    hint = _(TYPE_HINTS[attribute.type])
    if attribute.type == "category":
        allowed = ", ".join(attribute.allowed)
        hint = hint.format(allowed=allowed) if allowed else _("text")
    return hint


def category_suggester(attribute: Attribute) -> SuggestFromList | None:
    """Completion of the allowed values of a category attribute (None for other types)."""
    if attribute.type == "category" and attribute.allowed:
        return SuggestFromList(list(attribute.allowed), case_sensitive=False)
    return None


def attribute_input(attribute: Attribute, value: str = "", *, id: str | None = None) -> Input:
    """An Input for ``attribute`` (category values are suggested as you type)."""
    return Input(
        value=value,
        placeholder=attribute_hint(attribute),
        suggester=category_suggester(attribute),
        id=id,
    )
