"""The yes/no dialog answers by the first letter of the answer in every UI language."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Static

from i18n import _, set_language
from tui.dialogs.confirm_modal import ConfirmModal


@pytest.mark.parametrize(
    ("language", "key", "answer"),
    [
        ("ru", "н", False),  # «нет»: on a Russian layout this is also the key of a Latin y
        ("ru", "д", True),
        ("kk", "ж", False),
        ("kk", "и", True),
        ("en", "y", True),
        ("en", "n", False),
        ("en", "escape", False),
    ],
)
async def test_answer_keys_follow_the_words(language: str, key: str, answer: bool) -> None:
    set_language(language)
    answers: list[bool | None] = []

    app: App[None] = App()
    async with app.run_test(size=(120, 40)) as pilot:
        modal = ConfirmModal("?")
        await app.push_screen(modal, answers.append)
        await pilot.pause()
        hint = str(modal.query_one("#confirm-keys", Static).render())
        assert hint == _("Y: yes · N or Esc: no")
        await pilot.press(key)
        await pilot.pause()
    assert answers == [answer]
