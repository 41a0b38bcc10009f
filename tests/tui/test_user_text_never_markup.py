"""User text is never markup: names with ``[/b]``, ``[red]`` and a trailing ``\\`` on every screen.

Textual parses ``str`` content as markup in toasts, Static/Label, DataTable cells,
OptionList prompts and Tree labels: ``[/b]`` with no open tag raises ``MarkupError``
(the app dies), ``[red]`` is eaten and a trailing backslash escapes what follows.
``App.run_test`` turns toasts off by default, so this test turns them on.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
from pilot_helpers import settle_workers, wait_until
from textual.pilot import Pilot
from textual.widgets import Input, Select

from storage import Store
from storage.models import TranscriptInput, UtteranceInput
from tui.app import SuhbatApp
from tui.dialogs.confirm_modal import ConfirmModal

SESSION = "Group [/b] Almaty [red]\\"
KEPT_SESSION = "Keep [/b] [red]\\"
LOCATION = "Kor [red][/b]\\"  # short: the column is narrow
PSEUDONYM = "P[/b]9 [red]\\"
GONE_PSEUDONYM = "Gone [/b] [red]\\"
ROLE = "Akim [/b] [red]\\"
CODE = "Trust [b] [red]\\"  # a code name cannot contain "/"
DESCRIPTION = "Means [red]trust[/b]\\"
MEMO = "Memo [/b] [red]\\"
TRANSCRIPT = "Notes [/b] [red]\\"
SPEAKER = "Mod [/b] [red]\\"
UTTERANCE = "Мы [/b] говорили [red] о доверии\\"
GUIDE = "Guide [/b] [red]\\"
QUESTION = "Why [/b] [red] so\\"
PROBE = "And then [/b]\\"
CODER = "Coder [/b] [red]\\"
NOTE = "She said [/b] [red]\\"
PROJECT = "Study [/b] [red]\\"
ATTRIBUTE = "zone [red]"
ZONE = "N[/b][red]\\"  # no space: column headers wrap at spaces


def screen_text(app: SuhbatApp) -> str:
    """Everything the terminal shows now (toasts included), as one string."""
    svg = app.export_screenshot()
    lines: dict[str, list[str]] = {}
    for y, text in re.findall(r'<text [^>]*\by="([^"]+)"[^>]*>([^<]*)</text>', svg):
        lines.setdefault(y, []).append(text)
    return "\n".join(html.unescape("".join(parts)) for parts in lines.values()).replace("\xa0", " ")


def shown(app: SuhbatApp, *values: str) -> None:
    """Each value appears literally on the screen (its markup-like parts not eaten)."""
    text = " ".join(screen_text(app).split())
    missing = [v for v in values if " ".join(v.split()) not in text]
    assert not missing, (
        f"not shown literally: {missing!r} on {type(app.screen).__name__}:\n{screen_text(app)}"
    )


@pytest.fixture
def hostile(demo_path: Path) -> Path:
    """The demo project with markup-like text in every field a user types."""
    with Store(demo_path) as store:
        store.update_project(name=PROJECT)
        r1 = store.participants.find("R1")
        assert r1 is not None
        store.participants.add_attribute(ATTRIBUTE, "category", [ZONE, "South"])
        store.participants.update(r1.id, code=PSEUDONYM, attributes={"role": ROLE, ATTRIBUTE: ZONE})
        store.participants.add(GONE_PSEUDONYM, attributes={"role": ROLE})
        first = store.sessions.all()[0]
        store.sessions.update(first.id, title=SESSION, location=LOCATION)
        kept = store.sessions.add(KEPT_SESSION, "interview", location=LOCATION)
        store.sessions.link_participant(kept.id, r1.id)
        transcript = store.transcripts.add(
            kept.id,
            TranscriptInput(
                TRANSCRIPT,
                ("ru",),
                (
                    UtteranceInput(SPEAKER, 0, 4_000, ("Расскажите [b]о доверии\\",)),
                    UtteranceInput(PSEUDONYM, 4_000, 9_000, (UTTERANCE,)),
                ),
            ),
        )
        root = store.codes.all()[0]
        code = store.codes.add({"en": CODE, "ru": CODE, "kk": CODE}, description=DESCRIPTION)
        store.codes.update(root.id, description=DESCRIPTION)
        store.memos.add("code", code.id, MEMO)
        store.memos.add("session", kept.id, MEMO)
        layer = store.transcripts.layers(transcript.id)[0]
        utterance = store.transcripts.utterances(transcript.id)[1]
        start, end = utterance.spans[layer.id]
        question_span = store.transcripts.utterances(transcript.id)[0].spans[layer.id]
        store.codings.add(code.id, layer.id, *question_span, store.coders.get(CODER).id)
        coding = store.codings.add(code.id, layer.id, start, end, store.coders.all()[0].id)
        store.codings.update(coding.id, memo=MEMO)
        guide = store.guides.all()[0]
        store.guides.rename(guide.id, GUIDE)
        question = store.guides.questions(guide.id)[0]
        store.guides.update_question(
            question.id, texts={"en": QUESTION, "ru": QUESTION, "kk": QUESTION}
        )
        store.guides.add_question(guide.id, {"en": PROBE}, kind="probe", parent_id=question.id)
    return demo_path


async def go(pilot: Pilot[None], *keys: str) -> None:
    """Press keys and let the app's workers finish."""
    await pilot.press(*keys)
    await settle_workers(pilot)


async def confirm_shows(pilot: Pilot[None], *values: str, answer: str = "escape") -> None:
    """The confirm dialog is open and shows ``values`` literally; then answer it."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))
    app = pilot.app
    assert isinstance(app, SuhbatApp)
    shown(app, *values)
    await go(pilot, answer)


async def test_every_screen_and_dialog_shows_user_text_literally(hostile: Path) -> None:
    app = SuhbatApp(hostile, coder="Aigerim")  # coded here before: not asked again
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await settle_workers(pilot)
        shown(app, PROJECT, SESSION, KEPT_SESSION, TRANSCRIPT)  # home and header
        # Participants: table, attribute values, the delete dialog and its toast.
        await go(pilot, "f2")
        shown(app, PSEUDONYM, GONE_PSEUDONYM, ROLE, ATTRIBUTE, ZONE)
        await go(pilot, "home", "e")  # "Gone …" sorts first
        shown(app, GONE_PSEUDONYM, ROLE)
        await go(pilot, "escape", "home", "d")
        await confirm_shows(pilot, GONE_PSEUDONYM, answer="y")
        shown(app, GONE_PSEUDONYM)  # "Deleted …" toast
        # Protocol: guide name, question, probe, the delete dialog.
        await go(pilot, "f3")
        shown(app, GUIDE, QUESTION, PROBE)
        await go(pilot, "home", "d")
        await confirm_shows(pilot, QUESTION)
        await go(pilot, "e")
        shown(app, QUESTION)
        await go(pilot, "escape", "g")
        shown(app, GUIDE)
        await go(pilot, "escape")
        # Sessions: titles, location, detail, people, and deleting one (the crash).
        await go(pilot, "f4")
        shown(app, SESSION, KEPT_SESSION, LOCATION)
        await go(pilot, "home", "e")
        shown(app, SESSION, LOCATION)
        await go(pilot, "escape", "p")
        shown(app, PSEUDONYM)
        await go(pilot, "escape", "home", "d")
        await confirm_shows(pilot, SESSION, answer="y")
        shown(app, SESSION)  # "Deleted …" toast
        # Live session: the picker, the guide's questions, a note, ending it.
        await go(pilot, "f5")
        shown(app, KEPT_SESSION, GUIDE)
        await go(pilot, "down", "down", "enter")  # the third session: Keep …
        if isinstance(app.screen, ConfirmModal):  # it has a transcript: asked first
            await confirm_shows(pilot, KEPT_SESSION, answer="y")
        shown(app, KEPT_SESSION, QUESTION, PROBE, PSEUDONYM)
        await go(pilot, "i")
        app.screen.query_one("#note", Input).value = NOTE
        await go(pilot, "enter", "escape")
        shown(app, NOTE)
        await go(pilot, "e")
        await confirm_shows(pilot, KEPT_SESSION, answer="y")
        shown(app, KEPT_SESSION)  # the toast naming the new transcript
        # Transcripts & coding: the picker, the text, speakers, codes, a coding's memo.
        await go(pilot, "f6", "o")
        shown(app, TRANSCRIPT, KEPT_SESSION)
        await go(pilot, *"Notes", "enter")
        shown(app, TRANSCRIPT, "[b]о доверии\\", UTTERANCE, CODE)
        await go(pilot, "down")
        await go(pilot, "m")
        shown(app, MEMO, UTTERANCE)
        await go(pilot, "escape")
        # Codebook: code, description, segments; delete and rename dialogs.
        await go(pilot, "f7", *["down"] * 9)
        shown(app, CODE, DESCRIPTION, UTTERANCE)
        await go(pilot, "d")
        await confirm_shows(pilot, CODE)
        await go(pilot, "r")
        shown(app, CODE)
        await go(pilot, "escape")
        # Search: hits with the utterance text, speaker and transcript.
        await go(pilot, "f8", *"говорили", "enter")
        shown(app, "говорили [red] о доверии\\")
        await go(pilot, "down", "a")  # auto-code: the code finder lists code names
        shown(app, CODE)
        await go(pilot, "escape")
        # Analysis: every kind of table (code names, attribute values, session titles,
        # pseudonyms, coder names in rows, columns and notes).
        await go(pilot, "f9")
        shown(app, CODE)
        expected = {
            "crosstab": (ZONE,),
            "sessions-matrix": tuple(KEPT_SESSION.split()),  # a wrapped column header
            "cooccurrence": (CODE,),
            "profile": (ZONE,),
            "sessions": (KEPT_SESSION,),
            "agreement": (CODER,),
            "saturation": (KEPT_SESSION,),
            "disagreements": (),
        }
        for kind, values in expected.items():
            app.screen.query_one("#kind", Select).value = kind
            await settle_workers(pilot)
            if kind == "crosstab":
                app.screen.query_one("#crosstab-variable", Select).value = "attribute:zone [red]"
                await settle_workers(pilot)
            shown(app, *values)
        await go(pilot, "t", "n")  # the second pair of coders: Aigerim and the new coder
        shown(app, CODE, CODER)
        # Export: transcript names; a report saved under a markup-like file name.
        await go(pilot, "f10")
        shown(app, TRANSCRIPT)
        await go(pilot, "r")
        out = hostile.parent / "report [/b] [red]\\.docx"
        app.screen.query_one("#export-out", Input).value = str(out)
        await go(pilot, "x")
        await wait_until(pilot, out.exists)
        await settle_workers(pilot)
        shown(app, out.name)


def test_every_toast_is_plain_text() -> None:
    """Every ``notify(...)`` in the app passes ``markup=False``: toasts name user things."""
    root = Path(__file__).resolve().parents[2] / "tui"
    missing = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "notify"
            ):
                plain = any(
                    k.arg == "markup"
                    and isinstance(k.value, ast.Constant)
                    and k.value.value is False
                    for k in node.keywords
                )
                if not plain and not _passes_markup_on(node):
                    missing.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    assert not missing


def _passes_markup_on(node: ast.Call) -> bool:
    """``super().notify(..., markup=markup)`` inside the app's own override."""
    return any(k.arg == "markup" and isinstance(k.value, ast.Name) for k in node.keywords)
