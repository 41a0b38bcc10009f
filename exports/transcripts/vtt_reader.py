"""WebVTT captions (``.vtt``), including ``<v Speaker>`` voice spans.

The file starts with ``WEBVTT`` (a missing header is tolerated with a note);
text after it on that line (``WEBVTT - Focus group``) is the title, else the
first ``NOTE`` block is. ``STYLE`` and ``REGION`` blocks are skipped. A cue is
an optional identifier line, a timing line (cue settings after the end time are
ignored) and text lines, which are joined with a space with their markup
removed and entities decoded. The speaker comes from the voice span, else from
a ``Speaker:`` prefix (as Zoom writes); a cue with several voices gives one
utterance per voice, all with the cue's times.
"""

from __future__ import annotations

from exports.transcripts.cues import ARROW, cues_transcript, is_timing_line, parse_timing
from exports.transcripts.parsed import ParsedTranscript, one_line
from storage.errors import N_, InputError

_EXAMPLE = "00:00:01.000"
_IDLE, _IDENTIFIED, _CUE, _NOTE, _SKIP = range(5)


def _starts_block(line: str, keyword: str) -> bool:
    return line.startswith(keyword) and (len(line) == len(keyword) or line[len(keyword)] in " \t")


def read_vtt(
    text: str, *, file: str, encoding: str, notes: tuple[str, ...] = ()
) -> ParsedTranscript:
    """Parse decoded WebVTT ``text`` read from ``file`` (see the module docstring)."""
    lines = text.split("\n")
    all_notes = list(notes)
    title: str | None = None
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    header = lines[first].strip() if first < len(lines) else ""
    state = _IDLE
    if _starts_block(header, "WEBVTT"):
        title = header[len("WEBVTT") :].strip(" \t-–—") or None
        state = _SKIP  # header metadata ("Kind: captions") runs to the first blank line
        first += 1
    else:
        all_notes.append(N_("{file}: no WEBVTT header; read as WebVTT captions anyway"))
    cues: list[tuple[int, int, list[str]]] = []
    note_lines: list[str] = []
    first_note: list[str] | None = None
    identifier, identifier_line = "", 0
    # A blank line ends a block; one more after the last line ends the last block.
    for number, raw in enumerate([*lines[first:], ""], first + 1):
        line = raw.strip()
        if not line:
            if state == _IDENTIFIED:
                raise InputError(
                    N_("{file}, line {line}: cue {value!r} has no timing line"),
                    file=file,
                    line=identifier_line,
                    value=identifier,
                )
            if state == _NOTE and first_note is None:
                first_note = note_lines
            state = _IDLE
            continue
        if state in (_IDLE, _IDENTIFIED) or (state == _CUE and is_timing_line(line)):
            if ARROW in line:
                start, end = parse_timing(line, file=file, number=number, example=_EXAMPLE)
                cues.append((start, end, []))
                state = _CUE
            elif state == _IDENTIFIED:
                raise InputError(
                    N_(
                        "{file}, line {line}: expected a cue timing line like "
                        "“00:00:01.000 --> 00:00:04.000”, found {value!r}"
                    ),
                    file=file,
                    line=number,
                    value=line,
                )
            elif _starts_block(line, "NOTE"):
                note_lines = [line[len("NOTE") :]]
                state = _NOTE
            elif _starts_block(line, "STYLE") or _starts_block(line, "REGION"):
                state = _SKIP
            else:
                identifier, identifier_line = line, number
                state = _IDENTIFIED
        elif state == _CUE:
            cues[-1][2].append(line)
        elif state == _NOTE:
            note_lines.append(line)
        elif state == _SKIP and ARROW in line and is_timing_line(line):
            # A cue right after the header without the blank line the format asks for.
            start, end = parse_timing(line, file=file, number=number, example=_EXAMPLE)
            cues.append((start, end, []))
            state = _CUE
    if title is None and first_note is not None:
        title = one_line(" ".join(first_note)) or None
    return cues_transcript(
        cues,
        file=file,
        encoding=encoding,
        format="vtt",
        title=title,
        notes=all_notes,
        no_text=N_("{file}: no caption cue with any text"),
    )
