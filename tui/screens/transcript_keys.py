"""The keys of the transcript & coding screen, in one table.

Each row: the Latin key and its Cyrillic-layout twin, the action, the footer label,
the tooltip (also the palette's help) and the binding id (``coding-…``).
"""

from __future__ import annotations

from textual.binding import BindingType

from i18n import _, pgettext
from tui.keys.bindings import binding_maker
from tui.keys.history_keys import HIDDEN_HISTORY_BINDINGS
from tui.screens.utterance_language import UTTERANCE_LANGUAGE_BINDING
from tui.screens.utterance_split import UTTERANCE_SPLIT_BINDINGS

_b = binding_maker("coding")

TRANSCRIPT_KEYS: list[BindingType] = [
    _b(
        "c,с",
        "code_selection",
        pgettext("action", "Code"),
        _("Code the selection with a code from the finder"),
        "code",
    ),
    _b(
        "u,г",
        "code_utterance",
        _("Code turn"),
        _("Code the whole utterance at the cursor"),
        "utterance",
    ),
    _b(
        "v,м",
        "in_vivo",
        _("In vivo"),
        _("Make the selected words a code and apply it"),
        "in-vivo",
    ),
    _b(
        "a,ф",
        "apply_last",
        _("Again"),
        _("Apply the last used code to the selection"),
        "again",
        show=False,
    ),
    _b("d,в", "remove_coding", _("Remove"), _("Remove the coding at the cursor"), "remove"),
    _b(
        "r,к",
        "recode",
        _("Recode"),
        _("Give the coding at the cursor another code"),
        "recode",
        show=False,
    ),
    _b(
        "b,и",
        "resize",
        _("Resize"),
        _("Set the coding's boundaries to the selection"),
        "resize",
        show=False,
    ),
    _b(
        "m,ь",
        "memo",
        _("Memo"),
        _("Write a memo on the coding at the cursor"),
        "memo",
        show=False,
    ),
    _b(
        "t,е",
        "toggle_layers",
        _("Layers"),
        _("Two layers side by side, or one alone"),
        "layers",
    ),
    _b(
        "l,д",
        "next_layer",
        _("Next layer"),
        _("Show the next language layer"),
        "next-layer",
        show=False,
    ),
    _b(
        "x,ч",
        "toggle_mirror",
        _("Mirror"),
        _("Show the other layer's codes on aligned utterances"),
        "mirror",
        show=False,
    ),
    _b(
        "k,л",
        "next_coder_filter",
        _("Coders"),
        _("Show my codings, another coder's, or everyone's"),
        "coders",
        show=False,
    ),
    _b("n,т", "next_coding", _("Next coding"), _("Jump to the next coding"), "next", show=False),
    _b(
        "p,з",
        "previous_coding",
        _("Previous coding"),
        _("Jump to the previous coding"),
        "previous",
        show=False,
    ),
    _b(
        "s,ы",
        "next_turn",
        _("Next turn"),
        _("Jump to the speaker's next turn"),
        "turn",
        show=False,
    ),
    _b("j,о", "jump_time", _("Go to time"), _("Jump to a time (hh:mm:ss)"), "time", show=False),
    _b(
        "e,у",
        "edit_text",
        _("Edit text"),
        _("Correct the text of the utterance at the cursor"),
        "edit",
        show=False,
    ),
    _b(
        "y,н",
        "next_valence",
        _("Valence"),
        _("Step the valence of the coding at the cursor: negative, neutral, positive, none"),
        "valence",
        show=False,
    ),
    _b(
        "M,Ь",
        "next_margin",
        _("Margin"),
        _("Make the code-name margin narrower, hide it, or show it again"),
        "margin",
        show=False,
    ),
    _b(
        "T,Е",
        "translate",
        _("Translate"),
        _("Type this transcript's translation utterance by utterance"),
        "translate",
        show=False,
    ),
    _b("o,щ", "open_transcript", _("Open"), _("Open another transcript"), "open"),
    _b("w,ц", "switch_coder", _("Coder"), _("Change who is coding"), "coder", show=False),
    UTTERANCE_LANGUAGE_BINDING,  # G: code-switching (tui/screens/utterance_language.py)
    *UTTERANCE_SPLIT_BINDINGS,  # Shift+S, Shift+J (tui/screens/utterance_split.py)
    *HIDDEN_HISTORY_BINDINGS,  # Ctrl+Z: the footer is full in Kazakh
    *[
        _b(keys, action, title, tooltip, id, show=False)
        for keys, action, title, tooltip, id in [
            ("space", "play_pause", _("Play"), _("Play or pause the recording"), "play"),
            (
                "comma,б",
                "skip_back",
                _("Back 5 s"),
                _("Five seconds back in the recording"),
                "back",
            ),
            ("full_stop,ю", "skip_forward", _("Forward 5 s"), _("Five seconds forward"), "forward"),
            ("less_than_sign,Б", "slower", _("Slower"), _("Play slower (pitch kept)"), "slower"),
            ("greater_than_sign,Ю", "faster", _("Faster"), _("Play faster (pitch kept)"), "faster"),
            (
                "f,а",
                "play_turn",
                _("Play turn"),
                _("Play the utterance at the cursor"),
                "turn-play",
            ),
            ("F,А", "follow", _("Follow"), _("Let the cursor follow playback"), "follow"),
            ("R,К", "recordings", _("Recordings"), _("Link, relink or unlink recordings"), "media"),
            ("h,р", "review", _("Reviewed"), _("Mark the turn reviewed, play the next"), "review"),
            ("i,ш", "change_speaker", _("Speaker"), _("Change the speaker of the turn"), "speaker"),
        ]
    ],
]
