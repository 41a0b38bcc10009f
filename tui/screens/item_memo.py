"""The memo of one item, written from the item's own screen (codebook, participants,
sessions, Project home for the project).

One key (O) on those screens opens the memo editor for the highlighted item: a new
memo when it has none, the memo when it has one, a choice when it has several (or a
new one). Emptying a memo deletes it. Every change is one undo step. Rows of items
with a memo carry :data:`MEMO_MARK`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from i18n import _, translate_error
from storage import SuhbatError
from storage.errors import N_
from storage.models import Memo, MemoTarget
from tui.dialogs.coding_dialogs import ChoiceDialog, MemoDialog
from tui.dialogs.memos import KIND_LABELS
from tui.keys.bindings import key_binding
from tui.store_access import app_store

MEMO_MARK = "✎"
"""Shown after the name of an item that has a memo."""

NEW_MEMO = 0
"""The choice "new memo" when an item has several memos (memo ids start at 1)."""


def item_memo_binding(
    prefix: str, tooltip: str, *, keys: str = "o,щ", title: str | None = None
) -> Binding:
    """The key that opens the memo of the highlighted item (id ``PREFIX-memo``)."""
    return key_binding(keys, "item_memo", title or _("Memo"), tooltip, f"{prefix}-memo")


def with_mark(name: str, has_memo: bool) -> str:
    """``name`` followed by the memo mark when the item has a memo."""
    return f"{name} {MEMO_MARK}" if has_memo else name


def edit_item_memo(
    screen: Screen[Any],
    kind: MemoTarget,
    target_id: int | None,
    label: str,
    done: Callable[[], None],
) -> None:
    """Open the memo editor for one item; ``done`` runs after a change is saved."""
    store = app_store(screen)
    store.history.enable()
    memos = store.memos.all(kind, target_id)
    author: str | None = getattr(screen.app, "coder_name", None)
    title = f"{_(KIND_LABELS[kind])}: {label}"

    def write(step: str, change: Callable[[], object]) -> None:
        try:
            with store.history.undoable(step):
                change()
        except SuhbatError as error:
            screen.notify(translate_error(error), severity="error", markup=False)
            return
        done()

    def edit(memo: Memo | None) -> None:
        def save(text: str | None) -> None:
            if text is None:
                return
            if memo is None:
                if text.strip():
                    write(
                        N_("Add memo"),
                        lambda: store.memos.add(kind, target_id, text, author=author),
                    )
            elif not text.strip():
                write(N_("Delete memo"), lambda: store.memos.delete(memo.id))
            elif text != memo.text:
                write(N_("Change memo"), lambda: store.memos.update(memo.id, text))

        screen.app.push_screen(MemoDialog(title, memo.text if memo else ""), save)

    if len(memos) <= 1:
        edit(memos[0] if memos else None)
        return
    by_id = {m.id: m for m in memos}

    def chosen(memo_id: int | None) -> None:
        if memo_id is not None:
            edit(by_id.get(memo_id))

    items = [(m.id, _snippet(m.text)) for m in memos]
    items.append((NEW_MEMO, _("New memo")))
    screen.app.push_screen(ChoiceDialog(title, items), chosen)


def _snippet(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"
