"""The coding commands of the transcript screen, as plain Python over the Store.

Apply a code (or create one and apply it), code in vivo, remove, recode, resize and
annotate a coding, correct an utterance's text, and choose who is coding. Each change
is one undo step; a refused change raises :class:`storage.SuhbatError` and leaves the
file as it was. No widgets here: the screen asks, this class writes, and tests drive it
without an app.
"""

from __future__ import annotations

from i18n import get_language
from storage import Store
from storage.errors import N_, NotFoundError
from storage.models import Coder, Coding
from storage.text import snap_to_graphemes
from tui.widgets.code_matching import CodeChoice

IN_VIVO_LENGTH = 60
"""In-vivo code names are cut to this many characters."""

_IN_VIVO_TRIM = " .,;:!?«»\"'—-"


def writing_language(store: Store) -> str:
    """The project language new names are written in: the UI's if the project has it,
    else the project's first."""
    languages = store.project().languages
    current = get_language()
    return current if current in languages else languages[0]


def in_vivo_name(text: str) -> str:
    """The code name made of selected words: spaces folded, punctuation trimmed, cut short.

    A ``/`` becomes ``∕`` (a slash would read as ``Theme/Code``); empty when no words.
    """
    words = " ".join(text.split()).replace("/", "∕").strip(_IN_VIVO_TRIM)
    return words if len(words) <= IN_VIVO_LENGTH else words[: IN_VIVO_LENGTH - 1] + "…"


class CodingCommands:
    """What the coding keys change in the project, one undo step each."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.last_code: int | None = None
        """The code applied last (what "apply again" applies)."""

    def language(self) -> str:
        """The project language new code names are written in (see :func:`writing_language`)."""
        return writing_language(self.store)

    def set_coder(self, name: str) -> Coder:
        """Make ``name`` the coder (created on first use), remembered for the next start."""
        coder = self.store.coders.get(name)
        self.store.set_setting("last_coder", coder.name)
        return coder

    def _code_id(self, choice: CodeChoice) -> int:
        if choice.code_id is not None:
            return choice.code_id
        names = {self.language(): choice.new_name or ""}
        return self.store.codes.add(names, parent_id=choice.parent_id).id

    def apply(
        self,
        choice: CodeChoice,
        layer_id: int,
        start: int,
        end: int,
        coder_id: int,
        *,
        layer_text: str | None = None,
        label: str = N_("Apply code"),
    ) -> Coding:
        """Apply (or create and apply) a code to ``[start, end)`` of a layer.

        Given the layer's text, the range is first widened to whole grapheme clusters.
        """
        with self.store.history.undoable(label):
            code_id = self._code_id(choice)
            if layer_text is not None:
                start, end = snap_to_graphemes(layer_text, start, end)
            coding = self.store.codings.add(code_id, layer_id, start, end, coder_id, snap=False)
        self.last_code = coding.code_id
        return coding

    def in_vivo(self, text: str) -> CodeChoice | None:
        """The code for the selected words ``text`` (None when there are no words)."""
        name = in_vivo_name(text)
        if not name:
            return None
        existing = self.store.codes.find(name, None)
        return CodeChoice(code_id=existing.id) if existing else CodeChoice(new_name=name)

    def remove(self, coding_id: int) -> None:
        """Remove a coding."""
        with self.store.history.undoable(N_("Remove coding")):
            self.store.codings.delete(coding_id)

    def recode(self, coding_id: int, choice: CodeChoice) -> Coding:
        """Give a coding another code (created first when ``choice`` names a new one)."""
        with self.store.history.undoable(N_("Recode")):
            self.store.codings.update(coding_id, code_id=self._code_id(choice))
        return self.store.codings.get(coding_id)

    def resize(self, coding_id: int, start: int, end: int) -> Coding:
        """Set a coding's boundaries to ``[start, end)``."""
        with self.store.history.undoable(N_("Resize coding")):
            self.store.codings.update(coding_id, start=start, end=end)
        return self.store.codings.get(coding_id)

    def set_memo(self, coding_id: int, text: str) -> Coding:
        """Write (or clear, with "") a coding's memo."""
        with self.store.history.undoable(N_("Coding memo")):
            self.store.codings.update(coding_id, memo=text)
        return self.store.codings.get(coding_id)

    def edit_text(self, utterance_id: int, layer_id: int, text: str) -> None:
        """Correct an utterance's text in a layer; its codings move with the text."""
        with self.store.history.undoable(N_("Edit text")):
            self.store.transcripts.edit_utterance_text(utterance_id, layer_id, text)

    def current(self, coding_id: int) -> Coding | None:
        """A coding as it is now (None once it is deleted)."""
        try:
            return self.store.codings.get(coding_id)
        except NotFoundError:
            return None
