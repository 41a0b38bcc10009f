"""Create the code a :class:`~tui.widgets.code_finder.CodeChoice` asks for (themes first)."""

from __future__ import annotations

from storage import Store
from tui.widgets.code_finder import CodeChoice


def chosen_code_id(store: Store, choice: CodeChoice) -> int:
    """The chosen code's id, creating it (and any new themes above it) if it is new.

    Call inside the caller's transaction or undo step, so that themes and code come and
    go together. Each name is filed under the language it is written in.
    """
    if choice.code_id is not None:
        return choice.code_id
    parent = choice.parent_id
    for theme in choice.new_themes:
        parent = store.codes.add(theme, parent_id=parent).id
    return store.codes.add(choice.new_name or "", parent_id=parent).id
