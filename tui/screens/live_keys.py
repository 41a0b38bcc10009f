"""The keys of the live session screen, in one table.

Each row: the Latin key and its Cyrillic-layout twin, the action, the footer label,
the tooltip (also the palette's help) and the binding id (``live-…``). PgDn/PgUp and
Tab work while a note is typed (priority keys); 0–9 choose the speaker.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from i18n import _, pgettext


def _speaker_bindings() -> list[BindingType]:
    return [
        Binding(
            str(n),
            f"speaker({n})",
            _("Speaker {n}").format(n=n),
            show=False,
            id=f"live-speaker-{n}",
            tooltip=_("Notes from now on are by speaker {n}").format(n=n),
        )
        for n in range(10)
    ]


LIVE_KEYS: list[BindingType] = [
    Binding("n,т", "next", _("Next"), id="live-next", tooltip=_("Go to the next question")),
    Binding(
        "b,и",
        "back",
        _("Back"),
        id="live-back",
        show=False,
        tooltip=_("Go back to the previous question"),
    ),
    Binding(
        "pagedown",
        "next",
        _("Next"),
        key_display="PgDn",
        priority=True,
        id="live-next-typing",
        tooltip=_("Go to the next question (works while typing)"),
    ),
    Binding(
        "pageup",
        "back",
        _("Back"),
        key_display="PgUp",
        priority=True,
        id="live-back-typing",
        show=False,
        tooltip=_("Go back to the previous question (works while typing)"),
    ),
    Binding(
        "a,ф",
        "mark('answered')",
        _("Answered"),
        id="live-answered",
        tooltip=_("Mark the question answered and go to the next"),
    ),
    Binding(
        "s,ы",
        "mark('skipped')",
        _("Skip"),
        id="live-skip",
        tooltip=_("Mark the question skipped and go to the next"),
    ),
    Binding(
        "l,д",
        "language",
        _("Language"),
        id="live-language",
        show=False,
        tooltip=_("Show the questions in the next project language"),
    ),
    Binding(
        "v,м",
        "toggle_other",
        _("All languages"),
        id="live-other-languages",
        show=False,
        tooltip=_("Also show the question in the other languages"),
    ),
    Binding(
        "i,ш",
        "type_note",
        _("Note"),
        id="live-note",
        tooltip=_("Type a note (Enter saves it, Esc leaves the note box)"),
    ),
    Binding(
        "t,е",
        "pause",
        _("Pause"),
        id="live-pause",
        show=False,
        tooltip=_("Pause or resume the clock"),
    ),
    Binding(
        "e,у",
        "end",
        pgettext("action", "End"),
        id="live-end",
        tooltip=_("End the session: the notes become a transcript"),
    ),
    Binding(
        "o,щ",
        "choose",
        _("Sessions"),
        id="live-choose",
        show=False,
        tooltip=_("Choose another session to run (this one keeps running)"),
    ),
    Binding(
        "escape",
        "leave_note",
        _("Keys"),
        id="live-leave-note",
        tooltip=_("Leave the note box to use single-key commands"),
    ),
    Binding(
        "tab",
        "cycle_speaker(1)",
        _("Speaker"),
        key_display="⇥",
        priority=True,
        id="live-next-speaker",
        tooltip=_("Next speaker (works while typing)"),
    ),
    Binding(
        "shift+tab",
        "cycle_speaker(-1)",
        _("Previous speaker"),
        show=False,
        priority=True,
        id="live-previous-speaker",
        tooltip=_("Previous speaker (works while typing)"),
    ),
    *_speaker_bindings(),
]
