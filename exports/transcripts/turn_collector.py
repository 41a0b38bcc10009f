"""Gathering turns from line-oriented transcripts (plain text, DOCX paragraphs).

A turn starts on a recognised line and collects the continuation lines after
it, joined with a space. Lines before the first turn are the *preamble*: its
first line is the title when the file has no other, and the rest is kept as an
utterance without a speaker so that no text is lost. Turns that end up with no
text are dropped with a note. Missing end times are filled by
:func:`~exports.transcripts.parsed.fill_end_times`.
"""

from __future__ import annotations

from exports.transcripts.parsed import ParsedUtterance, fill_end_times
from storage.errors import N_, NN_, InputError

Turn = tuple[str, int | None, int | None, str]
"""speaker, start_ms, end_ms, text so far"""


class TurnCollector:
    """Accumulates turns and continuation lines, then builds the utterances.

    ``turns`` and ``preamble`` are plain lists so that a hot loop may append
    to them directly (``turns.append((speaker, start, end, text))``).
    """

    def __init__(self, file: str) -> None:
        """Start collecting for ``file`` (used in notes and errors)."""
        self.file = file
        self.preamble: list[str] = []
        self.turns: list[Turn] = []

    @property
    def has_turns(self) -> bool:
        """True once a turn has started."""
        return bool(self.turns)

    def start_turn(self, speaker: str, start: int | None, end: int | None, text: str) -> None:
        """Begin a new turn with its first text (possibly empty)."""
        self.turns.append((speaker, start, end, text))

    def add_line(self, text: str) -> None:
        """Append a continuation line to the current turn (or to the preamble)."""
        if not self.turns:
            self.preamble.append(text)
            return
        speaker, start, end, said = self.turns[-1]
        self.turns[-1] = (speaker, start, end, f"{said} {text}" if said else text)

    def finish(
        self, title: str | None, notes: list[str], params: dict[str, str]
    ) -> tuple[str | None, tuple[ParsedUtterance, ...]]:
        """The title and utterances; appends notes (and their ``params``) as it goes.

        Raises :class:`~storage.errors.InputError` when no turn was recognised.
        """
        turns = self.turns
        if not turns:
            raise InputError(
                N_(
                    "{file}: no utterances found (expected lines like “[00:00:04] Speaker: text” "
                    "or “Speaker: text”)"
                ),
                file=self.file,
            )
        ends = fill_end_times([turn[1] for turn in turns], [turn[2] for turn in turns])
        utterances = [
            ParsedUtterance(speaker, start, end, (said,))
            for (speaker, start, _, said), end in zip(turns, ends, strict=True)
            if said
        ]
        empty = len(turns) - len(utterances)
        preamble = self.preamble
        if preamble and title is None:
            title = preamble[0]
            preamble = preamble[1:]
        if preamble:
            utterances.insert(0, ParsedUtterance("", None, None, (" ".join(preamble),)))
            notes.append(
                N_("{file}: text before the first speaker kept as an utterance without a speaker")
            )
        if empty:
            notes.append(
                NN_(
                    "{file}: skipped {empty} turn without any text",
                    "{file}: skipped {empty} turns without any text",
                    "empty",
                )
            )
            params["empty"] = str(empty)
        if not utterances:
            raise InputError(N_("{file}: no utterance has any text"), file=self.file)
        return title, tuple(utterances)
