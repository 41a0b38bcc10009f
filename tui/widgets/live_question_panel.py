"""The live screen's question panel: the current question, its probes, what comes next,
and the session's notes below.

The screen sets it from a :class:`tui.models.live_commands.LiveRun` (attributes
down); the panel reads nothing from the Store itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from i18n import _
from storage import media_time
from storage.live_store import LiveMark, LiveNote
from tui.fieldwork_labels import MARK_LABELS, QUESTION_KIND_LABELS
from tui.widgets.live_notes_table import LiveNotesTable, NoteRow

if TYPE_CHECKING:
    from tui.models.live_commands import LiveRun


class QuestionPanel(Vertical):
    """Question, area and kind, other languages, probes, the next question; the notes."""

    DEFAULT_CSS = """
    QuestionPanel { width: 1fr; height: 1fr; padding: 0 1; }
    QuestionPanel #q-meta { color: $text-muted; height: auto; }
    QuestionPanel #q-text { text-style: bold; height: auto; padding: 1 0; color: $text; }
    QuestionPanel #q-other { color: $text-muted; height: auto; }
    QuestionPanel #q-probes { height: auto; padding: 0 0 1 0; }
    QuestionPanel #q-next { color: $text-muted; height: auto; padding: 0 0 1 0; }
    QuestionPanel #notes { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        for part in ("q-meta", "q-text", "q-other", "q-probes", "q-next"):
            yield Static("", id=part, markup=False)
        yield LiveNotesTable(id="notes")

    def show_question(self, run: LiveRun, marks: dict[int, LiveMark], *, others: bool) -> None:
        """Show the current question of ``run`` (with its other languages if ``others``)."""
        meta, text, other, probes, following = (
            self.query_one(f"#{part}", Static)
            for part in ("q-meta", "q-text", "q-other", "q-probes", "q-next")
        )
        index = run.step_index()
        if index < 0:
            meta.update(_("No guide for this session: notes only."))
            text.update(
                _("Set a guide in the session's form (F4) or add one on the Protocol screen (F3).")
            )
            for part in (other, probes, following):
                part.update("")
            return
        step = run.steps[index]
        q = step.question
        mark = marks.get(q.id)
        language = run.state.language if run.state and run.state.language else "?"
        parts = (
            _("Question {n} of {total}").format(n=index + 1, total=len(run.steps)),
            q.area,
            _(QUESTION_KIND_LABELS.get(q.kind, q.kind)),
            language,
            _(MARK_LABELS[mark]) if mark else "",
        )
        meta.update(" · ".join(x for x in parts if x))
        text.update(run.question_text(q))
        other.update(run.other_languages(q) if others else "")
        probes.update(
            "\n".join(
                [_("Probes:"), *("  • " + run.question_text(p) for p in step.probes)]
                if step.probes
                else []
            )
        )
        if index + 1 < len(run.steps):
            following.update(
                _("Next: {question}").format(
                    question=run.question_text(run.steps[index + 1].question)
                )
            )
        else:
            following.update(_("This is the last question. Press e to end the session."))

    def show_notes(self, run: LiveRun, notes: list[LiveNote]) -> None:
        """Show the session's notes."""
        self.query_one("#notes", LiveNotesTable).show(note_row(run, note) for note in notes)

    def add_note(self, run: LiveRun, note: LiveNote) -> None:
        """Append one note to the notes table and scroll to it."""
        self.query_one("#notes", LiveNotesTable).add(note_row(run, note))


def note_row(run: LiveRun, note: LiveNote) -> NoteRow:
    """The notes table's row for ``note``: time, speaker, question number, text."""
    number, label = run.note_place(note)
    return str(note.id), (media_time.clock(note.elapsed_ms), label, number, note.text)
