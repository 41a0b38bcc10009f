"""The live session's commands, as plain Python over the Store.

:class:`LiveRun` is one running session as the live screen sees it (the session, its
live state, the guide's steps and the speakers) and the writes its keys make: the
draft note, committing it, moving between questions, marking them, the language, the
speaker, the clock and the end. Every write is stored at once and the state re-read, so
a crashed session resumes where it was. A write that fails (a full disk) raises and
changes nothing here; the screen decides what to show. No widgets here.
"""

from __future__ import annotations

from storage import Store
from storage.live_store import LiveNote, LiveState
from storage.models import Question, Session, Transcript
from tui.screens.live_plan import Speaker, Step, guide_steps, session_speakers


class LiveRun:
    """A running (or ended) session: what the live screen shows and what its keys write."""

    def __init__(self, store: Store, session_id: int) -> None:
        self.store = store
        self.session: Session = store.sessions.get(session_id)
        self.state: LiveState | None = store.live.state(session_id)
        guide_id = self.state.guide_id if self.state else None
        self.steps: list[Step] = (
            guide_steps(store.guides.questions(guide_id)) if guide_id is not None else []
        )
        self.speakers: list[Speaker] = session_speakers(store, self.session)

    # -- what is shown ---------------------------------------------------------------------

    def step_index(self) -> int:
        """Index of the current question among the steps (-1 when there is none)."""
        if self.state is None:
            return -1
        for i, step in enumerate(self.steps):
            if step.question.id == self.state.question_id:
                return i
            if any(p.id == self.state.question_id for p in step.probes):
                return i
        return 0 if self.steps else -1

    def languages(self) -> tuple[str, ...]:
        """Project languages that the guide has text in (at least the project's first)."""
        project = self.store.project().languages
        used = {lang for step in self.steps for lang in step.question.texts}
        return tuple(lang for lang in project if lang in used) or project[:1]

    def question_text(self, question: Question) -> str:
        """A question's text in the shown language (falling back to any language)."""
        language = self.state.language if self.state else ""
        return question.text(language, self.store.project().languages)

    def other_languages(self, question: Question) -> str:
        """The question in the other project languages, one per line."""
        shown = self.state.language if self.state else ""
        return "\n".join(
            f"{lang}: {question.texts[lang]}"
            for lang in self.store.project().languages
            if lang != shown and question.texts.get(lang)
        )

    def current_speaker(self) -> Speaker | None:
        """The speaker notes are attributed to now."""
        if self.state is None:
            return None
        for speaker in self.speakers:
            if (
                self.state.speaker_id is not None
                and speaker.participant_id == self.state.speaker_id
            ):
                return speaker
        for speaker in self.speakers:
            if speaker.participant_id is None and speaker.label == self.state.speaker:
                return speaker
        return None

    def note_place(self, note: LiveNote) -> tuple[str, str]:
        """A note's question number (1-based, "" if none) and its speaker's label."""
        number = next(
            (
                str(i + 1)
                for i, step in enumerate(self.steps)
                if note.question_id == step.question.id
                or any(p.id == note.question_id for p in step.probes)
            ),
            "",
        )
        label = next(
            (
                s.label
                for s in self.speakers
                if note.speaker_id and s.participant_id == note.speaker_id
            ),
            note.speaker,
        )
        return number, label

    def next_language(self) -> str:
        """The language after the shown one among :meth:`languages` (cycling)."""
        languages = self.languages()
        current = self.state.language if self.state else None
        if current in languages:
            return languages[(languages.index(current) + 1) % len(languages)]
        return languages[0]

    def speaker(self, number: int) -> Speaker | None:
        """The speaker on number key ``number`` (None when there is none)."""
        return next((s for s in self.speakers if s.key == number), None)

    def cycled_speaker(self, step: int) -> Speaker | None:
        """The speaker ``step`` places after (or before) the current one."""
        if not self.speakers:
            return None
        current = self.current_speaker()
        index = self.speakers.index(current) if current in self.speakers else -1
        return self.speakers[(index + step) % len(self.speakers)]

    # -- writes ----------------------------------------------------------------------------

    def reload_state(self) -> LiveState | None:
        """Read the live state again."""
        self.state = self.store.live.state(self.session.id)
        return self.state

    def set_draft(self, text: str, now_ms: int) -> None:
        """Store the note being typed (its stamp is the time of its first key)."""
        self.store.live.set_draft(self.session.id, text, now_ms=now_ms)

    def commit_note(self, text: str, now_ms: int) -> LiveNote | None:
        """Store ``text`` as a note at the current question and speaker; None if empty."""
        self.store.live.set_draft(self.session.id, text, now_ms=now_ms)
        note = self.store.live.commit_draft(self.session.id, now_ms=now_ms)
        self.reload_state()
        return note

    def update(self, now_ms: int, **fields: object) -> LiveState:
        """Change the state (question, speaker, language)."""
        self.state = self.store.live.update(self.session.id, now_ms=now_ms, **fields)
        return self.state

    def mark_current(self, mark: str) -> None:
        """Mark the current question answered (``"answered"``) or skipped (anything else)."""
        question = self.steps[self.step_index()].question
        self.store.live.mark_question(
            self.session.id, question.id, "answered" if mark == "answered" else "skipped"
        )

    def toggle_clock(self, now_ms: int) -> LiveState:
        """Pause the clock, or resume it."""
        live = self.store.live
        running = self.state is not None and self.state.running
        self.state = (live.pause if running else live.resume)(self.session.id, now_ms=now_ms)
        return self.state

    def end(self, text: str, title: str, now_ms: int) -> Transcript | None:
        """End the session: the draft ``text`` is kept, the notes become a transcript."""
        self.store.live.set_draft(self.session.id, text, now_ms=now_ms)
        return self.store.live.end(self.session.id, now_ms=now_ms, title=title)
