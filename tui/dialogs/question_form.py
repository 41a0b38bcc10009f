"""Add or edit a protocol question: area, kind, parent question, text per language."""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from i18n import _, get_language
from i18n.formatting import language_name
from storage import Store, SuhbatError
from storage.errors import N_
from storage.models import QUESTION_KINDS, Question, QuestionKind
from tui.cells import cell
from tui.dialogs.form_modal import FieldError, FormField, FormModal
from tui.fieldwork_labels import QUESTION_KIND_LABELS


class QuestionForm(FormModal[Question]):
    """A question's fields; a probe needs the main question it belongs to."""

    def __init__(
        self,
        store: Store,
        guide_id: int,
        question: Question | None = None,
        *,
        parent_id: int | None = None,
        position: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.guide_id = guide_id
        self.question = question
        self.parent_id = question.parent_id if question else parent_id
        self.position = position
        self.form_title = _("New question") if question is None else _("Edit question")
        if question is None and parent_id is not None:
            self.form_title = _("New probe")

    def compose_fields(self) -> ComposeResult:
        q = self.question
        parent_area = ""
        if self.parent_id is not None:
            parent_area = self.store.guides.question(self.parent_id).area
        kind = q.kind if q else ("probe" if self.parent_id is not None else "main")
        yield FormField(
            _("Kind"),
            Select(
                [(_(QUESTION_KIND_LABELS[k]), k) for k in QUESTION_KINDS],
                value=kind,
                allow_blank=False,
            ),
            name="kind",
        )
        mains = [
            x
            for x in self.store.guides.questions(self.guide_id)
            if x.parent_id is None and (q is None or x.id != q.id)
        ]
        language = self.store.project().languages[0]
        yield FormField(
            _("Probe of"),
            Select(
                [(cell(f"{i + 1}. {m.text(language)}"[:70]), m.id) for i, m in enumerate(mains)],
                value=self.parent_id if self.parent_id is not None else Select.NULL,
                prompt=_("(a main question has none)"),
            ),
            name="parent",
        )
        yield FormField(
            _("Area / theme"),
            Input(value=q.area if q else parent_area, placeholder=_("e.g. Rising distrust")),
            name="area",
        )
        for lang in self.store.project().languages:
            yield FormField(
                _("Text ({language})").format(language=_inline_language_name(lang)),
                TextArea(q.texts.get(lang, "") if q else "", soft_wrap=True),
                name=f"text-{lang}",
            )

    def on_mount(self) -> None:
        first = self.store.project().languages[0]
        self.field(f"text-{first}").control.focus()

    def save(self) -> Question:
        """Write the question (texts for every project language; at least one)."""
        kind = cast(QuestionKind, self.value("kind") or "main")
        parent = self.value("parent")
        parent_id = int(parent) if parent else None
        if kind == "probe" and parent_id is None:
            raise FieldError("parent", N_("A probe belongs to a main question: choose which"))
        if kind != "probe":
            parent_id = None
        languages = self.store.project().languages
        texts = {lang: self.value(f"text-{lang}").strip() for lang in languages}
        if not any(texts.values()):
            raise FieldError(
                f"text-{languages[0]}", N_("A question needs text in at least one language")
            )
        area = self.value("area").strip()
        try:
            if self.question is None:
                position = self.position
                if position is None and parent_id is not None:
                    position = _after_probes(self.store, self.guide_id, parent_id)
                return self.store.guides.add_question(
                    self.guide_id,
                    {k: v for k, v in texts.items() if v},
                    area=area,
                    kind=kind,
                    parent_id=parent_id,
                    position=position,
                )
            return self.store.guides.update_question(
                self.question.id, texts=texts, area=area, kind=kind, parent_id=parent_id
            )
        except SuhbatError as error:
            raise FieldError(f"text-{languages[0]}", error.message, **error.params) from None


def _after_probes(store: Store, guide_id: int, parent_id: int) -> int:
    """The position just after a main question's last probe (where a new probe goes)."""
    questions = store.guides.questions(guide_id)
    last = next(q.position for q in questions if q.id == parent_id)
    for q in questions:
        if q.parent_id == parent_id:
            last = max(last, q.position)
    return last + 1


def _inline_language_name(code: str) -> str:
    """The name of language ``code`` in the UI language, as it reads mid-sentence.

    Russian and Kazakh write language names in lower case (``Текст (русский)``).
    """
    name = language_name(code, language=get_language())
    if get_language() in ("ru", "kk") and name[:1].isupper():
        return name[:1].lower() + name[1:]
    return name
