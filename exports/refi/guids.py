"""REFI-QDA GUIDs: normalising what other tools write, and deriving stable ones.

Tools write GUIDs in upper case, in braces, or (invalidly) as plain ids like
``c21``. suhbat stores lower-case UUIDs; a non-GUID id is turned into a UUID
derived from it, so that the same file always maps to the same entities.
"""

from __future__ import annotations

import re
import uuid

SUHBAT_NAMESPACE = uuid.UUID("5b1d0c9e-4f0a-5c43-9d1e-7a2f3c8b6e10")
"""Namespace of the UUIDs suhbat derives (selections, variables, ids that were not GUIDs)."""

_GUID = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)


def derived_guid(*parts: object) -> str:
    """A stable UUID computed from ``parts`` (the same parts give the same UUID)."""
    return str(uuid.uuid5(SUHBAT_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def parse_guid(raw: str) -> str | None:
    """``raw`` as a lower-case UUID without braces, or None if it is not a GUID."""
    match = _GUID.match(raw.strip())
    return match.group(1).lower() if match else None


class GuidReader:
    """Turns the ``guid``/``targetGUID`` values of one file into UUIDs.

    A value that is not a GUID gets a UUID derived from ``scope`` (the file's
    origin) and the value; the readers report how many such values there were.
    """

    def __init__(self, scope: str = "") -> None:
        self.scope = scope
        self.invalid: list[str] = []
        self._cache: dict[str, str] = {}

    def __call__(self, raw: str | None) -> str:
        """The UUID for ``raw`` (an empty or missing value gets a fresh derived UUID)."""
        value = (raw or "").strip()
        cached = self._cache.get(value)
        if cached is not None:
            return cached
        guid = parse_guid(value)
        if guid is None:
            if value:
                self.invalid.append(value)
            guid = derived_guid("id", self.scope, value) if value else str(uuid.uuid4())
        if value:
            self._cache[value] = guid
        return guid
