"""Remember what a user entered in a form and put it back after the form is rebuilt.

A screen that recomposes itself (for example to redraw its labels in another UI
language) keeps text boxes, check boxes, selects, selection lists and radio sets as
the user left them. Widgets are matched by their id; widgets without one are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Select, SelectionList


@dataclass
class FormState:
    """The values of a form's fields, by widget id."""

    texts: dict[str, str] = field(default_factory=dict)
    checks: dict[str, bool] = field(default_factory=dict)
    choices: dict[str, object] = field(default_factory=dict)
    selections: dict[str, list[object]] = field(default_factory=dict)
    pressed: dict[str, str] = field(default_factory=dict)


def capture_form(root: Widget) -> FormState:
    """The current values of every field with an id under ``root``."""
    state = FormState()
    for widget in root.query("*"):
        if not widget.id:
            continue
        if isinstance(widget, Input):
            state.texts[widget.id] = widget.value
        elif isinstance(widget, Checkbox):
            state.checks[widget.id] = widget.value
        elif isinstance(widget, Select):
            state.choices[widget.id] = widget.value
        elif isinstance(widget, SelectionList):
            state.selections[widget.id] = list(widget.selected)
        elif isinstance(widget, RadioSet):
            button = widget.pressed_button
            if button is not None and button.id:
                state.pressed[widget.id] = button.id
    return state


def restore_form(root: Widget, state: FormState) -> None:
    """Put the values of ``state`` back into the fields of the same ids under ``root``."""
    for widget_id, text in state.texts.items():
        for text_box in root.query(f"#{widget_id}").results(Input):
            text_box.value = text
    for widget_id, checked in state.checks.items():
        for box in root.query(f"#{widget_id}").results(Checkbox):
            box.value = checked
    for widget_id, value in state.choices.items():
        for select in root.query(f"#{widget_id}").results(Select):
            select.value = value
    for widget_id, selected in state.selections.items():
        for selection_list in root.query(f"#{widget_id}").results(SelectionList):
            selection_list.deselect_all()
            for value in selected:
                selection_list.select(value)
    for button_id in state.pressed.values():
        try:
            root.query_one(f"#{button_id}", RadioButton).value = True
        except NoMatches:
            continue
