"""Text whose indented lines keep their indent when they wrap (a hanging indent).

Rich and Textual wrap an indented line back to column 0, so a long translation under
a passage ran out under its heading. :class:`HangingIndent` renders each line of a
:class:`rich.text.Text` wrapped to the width left after its leading spaces, with those
spaces in front of every wrapped line, at whatever width it is drawn.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.text import Text


class HangingIndent:
    """A multi-line :class:`Text` drawn with each line's leading spaces as its hanging indent."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text.plain

    def lines(self) -> list[tuple[int, Text]]:
        """Each line's indent (its leading spaces) and its text without them."""
        out: list[tuple[int, Text]] = []
        for line in self.text.split("\n", allow_blank=True):
            plain = line.plain
            indent = len(plain) - len(plain.lstrip(" "))
            out.append((indent, line[indent:] if indent else line))
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for indent, line in self.lines():
            if indent and indent < options.max_width:
                yield Padding(line, (0, 0, 0, indent), expand=False)
            else:
                yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)
