"""Keys that act say a verb: «Кодировать»/«Кодтау» on the coding key, «Код» on the column."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.screen import Screen

from i18n import pgettext, set_language, translations
from tui.screens.live_session import LiveSessionScreen
from tui.screens.transcript import TranscriptScreen


def description(screen: type[Screen[None]], action: str) -> str:
    bindings = [b for b in screen.BINDINGS if isinstance(b, Binding)]
    text: str = next(b.description for b in bindings if b.action == action)
    return text


@pytest.mark.parametrize(
    ("language", "code", "end"),
    [("ru", "Кодировать", "Завершить"), ("kk", "Кодтау", "Аяқтау"), ("en", "Code", "End")],
)
def test_action_keys_use_verbs_and_table_headers_nouns(language: str, code: str, end: str) -> None:
    from i18n import retranslate

    set_language(language)
    assert retranslate(description(TranscriptScreen, "code_selection")) == code
    assert retranslate(description(LiveSessionScreen, "end")) == end
    assert pgettext("action", "Code") == code
    # The noun (a table column, the codebook's header) keeps its own word.
    noun = translations(language).gettext("Code")
    assert noun != code or language == "en"


async def test_the_coding_key_says_the_verb_after_a_switch_to_russian(demo_path: object) -> None:
    from pathlib import Path

    from tui.app import SuhbatApp

    set_language("en")

    app = SuhbatApp(Path(str(demo_path)), coder="Aigerim")  # else "Who is coding?" first
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        app.action_set_language("ru")
        await pilot.pause()
        shown = {
            binding.action: str(binding.description)
            for binding in (b for _key, (_node, b, _on, _t) in app.active_bindings.items())
        }
        assert shown.get("code_selection") == "Кодировать"
