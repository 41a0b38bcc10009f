"""``suhbat --lang ru|kk stats``: tables in the UI language; ``--json`` stays English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis.frequencies import COLUMNS
from i18n import translations
from tui.cli import cli


def run(language: str, *args: str | Path) -> str:
    result = CliRunner().invoke(cli, ["--lang", language, *map(str, args)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_stats_prints_the_table_in_the_ui_language(demo_path: Path, language: str) -> None:
    tr = translations(language)
    out = run(language, "stats", demo_path, "frequencies")
    lines = out.splitlines()
    assert lines[0] == tr.gettext("Code frequencies")
    header = lines[3].split()
    for msgid in ("Segments", "Codings", "Sessions"):
        assert tr.gettext(msgid) in header and msgid not in header
    note = tr.ngettext(
        "Participants are respondents who speak in coded utterances; "
        "% of the {n} participant in scope.",
        "Participants are respondents who speak in coded utterances; "
        "% of the {n} participants in scope.",
        6,
    ).format(n=6)
    assert note in out


def test_saturation_verdict_and_reason_in_russian(demo_path: Path) -> None:
    tr = translations("ru")
    out = run("ru", "stats", demo_path, "saturation")
    reason = tr.ngettext(
        "{total} session; a base of {base} and a run of {run} need at least {need}",
        "{total} sessions; a base of {base} and a run of {run} need at least {need}",
        3,
    ).format(total=3, base=4, run=2, need=6)
    assert reason in out
    assert "need at least" not in out


@pytest.mark.parametrize("kind", ["frequencies", "saturation", "agreement"])
def test_json_is_the_same_in_every_ui_language(demo_path: Path, kind: str) -> None:
    english = json.loads(run("en", "stats", demo_path, kind, "--json"))
    for language in ("ru", "kk"):
        assert json.loads(run(language, "stats", demo_path, kind, "--json")) == english
    if kind == "frequencies":
        assert english["tables"][0]["columns"] == list(COLUMNS)


@pytest.mark.parametrize(("language", "focus_group"), [("ru", "фокус-группа"), ("kk", "фокус-топ")])
def test_crosstab_by_session_kind_names_the_kinds_in_the_ui_language(
    demo_path: Path, language: str, focus_group: str
) -> None:
    out = run(language, "stats", demo_path, "crosstab", "--session-field", "kind")
    header = out.splitlines()[3]
    assert f"{focus_group} (n=1)" in header
    assert "focus_group" not in header and "interview" not in header
