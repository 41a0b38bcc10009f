"""Make user text safe for XML files (DOCX, XLSX).

XML 1.0 forbids most C0 control characters, lone surrogates and U+FFFE/U+FFFF;
lxml and openpyxl refuse such text, and Word refuses a file that holds it.
Everything else (Cyrillic, Kazakh letters, emoji, combining marks, tabs and
line feeds) is kept exactly as it is.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (control characters etc.)."""
    return _FORBIDDEN.sub("", text)


def has_forbidden(text: str) -> bool:
    """Whether ``text`` holds a character XML 1.0 forbids."""
    return _FORBIDDEN.search(text) is not None
