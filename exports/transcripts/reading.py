"""Reading any transcript file: size checks, format detection and dispatch to a reader.

The format comes from the content first and the extension second: a ZIP
package is read as DOCX whatever its name, text starting with ``WEBVTT`` is
WebVTT, text starting with a cue number and a timing line is SRT, and other
text is a plain-text transcript (also for a ``.srt``/``.vtt`` file without any
cue, with a note). A ``.docx`` that is not a ZIP package is refused.
"""

from __future__ import annotations

from pathlib import Path

from exports.file_errors import unreadable_file
from exports.transcripts.cues import ARROW, is_timing_line
from exports.transcripts.decoding import decode_transcript
from exports.transcripts.parsed import ParsedTranscript
from exports.transcripts.srt_reader import read_srt
from exports.transcripts.text_reader import read_text
from exports.transcripts.vtt_reader import read_vtt
from storage.errors import N_, InputError

MAX_FILE_BYTES = 200 * 1024 * 1024
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SNIFF_LINES = 3


def sniff_text_format(text: str) -> str:
    """``"vtt"``, ``"srt"`` or ``"txt"`` judging by the first non-blank lines of ``text``."""
    head: list[str] = []
    for line in text.split("\n", 200)[:200]:
        if line.strip():
            head.append(line.strip())
            if len(head) == _SNIFF_LINES:
                break
    if not head:
        return "txt"
    if head[0].startswith("WEBVTT"):
        return "vtt"
    if head[0].isascii() and head[0].isdigit() and len(head) > 1 and ARROW in head[1]:
        return "srt"
    if ARROW in head[0] and is_timing_line(head[0]):
        return "srt" if "," in head[0].partition(ARROW)[0] else "vtt"
    return "txt"


def read_transcript(path: Path) -> ParsedTranscript:
    """Read the transcript file at ``path`` into a :class:`ParsedTranscript`.

    Never touches a project. Any problem with the file (unreadable, empty, too
    large, undecodable, malformed, no utterance) raises
    :class:`~storage.errors.InputError` naming the file and, where it applies,
    the line.
    """
    path = Path(path)
    file = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(str(path))
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise unreadable_file(file, exc) from None
    if size > MAX_FILE_BYTES:
        raise InputError(
            N_("{file}: the file is too large ({size} MB; the limit is {limit} MB)"),
            file=file,
            size=str(size // (1024 * 1024)),
            limit=str(MAX_FILE_BYTES // (1024 * 1024)),
        )
    if size == 0:
        raise InputError(N_("{file}: the file is empty"), file=file)
    suffix = path.suffix.lower()
    if suffix == ".docx" or head.startswith(_ZIP_MAGIC):
        from exports.transcripts.docx_reader import read_docx  # python-docx: on first use

        return read_docx(path, file)
    if suffix == ".eaf":
        from exports.transcripts.eaf_reader import read_eaf

        return read_eaf(path, file)
    if head.startswith(b"%PDF"):
        raise InputError(
            N_("{file}: PDF files cannot be imported; export the transcript as .docx or .txt"),
            file=file,
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable_file(file, exc) from None
    decoded = decode_transcript(data, file)
    if not decoded.text.strip():
        raise InputError(N_("{file}: the file has no text"), file=file)
    kind = sniff_text_format(decoded.text)
    notes = decoded.notes
    if kind == "vtt":
        return read_vtt(decoded.text, file=file, encoding=decoded.encoding, notes=notes)
    if kind == "srt":
        return read_srt(decoded.text, file=file, encoding=decoded.encoding, notes=notes)
    if suffix in (".srt", ".vtt"):
        notes = (*notes, N_("{file}: no subtitle cues found; read as a plain-text transcript"))
    return read_text(decoded.text, file=file, encoding=decoded.encoding, notes=notes)
