"""Speaker and time prefixes on the lines of exported source texts.

A layer stores only what was said, one utterance per line. Exported texts read
like transcripts in other tools: each line starts with ``[hh:mm:ss] Speaker: ``
(time and speaker when known). :class:`ExportLayout` inserts the prefixes and
moves code-point offsets past them; :class:`ImportLayout` strips them from a
text suhbat wrote and moves offsets back, so a round trip gives the same offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from operator import add

_PREFIX = re.compile(
    r"(?:\[(?P<h>\d{1,3}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:\.(?P<ms>\d{3}))?\] )?"
    r"(?:(?P<speaker>[^\[\n][^\n]{0,79}?): )?"
)


_LINE_PREFIXES = re.compile(
    r"((?:\[(\d{1,3}):([0-5]\d):([0-5]\d)(?:\.(\d{3}))?\] )?)"
    r"((?:([^\[\n][^\n]{0,79}?): )?)([^\n]*)\n"
)
"""One line with its prefix (the same prefix as ``_PREFIX``), up to and including its ``\\n``.

Groups: time part, hours, minutes, seconds, milliseconds, speaker part, speaker, the rest.
"""

_Prefix = tuple[str, str, str, str, str, str, str, str]


def _prefixes(text: str) -> list[_Prefix]:
    """What :data:`_LINE_PREFIXES` finds on each line of ``text``, one tuple per line.

    Every line matches (each part is optional) and each match ends with the line's
    ``\\n``, so the scan goes from line to line without trying other positions.
    """
    found: list[_Prefix] = _LINE_PREFIXES.findall(text + "\n")
    if len(found) != text.count("\n") + 1:  # cannot happen; checked all the same
        found = []
        for line in text.split("\n"):
            match = _LINE_PREFIXES.match(line + "\n")
            assert match is not None
            found.append(match.groups(""))  # type: ignore[arg-type]
    return found


def format_prefix(start_ms: int | None, speaker: str) -> str:
    """The prefix of one line: ``[hh:mm:ss] Speaker: `` (parts that are unknown left out)."""
    out = ""
    if start_ms is not None and start_ms >= 0:
        seconds, ms = divmod(start_ms, 1000)
        minutes, second = divmod(seconds, 60)
        hours, minute = divmod(minutes, 60)
        out = f"[{hours:02d}:{minute:02d}:{second:02d}{f'.{ms:03d}' if ms else ''}] "
    if speaker:
        out += f"{speaker}: "
    return out


def parse_prefix(line: str) -> tuple[int, int | None, str, int]:
    """Read the prefix :func:`format_prefix` writes at the start of ``line``.

    Returns ``(length, start_ms, speaker, time_length)``: how many code points the
    prefix takes, the time (or None), the speaker ("" if none) and how many code
    points the time part takes.
    """
    match = _PREFIX.match(line)
    if match is None:
        return 0, None, "", 0
    end = match.end()
    if not end:
        return 0, None, "", 0
    hours, minutes, seconds, millis, speaker = match.groups()
    start_ms = None
    if hours is not None:
        start_ms = ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis or 0)
    if speaker:
        return end, start_ms, speaker, match.start("speaker")
    return end, start_ms, "", end


class ExportLayout:
    """A layer text with a prefix inserted at the start of each utterance span."""

    def __init__(self, text: str, prefixes: Sequence[tuple[int, str]]) -> None:
        inserts = sorted((pos, p) for pos, p in prefixes if p)
        self._at: list[int] = []
        self._shift: list[int] = []
        pieces: list[str] = []
        last = 0
        shift = 0
        for pos, prefix in inserts:
            pieces.append(text[last:pos])
            pieces.append(prefix)
            last = pos
            shift += len(prefix)
            self._at.append(pos)
            self._shift.append(shift)
        pieces.append(text[last:])
        self.text = "".join(pieces)

    def start(self, pos: int) -> int:
        """Where a selection starting at ``pos`` starts in the exported text (after a prefix)."""
        i = bisect_right(self._at, pos)
        return pos + (self._shift[i - 1] if i else 0)

    def end(self, pos: int) -> int:
        """Where a selection ending at ``pos`` ends in the exported text (before a prefix)."""
        i = bisect_left(self._at, pos)
        return pos + (self._shift[i - 1] if i else 0)


class ImportLayout:
    """Lines of a text suhbat exported, with their prefixes read and removed."""

    def __init__(
        self,
        text: str,
        *,
        strip_prefixes: bool,
        starts: Sequence[int] = (),
        ends: Sequence[int] = (),
    ) -> None:
        """Split ``text`` into lines; ``starts``/``ends`` are offsets where selections begin/end.

        suhbat never starts a selection inside a prefix nor ends one after a speaker
        label, so a "speaker" such an offset falls into was part of the text (a line
        like ``Note: …``) and is kept there.
        """
        first = sorted(starts)
        last = sorted(ends)
        prefixes = _prefixes(text) if strip_prefixes else []
        lines = [p[7] for p in prefixes] if strip_prefixes else text.split("\n")
        self.lines: list[str] = lines
        self.speakers: list[str] = [""] * len(lines)
        """The speaker label of each line ("" if none)."""
        self.times: list[int | None] = [None] * len(lines)
        """The start time (ms) of each line, if it had one."""
        self._lengths = lengths = [0] * len(lines)
        speakers, times = self.speakers, self.times
        file_pos = 0
        i_first = i_last = 0
        n_first, n_last = len(first), len(last)
        for index, (timed, hours, minutes, seconds, millis, said, speaker, rest) in enumerate(
            prefixes
        ):
            if not timed and not said:
                file_pos += len(rest) + 1
                continue
            time_length = len(timed)
            length = time_length + len(said)
            if timed:
                times[index] = ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(
                    millis or 0
                )
            if speaker:
                # Offsets are met in order: skip those before this line's prefix.
                low = file_pos + time_length
                while i_first < n_first and first[i_first] < low:
                    i_first += 1
                while i_last < n_last and last[i_last] <= low:
                    i_last += 1
                if (i_first < n_first and first[i_first] < file_pos + length) or (
                    i_last < n_last and last[i_last] <= file_pos + length
                ):
                    length = time_length
                    lines[index] = said + rest
                else:
                    speakers[index] = speaker
            lengths[index] = length
            file_pos += time_length + len(said) + len(rest) + 1
        stored = [len(line) + 1 for line in lines]
        self._stored_starts = list(accumulate(stored, initial=0))[:-1]
        self._file_starts = list(accumulate(map(add, stored, lengths), initial=0))[:-1]

    def position(self, pos: int) -> int:
        """A code-point offset in the file's text → offset in the stored text.

        An offset inside a prefix moves to the start of that line's stored text.
        """
        i = bisect_right(self._file_starts, pos) - 1
        if i < 0:
            i = 0
        column = pos - self._file_starts[i] - self._lengths[i]
        return self._stored_starts[i] + (column if column > 0 else 0)

    def positions(self, values: Sequence[int]) -> list[int]:
        """:meth:`position` of each of ``values`` (many at once)."""
        file_starts, stored_starts, lengths = self._file_starts, self._stored_starts, self._lengths
        out = []
        for pos in values:
            i = bisect_right(file_starts, pos) - 1
            if i < 0:
                i = 0
            column = pos - file_starts[i] - lengths[i]
            out.append(stored_starts[i] + (column if column > 0 else 0))
        return out

    def line_of(self, pos: int) -> int:
        """Index of the stored line that holds stored offset ``pos``."""
        return max(bisect_right(self._stored_starts, pos) - 1, 0)

    def line_start(self, index: int) -> int:
        """Stored offset where line ``index`` begins."""
        return self._stored_starts[index]
