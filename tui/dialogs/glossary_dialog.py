"""The glossary editor: terms in one language and their renderings in another.

A adds a term (three prompts: term, rendering, note), E edits the highlighted one,
D deletes it, I imports a CSV/XLSX file (columns term, rendering, note), and
Escape closes.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from i18n import _, ngettext, translate_error
from storage import Store, SuhbatError
from storage.translation_models import GlossaryTerm
from storage.translations_store import TermInput
from tui.dialogs.coding_dialogs import TextPrompt
from tui.keys.bindings import binding_maker
from tui.store_access import app_store

_b = binding_maker("glossary")


class GlossaryDialog(ModalScreen[None]):
    """Edit the glossary from ``source`` to ``target`` language."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _b("escape", "close", _("Close"), _("Close the glossary"), "close"),
        _b("a,ф", "add", _("Add"), _("Add a term"), "add"),
        _b("e,у", "edit", _("Edit"), _("Change the highlighted term"), "edit"),
        _b("d,в", "delete", _("Delete"), _("Delete the highlighted term"), "delete"),
        _b("i,ш", "import_file", _("Import"), _("Import terms from a CSV or XLSX file"), "import"),
    ]

    DEFAULT_CSS = """
    GlossaryDialog { align: center middle; }
    GlossaryDialog > Vertical {
        width: 100; max-width: 95%; height: 80%; border: thick $primary 60%;
        background: $surface; padding: 0 1;
    }
    GlossaryDialog #glossary-title { text-style: bold; height: auto; }
    GlossaryDialog DataTable { height: 1fr; }
    GlossaryDialog #glossary-check { height: auto; max-height: 6; color: $warning; }
    """

    def __init__(self, source: str, target: str) -> None:
        super().__init__()
        self.source = source
        self.target = target
        self.terms: list[GlossaryTerm] = []

    @property
    def store(self) -> Store:
        """The app's Store."""
        return app_store(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                _("Glossary {source} → {target}").format(source=self.source, target=self.target),
                id="glossary-title",
                markup=False,
            )
            yield DataTable(id="glossary-table", cursor_type="row")
            yield Static("", id="glossary-check", markup=False)
            yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Term"), _("Rendering"), _("Note"))
        self.fill()
        table.focus()

    def fill(self) -> None:
        """Show the terms."""
        table = self.query_one(DataTable)
        table.clear()
        self.terms = self.store.translations.glossary(self.source, self.target)
        for term in self.terms:
            table.add_row(Text(term.term), Text(term.rendering), Text(term.note), key=str(term.id))
        self.show_check()

    def show_check(self) -> None:
        """List translations that render a term differently (the consistency check)."""
        from exports.glossary import inconsistencies

        found = [f for f in inconsistencies(self.store) if f.language == self.target]
        lines = []
        if found:
            lines.append(
                ngettext(
                    "{count} translation renders a term differently:",
                    "{count} translations render a term differently:",
                    len(found),
                ).format(count=len(found))
            )
        lines += [
            _("{transcript} #{position}: «{term}» → {rendering}").format(
                transcript=f.transcript, position=f.position, term=f.term, rendering=f.rendering
            )
            for f in found[:5]
        ]
        self.query_one("#glossary-check", Static).update("\n".join(lines))

    def highlighted(self) -> GlossaryTerm | None:
        """The term under the cursor."""
        table = self.query_one(DataTable)
        if not self.terms or table.cursor_row >= len(self.terms):
            return None
        return self.terms[table.cursor_row]

    def action_close(self) -> None:
        """Close the editor."""
        self.dismiss(None)

    def action_add(self, old: GlossaryTerm | None = None) -> None:
        """Ask for a term, its rendering and a note, then store it."""

        def got_term(term: str | None) -> None:
            if not term or not term.strip():
                return

            def got_rendering(rendering: str | None) -> None:
                if not rendering or not rendering.strip():
                    return

                def got_note(note: str | None) -> None:
                    self.save(TermInput(self.source, term, self.target, rendering, note or ""))

                self.app.push_screen(
                    TextPrompt(_("Note (optional)"), value=old.note if old else ""), got_note
                )

            self.app.push_screen(
                TextPrompt(
                    _("Rendering in {language}").format(language=self.target),
                    value=old.rendering if old else "",
                    hint=_("A note in brackets is allowed: akim (head of local administration)"),
                ),
                got_rendering,
            )

        self.app.push_screen(
            TextPrompt(
                _("Term in {language}").format(language=self.source),
                value=old.term if old else "",
            ),
            got_term,
        )

    def action_edit(self) -> None:
        """Change the highlighted term."""
        term = self.highlighted()
        if term is not None:
            self.action_add(term)

    def save(self, term: TermInput) -> None:
        """Store a term; show a bad one's message."""
        try:
            self.store.translations.set_term(term)
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        self.fill()

    def action_delete(self) -> None:
        """Delete the highlighted term."""
        term = self.highlighted()
        if term is not None:
            self.store.translations.delete_term(term.id)
            self.fill()

    def action_import_file(self) -> None:
        """Import terms from a CSV/XLSX file (nothing is written if a row is bad)."""
        from exports.glossary import read_glossary

        def chosen(name: str | None) -> None:
            if not name or not name.strip():
                return
            try:
                terms = read_glossary(Path(name.strip()).expanduser(), self.source, self.target)
                count = self.store.translations.set_terms(terms)
            except SuhbatError as error:
                self.notify(translate_error(error), severity="error", markup=False)
                return
            self.notify(
                ngettext("{count} term imported", "{count} terms imported", count).format(
                    count=count
                ),
                markup=False,
            )
            self.fill()

        self.app.push_screen(
            TextPrompt(
                _("Import a glossary (CSV or XLSX)"),
                hint=_("Columns: term, rendering, note (optional: source, target)"),
            ),
            chosen,
        )
