"""The code finder: type part of a code's name (any script, any layout), pick, or create one.

Typing filters the codebook as you type (see :mod:`tui.widgets.code_matching`);
Up/Down move through the matches, Enter picks, Escape cancels. When creating is
allowed, the last option creates a code with the typed name; ``Theme/Name``
creates it under an existing theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from i18n import _
from storage.models import Code
from storage.text import fold, normalize
from tui.widgets.bindings import key_binding
from tui.widgets.code_matching import CodeChoice, CodeEntry, find_codes, prepare
from tui.widgets.coding_paint import stripe_style

CREATE = "create"


def code_label(entry: CodeEntry) -> Text:
    """A finder row: colour square, name and (dimmed) tree path; never parsed as markup."""
    label = Text()
    label.append("■ " if entry.code.is_codable else "□ ", stripe_style(entry.code.color))
    label.append(entry.name)
    if entry.path:
        label.append("   " + entry.path, style="dim")
    return label


class CodeFinder(ModalScreen[CodeChoice | None]):
    """Find a code by fuzzy name, or create one on the spot."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "cancel", _("Cancel"), _("Close without choosing"), "finder-cancel"),
        key_binding("down", "move(1)", _("Next"), _("Next match"), "finder-down", show=False),
        key_binding("up", "move(-1)", _("Previous"), _("Previous match"), "finder-up", show=False),
        key_binding(
            "pagedown",
            "move(10)",
            _("Page down"),
            _("Ten matches down"),
            "finder-page-down",
            show=False,
        ),
        key_binding(
            "pageup", "move(-10)", _("Page up"), _("Ten matches up"), "finder-page-up", show=False
        ),
    ]

    DEFAULT_CSS = """
    CodeFinder { align: center middle; }
    CodeFinder > Vertical {
        width: 72; max-width: 95%; height: 24; max-height: 90%;
        border: thick $primary 60%; background: $surface; padding: 0 1;
    }
    CodeFinder #finder-title { text-style: bold; height: auto; }
    CodeFinder #finder-context { color: $text-muted; height: auto; max-height: 3; }
    CodeFinder OptionList { height: 1fr; border: none; }
    CodeFinder #finder-hint { color: $text-muted; height: auto; }
    """

    def __init__(
        self,
        codes: Sequence[Code],
        language: str | None,
        *,
        title: str,
        context: str = "",
        allow_create: bool = True,
        codable_only: bool = True,
        exclude: frozenset[int] = frozenset(),
        query: str = "",
    ) -> None:
        super().__init__()
        self.codes = list(codes)
        self.entries = [
            e
            for e in prepare(codes, language)
            if (e.code.is_codable or not codable_only) and e.code.id not in exclude
        ]
        self.language = language
        self.title_text = title
        self.context_text = context
        self.allow_create = allow_create
        self.initial_query = query
        self.matches: list[CodeEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="finder-title", markup=False)
            if self.context_text:
                yield Static(self.context_text, id="finder-context", markup=False)
            yield Input(
                value=self.initial_query,
                placeholder=_("Type part of a name, in Cyrillic or Latin"),
                id="finder-query",
            )
            yield OptionList(id="finder-options")
            yield Static(
                _(
                    "Enter: choose · Up/Down: move · Theme/Name: new code under a theme"
                    " · Esc: cancel"
                )
                if self.allow_create
                else _("Enter: choose · Up/Down: move · Esc: cancel"),
                id="finder-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._refilter(self.initial_query)
        self.query_one("#finder-query", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refilter(event.value)

    def _refilter(self, query: str) -> None:
        options = self.query_one("#finder-options", OptionList)
        self.matches = find_codes(query, self.entries)
        items: list[Option] = [
            Option(code_label(entry), id=str(entry.code.id)) for entry in self.matches
        ]
        create = self._creation(query)
        if create is not None:
            name, parent = create
            where = (
                _("under {theme}").format(theme=parent.name(self.language))
                if parent
                else _("at the top level")
            )
            prompt = Text("+ ", style="bold")
            prompt.append(_("Create code “{name}” {where}").format(name=name, where=where))
            items.append(Option(prompt, id=CREATE))
        options.clear_options()
        options.add_options(items)
        if items:
            options.highlighted = 0

    def _creation(self, query: str) -> tuple[str, Code | None] | None:
        """The code that the create option would make, or None when it does not apply."""
        if not self.allow_create:
            return None
        text = " ".join(normalize(query).split())
        if not text:
            return None
        parent: Code | None = None
        if "/" in text:
            *theme_path, text = [part.strip() for part in text.split("/")]
            parent = self._find_path(theme_path)
            if parent is None or not text:
                return None
        key = fold(text)
        for code in self.codes:
            same_level = code.parent_id == (parent.id if parent else None)
            if same_level and any(fold(n) == key for n in code.names.values()):
                return None
        return text, parent

    def _find_path(self, names: list[str]) -> Code | None:
        parent: Code | None = None
        for name in names:
            key = fold(name)
            parent = next(
                (
                    c
                    for c in self.codes
                    if c.parent_id == (parent.id if parent else None)
                    and any(fold(n) == key for n in c.names.values())
                ),
                None,
            )
            if parent is None:
                return None
        return parent

    def action_move(self, step: int) -> None:
        """Move the highlight through the matches."""
        options = self.query_one("#finder-options", OptionList)
        if not options.option_count:
            return
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(options.option_count - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#finder-options", OptionList)
        if options.highlighted is None:
            return
        self._choose(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == CREATE:
            create = self._creation(self.query_one("#finder-query", Input).value)
            if create is not None:
                name, parent = create
                self.dismiss(CodeChoice(new_name=name, parent_id=parent.id if parent else None))
            return
        if option_id is not None:
            self.dismiss(CodeChoice(code_id=int(option_id)))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
