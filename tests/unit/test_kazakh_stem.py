"""The Kazakh suffix stripper against the hand-made lists of word forms in tests/data/."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from storage.kazakh_stem import stem
from storage.word_forms import word_key

DATA = Path(__file__).resolve().parents[1] / "data" / "word_forms"


def _pairs(name: str) -> list[tuple[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [
        (form, lemma)
        for form, lemma in (line.split("\t") for line in lines if line and line[0] != "#")
    ]


def pairwise_precision_recall(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Precision and recall over pairs of forms: same stem given vs same lemma."""
    tp = fp = fn = 0
    for (f1, g1), (f2, g2) in itertools.combinations(pairs, 2):
        same, found = g1 == g2, stem(f1) == stem(f2)
        tp += same and found
        fp += found and not same
        fn += same and not found
    return tp / (tp + fp), tp / (tp + fn)


def test_the_list_has_at_least_200_forms() -> None:
    assert len(_pairs("kk.tsv")) >= 200


@pytest.mark.parametrize(
    ("name", "precision", "recall"), [("kk.tsv", 0.99, 0.97), ("kk_heldout.tsv", 0.95, 0.9)]
)
def test_precision_and_recall(name: str, precision: float, recall: float) -> None:
    p, r = pairwise_precision_recall(_pairs(name))
    assert p >= precision and r >= recall


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("облыстарымызда", "облыс"),
        ("кітабы", "кітап"),
        ("министрлігінде", "министрлік"),
        ("азаматпын", "азамат"),
        ("аудан", "аудан"),
    ],
)
def test_stems(form: str, expected: str) -> None:
    assert stem(form) == expected


def test_word_key_reads_kazakh_latin_as_cyrillic() -> None:
    assert word_key("Äkımdıgıne", "kk") == word_key("әкімдік", "kk") == "әкімдік"
    assert word_key("Согласования", "ru") == word_key("согласование", "ru")
