"""Column widths by content: every word fits, tables span the page, wide tables split."""

from __future__ import annotations

from exports.docx_widths import (
    CELL_PADDING,
    char_twips,
    column_groups,
    longest_word,
    plan_table,
)

TEXT_WIDTH = 9638  # A4 with 2 cm margins, in twips


def _fits_words(
    header: list[str], rows: list[list[str]], widths: list[int], size: float, bold_first: bool
) -> bool:
    for col, width in enumerate(widths):
        bold = bold_first and col == 0
        words = [longest_word(header[col]) * char_twips(size, bold=True)]
        words += [longest_word(row[col]) * char_twips(size, bold=bold) for row in rows]
        if max(words) + CELL_PADDING > width:
            return False
    return True


def test_narrow_columns_take_their_values_and_text_columns_share_the_rest() -> None:
    header = ["Time", "Speaker", "Russian", "English"]
    rows = [["00:00:04", "Aigerim", "Расскажите, как проходит ваш день? " * 3, "Tell me " * 9]]
    plan = plan_table(header, rows, TEXT_WIDTH, grow=(2, 3))
    time, speaker, russian, english = plan.widths
    assert speaker < russian
    assert plan.fits and sum(plan.widths) == TEXT_WIDTH
    assert russian >= 2 * time and abs(russian - english) <= 1
    assert _fits_words(header, rows, plan.widths, plan.font_pt, False)


def test_long_header_words_never_break() -> None:
    header = ["Переменная", "Значение", "n", "%", "Среднее (СО)", "Медиана", "Диапазон"]
    rows = [["возраст", "", "6", "", "36,5 (9,8)", "36,5", "24–52"]]
    plan = plan_table(header, rows, TEXT_WIDTH, bold_first_column=True)
    assert plan.fits and sum(plan.widths) == TEXT_WIDTH
    assert _fits_words(header, rows, plan.widths, plan.font_pt, True)


def test_a_table_too_wide_for_any_font_is_split_with_the_first_column_repeated() -> None:
    header = ["Code"] + [f"Region{i:02d} (n = 12)" for i in range(30)] + ["Total (n = 360)"]
    rows = [["Bureaucracy"] + ["12 (100,0 %)"] * 31]
    assert not plan_table(header, rows, TEXT_WIDTH).fits
    groups = column_groups(header, rows, TEXT_WIDTH)
    assert len(groups) > 1
    assert all(group[0] == 0 for group in groups)
    assert sorted(c for group in groups for c in group[1:]) == list(range(1, len(header)))
    for group in groups:
        part = plan_table([header[c] for c in group], [[r[c] for c in group] for r in rows], 9638)
        assert part.fits


def test_a_table_that_fits_stays_whole() -> None:
    header = ["Code", "F (n = 3)", "M (n = 3)", "Total (n = 6)"]
    assert column_groups(header, [["Trust", "1 (33,3 %)", "2", "3"]], TEXT_WIDTH) == [[0, 1, 2, 3]]
