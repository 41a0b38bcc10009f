"""The box a translation is typed in: a soft-wrapped TextArea where Enter submits."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import TextArea

from i18n import _
from tui.keys.bindings import key_binding


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

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding(
            "enter",
            "submit",
            _("Save"),
            _("Save the translation and go to the next untranslated utterance"),
            "translation-save",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")

    def on_key(self, event: events.Key) -> None:
        """Enter submits; ``prevent_default`` keeps TextArea's own handler from adding a line."""
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit()

    def action_submit(self) -> None:
        """Save: post :class:`Submitted` (Enter is caught in :meth:`on_key`; the binding
        shows it in the footer)."""
        self.post_message(self.Submitted(self))
