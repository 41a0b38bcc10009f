"""Bytes of a text transcript → clean text (NFC, ``\\n`` line ends, no control characters).

Accepted: UTF-8 with or without a byte-order mark, UTF-16/UTF-32 with a
byte-order mark, and legacy Windows Cyrillic (cp1251), its Kazakh variant
(KZ-1048) or the older KOI8-R, which are only chosen when the bytes are not UTF-8
*and* read as plausible Cyrillic text; that choice is reported as a note. KZ-1048 differs from
cp1251 in 16 bytes: Kazakh letters there, rare Serbian, Macedonian, Ukrainian and
Belarusian letters in cp1251 (see :func:`legacy_cyrillic_codec`). Anything else
(UTF-8 with broken bytes, binary files) is refused with an
:class:`~storage.errors.InputError` naming the line.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from storage.errors import N_, InputError

# Line breaks other than "\n" become "\n"; other control characters become a space.
_OTHER_LINE_BREAK = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
# Deleting these from ASCII-compatible bytes leaves only the C0 control bytes and DEL.
_NOT_CONTROL_BYTES = bytes(b for b in range(0x100) if 0x20 <= b < 0x7F or b >= 0x80)
_USUAL_CONTROLS = frozenset(b"\t\n\r")
# KZ-1048 bytes for Қ Һ қ һ Ә ә Ң ң: in cp1251 the Macedonian and Serbian Ќ Ћ ќ ћ Ј ј Ѕ ѕ.
_KAZAKH_ONLY = b"\x8d\x8e\x9d\x9e\xa3\xbc\xbd\xbe"
# The other bytes where KZ-1048 has Kazakh letters (Ұ ұ Ө Ғ Ү ө ғ ү); cp1251 has Ў ў Ґ Є Ї ґ є ї.
_KAZAKH_SHARED = b"\xa1\xa2\xa5\xaa\xaf\xb4\xba\xbf"
# Serbian and Macedonian letters that both code pages have and Kazakh never uses: Ђ Љ Њ Џ ђ љ њ џ.
_SERBIAN_ONLY = b"\x80\x8a\x8c\x8f\x90\x9a\x9c\x9f"
_HAS_Y = re.compile(b"[\xdb\xfb]")  # Ы ы
_HAS_I = re.compile(b"[\xc8\xe8]")  # И и
# Cyrillic letters: А-я (0xC0-0xFF), Ё (0xA8), ё (0xB8), І/і (0xB2/0xB3, Kazakh/Ukrainian),
# and the bytes that are Kazakh letters in KZ-1048 (other Cyrillic letters in cp1251).
_CP1251_LETTERS = bytes(range(0xC0, 0x100)) + b"\xa8\xb8\xb2\xb3" + _KAZAKH_ONLY + _KAZAKH_SHARED
# The letters most frequent in Russian, Kazakh and Ukrainian text, as bytes of each code page.
_FREQUENT = "оеаинтсрвлкмдпуыяі"
_COMMON_LETTERS = {
    codec: (_FREQUENT + _FREQUENT.upper()).encode(codec, "ignore") for codec in ("cp1251", "koi8_r")
}
_HIGH_LETTERS = bytes(range(0xC0, 0x100))
# UTF-8 Cyrillic is 0xD0/0xD1 + a continuation byte: in cp1251 that is "Р"/"С" + a symbol.
_UTF8_CYRILLIC_PAIR = re.compile(rb"[\xd0\xd1][\x80-\xbf]")


@dataclass(frozen=True)
class DecodedText:
    """Clean text with the encoding it was read in and the notes to show."""

    text: str
    encoding: str
    notes: tuple[str, ...]


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_like_cp1251(data: bytes) -> bool:
    """True when the non-ASCII bytes read as Cyrillic letters rather than UTF-8 debris."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high == 0:
        return False
    letters = high - len(data.translate(None, _CP1251_LETTERS).translate(None, bytes(range(128))))
    utf8_pairs = len(_UTF8_CYRILLIC_PAIR.findall(data))
    return letters >= 0.7 * high and 2 * utf8_pairs < 0.3 * high


def _common_letters(data: bytes, codec: str) -> int:
    """How many bytes of ``data`` are frequent Cyrillic letters when read in ``codec``."""
    return len(data) - len(data.translate(None, _COMMON_LETTERS[codec]))


def _looks_like_koi8(data: bytes) -> bool:
    """True when legacy Cyrillic ``data`` reads as natural text in KOI8-R, not in cp1251.

    Both code pages keep their letters in bytes 0xC0-0xFF, with the cases swapped and
    the letters in another order, so text in one read in the other is all in the wrong
    case and made of rare letters (``рТИЧЕФ`` for ``Привет``). Russian, Kazakh and
    Ukrainian text has about 80 % of its letters among the most frequent ones
    (о е а и н т с р в л к м д п у ы я і); the wrong code page leaves about 60 %.
    """
    letters = len(data) - len(data.translate(None, _HIGH_LETTERS))
    if letters < 8:
        return False
    return _common_letters(data, "koi8_r") - _common_letters(data, "cp1251") > 0.1 * letters


def legacy_cyrillic_codec(data: bytes) -> str:
    """The legacy code page of Cyrillic ``data``: ``koi8_r``, ``kz1048`` or ``cp1251``.

    KOI8-R (old Unix and e-mail text) is told from the Windows code pages by which
    letters are frequent (see :func:`_looks_like_koi8`).

    The signal is Kazakh letters: bytes that are Қ, Һ, Ә or Ң in KZ-1048 (Macedonian
    or Serbian letters in cp1251), outnumbering the Serbian letters Ђ Љ Њ Џ that
    Kazakh never uses. Bytes that are Ұ Ө Ғ Ү in KZ-1048 count too when the text
    has both ы and и (Kazakh and Russian do; Ukrainian has no ы, Belarusian no и),
    so Ukrainian and Belarusian text (Є Ї Ґ Ў) stays cp1251.
    """
    if _looks_like_koi8(data):
        return "koi8_r"
    kazakh = len(data) - len(data.translate(None, _KAZAKH_ONLY))
    if _HAS_Y.search(data) and _HAS_I.search(data):
        kazakh += len(data) - len(data.translate(None, _KAZAKH_SHARED))
    serbian = len(data) - len(data.translate(None, _SERBIAN_ONLY))
    return "kz1048" if kazakh > serbian else "cp1251"


def _decode_unicode(data: bytes, file: str) -> tuple[str, str]:
    """Decode by byte-order mark, else as UTF-8, else as cp1251 if plausible."""
    for bom, codec, name in (
        (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    N_(
                        "{file}, line {line}: not valid {encoding} text (it starts with a "
                        "{encoding} byte-order mark)"
                    ),
                    file=file,
                    line=_line_of(data, exc.start),
                    encoding=name.upper().removesuffix("-SIG"),
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _looks_like_cp1251(data):
        codec = legacy_cyrillic_codec(data)
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    line_start = data.rfind(b"\n", 0, utf8_error.start) + 1
    raise InputError(
        N_(
            "{file}, line {line}: not valid UTF-8 (byte 0x{byte} at column {column}); "
            "save the file as UTF-8"
        ),
        file=file,
        line=_line_of(data, utf8_error.start),
        byte=f"{data[utf8_error.start]:02X}",
        column=len(data[line_start : utf8_error.start].decode("utf-8", "replace")) + 1,
    )


def decode_transcript(data: bytes, file: str) -> DecodedText:
    """Decode ``data`` (the bytes of ``file``) into clean NFC text with ``\\n`` line ends."""
    text, encoding = _decode_unicode(data, file)
    notes: list[str] = []
    if encoding == "cp1251":
        notes.append(N_("{file}: read as cp1251 (legacy Cyrillic encoding)"))
    if encoding == "kz1048":
        notes.append(N_("{file}: read as KZ-1048 (legacy Kazakh encoding)"))
    if encoding == "koi8_r":
        notes.append(N_("{file}: read as KOI8-R (legacy Cyrillic encoding)"))
    if encoding in ("utf-8", "utf-8-sig", "cp1251", "kz1048", "koi8_r"):
        # Checking the bytes is much faster than a regular expression over the text.
        unusual = not _USUAL_CONTROLS.issuperset(data.translate(None, _NOT_CONTROL_BYTES)) or any(
            c in text for c in "\x85\u2028\u2029"
        )
    else:
        unusual = True
    if unusual and "\x00" in text:
        raise InputError(
            N_(
                "{file}, line {line}: contains NUL characters; this looks like a binary file "
                "or UTF-16 text without a byte-order mark"
            ),
            file=file,
            line=text.count("\n", 0, text.index("\x00")) + 1,
        )
    if "\r" in text:
        if "\r\n" in text:
            notes.append(N_("{file}: converted CRLF line ends"))
            text = text.replace("\r\n", "\n")
        if "\r" in text:
            notes.append(N_("{file}: converted CR line ends"))
            text = text.replace("\r", "\n")
    text = text.removeprefix("\ufeff")
    if unusual:
        text = _CONTROL.sub(" ", _OTHER_LINE_BREAK.sub("\n", text))
    if "\t" in text:
        text = text.replace("\t", " ")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return DecodedText(text=text, encoding=encoding, notes=tuple(notes))
