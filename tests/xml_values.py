"""Typed access to XML read back from exported files (test helper)."""

from __future__ import annotations

from lxml import etree


def attribute(element: etree._Element | None, name: str) -> str:
    """The value of an attribute that the element (which must exist) must carry."""
    assert element is not None
    value = element.get(name)
    assert value is not None, name
    return value


def number(element: etree._Element | None, name: str) -> int:
    """An integer attribute that the element (which must exist) must carry."""
    return int(attribute(element, name))
