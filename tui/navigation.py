"""The registry of the app's screens: one entry per screen, used by the home screen,
the global F-key bindings and the command palette.

To add a screen, append a :class:`ScreenEntry`; the screen class is imported only
when it is opened, so start-up stays fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from textual.screen import Screen


def N_(message: str) -> str:
    """Mark ``message`` for translation; it is translated when shown."""
    return message


@dataclass(frozen=True)
class ScreenEntry:
    """A screen reachable from everywhere: its id, F-key, title and class path."""

    id: str
    key: str
    title: str
    help: str
    target: str

    def load(self) -> type[Screen[None]]:
        """Import and return the screen class."""
        module, attribute = self.target.split(":")
        screen_class = getattr(importlib.import_module(module), attribute)
        assert isinstance(screen_class, type)
        return screen_class


SCREENS: list[ScreenEntry] = [
    ScreenEntry(
        "home",
        "f1",
        N_("Project home"),
        N_("Project overview: sessions, participants, transcripts"),
        "tui.screens.home:HomeScreen",
    ),
    ScreenEntry(
        "participants",
        "f2",
        N_("Participants"),
        N_("Participant profiles, typed attributes and the profile summary"),
        "tui.screens.participants:ParticipantsScreen",
    ),
    ScreenEntry(
        "protocol",
        "f3",
        N_("Protocol"),
        N_("Interview guides: questions and probes in every language"),
        "tui.screens.protocol:ProtocolScreen",
    ),
    ScreenEntry(
        "sessions",
        "f4",
        N_("Sessions"),
        N_("Interviews and focus groups, their participants and consent"),
        "tui.screens.sessions:SessionsScreen",
    ),
    ScreenEntry(
        "live",
        "f5",
        N_("Live session"),
        N_("Run a session from its guide and take time-stamped notes"),
        "tui.screens.live_session:LiveSessionScreen",
    ),
    ScreenEntry(
        "transcripts",
        "f6",
        N_("Transcripts & coding"),
        N_("Read transcripts side by side and code them inline"),
        "tui.screens.transcript:TranscriptScreen",
    ),
    ScreenEntry(
        "codebook",
        "f7",
        N_("Codebook"),
        N_("The code tree with counts, definitions and coded segments"),
        "tui.screens.codebook:CodebookScreen",
    ),
    ScreenEntry(
        "search",
        "f8",
        N_("Search"),
        N_("Search every transcript and auto-code the hits"),
        "tui.screens.search:SearchScreen",
    ),
    ScreenEntry(
        "analysis",
        "f9",
        N_("Analysis"),
        N_("Frequencies, crosstabs, saturation and intercoder agreement; sort and export"),
        "tui.screens.analysis:AnalysisScreen",
    ),
    ScreenEntry(
        "export",
        "f10",
        N_("Export"),
        N_("Word transcripts, codebook and report; tables as Excel or CSV"),
        "tui.screens.export:ExportScreen",
    ),
    ScreenEntry(
        "concordance",
        "f12",
        N_("Concordance"),
        N_("Every occurrence of a word or its forms in context; sort and export"),
        "tui.screens.concordance:ConcordanceScreen",
    ),
]
"""Every screen, in the order the home screen lists them."""


def entry(screen_id: str) -> ScreenEntry:
    """The registry entry with ``screen_id``."""
    for item in SCREENS:
        if item.id == screen_id:
            return item
    raise KeyError(screen_id)
