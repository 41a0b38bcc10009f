"""Session kinds are read the same way by table import, transcript import, filters and the CLI."""

from __future__ import annotations

import pytest

from storage.session_kinds import read_session_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("interview", "interview"),
        ("Интервью", "interview"),
        ("сұхбат", "interview"),
        ("focus_group", "focus_group"),
        ("focus-group", "focus_group"),
        (" Focus Group ", "focus_group"),
        ("Фокус-группа", "focus_group"),
        ("фокус-топ", "focus_group"),
        ("panel", None),
        ("", None),
    ],
)
def test_usual_spellings_name_the_stored_kind(text: str, kind: str | None) -> None:
    assert read_session_kind(text) == kind
