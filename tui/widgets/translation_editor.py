"""The box a translation is typed in: a soft-wrapped TextArea where Enter submits."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea


class TranslationEditor(TextArea):
    """One utterance's translation; Enter posts :class:`Submitted` instead of a new line.

    A translation is one line of its layer, so a line break never goes in: Enter
    saves, and pasted line breaks become spaces when the text is saved.
    """

    class Submitted(Message):
        """Enter was pressed: save the text and move on."""

        def __init__(self, editor: TranslationEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")

    def on_key(self, event: events.Key) -> None:
        """Enter submits; ``prevent_default`` keeps TextArea's own handler from adding a line."""
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))
