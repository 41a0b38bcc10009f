"""Display names of session kinds, roles and question kinds (msgids; translate with ``_``).

Kept in a module of its own so that screens can label rows without importing the
forms that edit them.
"""

from __future__ import annotations

from i18n import N_

KIND_LABELS: dict[str, str] = {"interview": N_("interview"), "focus_group": N_("focus group")}
"""Session kind → label."""

ROLE_LABELS: dict[str, str] = {
    "respondent": N_("respondent"),
    "moderator": N_("moderator"),
    "interviewer": N_("interviewer"),
    "observer": N_("observer"),
}
"""Role of a participant in a session → label."""

QUESTION_KIND_LABELS: dict[str, str] = {
    "main": N_("main"),
    "probe": N_("probe"),
    "closing": N_("closing"),
}
"""Kind of a protocol question → label."""

MARK_LABELS: dict[str, str] = {"answered": N_("answered"), "skipped": N_("skipped")}
"""A question's mark in a live session → label."""

ATTRIBUTE_TYPE_LABELS: dict[str, str] = {
    "text": N_("text"),
    "integer": N_("integer"),
    "float": N_("decimal number"),
    "date": N_("date"),
    "category": N_("category"),
}
"""Type of a participant attribute → label."""
