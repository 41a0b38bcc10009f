"""Create or edit a session (interview or focus group) in a form."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea
from textual.widgets.select import NoSelection

from i18n import _
from storage import Store, SuhbatError
from storage.errors import N_
from storage.models import Session
from storage.participants_store import parse_date
from tui.cells import cell
from tui.dialogs.form_modal import FieldError, FormField, FormModal
from tui.fieldwork_labels import KIND_LABELS

TEXT_FIELDS = ("location", "setting", "region", "interviewer", "consent")


def parse_languages(raw: str, known: tuple[str, ...]) -> tuple[str, ...]:
    """``"kk, ru"`` → ``("kk", "ru")``; each must be a two- or three-letter code."""
    codes = tuple(dict.fromkeys(x.strip().lower() for x in raw.replace(";", ",").split(",")))
    codes = tuple(c for c in codes if c)
    for code in codes:
        if not (code.isalpha() and len(code) in (2, 3)):
            raise FieldError(
                "languages",
                N_("{language!r} is not a language code like {known}"),
                language=code,
                known=", ".join(known),
            )
    return codes


class SessionForm(FormModal[Session]):
    """All of a session's fields; dismisses with the saved session."""

    def __init__(self, store: Store, session: Session | None = None) -> None:
        super().__init__()
        self.store = store
        self.session = session
        self.form_title = (
            _("New session")
            if session is None
            else _("Edit session {title}").format(title=session.title)
        )

    def compose_fields(self) -> ComposeResult:
        s = self.session
        project_languages = self.store.project().languages

        def text(value: object) -> str:
            return "" if value is None else str(value)

        yield FormField(_("Title"), Input(value=s.title if s else ""), name="title")
        yield FormField(
            _("Kind"),
            Select(
                [(_(label), kind) for kind, label in KIND_LABELS.items()],
                value=s.kind if s else "interview",
                allow_blank=False,
            ),
            name="kind",
        )
        yield FormField(
            _("Date"),
            Input(value=text(s.date if s else ""), placeholder=_("YYYY-MM-DD or DD.MM.YYYY")),
            name="date",
        )
        yield FormField(_("Location"), Input(value=text(s.location if s else "")), name="location")
        yield FormField(
            _("Setting"),
            Input(value=text(s.setting if s else ""), placeholder=_("urban / rural")),
            name="setting",
        )
        yield FormField(_("Region"), Input(value=text(s.region if s else "")), name="region")
        yield FormField(
            _("Languages"),
            Input(
                value=", ".join(s.languages) if s else project_languages[0],
                placeholder=", ".join(project_languages),
            ),
            name="languages",
        )
        duration = s.duration_min if s else None
        yield FormField(
            _("Duration (minutes)"),
            Input(value=f"{duration:g}" if duration is not None else "", placeholder="90"),
            name="duration_min",
        )
        yield FormField(
            _("Number of participants"),
            Input(
                value=text(s.participant_count if s else ""),
                placeholder=_("empty: count the linked respondents"),
            ),
            name="participant_count",
        )
        yield FormField(
            _("Interviewer / moderator"),
            Input(value=text(s.interviewer if s else "")),
            name="interviewer",
        )
        yield FormField(
            _("Consent"),
            Input(value=text(s.consent if s else ""), placeholder=_("e.g. oral, recorded")),
            name="consent",
        )
        guides = [(cell(g.name), g.id) for g in self.store.guides.all()]
        if s is not None:
            guide: int | NoSelection = s.guide_id if s.guide_id is not None else Select.NULL
        else:
            guide = guides[0][1] if guides else Select.NULL  # a new session uses the first guide
        yield FormField(
            _("Guide"),
            Select(
                guides,
                value=guide,
                prompt=_("(no guide)"),
            ),
            name="guide_id",
        )
        yield FormField(_("Notes"), TextArea(s.notes if s else ""), name="notes")

    def on_mount(self) -> None:
        self.field("title").control.focus()

    def save(self) -> Session:
        """Check the date, numbers and languages; then write in one transaction."""
        title = self.value("title").strip()
        if not title:
            raise FieldError("title", N_("A session needs a title"))
        fields: dict[str, Any] = {"kind": self.value("kind") or "interview"}
        raw_date = self.value("date").strip()
        try:
            fields["date"] = parse_date(raw_date) if raw_date else None
        except SuhbatError as error:
            raise FieldError("date", error.message, **error.params) from None
        fields["duration_min"] = _number("duration_min", self.value("duration_min"), float)
        fields["participant_count"] = _number(
            "participant_count", self.value("participant_count"), int
        )
        fields["languages"] = parse_languages(
            self.value("languages"), self.store.project().languages
        )
        for name in TEXT_FIELDS:
            fields[name] = self.value(name).strip() or None
        guide = self.value("guide_id")
        fields["guide_id"] = int(guide) if guide else None
        fields["notes"] = self.value("notes")
        try:
            if self.session is None:
                kind = fields.pop("kind")
                return self.store.sessions.add(title, kind, **fields)
            return self.store.sessions.update(self.session.id, title=title, **fields)
        except SuhbatError as error:
            if "title" in error.params:
                raise FieldError("title", error.message, **error.params) from None
            raise


def _number(field: str, raw: str, kind: type[int] | type[float]) -> float | int | None:
    raw = raw.strip().replace(" ", "").replace(",", ".")
    if not raw:
        return None
    try:
        value = kind(raw)
    except ValueError:
        raise FieldError(field, N_("{value!r} is not a number"), value=raw) from None
    if value < 0:
        raise FieldError(field, N_("{value!r} is not a number"), value=raw)
    return value
