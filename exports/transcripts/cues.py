"""Subtitle cues shared by SRT and WebVTT: timing lines and payload text.

A timing line is ``00:00:01.000 --> 00:00:08.000`` optionally followed by
WebVTT cue settings (``align:start line:0``), which are ignored. Payload text
loses its markup (``<i>``, ``<c.loud>``, ``<00:00:01.000>``, ``{\\an8}``) and
its HTML entities are decoded.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Literal

from exports.transcripts.parsed import ParsedTranscript, ParsedUtterance, one_line
from exports.transcripts.timecodes import TIMECODE, timecode_ms
from exports.transcripts.turn_line import split_speaker
from storage.errors import N_, NN_, InputError

ARROW = "-->"
_MARKUP = re.compile(r"<[^<>]*>|\{\\[^{}]*\}")
_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?(?:[ \t]+([^<>]*))?>")
_TIMING_LINE = re.compile(rf"\s*{TIMECODE}\s*-->")


def is_timing_line(line: str) -> bool:
    """True when ``line`` starts like a cue timing line (a timestamp then ``-->``)."""
    return _TIMING_LINE.match(line) is not None


def parse_timing(line: str, *, file: str, number: int, example: str) -> tuple[int, int]:
    """Start and end in ms of the timing ``line`` (line ``number`` of ``file``).

    Anything after the end time (WebVTT cue settings such as ``align:start``) is
    ignored. Raises :class:`~storage.errors.InputError` naming the line for a
    malformed timestamp or a cue that ends before it starts.
    """
    left, _, right = line.partition(ARROW)
    right_parts = right.split(maxsplit=1)
    values = (left.strip(), right_parts[0] if right_parts else "")
    times: list[int] = []
    for value in values:
        ms = timecode_ms(value)
        if ms is None:
            raise InputError(
                N_("{file}, line {line}: bad timestamp {value!r} (expected {example})"),
                file=file,
                line=number,
                value=value,
                example=example,
            )
        times.append(ms)
    start, end = times
    if end < start:
        raise InputError(
            N_("{file}, line {line}: the cue ends before it starts ({value!r})"),
            file=file,
            line=number,
            value=line.strip(),
        )
    return start, end


def clean_cue_text(lines: list[str] | tuple[str, ...]) -> str:
    """The payload ``lines`` of a cue as one line of plain text, without markup."""
    text = " ".join(line.strip() for line in lines)
    if "<" in text or "{" in text:
        text = _MARKUP.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return one_line(text)


def _by_speaker_prefix(lines: list[str]) -> list[tuple[str, str]]:
    """Split payload lines on ``Speaker:`` prefixes (only if the first line has one)."""
    cleaned = [clean_cue_text((line,)) for line in lines]
    speaker, first = split_speaker(cleaned[0])
    if not speaker:
        return [("", clean_cue_text(cleaned))]
    turns: list[tuple[str, list[str]]] = [(speaker, [first])]
    for line in cleaned[1:]:
        label, rest = split_speaker(line)
        if label:
            turns.append((label, [rest]))
        else:
            turns[-1][1].append(line)
    return [(label, clean_cue_text(parts)) for label, parts in turns]


def cue_turns(lines: list[str]) -> list[tuple[str, str]]:
    """The ``(speaker, text)`` turns of a cue payload (its non-blank ``lines``).

    A WebVTT voice span ``<v Speaker>`` names the speaker of the text that
    follows it (several voices in one cue give several turns); without voices a
    ``Speaker:`` prefix on the first line does, and further lines that start with
    their own prefix begin a new turn. Empty turns are dropped.
    """
    if not lines:
        return []
    joined = "\n".join(lines)
    voices = list(_VOICE.finditer(joined)) if "<v" in joined else []
    if not voices:
        turns = _by_speaker_prefix(lines)
    else:
        turns = []
        before = clean_cue_text((joined[: voices[0].start()],))
        if before:
            turns.append(("", before))
        for i, voice in enumerate(voices):
            stop = voices[i + 1].start() if i + 1 < len(voices) else len(joined)
            speaker = one_line(html.unescape(voice.group(1) or ""))
            text = clean_cue_text((joined[voice.end() : stop],))
            if turns and turns[-1][0] == speaker:
                turns[-1] = (speaker, f"{turns[-1][1]} {text}".strip())
            else:
                turns.append((speaker, text))
    return [(speaker, text) for speaker, text in turns if text]


def cues_transcript(
    cues: Sequence[tuple[int, int, list[str]]],
    *,
    file: str,
    encoding: str,
    format: Literal["srt", "vtt"],
    title: str | None,
    notes: Sequence[str],
    no_text: str,
) -> ParsedTranscript:
    """The transcript made of subtitle ``cues`` (start ms, end ms, payload lines).

    Each cue gives one utterance per speaker turn in it; cues without text are skipped
    and counted in a note. ``no_text`` is the error (message id with ``{file}``) when no
    cue has any text.
    """
    utterances: list[ParsedUtterance] = []
    empty = 0
    for start, end, lines in cues:
        turns = cue_turns(lines)
        empty += not turns
        utterances.extend(ParsedUtterance(who, start, end, (said,)) for who, said in turns)
    if not utterances:
        raise InputError(no_text, file=file)
    all_notes = list(notes)
    params = {"file": file}
    if empty:
        all_notes.append(
            NN_(
                "{file}: skipped {empty} cue without any text",
                "{file}: skipped {empty} cues without any text",
                "empty",
            )
        )
        params["empty"] = str(empty)
    return ParsedTranscript(
        path=file,
        format=format,
        encoding=encoding,
        title=title,
        columns=("",),
        utterances=tuple(utterances),
        notes=tuple(all_notes),
        note_params=params,
    )
