"""Laying out utterances as layer lines: NFC, one line each, folded copies, spans."""

from __future__ import annotations

import pytest

from storage import ValidationError
from storage.transcript_layout import (
    folded_lines,
    layer_lines,
    line_spans,
    prepare_columns,
    prepare_layer,
)


def test_clean_lines_are_kept_as_they_are() -> None:
    texts = ["Согласование занимает три дня.", "Біз халықпен сөйлескіміз келеді.", ""]
    assert layer_lines(texts) == texts


def test_lines_become_one_stripped_nfc_line_each() -> None:
    texts = [
        "\ufeffе\u0308лки стоят\r\nуже",  # BOM, NFD ё, CRLF inside one utterance
        "  ответ  ",
        "первая строка\nвторая",
        "Ё",
    ]
    assert layer_lines(texts) == ["ёлки стоят уже", "ответ", "первая строка вторая", "Ё"]


def test_folding_a_whole_layer_equals_folding_each_line() -> None:
    lines = ["СОГЛАСОВАНИЕ", "Ёлки и ёжики", "ҚАЗАҚ ТІЛІ", "Straße", "İstanbul", "", "P3"]
    assert folded_lines(lines) == [
        "согласование",
        "елки и ежики",
        "қазақ тілі",
        "strasse",
        "i\u0307stanbul",
        "",
        "p3",
    ]


def test_spans_count_the_line_breaks() -> None:
    lines = ["абв", "", "гд"]
    text = "\n".join(lines)
    spans = line_spans(lines)
    assert spans == [(0, 3), (4, 4), (5, 7)]
    assert [text[s:e] for s, e in spans] == lines


def test_prepared_layer_counts_words_and_joins_lines() -> None:
    layer = prepare_layer("ru", ["Как  дела?", "Хорошо, спасибо."])
    assert layer.text == "Как  дела?\nХорошо, спасибо."
    assert layer.words == 4
    assert layer.folded == ["как  дела?", "хорошо, спасибо."]


def test_columns_fill_missing_texts_and_need_utterances() -> None:
    prepared = prepare_columns(
        title=" Интервью ",
        languages=("ru", "en"),
        speakers=["A", "B"],
        start_ms=[0, 1000],
        end_ms=[1000, None],
        texts=[["раз", "два"], ["one"]],
    )
    assert prepared.title == "Интервью"
    assert [layer.lines for layer in prepared.layers] == [["раз", "два"], ["one", ""]]
    assert len(set(prepared.uuids)) == 2
    with pytest.raises(ValidationError):
        prepare_columns(
            title="x", languages=("ru",), speakers=[], start_ms=[], end_ms=[], texts=[[]]
        )
    with pytest.raises(ValidationError):
        prepare_columns(
            title="x", languages=(), speakers=["A"], start_ms=[0], end_ms=[0], texts=[["a"]]
        )
