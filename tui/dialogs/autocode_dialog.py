"""Autocoding in the app: choose a rule and its value, a code, look at the passages, code.

The steps are dialogs over the current screen: the rule (speaker, guide question or
search query), its value, the layer to code when transcripts have translations (each
transcript's original, first and the default, or the layer in one language), the code
(the code finder, which can create one), then a preview of every passage with how many
are coded already. Coding is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from i18n import _, get_language, ngettext, pgettext, translate_error
from i18n.formatting import language_name
from storage import Store, SuhbatError
from storage.autocoding import Passage, Rule, RuleKind, apply, layer_languages, plan
from storage.errors import N_
from tui.cells import cell
from tui.dialogs.code_finder import CodeFinder
from tui.dialogs.coding_dialogs import ChoiceDialog, TextPrompt
from tui.keys.bindings import key_binding
from tui.models.code_matching import CodeChoice, chosen_code_id
from tui.store_access import app_store

RULE_TITLES: dict[int, tuple[RuleKind, str]] = {
    1: ("speaker", N_("Every utterance of a speaker")),
    2: ("question", N_("Every answer to a guide question")),
    3: ("query", N_("Every hit of a search query")),
}
"""The rules offered, in order: id in the choice dialog → rule kind and title."""

AUTOCODE_BINDING = key_binding(
    "a,ф",
    "autocode",
    _("Autocode"),
    _("Code every utterance of a speaker, answer to a question or search hit"),
    "autocode",
    show=False,
)
"""The key that starts autocoding (Project home)."""

PASSAGE_WIDTH = 70
"""Characters of a passage shown in the preview."""


class AutocodePreview(ModalScreen[bool]):
    """Every passage a rule selects; Enter or Y codes them, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding(
            "y,д,и", "answer(True)", pgettext("action", "Code"), _("Code them"), "autocode-yes"
        ),
        key_binding("escape,n,н,ж", "answer(False)", _("Cancel"), _("Code nothing"), "autocode-no"),
    ]

    DEFAULT_CSS = """
    AutocodePreview { align: center middle; }
    AutocodePreview > Vertical {
        width: 95%; max-width: 120; height: 90%; border: thick $primary 60%;
        background: $surface; padding: 0 1;
    }
    AutocodePreview #autocode-title { text-style: bold; height: auto; }
    AutocodePreview #autocode-summary { height: auto; color: $text-muted; }
    AutocodePreview DataTable { height: 1fr; }
    """

    def __init__(self, title: str, passages: list[Passage], titles: dict[int, str]) -> None:
        super().__init__()
        self.title_text = title
        self.passages = passages
        self.titles = titles

    def compose(self) -> ComposeResult:
        fresh = sum(not p.coded_already for p in self.passages)
        with Vertical():
            yield Static(self.title_text, id="autocode-title", markup=False)
            summary = ngettext(
                "{count} passage will be coded", "{count} passages will be coded", fresh
            ).format(count=fresh)
            if fresh < len(self.passages):
                summary += " · " + _("{count} already coded").format(
                    count=len(self.passages) - fresh
                )
            yield Static(
                summary + " · " + _("Enter or Y: code · Esc: cancel"),
                id="autocode-summary",
                markup=False,
            )
            yield DataTable(id="autocode-passages", cursor_type="row", zebra_stripes=True)
            yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Transcript"), _("Speaker"), _("Passage"))
        for p in self.passages:
            text = " ".join(p.text.split())
            text = text if len(text) <= PASSAGE_WIDTH else text[: PASSAGE_WIDTH - 1] + "…"
            table.add_row(
                cell(self.titles.get(p.transcript_id, "")),
                cell(p.speaker),
                cell(
                    ("= " if p.coded_already else "") + text, style="dim" if p.coded_already else ""
                ),
            )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(True)

    def action_answer(self, yes: bool) -> None:
        """Code (True) or cancel (False)."""
        self.dismiss(yes)


def start_autocode(screen: Screen[Any], done: Callable[[], object] | None = None) -> None:
    """Walk the user through autocoding from ``screen``; ``done`` runs after coding."""
    store = app_store(screen)
    items = [(key, _(title)) for key, (_kind, title) in RULE_TITLES.items()]

    def ruled(key: int | None) -> None:
        if key is None:
            return
        kind = RULE_TITLES[key][0]
        if kind == "speaker":
            _ask_speaker(screen, store, done)
        elif kind == "question":
            _ask_question(screen, store, done)
        else:
            screen.app.push_screen(
                TextPrompt(
                    _("Autocode every hit of"),
                    placeholder="соглас*",
                    hint=_("A search query as on the Search screen (F8)"),
                ),
                lambda query: (
                    _choose_code(screen, store, Rule("query", query), done)
                    if query and query.strip()
                    else None
                ),
            )

    screen.app.push_screen(ChoiceDialog(_("Autocode"), items), ruled)


def _ask_speaker(screen: Screen[Any], store: Store, done: Callable[[], object] | None) -> None:
    counts: dict[str, int] = {}
    for label, _pid, count in store.transcripts.speakers():
        if label:
            counts[label] = counts.get(label, 0) + count
    labels = sorted(counts)
    items = [(i, f"{label} ({counts[label]})") for i, label in enumerate(labels)]

    def chosen(index: int | None) -> None:
        if index is not None:
            _choose_code(screen, store, Rule("speaker", labels[index]), done)

    screen.app.push_screen(ChoiceDialog(_("Every utterance of"), items), chosen)


def _ask_question(screen: Screen[Any], store: Store, done: Callable[[], object] | None) -> None:
    language = get_language()
    guides = {g.id: g.name for g in store.guides.all()}
    fallbacks = store.project().languages
    items = [
        (q.id, f"{guides.get(q.guide_id, '')} · {q.position + 1}. {q.text(language, fallbacks)}")
        for q in store.guides.questions()
    ]
    if not items:
        screen.notify(_("There are no guide questions yet"), severity="warning", markup=False)
        return

    def chosen(question_id: int | None) -> None:
        if question_id is not None:
            _choose_code(screen, store, Rule("question", str(question_id)), done)

    screen.app.push_screen(ChoiceDialog(_("Every answer to"), items), chosen)


def _choose_code(
    screen: Screen[Any], store: Store, rule: Rule, done: Callable[[], object] | None
) -> None:
    """Ask which layer to code when there is a choice, then the code."""
    languages = layer_languages(store)
    if len(languages) < 2:
        _choose_code_for(screen, store, rule, done)
        return
    ui = get_language()
    items = [(0, _("The original of each transcript"))] + [
        (index, _("Layer: {language}").format(language=language_name(code, language=ui)))
        for index, code in enumerate(languages, start=1)
    ]

    def chosen(index: int | None) -> None:
        if index is not None:
            language = languages[index - 1] if index else None
            _choose_code_for(screen, store, replace(rule, language=language), done)

    screen.app.push_screen(ChoiceDialog(_("Code which layer?"), items, current=0), chosen)


def _choose_code_for(
    screen: Screen[Any], store: Store, rule: Rule, done: Callable[[], object] | None
) -> None:
    try:
        passages = plan(store, rule)
    except SuhbatError as error:
        screen.notify(translate_error(error), severity="error", markup=False)
        return
    if not passages:
        screen.notify(
            _("Nothing to code: the rule selects no passage"), severity="warning", markup=False
        )
        return
    language = get_language()

    def picked(choice: CodeChoice | None) -> None:
        if choice is not None:
            _with_coder(
                screen,
                store,
                lambda coder_id: _preview(screen, store, rule, choice, coder_id, done),
            )

    screen.app.push_screen(
        CodeFinder(
            store.codes.all(),
            language if language in store.project().languages else None,
            title=ngettext(
                "Autocode {count} passage with…", "Autocode {count} passages with…", len(passages)
            ).format(count=len(passages)),
        ),
        picked,
    )


def _with_coder(screen: Screen[Any], store: Store, then: Callable[[int], object]) -> None:
    name: str | None = getattr(screen.app, "coder_name", None)
    if name:
        then(store.coders.get(name).id)
        return

    def chosen(answer: str | None) -> None:
        if answer and answer.strip():
            coder = store.coders.get(answer)
            screen.app.coder_name = coder.name  # type: ignore[attr-defined]
            then(coder.id)

    screen.app.push_screen(
        TextPrompt(
            _("Who is coding?"),
            placeholder=_("Your name or initials"),
            suggestions=[c.name for c in store.coders.all()],
        ),
        chosen,
    )


def _preview(
    screen: Screen[Any],
    store: Store,
    rule: Rule,
    choice: CodeChoice,
    coder_id: int,
    done: Callable[[], object] | None,
) -> None:
    passages = plan(store, rule, code_id=choice.code_id, coder_id=coder_id)
    name = (
        store.codes.get(choice.code_id).name(get_language())
        if choice.code_id is not None
        else "/".join((*choice.new_themes, choice.new_name or ""))
    )
    titles = {t.id: t.title for t in store.transcripts.all()}

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        store.history.enable()
        try:
            with store.history.undoable(N_("Autocode")):
                outcome = apply(store, chosen_code_id(store, choice), coder_id, passages)
        except SuhbatError as error:
            screen.notify(translate_error(error), severity="error", markup=False)
            return
        screen.notify(
            ngettext(
                "Coded {count} passage with {code}",
                "Coded {count} passages with {code}",
                outcome.coded,
            ).format(count=outcome.coded, code=name)
            + " · "
            + _("Ctrl+Z undoes this"),
            markup=False,
        )
        if done is not None:
            done()

    screen.app.push_screen(
        AutocodePreview(_("Autocode with «{code}»").format(code=name), passages, titles), answered
    )
