"""Transcript file readers: plain text/Markdown, WebVTT, SRT and DOCX → :class:`ParsedTranscript`.

Readers are pure: they return parsed structures and never touch a project file.
Use :func:`read_transcript`, which detects the format from the content and the
extension; every problem with a file is an :class:`storage.errors.InputError`.
"""

from exports.transcripts.parsed import ParsedTranscript, ParsedUtterance
from exports.transcripts.reading import read_transcript

__all__ = ["ParsedTranscript", "ParsedUtterance", "read_transcript"]
