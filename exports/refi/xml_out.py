"""Writing XML as text, for the large parts of a project file.

Building 200,000 lxml elements takes longer than the whole export may; the
project writer therefore writes the ``<Sources>`` and ``<Cases>`` parts as text
with these escaping helpers (every export is validated against the REFI-QDA
schemas by the tests). Text is cleaned of characters XML 1.0 forbids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from exports.xml_text import has_forbidden, xml_safe

_ATTR = re.compile('[&<>"\n\r\t]')
_TEXT = re.compile("[&<>\r]")
_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\n": "&#10;",
    "\r": "&#13;",
    "\t": "&#9;",
}


def _entity(match: re.Match[str]) -> str:
    return _ENTITIES[match.group()]


def attr_value(value: str) -> str:
    """``value`` escaped for a double-quoted attribute (line breaks kept as references)."""
    if has_forbidden(value):
        value = xml_safe(value)
    return _ATTR.sub(_entity, value)


def text_value(value: str) -> str:
    """``value`` escaped as element content."""
    if has_forbidden(value):
        value = xml_safe(value)
    return _TEXT.sub(_entity, value)


def start_tag(tag: str, attrs: Mapping[str, str | None], *, empty: bool = False) -> str:
    """``<tag a="v" …>`` (or ``<tag … />``); attributes whose value is None are left out."""
    parts = [f'{name}="{attr_value(value)}"' for name, value in attrs.items() if value is not None]
    inner = " ".join([tag, *parts])
    return f"<{inner}/>" if empty else f"<{inner}>"


def text_element(tag: str, text: str, attrs: Mapping[str, str | None] | None = None) -> str:
    """``<tag …>text</tag>``."""
    return f"{start_tag(tag, attrs or {})}{text_value(text)}</{tag}>"
