"""The report quotes a passage once per theme, however many codings cover its text."""

from __future__ import annotations

from pathlib import Path

import docx
from docx_dump import style_name

from exports.docx_report import ReportOptions, write_report_docx
from storage import Store
from storage.autocoding import Rule, apply, plan


def test_a_turn_coded_in_its_original_and_its_translation_is_quoted_once(
    demo_path: Path, tmp_path: Path
) -> None:
    """Autocoding used to code a query's hits in the translation too: the report then
    printed the same quote twice under the theme."""
    with Store(demo_path) as store:
        code = store.codes.add("Corruption")
        coder = store.coders.get("Zed").id
        for language in ("ru", "en"):
            apply(store, code.id, coder, plan(store, Rule("query", "eGov", language=language)))
        assert len([c for c in store.codings.all() if c.code_id == code.id]) == 2
        out = write_report_docx(
            store, tmp_path / "report.docx", ReportOptions(language="en", sections=("quotes",))
        )
    paragraphs = docx.Document(str(out)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Corruption")
    end = next(
        (
            i
            for i, p in enumerate(paragraphs[start + 1 :], start + 1)
            if style_name(p).startswith("Heading")
        ),
        len(paragraphs),
    )
    quotes = [p.text for p in paragraphs[start:end] if style_name(p) == "Quote"]
    assert len(quotes) == 1
    assert "Через eGov" in quotes[0] and "Through eGov" in quotes[0]
