"""Small dialogs of the coding screens: a one-line prompt, a memo editor and a chooser.

All of them show user text literally (never as markup) and close with Escape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from i18n import _
from storage.text import fold
from tui.widgets.bindings import key_binding

_DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 76; max-width: 95%; height: auto; max-height: 90%;
    border: thick $primary 60%; background: $surface; padding: 0 1;
}}
{name} .dialog-title {{ text-style: bold; height: auto; }}
{name} .dialog-hint {{ color: $text-muted; height: auto; }}
{name} .dialog-error {{ color: $error; height: auto; }}
"""


def _cancel_binding(prefix: str) -> Binding:
    return key_binding(
        "escape", "cancel", _("Cancel"), _("Close without changes"), f"{prefix}-cancel"
    )


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; Enter answers, Escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [_cancel_binding("prompt")]
    DEFAULT_CSS = _DIALOG_CSS.format(name="TextPrompt")

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        placeholder: str = "",
        hint: str = "",
        suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint
        self.suggestions = list(suggestions)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Input(
                value=self.value,
                placeholder=self.placeholder,
                suggester=SuggestFromList(self.suggestions, case_sensitive=False)
                if self.suggestions
                else None,
                id="prompt-input",
            )
            yield Static("", classes="dialog-error", id="prompt-error", markup=False)
            if self.hint:
                yield Static(self.hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    def show_error(self, message: str) -> None:
        """Show why the answer cannot be used (the dialog stays open)."""
        self.query_one("#prompt-error", Static).update(message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class MemoDialog(ModalScreen[str | None]):
    """Edit a memo; Ctrl+S saves, Escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _cancel_binding("memo"),
        key_binding("ctrl+s", "save", _("Save"), _("Save the memo"), "memo-save"),
    ]
    DEFAULT_CSS = (
        _DIALOG_CSS.format(name="MemoDialog")
        + """
    MemoDialog TextArea { height: 10; }
    MemoDialog Horizontal { height: auto; align-horizontal: right; }
    MemoDialog Button { margin-left: 2; }
    """
    )

    def __init__(self, title: str, text: str = "", *, context: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.context = context

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            if self.context:
                yield Static(self.context, classes="dialog-hint", markup=False)
            yield TextArea(self.text, id="memo-text")
            with Horizontal():
                yield Button(_("Save"), id="memo-save-button", variant="primary")
                yield Button(_("Cancel"), id="memo-cancel-button")

    def on_mount(self) -> None:
        self.query_one("#memo-text", TextArea).focus()

    def action_save(self) -> None:
        """Close with the edited text."""
        self.dismiss(self.query_one("#memo-text", TextArea).text)

    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "memo-save-button":
            self.action_save()
        else:
            self.action_cancel()


class ChoiceDialog(ModalScreen[int | None]):
    """Choose one of many items (type to filter); dismisses with the item's id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _cancel_binding("choice"),
        key_binding("down", "move(1)", _("Next"), _("Next"), "choice-down", show=False),
        key_binding("up", "move(-1)", _("Previous"), _("Previous"), "choice-up", show=False),
    ]
    DEFAULT_CSS = (
        _DIALOG_CSS.format(name="ChoiceDialog")
        + """
    ChoiceDialog OptionList { height: auto; max-height: 20; border: none; }
    """
    )

    def __init__(self, title: str, items: Sequence[tuple[int, str]], *, current: int | None = None):
        super().__init__()
        self.title_text = title
        self.items = list(items)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Input(placeholder=_("Type to filter"), id="choice-filter")
            yield OptionList(id="choice-options")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#choice-filter", Input).focus()

    def _fill(self, query: str) -> None:
        key = fold(query.strip())
        options = self.query_one("#choice-options", OptionList)
        options.clear_options()
        shown = [(i, label) for i, label in self.items if key in fold(label)]
        options.add_options([Option(Text(label), id=str(i)) for i, label in shown])
        ids = [i for i, _label in shown]
        if shown:
            options.highlighted = ids.index(self.current) if self.current in ids else 0

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def action_move(self, step: int) -> None:
        """Move the highlight."""
        options = self.query_one("#choice-options", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#choice-options", OptionList)
        if options.highlighted is not None:
            option_id = options.get_option_at_index(options.highlighted).id
            self.dismiss(int(option_id) if option_id else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id) if event.option.id else None)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
