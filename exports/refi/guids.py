"""REFI-QDA GUIDs: normalising what other tools write, and deriving stable ones.

Tools write GUIDs in upper case, in braces, or (invalidly) as plain ids like
``c21``. suhbat stores lower-case UUIDs; a non-GUID id is turned into a UUID
derived from it, so that the same file always maps to the same entities.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from functools import lru_cache

SUHBAT_NAMESPACE = uuid.UUID("5b1d0c9e-4f0a-5c43-9d1e-7a2f3c8b6e10")
"""Namespace of the UUIDs suhbat derives (selections, variables, ids that were not GUIDs)."""
_NAMESPACE_BYTES = SUHBAT_NAMESPACE.bytes

_GUID = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)

_LOWER_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def derived_guid(*parts: object) -> str:
    """A stable UUID computed from ``parts`` (the same parts give the same UUID).

    The same value as ``uuid.uuid5(SUHBAT_NAMESPACE, "\\x1f".join(parts))``, computed
    without building ``UUID`` objects (exports derive tens of thousands of them).
    """
    name = "\x1f".join([str(p) for p in parts]).encode("utf-8")
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_KEEP_VERSION = ~((0xF << 76) | (0xC << 60)) & ((1 << 128) - 1)


@lru_cache(maxsize=4096)
def _twin_mask(kind: str) -> int:
    """The mask for ``kind``: hashed from it, with the UUID version and variant bits clear."""
    return int.from_bytes(hashlib.sha1(kind.encode("utf-8")).digest()[:16], "big") & _KEEP_VERSION


def twin_guid(value: str, kind: str) -> str:
    """A UUID paired with ``value`` for ``kind`` (distinct inputs give distinct outputs).

    Used for elements suhbat makes for an entity, e.g. the selection that holds a
    coding: as stable as the entity's own UUID, and much cheaper than hashing. The
    UUID version of ``value`` is kept.
    """
    h = f"{int(value.replace('-', ''), 16) ^ _twin_mask(kind):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class GuidReader:
    """Turns the ``guid``/``targetGUID`` values of one file into UUIDs.

    A value that is not a GUID gets a UUID derived from ``scope`` (the file's
    origin) and the value; the readers report how many such values there were.
    """

    def __init__(self, scope: str = "") -> None:
        self.scope = scope
        self.invalid: list[str] = []
        self.cache: dict[str, str] = {}
        """Raw value → UUID, for every value seen."""

    def __call__(self, raw: str | None) -> str:
        """The UUID for ``raw`` (an empty or missing value gets a fresh derived UUID)."""
        if raw is not None:
            cached = self.cache.get(raw)
            if cached is not None:
                return cached
        value = (raw or "").strip()
        match = _GUID.match(value)
        if match is not None:
            guid = match.group(1).lower()
        else:
            if value:
                self.invalid.append(value)
            guid = derived_guid("id", self.scope, value) if value else str(uuid.uuid4())
        if raw:
            self.cache[raw] = guid
        return guid

    def fresh(self, raw: str | None) -> str:
        """Like calling the reader, for a value met once (an element's own ``guid``).

        A well-formed lower-case GUID is taken as it is, without a cache entry.
        """
        if raw is not None and len(raw) == 36 and _LOWER_GUID.match(raw) is not None:
            return raw
        return self(raw)
