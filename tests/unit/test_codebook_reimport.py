"""Re-importing a codebook table updates the definitions of codes already in the project."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from exports.tables import import_table
from storage import Store
from tui.cli import cli
from tui.exchange_reports import translated_message

FIRST = """theme,code,description,inclusion,color
Доступ,Очереди,Ожидание приёма,Любое ожидание,#4e79a7
Доступ,Отказ,Отказ в услуге,Явный отказ,#e15759
Доверие,Согласование,Долгое согласование ответов,,#59a14f
"""
EDITED = """theme,code,description,inclusion,color
Доступ,Очереди,Ожидание приёма у врача или в ЦОН,Любое ожидание,#4E79A7
Доступ,Отказ,Отказ в услуге,,#e15759
Доверие,Согласование,Долгое согласование ответов,,#59a14f
,,Описание без кода,,
"""


def _definitions(store: Store) -> dict[str, tuple[str, str]]:
    return {c.name(): (c.description, c.inclusion) for c in store.codes.all() if c.parent_id}


def test_changed_descriptions_are_updated_and_the_rest_is_explained(
    store: Store, tmp_path: Path
) -> None:
    table = tmp_path / "codebook.csv"
    table.write_text(FIRST, encoding="utf-8")
    import_table(store, "codebook", table)
    table.write_text(EDITED, encoding="utf-8")

    report = import_table(store, "codebook", table)

    assert _definitions(store) == {
        "Очереди": ("Ожидание приёма у врача или в ЦОН", "Любое ожидание"),
        "Отказ": ("Отказ в услуге", "Явный отказ"),
        "Согласование": ("Долгое согласование ответов", ""),
    }
    assert (report.created, report.updated) == (0, 1)
    notes = [translated_message(m, p) for m, p in report.notes]
    assert notes == [
        "codebook.csv, line 2: updated code 'Очереди' (description)",
        "codebook.csv, line 3: code 'Отказ': empty cells left its values as they were (inclusion)",
        "codebook.csv, line 5: no theme, category or code name; row left out",
        "codebook.csv: codes already in the project with the same definition, left as they were: 2",
    ]


def test_cli_table_import_says_which_codes_were_updated(tmp_path: Path) -> None:
    project = tmp_path / "study.suhbat"
    Store.create(project, languages=("ru", "kk", "en")).close()
    table = tmp_path / "codebook.csv"
    table.write_text(FIRST, encoding="utf-8")
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["table", "import", str(project), "codebook", str(table)]).exit_code == 0
    )
    table.write_text(EDITED, encoding="utf-8")
    result = runner.invoke(cli, ["table", "import", str(project), "codebook", str(table)])
    assert result.exit_code == 0
    assert "updated code 'Очереди' (description)" in result.stderr
    assert "0 created, 1 updated" in result.stdout
    with Store(project) as store:
        assert _definitions(store)["Очереди"][0] == "Ожидание приёма у врача или в ЦОН"
