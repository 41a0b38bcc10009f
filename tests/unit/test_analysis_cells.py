"""A crosstab cell leads to the passages of its group, whatever language the table is in."""

from __future__ import annotations

from pathlib import Path

from exports.study.analysis_request import StatsRequest, compute
from exports.study.loading import load_study
from i18n import set_language, translations
from storage import Store
from tui.analysis_cells import cell_request


def test_a_session_kind_column_in_russian_leads_to_that_kinds_sessions(demo_path: Path) -> None:
    request = StatsRequest(kind="crosstab", session_field="kind")
    with Store(demo_path) as store:
        (table,) = compute(store, request, tr=translations("ru")).tables
        data = load_study(store)
    column = table.columns.index("фокус-группа (n=1)")
    cell = cell_request(request, table, 0, column, data)
    assert cell is not None
    set_language("ru")
    assert cell.scope.text() == "фокус-группа (n=1)"
    focus_groups = {sid for sid, s in data.sessions.items() if s.kind == "focus_group"}
    assert set(cell.request.session_ids or ()) == focus_groups and len(focus_groups) == 1
