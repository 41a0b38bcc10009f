"""``suhbat search`` and ``suhbat concordance`` on imported files that switch languages:
a Russian turn marked in a Kazakh focus group finds Russian word forms, an unmarked
Kazakh turn in a Russian interview shows the word it matched in both commands, and
``аким`` finds «акима», «акиму», «акимом» (and they find it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_in_english as run


@pytest.fixture
def project(tmp_path: Path, shared_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    files = shared_dir / "code_switching"
    assert run("init", path, "--languages", "kk,ru")[0] == 0
    for name, language in (("focus_group_clinic.kk.txt", "kk"), ("interview_akim.ru.txt", "ru")):
        code, _out, err = run("import", path, files / name, "--language", language)
        assert code == 0, err
    return path


def _matched(project: Path, query: str, *options: str) -> list[str]:
    code, out, err = run("search", project, query, "--json", *options)
    assert code == 0, err
    return [hit["matched"] for hit in json.loads(out)]


def test_a_russian_turn_marked_in_a_kazakh_layer(project: Path) -> None:
    code, _out, err = run(
        "transcript", "set-utterance-language", project, "focus_group_clinic", "kk", "3", "ru"
    )
    assert code == 0, err
    assert _matched(project, "поликлиника") == ["поликлинике"]
    assert _matched(project, "поликлиника", "--language", "ru") == ["поликлинике"]
    assert _matched(project, "очередь") == ["очереди"]
    assert _matched(project, "частный") == ["частную"]
    code, out, _err = run("search", project, "очередь")
    assert "focus_group_clinic · ru · 00:00:15 · Қатысушы 2 · «очереди»" in out


def test_search_and_concordance_agree_on_a_kazakh_turn_in_a_russian_layer(project: Path) -> None:
    assert _matched(project, "облыс") == ["облыс", "Облысымыздың"]
    code, out, _err = run("concordance", project, "облыс", "--json")
    assert code == 0
    assert [o["keyword"] for o in json.loads(out)] == ["облыс", "Облысымыздың"]


def test_akim_and_its_forms_find_each_other(project: Path) -> None:
    for query in ("аким", "акимом"):
        code, out, _err = run("concordance", project, query, "--language", "ru", "--json")
        assert code == 0
        assert [o["keyword"] for o in json.loads(out)] == ["Аким", "акиму", "акимом", "акима"]
