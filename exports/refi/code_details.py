"""A code's fields that REFI-QDA has no place for, kept in its description.

REFI-QDA gives a code one name and one description. suhbat's codes have a name
per language, inclusion and exclusion criteria and an example. They are written
after the description as labelled paragraphs (readable in any tool) and read
back from files suhbat wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storage.models import Code

_LABELS = (
    ("inclusion", "Inclusion criteria"),
    ("exclusion", "Exclusion criteria"),
    ("example", "Example"),
)
_FIELD = re.compile(
    r"^(?P<label>Inclusion criteria|Exclusion criteria|Example|Name \((?P<lang>[a-z]{2,3})\)): ",
)


@dataclass(frozen=True)
class CodeDetails:
    """The parts of a code that travel in its REFI description."""

    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    names: dict[str, str] = field(default_factory=dict, hash=False)


def describe_code(code: Code, name_language: str) -> str:
    """The REFI description of ``code``: its description, then the labelled extras."""
    parts = [code.description.strip()] if code.description.strip() else []
    for key, label in _LABELS:
        value = str(getattr(code, key)).strip()
        if value:
            parts.append(f"{label}: {value}")
    for language, name in code.names.items():
        if language != name_language and name:
            parts.append(f"Name ({language}): {name}")
    return "\n\n".join(parts)


def read_description(text: str) -> CodeDetails:
    """Split a description :func:`describe_code` wrote back into its parts."""
    description: list[str] = []
    fields: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    current: list[str] | None = None
    for paragraph in text.split("\n\n"):
        match = _FIELD.match(paragraph)
        if match is None:
            (current if current is not None else description).append(paragraph)
            continue
        value = paragraph[match.end() :]
        if match.group("lang"):
            names[match.group("lang")] = value.strip()
            current = None
            continue
        key = next(k for k, label in _LABELS if label == match.group("label"))
        current = fields.setdefault(key, [])
        current.append(value)
    return CodeDetails(
        description="\n\n".join(description).strip(),
        inclusion="\n\n".join(fields.get("inclusion", [])).strip(),
        exclusion="\n\n".join(fields.get("exclusion", [])).strip(),
        example="\n\n".join(fields.get("example", [])).strip(),
        names=names,
    )
