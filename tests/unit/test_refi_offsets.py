"""Offsets from other tools: UTF-16 units, CRLF as two, BOMs, non-NFC text; line prefixes."""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exports.refi import import_refi
from exports.refi.turn_prefixes import ExportLayout, ImportLayout, format_prefix, parse_prefix
from storage import Store

CODE = "11111111-2222-3333-4444-555555555555"
SOURCE = "22222222-3333-4444-5555-666666666666"


def _foreign_qdpx(
    path: Path, text: bytes, selections: Sequence[tuple[int, int, str | None]]
) -> Path:
    """A QDPX as another tool would write it: one text, one code, selections at given offsets."""
    parts = []
    for i, (start, end, name) in enumerate(selections):
        named = f' name="{name}"' if name is not None else ""
        parts.append(
            f'<PlainTextSelection guid="33333333-4444-5555-6666-{i:012d}"{named}'
            f' startPosition="{start}" endPosition="{end}">'
            f'<Coding guid="44444444-5555-6666-7777-{i:012d}"><CodeRef targetGUID="{CODE}"/>'
            "</Coding></PlainTextSelection>"
        )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0"'
        ' name="other" origin="Other QDA 12"><CodeBook><Codes>'
        f'<Code guid="{CODE}" name="Marked" isCodable="true"/></Codes></CodeBook><Sources>'
        f'<TextSource guid="{SOURCE}" name="doc" plainTextPath="internal://{SOURCE}.txt">'
        + "".join(parts)
        + "</TextSource></Sources></Project>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr(f"sources/{SOURCE}.txt", text)
    return path


def _coded(store: Store, path: Path) -> tuple[list[str], list[str]]:
    report = import_refi(store, path)
    (layer,) = store.transcripts.layers()
    texts = [layer.text[c.start : c.end] for c in store.codings.all()]
    return texts, [w.text() for w in report.warnings]


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def test_bom_and_crlf_counted_as_two(store: Store, fixtures_dir: Path, tmp_path: Path) -> None:
    data = (fixtures_dir / "bad" / "interview_07.bom-crlf.txt").read_bytes()
    raw = data.decode("utf-8-sig")
    assert "\r\n" in raw
    phrase = raw.split("\r\n")[3][-20:]
    start = raw.index(phrase)
    texts, warnings = _coded(
        store, _foreign_qdpx(tmp_path / "a.qdpx", data, [(start, start + 20, phrase)])
    )
    assert texts == [phrase]
    assert "\r" not in store.transcripts.layers()[0].text
    assert not any("converted" in w for w in warnings)


def test_crlf_counted_as_one_is_detected(store: Store, fixtures_dir: Path, tmp_path: Path) -> None:
    data = (fixtures_dir / "bad" / "interview_07.bom-crlf.txt").read_bytes()
    lf = data.decode("utf-8-sig").replace("\r\n", "\n")
    lines = lf.split("\n")
    phrases = [lines[4][-15:], lines[6][-12:]]
    selections = [(lf.index(p), lf.index(p) + len(p), p) for p in phrases]
    texts, warnings = _coded(store, _foreign_qdpx(tmp_path / "b.qdpx", data, selections))
    assert texts == phrases
    assert any("CRLF as one" in w and "converted" in w for w in warnings)


def test_utf16_units_are_detected_and_converted(
    store: Store, fixtures_dir: Path, tmp_path: Path
) -> None:
    data = (fixtures_dir / "bad" / "emoji_combining.txt").read_bytes()
    raw = data.decode("utf-8")
    phrases = ["мәтін", "был «да»"]
    selections = []
    for phrase in phrases:
        i = raw.index(phrase)
        selections.append((_utf16(raw, i), _utf16(raw, i + len(phrase)), phrase))
    texts, warnings = _coded(store, _foreign_qdpx(tmp_path / "c.qdpx", data, selections))
    assert sorted(texts) == sorted(phrases)
    assert any("UTF-16" in w for w in warnings)


def test_text_is_stored_nfc_and_offsets_follow(
    store: Store, fixtures_dir: Path, tmp_path: Path
) -> None:
    data = (fixtures_dir / "bad" / "emoji_combining.txt").read_bytes()
    raw = data.decode("utf-8")
    decomposed = "cafe\u0301"
    assert decomposed in raw
    start = raw.index(decomposed)
    texts, _warnings = _coded(
        store, _foreign_qdpx(tmp_path / "d.qdpx", data, [(start, start + len(decomposed), None)])
    )
    assert texts == ["café"]
    assert unicodedata.is_normalized("NFC", store.transcripts.layers()[0].text)


def test_ambiguous_and_impossible_offsets_are_reported(store: Store, tmp_path: Path) -> None:
    text = "first line\r\nsecond line\r\nthird line"
    data = text.encode("utf-8")
    selections = [(text.index("second"), text.index("second") + 6, None), (5, 500, None)]
    texts, warnings = _coded(store, _foreign_qdpx(tmp_path / "e.qdpx", data, selections))
    assert texts == ["second"]  # the standard's reading: code points of the file as written
    assert any("more than one way" in w for w in warnings)
    assert any("1 selection lies outside the text" in w for w in warnings)


lines_strategy = st.lists(
    st.tuples(
        st.text(alphabet=st.characters(blacklist_characters="\n\r"), max_size=12),
        st.sampled_from(["", "P1", "Айгерим", "MOD"]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=10**7)),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(lines=lines_strategy, data=st.data())
def test_prefixes_move_offsets_and_back(
    lines: list[tuple[str, str, int | None]], data: st.DataObject
) -> None:
    texts = [t for t, _s, _ms in lines]
    # a line without a speaker that looks like "Label: …" is read back as spoken by Label
    texts = [t.replace(": ", ":") for t in texts]
    text = "\n".join(texts)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    prefixes = [
        (s, format_prefix(ms, speaker)) for s, (_t, speaker, ms) in zip(starts, lines, strict=True)
    ]
    layout = ExportLayout(text, prefixes)
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    a, b = layout.start(start), layout.end(end)
    back = ImportLayout(layout.text, strip_prefixes=True, starts=[a], ends=[b])
    assert "\n".join(back.lines) == text
    assert (back.position(a), back.position(b)) == (start, end) or start == end
    assert back.speakers == [s for _t, s, _ms in lines]


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(
        st.text(
            alphabet=st.sampled_from(["[", "]", ":", " ", "0", "1", "5", ".", "P", "ж", "\r"]),
            max_size=20,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_whole_text_is_read_as_line_by_line(lines: list[str]) -> None:
    """Prefixes are read from the whole text at once; each line reads as it would alone."""
    layout = ImportLayout("\n".join(lines), strip_prefixes=True)
    expected = [parse_prefix(line) for line in lines]
    assert layout.lines == [
        line[length:] for line, (length, _ms, _s, _t) in zip(lines, expected, strict=True)
    ]
    assert layout.speakers == [speaker for _n, _ms, speaker, _t in expected]
    assert layout.times == [ms for _n, ms, _s, _t in expected]
