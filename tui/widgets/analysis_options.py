"""The Analysis screen's side panel: which table, its options and the filters.

Every control is reachable with Tab; only the options of the chosen kind are
shown. The panel posts :class:`AnalysisOptions.Changed` when a choice changes
(or Enter is pressed in / focus leaves a text field), and the screen asks
:meth:`AnalysisOptions.request` for the :class:`exports.study.analysis_request.StatsRequest`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select

from analysis.crosstab import SESSION_FIELD_NAMES, SESSION_FIELDS
from analysis.word_options import DEFAULT_TOP
from exports.study.analysis_request import (
    KIND_TITLES,
    KINDS,
    Filters,
    StatsKind,
    StatsRequest,
    parse_counts,
    parse_overlap_threshold,
    parse_positive,
    parse_session_kind,
    parse_thresholds,
    parse_where,
    parse_words_by,
    split_list,
)
from i18n import N_, _
from i18n.formatting import format_decimal
from storage.errors import ValidationError

ALL = "*"
"""The Select value meaning "no filter"."""

GROUP_KINDS: dict[str, tuple[StatsKind, ...]] = {
    "opt-crosstab": ("crosstab",),
    "opt-matrix": ("sessions-matrix",),
    "opt-cooccurrence": ("cooccurrence",),
    "opt-profile": ("profile",),
    "opt-order": ("sessions-matrix", "sessions", "saturation"),
    "opt-saturation": ("saturation",),
    "opt-agreement-kind": ("agreement",),
    "opt-agreement": ("agreement", "disagreements"),
    "opt-words": ("words",),
}
"""Option group id → the kinds it applies to."""

CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "crosstab-by": (("participants", N_("participants")), ("sessions", N_("sessions"))),
    "measure": (
        ("segments", N_("segments")),
        ("codings", N_("codings")),
        ("participants", N_("participants")),
    ),
    "cooc-mode": (("overlap", N_("overlapping segments")), ("utterance", N_("same utterance"))),
    "profile-of": (("participants", N_("participants")), ("sessions", N_("sessions"))),
    "order": (("date", N_("by date")), ("position", N_("by position"))),
    "sat-mode": (("rolling", N_("rolling")), ("disjoint", N_("disjoint"))),
    "agreement-kind": (
        ("all", N_("all three")),
        ("presence", N_("code presence per document")),
        ("segments", N_("segment overlap")),
        ("unitizing", N_("unitizing α (uα, 2019)")),
        ("unitizing-2004", N_("unitizing α, 1995/2004 definition")),
    ),
    "word-forms": (
        ("lemma", N_("forms together (lemma)")),
        ("surface", N_("each form alone")),
    ),
    "filter-kind": (
        (ALL, N_("all sessions")),
        ("interview", N_("interviews")),
        ("focus_group", N_("focus groups")),
    ),
}
"""Fixed Select id → ``(value, label msgid)`` pairs."""

LABELS: dict[str, str] = {
    "kind": N_("Table"),
    "crosstab-variable": N_("Columns"),
    "crosstab-by": N_("Count (session field)"),
    "measure": N_("Cells count"),
    "cooc-mode": N_("Co-occurrence"),
    "profile-of": N_("Profile of"),
    "order": N_("Session order"),
    "order-titles": N_("Or session titles, in order"),
    "base": N_("Base"),
    "run": N_("Run"),
    "thresholds": N_("Thresholds, % (e.g. 5, 0)"),
    "sat-mode": N_("Runs"),
    "counts": N_("Counts instead of codings"),
    "agreement-kind": N_("Agreement"),
    "overlap": N_("Segment overlap (0.9 or 90%)"),
    "agreement-coders": N_("Coders to compare (A, B)"),
    "words-by": N_("Words per"),
    "word-forms": N_("Word forms"),
    "top": N_("Words per group"),
    "filters": N_("Filters"),
    "filter-coder": N_("Coder"),
    "filter-kind": N_("Session kind"),
    "filter-where": N_("Participants: attribute=value"),
    "filter-language": N_("Utterance language"),
}
"""Control id → its caption msgid."""


@dataclass(frozen=True)
class ProjectChoices:
    """What the project offers to choose from: attribute names, coder names, languages."""

    attributes: tuple[str, ...] = ()
    coders: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()


class Caption(Label):
    """A caption above a control that re-reads its msgid on a language switch."""

    def __init__(self, msgid: str, **kwargs: Any) -> None:
        super().__init__(_(msgid), markup=False, **kwargs)
        self.msgid = msgid

    def retranslate(self) -> None:
        """Show the caption in the current language."""
        self.update(_(self.msgid))


EXAMPLES: dict[str, str | None] = {
    "counts": "9, 12, 7, …",
    "agreement-coders": None,
    "filter-where": "gender=F",
}
"""Text field id → the example its placeholder shows (None: "all coders")."""

DEFAULT_OVERLAP_PERCENT = 90
"""The overlap field's default: 90 % (shown as a proportion, ``0.9`` / ``0,9``)."""


def _example(input_id: str) -> str:
    """The placeholder of text field ``input_id`` in the current UI language."""
    example = EXAMPLES[input_id]
    if example is None:
        return _("all coders")
    return _("e.g. {example}").format(example=example)


def _default_overlap() -> str:
    """The default overlap as a proportion in the UI language's style (``0,9`` in ru)."""
    return format_decimal(Decimal(DEFAULT_OVERLAP_PERCENT) / 100)


def _variable_options(choices: ProjectChoices) -> list[tuple[Text, str]]:
    """Crosstab columns: participant attributes, then session fields."""
    options = [(Text(name), f"attribute:{name}") for name in choices.attributes]
    options += [
        (Text(_("session: {field}").format(field=_(SESSION_FIELD_NAMES[field]))), f"field:{field}")
        for field in SESSION_FIELDS
    ]
    return options


def _words_by_options(choices: ProjectChoices) -> list[tuple[Text, str]]:
    """Word-frequency groups: transcripts, session kinds, then each attribute's values."""
    options = [(Text(_("transcript")), "transcript"), (Text(_("session kind")), "kind")]
    options += [(Text(name), f"attribute:{name}") for name in choices.attributes]
    return options


def _coder_options(choices: ProjectChoices) -> list[tuple[Text, str]]:
    return [(Text(_("all coders")), ALL)] + [(Text(name), name) for name in choices.coders]


def _language_options(choices: ProjectChoices) -> list[tuple[Text, str]]:
    """Every language, then the project's (the filter reads an utterance's own language)."""
    return [(Text(_("all languages")), ALL)] + [(Text(code), code) for code in choices.languages]


def _fixed_options(select_id: str) -> list[tuple[Text, str]]:
    return [(Text(_(label)), value) for value, label in CHOICES[select_id]]


def _select(select_id: str, options: Sequence[tuple[Text, str]], value: str) -> Select[str]:
    return Select(
        options, value=value, allow_blank=False, id=select_id, compact=True, type_to_search=True
    )


SELECT_DEFAULTS: dict[str, str] = {
    "crosstab-by": "sessions",
    "measure": "segments",
    "cooc-mode": "overlap",
    "profile-of": "participants",
    "order": "date",
    "sat-mode": "rolling",
    "agreement-kind": "all",
    "words-by": "transcript",
    "word-forms": "lemma",
    "filter-coder": ALL,
    "filter-kind": ALL,
}
"""Select id → the value it starts with (the crosstab's columns: the first offered)."""

INPUT_DEFAULTS: dict[str, str] = {
    "base": "4",
    "run": "2",
    "thresholds": "5, 0",
    "top": str(DEFAULT_TOP),
}
"""Text field id → the text it starts with (the overlap: :func:`_default_overlap`)."""

INTEGER_FIELDS = frozenset({"base", "run", "top"})


def _options_of(select_id: str, choices: ProjectChoices) -> list[tuple[Text, str]]:
    """The options Select ``select_id`` offers."""
    if select_id == "crosstab-variable":
        return _variable_options(choices)
    if select_id == "words-by":
        return _words_by_options(choices)
    if select_id == "filter-coder":
        return _coder_options(choices)
    return _fixed_options(select_id)


def _default_value(select_id: str, choices: ProjectChoices) -> str:
    """The value Select ``select_id`` starts with."""
    if select_id in SELECT_DEFAULTS:
        return SELECT_DEFAULTS[select_id]
    return _options_of(select_id, choices)[0][1]


def _default_text(input_id: str) -> str:
    """The text field ``input_id`` starts with."""
    if input_id == "overlap":
        return _default_overlap()
    return INPUT_DEFAULTS.get(input_id, "")


def _input(input_id: str) -> Input:
    """Text field ``input_id`` with its default text and, if it has one, its example."""
    return Input(
        _default_text(input_id),
        id=input_id,
        compact=True,
        type="integer" if input_id in INTEGER_FIELDS else "text",
        placeholder=_example(input_id) if input_id in EXAMPLES else "",
    )


def _control(control_id: str, choices: ProjectChoices) -> list[Widget]:
    """A caption and its Select or text field."""
    if control_id in TEXT_FIELDS:
        field: Widget = _input(control_id)
    else:
        options = _options_of(control_id, choices)
        field = _select(control_id, options, _default_value(control_id, choices))
    return [Caption(LABELS[control_id]), field]


TEXT_FIELDS = frozenset({*INPUT_DEFAULTS, *EXAMPLES, "overlap", "order-titles"})

GROUP_CONTROLS: dict[str, tuple[str, ...]] = {
    "opt-crosstab": ("crosstab-variable", "crosstab-by"),
    "opt-matrix": ("measure",),
    "opt-cooccurrence": ("cooc-mode",),
    "opt-profile": ("profile-of",),
    "opt-saturation": ("thresholds", "sat-mode", "counts"),  # after base and run
    "opt-order": ("order", "order-titles"),
    "opt-agreement-kind": ("agreement-kind",),
    "opt-agreement": ("overlap", "agreement-coders"),
    "opt-words": ("words-by", "word-forms", "top"),
}
"""Option group id → its controls, top to bottom."""


def _group_widgets(group_id: str, choices: ProjectChoices) -> list[Widget]:
    """The captions and controls of option group ``group_id``."""
    widgets: list[Widget] = []
    if group_id == "opt-saturation":  # base and run side by side
        widgets.append(
            Horizontal(
                Vertical(*_control("base", choices)),
                Vertical(*_control("run", choices)),
                classes="pair",
            )
        )
    for control_id in GROUP_CONTROLS[group_id]:
        widgets += _control(control_id, choices)
    return widgets


class AnalysisOptions(VerticalScroll):
    """Kind, options and filters; ``choices`` comes down from the screen."""

    class Changed(Message):
        """A choice changed; the screen recomputes."""

    DEFAULT_CSS = """
    AnalysisOptions { width: 32; height: 1fr; padding: 0 1; border-right: solid $primary 40%; }
    AnalysisOptions Caption { width: 100%; height: auto; color: $text-muted; margin-top: 1; }
    AnalysisOptions #filters-caption { color: $text; text-style: bold; }
    AnalysisOptions .opt-group { height: auto; }
    AnalysisOptions .pair { height: auto; }
    AnalysisOptions .pair > Vertical { width: 1fr; height: auto; }
    AnalysisOptions Input, AnalysisOptions Select { width: 100%; }
    """

    def __init__(self, choices: ProjectChoices, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices = choices

    # ------------------------------------------------------------- compose
    def compose(self) -> ComposeResult:
        """The kind and the filters; a kind's options are added when it is first chosen."""
        kinds = [(Text(_(KIND_TITLES[k])), k) for k in KINDS]
        yield Caption(LABELS["kind"])
        yield _select("kind", kinds, "frequencies")
        yield Caption(LABELS["filters"], id="filters-caption")
        yield Caption(LABELS["filter-coder"])
        yield _select("filter-coder", _coder_options(self.choices), ALL)
        yield Caption(LABELS["filter-kind"])
        yield _select("filter-kind", _fixed_options("filter-kind"), ALL)
        yield Caption(LABELS["filter-where"])
        yield _input("filter-where")
        yield Caption(LABELS["filter-language"])
        yield _select("filter-language", _language_options(self.choices), ALL)

    def _group(self, group_id: str) -> Vertical:
        """The option group ``group_id`` (see :data:`GROUP_KINDS`), with default values."""
        return Vertical(*_group_widgets(group_id, self.choices), id=group_id, classes="opt-group")

    async def _show_groups(self) -> None:
        """Show the option groups of the chosen kind (adding them on first use), hide the rest."""
        kind = self.kind
        mounted = {child.id for child in self.query_children(".opt-group")}
        order = list(GROUP_CONTROLS)  # top to bottom
        for position, group_id in enumerate(order):
            wanted = kind in GROUP_KINDS[group_id]
            if group_id in mounted:
                self.query_one(f"#{group_id}").display = wanted
            elif wanted:
                later = [g for g in order[position + 1 :] if g in mounted]
                before = f"#{later[0]}" if later else "#filters-caption"
                await self.mount(self._group(group_id), before=before)
                mounted.add(group_id)

    # ------------------------------------------------------- attributes down
    def set_choices(self, choices: ProjectChoices) -> None:
        """Offer the project's attributes (crosstab columns) and coders (filter)."""
        self.choices = choices
        for select_id, options in (
            ("crosstab-variable", _variable_options(choices)),
            ("filter-coder", _coder_options(choices)),
            ("words-by", _words_by_options(choices)),
            ("filter-language", _language_options(choices)),
        ):
            for select in self.query(f"#{select_id}").results(Select):
                _replace_options(select, options)

    @property
    def kind(self) -> StatsKind:
        """The chosen kind of table."""
        return cast(StatsKind, self._value("kind"))

    def set_kind(self, kind: StatsKind) -> None:
        """Choose a kind of table (as if picked from the list)."""
        self.query_one("#kind", Select).value = kind

    def retranslate(self) -> None:
        """Captions, placeholders and fixed choices in the current UI language.

        The overlap field is rewritten in the new language's number style while it
        still holds the default (a value the user typed is left as it is).
        """
        for caption in self.query(Caption):
            caption.retranslate()
        for input_id in EXAMPLES:
            for field in self.query(f"#{input_id}").results(Input):
                field.placeholder = _example(input_id)
        for overlap in self.query("#overlap").results(Input):
            if parse_overlap_threshold(overlap.value or None) == DEFAULT_OVERLAP_PERCENT:
                overlap.value = _default_overlap()
        for select_id in CHOICES:
            for select in self.query(f"#{select_id}").results(Select):
                _replace_options(select, _fixed_options(select_id))
        kinds = [(Text(_(KIND_TITLES[k])), k) for k in KINDS]
        _replace_options(self.query_one("#kind", Select), kinds)
        self.set_choices(self.choices)

    # ---------------------------------------------------------- messages up
    async def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "kind":
            await self._show_groups()
        self.post_message(self.Changed())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Changed())

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        self.post_message(self.Changed())

    # --------------------------------------------------------------- reading
    def _value(self, select_id: str) -> str:
        """The chosen value; a Select not added yet (or not mounted yet) has its default."""
        for select in self.query(f"#{select_id}").results(Select):
            if select.is_mounted:
                value: Any = select.value
                return "" if value is Select.NULL else str(value)
        return _default_value(select_id, self.choices)

    def _text(self, input_id: str) -> str:
        """The typed text; a field not added yet holds its default."""
        for field in self.query(f"#{input_id}").results(Input):
            return field.value.strip()
        return _default_text(input_id)

    def request(self) -> StatsRequest:
        """The table asked for; raises a SuhbatError when a typed value is invalid."""
        kind = self.kind
        coder = self._value("filter-coder")
        language = self._value("filter-language")
        filters = Filters(
            coders=() if coder in ("", ALL) else (coder,),
            session_kind=parse_session_kind(
                None if self._value("filter-kind") == ALL else self._value("filter-kind")
            ),
            where=parse_where(self._text("filter-where")),
            languages=() if language in ("", ALL) or kind in ("words", "sessions") else (language,),
        )
        request = StatsRequest(kind=kind, filters=filters)
        if kind == "crosstab":
            variable = self._value("crosstab-variable")
            scope, _sep, name = variable.partition(":")
            if not name:
                raise ValidationError(N_("Choose the crosstab's columns: an attribute or a field"))
            return _replace(
                request,
                attribute=name if scope == "attribute" else None,
                session_field=name if scope == "field" else None,
                by=cast(Any, self._value("crosstab-by")) if scope == "field" else None,
            )
        order = self._text("order-titles") or self._value("order")
        if kind == "sessions-matrix":
            return _replace(request, measure=cast(Any, self._value("measure")), order=order)
        if kind == "cooccurrence":
            return _replace(request, cooccurrence_mode=cast(Any, self._value("cooc-mode")))
        if kind == "profile":
            return _replace(request, profile_of=cast(Any, self._value("profile-of")))
        if kind == "sessions":
            return _replace(request, order=order)
        if kind == "saturation":
            return _replace(
                request,
                base=parse_positive(self._text("base"), _("The base size")),
                run=parse_positive(self._text("run"), _("The run length")),
                thresholds=parse_thresholds(self._text("thresholds")),
                saturation_mode=cast(Any, self._value("sat-mode")),
                order=order,
                counts=parse_counts(self._text("counts")),
            )
        if kind == "words":
            words_by, words_attribute = parse_words_by(self._value("words-by"))
            return _replace(
                request,
                words_by=words_by,
                words_attribute=words_attribute,
                word_forms=cast(Any, self._value("word-forms")),
                top=parse_positive(self._text("top"), _("Words per group")),
            )
        if kind in ("agreement", "disagreements"):
            return _replace(
                request,
                agreement_kind=cast(Any, self._value("agreement-kind")),
                agreement_threshold=parse_overlap_threshold(self._text("overlap")),
                agreement_coders=split_list(self._text("agreement-coders")),
            )
        return request


def _replace(request: StatsRequest, **changes: Any) -> StatsRequest:
    return replace(request, **changes)


def _replace_options(select: Select[str], options: Iterable[tuple[Text, str]]) -> None:
    """New options, keeping the current value when it is still offered.

    The shown label is redrawn even when the value stays the same (a language switch
    changes only the labels); a value that is kept posts no ``Select.Changed``.
    """
    items = list(options)
    current: Any = select.value
    kept = current is not Select.NULL and any(value == current for _label, value in items)
    if not kept:
        select.set_options(items)
        return
    with select.prevent(Select.Changed):
        select.set_options(items)
        select.value = current
        # Redraw the label: setting an unchanged value does not call the watcher.
        select.mutate_reactive(Select.value)  # type: ignore[misc]  # Textual's documented form
