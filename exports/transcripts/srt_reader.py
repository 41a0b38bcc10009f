"""SubRip subtitles (``.srt``) with ``Speaker:`` prefixes.

Each cue is a number, a timing line ``00:00:01,000 --> 00:00:08,000`` and one
or more text lines (joined with a space, markup removed), separated by blank
lines. The cue's times are the utterance's start and end. A ``Speaker:``
prefix on the first text line names the speaker; a later line with its own
prefix starts another utterance with the same times. Malformed numbers or
timing lines are refused, naming the line.
"""

from __future__ import annotations

from typing import NoReturn

from exports.transcripts.cues import ARROW, cues_transcript, is_timing_line, parse_timing
from exports.transcripts.parsed import ParsedTranscript
from storage.errors import N_, InputError

_EXAMPLE = "00:00:01,000"


def _is_cue_number(line: str) -> bool:
    return line.isascii() and line.isdigit()


def _missing_timing(file: str, line: int) -> NoReturn:
    raise InputError(
        N_("{file}, line {line}: cue number without a timing line after it"),
        file=file,
        line=line,
    )


def read_srt(
    text: str, *, file: str, encoding: str, notes: tuple[str, ...] = ()
) -> ParsedTranscript:
    """Parse decoded SRT ``text`` read from ``file`` (see the module docstring)."""
    cues: list[tuple[int, int, list[str]]] = []
    payload: list[str] | None = None
    expect_timing = 0  # the line of a cue number still waiting for its timing line
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            if expect_timing:
                _missing_timing(file, expect_timing)
            payload = None
            continue
        if expect_timing or payload is None:
            if ARROW in line:
                start, end = parse_timing(line, file=file, number=number, example=_EXAMPLE)
                payload = []
                cues.append((start, end, payload))
                expect_timing = 0
            elif expect_timing:
                raise InputError(
                    N_(
                        "{file}, line {line}: expected a timing line like "
                        "“00:00:01,000 --> 00:00:04,000”, found {value!r}"
                    ),
                    file=file,
                    line=number,
                    value=line,
                )
            elif _is_cue_number(line):
                expect_timing = number
            else:
                raise InputError(
                    N_(
                        "{file}, line {line}: expected a cue number or a timing line, "
                        "found {value!r}"
                    ),
                    file=file,
                    line=number,
                    value=line,
                )
        elif ARROW in line and is_timing_line(line):
            # A cue that follows without a blank line; its number ended the previous text.
            if payload and _is_cue_number(payload[-1]):
                payload.pop()
            start, end = parse_timing(line, file=file, number=number, example=_EXAMPLE)
            payload = []
            cues.append((start, end, payload))
        else:
            payload.append(line)
    if expect_timing:
        _missing_timing(file, expect_timing)
    return cues_transcript(
        cues,
        file=file,
        encoding=encoding,
        format="srt",
        title=None,
        notes=notes,
        no_text=N_("{file}: no subtitle cue with any text"),
    )
