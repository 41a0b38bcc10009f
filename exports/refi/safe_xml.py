"""Parsing REFI-QDA XML from untrusted files without entity or network tricks.

Files that declare a DOCTYPE or entities are refused outright (no legitimate
QDC/QDE file needs them; they are how "billion laughs" and external-entity
attacks work). The parser never resolves entities, never touches the network
and keeps libxml2's limits on huge text nodes. Namespaces are kept: tools write
the REFI namespace, another one, a prefix or none at all, so the readers match
elements by local name (``{*}Name``).
"""

from __future__ import annotations

from lxml import etree

from storage.errors import N_, InputError

MAX_XML_BYTES = 512 * 1024 * 1024
"""Largest XML document read (a project with 200 transcripts and 50,000 codings is ~30 MB)."""

_FORBIDDEN = ("<!DOCTYPE", "<!ENTITY")


def _declarations(data: bytes) -> str | None:
    """The forbidden declaration found in ``data`` (in UTF-8 or UTF-16), if any."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        return next((d for d in _FORBIDDEN if d in text), None)
    return next((d for d in _FORBIDDEN if d.encode() in data), None)


def parse_xml(data: bytes, file: str) -> etree._Element:
    """Parse ``data`` safely and return its root element.

    Raises :class:`InputError` naming ``file`` for declarations, size or syntax.
    """
    if len(data) > MAX_XML_BYTES:
        raise InputError(
            N_("{file}: the XML is larger than {limit} MB; refused"),
            file=file,
            limit=MAX_XML_BYTES // (1024 * 1024),
        )
    found = _declarations(data)
    if found is not None:
        raise InputError(
            N_("{file}: the XML declares {declaration}; refused (entities are not allowed)"),
            file=file,
            declaration=found,
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(
            N_("{file}: not well-formed XML (line {line}): {reason}"),
            file=file,
            line=error.lineno,
            reason=str(error.msg),
        ) from None
    if root is None:
        raise InputError(N_("{file}: the XML is empty"), file=file)
    return root


def local_name(element: etree._Element) -> str:
    """The tag of ``element`` without its namespace."""
    return str(element.tag).rsplit("}", 1)[-1]


def local_root_name(data: bytes) -> str | None:
    """The local name of the root element of ``data``, or None if it is not XML.

    Reads only the start of the document, so it is cheap on any file.
    """
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    text = text.lstrip("\ufeff \t\r\n")
    while text.startswith(("<?", "<!--", "<!DOCTYPE")):
        if text.startswith("<?"):
            end = text.find("?>") + 2
        elif text.startswith("<!--"):
            end = text.find("-->") + 3
        else:
            bracket, close = text.find("["), text.find(">")
            end = text.find("]>") + 2 if 0 <= bracket < close else close + 1
            if end < 2:
                # the declaration runs past what was read: its name is the root's name
                return text[len("<!DOCTYPE") :].split()[0].rstrip(">[") or None
        if end < 2:
            return None
        text = text[end:].lstrip(" \t\r\n")
    if not text.startswith("<") or text.startswith("<!"):
        return None
    name = ""
    for ch in text[1:]:
        if ch.isspace() or ch in "/>":
            break
        name += ch
    return name.rsplit(":", 1)[-1] or None
