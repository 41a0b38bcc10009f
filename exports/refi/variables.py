"""REFI-QDA variables: participant attributes (on cases) and session facts (on sources).

REFI-QDA has one list of typed variables; values hang on cases and on sources.
Participant attributes become case variables. A session's fields, which REFI has
no element for, become source variables on each text of the session, under the
fixed English names in :data:`SESSION_VARIABLES`, so suhbat can read them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from exports.refi.session_people import PEOPLE_VARIABLE
from exports.refi.xml_out import text_value
from storage.models import Attribute

VariableType = Literal["Text", "Boolean", "Integer", "Float", "Date", "DateTime"]
VALUE_TAGS: dict[str, str] = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
    "Date": "DateValue",
    "DateTime": "DateTimeValue",
}
ATTRIBUTE_TYPES: dict[str, VariableType] = {
    "text": "Text",
    "integer": "Integer",
    "float": "Float",
    "date": "Date",
    "category": "Text",
}
ALLOWED_HEADER = "Allowed values:"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class SessionVariable:
    """A session (or transcript, or layer) fact written as a source variable."""

    key: str
    name: str
    type: VariableType


SESSION_VARIABLES: tuple[SessionVariable, ...] = (
    SessionVariable("title", "Session", "Text"),
    SessionVariable("kind", "Session kind", "Text"),
    SessionVariable("date", "Session date", "Date"),
    SessionVariable("location", "Location", "Text"),
    SessionVariable("setting", "Setting", "Text"),
    SessionVariable("region", "Region", "Text"),
    SessionVariable("languages", "Session languages", "Text"),
    SessionVariable("duration_min", "Duration (min)", "Float"),
    SessionVariable("interviewer", "Interviewer", "Text"),
    SessionVariable("consent", "Consent", "Text"),
    SessionVariable("people", PEOPLE_VARIABLE, "Text"),
    SessionVariable("participant_count", "Participants (number)", "Integer"),
    SessionVariable("notes", "Session notes", "Text"),
    SessionVariable("transcript", "Transcript", "Text"),
    SessionVariable("language", "Language", "Text"),
    SessionVariable("original", "Original", "Boolean"),
)
"""Source variables suhbat writes, in order; ``key`` is the session field (or layer fact)."""

SESSION_VARIABLE_NAMES = {v.name: v for v in SESSION_VARIABLES}


def attribute_description(attribute: Attribute) -> str:
    """A variable's description: the allowed values of a category attribute."""
    if attribute.type == "category" and attribute.allowed:
        return "\n".join([ALLOWED_HEADER, *(f"- {v}" for v in attribute.allowed)])
    return ""


def allowed_from_description(text: str) -> tuple[str, ...]:
    """The allowed values listed by :func:`attribute_description` (empty if none)."""
    lines = text.strip().split("\n")
    if not lines or lines[0].strip() != ALLOWED_HEADER:
        return ()
    return tuple(line.strip()[2:] for line in lines[1:] if line.strip().startswith("- "))


def typed_value(kind: VariableType, value: str) -> tuple[str, str]:
    """The value element's tag and text for ``value`` of a variable of type ``kind``.

    A value that does not fit its type is written as text (always valid).
    """
    text = value.strip()
    try:
        if kind == "Integer":
            return "IntegerValue", str(int(text))
        if kind == "Float":
            number = Decimal(text)
            if not number.is_finite():
                raise InvalidOperation
            return "FloatValue", format(number.normalize(), "f")
        if kind == "Date" and _DATE.match(text):
            return "DateValue", text
        if kind == "Boolean" and text.lower() in ("true", "false", "1", "0"):
            return "BooleanValue", "true" if text.lower() in ("true", "1") else "false"
    except (ValueError, InvalidOperation):
        pass
    return "TextValue", value


def value_xml(variable_guid: str, kind: VariableType, value: str, *, indent: int) -> str:
    """A ``<VariableValue>`` element (with its reference and typed value) as XML text."""
    tag, text = typed_value(kind, value)
    pad = " " * indent
    return (
        f'{pad}<VariableValue>\n{pad}  <VariableRef targetGUID="{variable_guid}"/>\n'
        f"{pad}  <{tag}>{text_value(text)}</{tag}>\n{pad}</VariableValue>\n"
    )
