"""The keys of the codebook screen, in one table.

Each row: the Latin key and its Cyrillic-layout twin, the action, the footer label,
the tooltip (also the palette's help) and the binding id (``codebook-…``).
"""

from __future__ import annotations

from textual.binding import BindingType

from i18n import _
from tui.keys.bindings import binding_maker
from tui.keys.history_keys import HISTORY_BINDINGS
from tui.screens.item_memo import item_memo_binding

_b = binding_maker("codebook")

CODEBOOK_KEYS: list[BindingType] = [
    _b("n,т", "new_code", _("New"), _("New code beside the highlighted one"), "new"),
    _b("i,ш", "new_child", _("New inside"), _("New code inside the highlighted one"), "child"),
    _b("e,у", "edit_code", _("Edit"), _("Names, definition, criteria, example, colour"), "edit"),
    _b("r,к", "rename", _("Rename"), _("Rename in the interface language"), "rename"),
    _b("x,ч", "cut", _("Cut"), _("Mark the highlighted code for moving"), "cut", show=False),
    _b(
        "p,з",
        "paste_inside",
        _("Paste in"),
        _("Move the cut code inside this one"),
        "paste",
        show=False,
    ),
    _b(
        "b,и",
        "paste_beside",
        _("Paste beside"),
        _("Move the cut code to this one's level"),
        "paste-beside",
        show=False,
    ),
    _b(
        "m,ь",
        "merge",
        _("Merge"),
        _("Merge the highlighted code into another"),
        "merge",
        show=False,
    ),
    _b("d,в", "delete", _("Delete"), _("Delete the code, its sub-codes and codings"), "delete"),
    _b(
        "space",
        "fold",
        _("Fold"),
        _("Collapse or expand the highlighted theme"),
        "fold",
        show=False,
    ),
    _b(
        "k,л",
        "next_coder",
        _("Coders"),
        _("Count every coder's codings or one coder's"),
        "coders",
        show=False,
    ),
    _b(
        "s,ы",
        "focus_segments",
        _("Segments"),
        _("Go to the list of coded segments"),
        "segments",
        show=False,
    ),
    _b(
        "g,п",
        "passages",
        _("Passages"),
        _("Read every passage coded with the highlighted code or theme"),
        "passages",
        show=False,
    ),
    item_memo_binding("codebook", _("Write or read the highlighted code's memo")),
    *HISTORY_BINDINGS,
]
