"""Names shared by the REFI-QDA readers and writers: namespaces, origin, dates."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import metadata

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
PROJECT_SCHEMA_URL = "http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
CODEBOOK_SCHEMA_URL = "http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
"""Written by hand: lxml would use single quotes, which some tools reject."""

ORIGIN_PREFIX = "suhbat"
"""Every file suhbat writes has an ``origin`` starting with this word."""

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def suhbat_version() -> str:
    """The installed suhbat version (or ``dev`` when running from a plain checkout)."""
    try:
        return metadata.version("suhbat")
    except metadata.PackageNotFoundError:
        return "dev"


def origin(languages: tuple[str, ...]) -> str:
    """The ``origin`` attribute: the tool, its version and the project's languages.

    The languages say which language a code's ``name`` is in when suhbat reads
    the file back.
    """
    return f"{ORIGIN_PREFIX} {suhbat_version()}; languages={','.join(languages)}"


def origin_languages(value: str | None) -> tuple[str, ...] | None:
    """The languages named in a suhbat ``origin``, or None if suhbat did not write it."""
    if not value or not value.startswith(ORIGIN_PREFIX + " "):
        return None
    for part in value.split(";"):
        key, _, rest = part.strip().partition("=")
        if key == "languages" and rest:
            return tuple(x for x in rest.split(",") if x)
    return ()


@lru_cache(maxsize=65536)
def xml_datetime(value: str | None) -> str | None:
    """``value`` if it is a valid ``xsd:dateTime`` (as suhbat stores times), else None."""
    if value and _DATETIME.match(value):
        return value
    return None
