"""Ctrl+Q while a live session is running asks first, so that a stray key does not close
the interview's screen.

Nothing would be lost (notes and the note being typed are stored as they are typed), but
the fieldworker would lose the running session's view in the middle of an interview.
:func:`quit_or_ask` quits at once when no live session is running; otherwise it shows
:class:`QuitModal`: Stay has the focus (Enter or Esc stays), Tab reaches Quit, and a
second Ctrl+Q quits. Letters do nothing here, so a note typed on after a stray Ctrl+Q
cannot answer the question.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from i18n import _, ngettext, pgettext
from storage import Store
from tui.keys.bindings import key_binding


def running_sessions(store: Store) -> list[str]:
    """The titles of the project's live sessions that are running (started, not ended)."""
    return [store.sessions.get(state.session_id).title for state in store.live.states("active")]


def quit_or_ask(app: App[Any], store: Store | None) -> None:
    """Quit ``app``, asking first (:class:`QuitModal`) while a live session is running."""
    titles = running_sessions(store) if store is not None else []
    if not titles:
        app.exit()
        return

    def answered(quit_now: bool | None) -> None:
        if quit_now:
            app.exit()

    app.push_screen(QuitModal(titles), answered)


class QuitModal(ModalScreen[bool]):
    """Quit while a live session is running? True quits; False (Esc, Stay) stays."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("escape", "answer(False)", _("Stay"), _("Stay in suhbat"), "quit-stay"),
        key_binding(
            "ctrl+q",
            "answer(True)",
            _("Quit"),
            _("Quit suhbat: the session stays open"),
            "quit-confirm",
            priority=True,
        ),
    ]

    DEFAULT_CSS = """
    QuitModal { align: center middle; }
    QuitModal > Vertical {
        width: 64; max-width: 100%; height: auto; border: thick $warning 60%;
        background: $surface; padding: 1 2;
    }
    QuitModal #quit-question { height: auto; margin-bottom: 1; }
    QuitModal #quit-keys { height: auto; color: $text-muted; margin-bottom: 1; }
    QuitModal Horizontal { height: auto; align-horizontal: right; }
    QuitModal Button { margin-left: 2; }
    """

    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self.titles = titles

    def compose(self) -> ComposeResult:
        running = ngettext(
            "The live session {titles} is running.",
            "{n} live sessions are running: {titles}.",
            len(self.titles),
        ).format(titles=", ".join(f"«{title}»" for title in self.titles), n=len(self.titles))
        saved = _(
            "Notes and the note being typed are saved; the session stays open and comes"
            " back on F5. Quit suhbat?"
        )
        with Vertical():
            yield Static(f"{running} {saved}", id="quit-question", markup=False)
            yield Static(
                _("Esc: stay · Ctrl+Q again: quit"),
                id="quit-keys",
                markup=False,
            )
            with Horizontal():
                yield Button(pgettext("button", "Quit"), id="quit-button", variant="error")
                yield Button(_("Stay"), id="stay-button", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#stay-button", Button).focus()

    def action_answer(self, answer: bool) -> None:
        """Close with ``answer`` (True: quit)."""
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "quit-button")
