"""Plain-text and Markdown transcripts (``.txt``, ``.md``).

One turn starts on each line that :func:`~exports.transcripts.turn_line.match_turn`
recognises; any other non-blank line continues the previous turn (joined with a
space). Blank lines are skipped. The first ``#`` header line is the title;
later header lines are skipped (with a note). Text before the first turn is
handled by :class:`~exports.transcripts.turn_collector.TurnCollector`. ``**``
(Markdown bold, as in ``**Interviewer:** …``) is removed.
Only start times are written, so ``end_ms`` is the next turn's start (see
:mod:`exports.transcripts.parsed`), unless a line gives a range ``[start - end]``.
"""

from __future__ import annotations

import re

from exports.transcripts.parsed import ParsedTranscript
from exports.transcripts.timecodes import timecode_ms
from exports.transcripts.turn_collector import TurnCollector
from exports.transcripts.turn_line import TURN_LINES
from storage.errors import N_, NN_, InputError

_HEADER = re.compile(r"#{1,6}(?:\s|$)")


def _ms(value: str, file: str, line: int) -> int | None:
    if not value:
        return None
    ms = timecode_ms(value)
    if ms is None:
        raise InputError(
            N_("{file}, line {line}: bad timestamp {value!r}"), file=file, line=line, value=value
        )
    return ms


def read_text(
    text: str, *, file: str, encoding: str, notes: tuple[str, ...] = ()
) -> ParsedTranscript:
    """Parse decoded transcript ``text`` (NFC, ``\\n`` line ends) read from ``file``.

    Raises :class:`~storage.errors.InputError` for a bad timestamp (naming the
    line) or when no line starts a turn.
    """
    if (
        "*" in text and "**" in text
    ):  # Markdown bold around labels ("**Interviewer:** …") carries no meaning here
        text = text.replace("**", "")
    title: str | None = None
    extra_headers = 0
    turns = TurnCollector(file)
    add_turn, add_line = turns.turns.append, turns.add_line
    # One tuple per line: (start, end, speaker, start, end, rest); "" for what is absent.
    for number, (start1, end1, speaker, start2, end2, rest) in enumerate(
        TURN_LINES.findall(text), 1
    ):
        if not (start1 or speaker):
            line = rest.rstrip()
            if not line:
                continue
            if line[0] == "#" and _HEADER.match(line):
                if title is None and not turns.has_turns:
                    title = line.lstrip("#").strip() or None
                else:
                    extra_headers += 1
                continue
            add_line(line)
            continue
        start = _ms(start1 or start2, file, number) if start1 or start2 else None
        end = _ms(end1 or end2, file, number) if end1 or end2 else None
        if end is not None and start is not None and end < start:
            raise InputError(
                N_("{file}, line {line}: the turn ends before it starts ({value!r})"),
                file=file,
                line=number,
                value=f"{start1 or start2} - {end1 or end2}",
            )
        add_turn((speaker, start, end, rest.rstrip()))
    all_notes = list(notes)
    params = {"file": file}
    title, utterances = turns.finish(title, all_notes, params)
    if extra_headers:
        all_notes.append(
            NN_(
                "{file}: skipped {headers} further header line",
                "{file}: skipped {headers} further header lines",
                "headers",
            )
        )
        params["headers"] = str(extra_headers)
    return ParsedTranscript(
        path=file,
        format="txt",
        encoding=encoding,
        title=title,
        columns=("",),
        utterances=utterances,
        notes=tuple(all_notes),
        note_params=params,
    )
