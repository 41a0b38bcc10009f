"""The keys of the live session screen, in one table.

Each row: the Latin key and its Cyrillic-layout twin, the action, the footer label,
the tooltip (also the palette's help) and the binding id (``live-…``). PgDn/PgUp and
Tab work while a note is typed (priority keys); 0–9 choose the speaker.
"""

from __future__ import annotations

from textual.binding import BindingType

from i18n import _, pgettext
from tui.keys.bindings import key_binding


def _speaker_bindings() -> list[BindingType]:
    return [
        key_binding(
            str(n),
            f"speaker({n})",
            _("Speaker {n}").format(n=n),
            _("Notes from now on are by speaker {n}").format(n=n),
            f"live-speaker-{n}",
            show=False,
        )
        for n in range(10)
    ]


LIVE_KEYS: list[BindingType] = [
    key_binding("n,т", "next", _("Next"), _("Go to the next question"), "live-next"),
    key_binding(
        "b,и", "back", _("Back"), _("Go back to the previous question"), "live-back", show=False
    ),
    key_binding(
        "pagedown",
        "next",
        _("Next"),
        _("Go to the next question (works while typing)"),
        "live-next-typing",
        key_display="PgDn",
        priority=True,
    ),
    key_binding(
        "pageup",
        "back",
        _("Back"),
        _("Go back to the previous question (works while typing)"),
        "live-back-typing",
        show=False,
        key_display="PgUp",
        priority=True,
    ),
    key_binding(
        "y,н",
        "by_ear",
        _("By ear"),
        _("Transcribe the chosen session from its recording while it plays"),
        "live-by-ear",
        show=False,
    ),
    key_binding(
        "r,к",
        "record",
        _("Record"),
        _("Record the session (asks about consent first); again to pause or resume"),
        "live-record",
        show=False,
    ),
    key_binding(
        "R,К",
        "stop_recording",
        _("Stop recording"),
        _("Stop recording: the file is saved beside the project and linked to the session"),
        "live-record-stop",
        show=False,
    ),
    key_binding(
        "a,ф",
        "mark('answered')",
        _("Answered"),
        _("Mark the question answered and go to the next"),
        "live-answered",
    ),
    key_binding(
        "s,ы",
        "mark('skipped')",
        _("Skip"),
        _("Mark the question skipped and go to the next"),
        "live-skip",
    ),
    key_binding(
        "l,д",
        "language",
        _("Language"),
        _("Show the questions in the next project language"),
        "live-language",
        show=False,
    ),
    key_binding(
        "v,м",
        "toggle_other",
        _("All languages"),
        _("Also show the question in the other languages"),
        "live-other-languages",
        show=False,
    ),
    key_binding(
        "i,ш",
        "type_note",
        _("Note"),
        _("Type a note (Enter saves it, Esc leaves the note box)"),
        "live-note",
    ),
    key_binding(
        "t,е", "pause", _("Pause"), _("Pause or resume the clock"), "live-pause", show=False
    ),
    key_binding(
        "e,у",
        "end",
        pgettext("action", "End"),
        _("End the session: the notes become a transcript"),
        "live-end",
    ),
    key_binding(
        "o,щ",
        "choose",
        _("Session list"),
        _("Back to the list of sessions to run another (this one keeps running)"),
        "live-choose",
    ),
    key_binding(
        "escape",
        "leave_note",
        _("Keys"),
        _("Leave the note box to use single-key commands"),
        "live-leave-note",
    ),
    key_binding(
        "tab",
        "cycle_speaker(1)",
        _("Speaker"),
        _("Next speaker (works while typing)"),
        "live-next-speaker",
        key_display="⇥",
        priority=True,
    ),
    key_binding(
        "shift+tab",
        "cycle_speaker(-1)",
        _("Previous speaker"),
        _("Previous speaker (works while typing)"),
        "live-previous-speaker",
        show=False,
        priority=True,
    ),
    *_speaker_bindings(),
]
