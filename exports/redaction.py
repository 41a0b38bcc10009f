"""Redacting names, places and organisations in exported text (never in the project).

A *redaction list* names what must not leave the project, one entry a line::

    # comments and blank lines are ignored
    NAME: Айгуль Жанбыршыкова => P07
    PLACE: Алматы
    ORG: Акимат Кордайского района
    ORG: КНБ

``KIND: term`` replaces every occurrence of ``term`` with ``[KIND]``; ``=> text``
gives another replacement (a pseudonym, say); a line without a kind is ``[REDACTED]``.
A ``.csv`` list has the columns ``kind, term, replacement``.

Matching tolerates case, ``ё``/``е`` and declension: each word of a term is cut to its
stem (the nominative ending of Russian nouns and adjectives is dropped: ``Алматы`` →
``Алмат``) and then matches any word starting with that stem, so ``Алматы`` also finds
``Алмате``, ``Алматинский`` and Kazakh ``Алматыдағы``. Stems shorter than four letters
take only case endings (``Мира`` finds ``Миры``, ``Мирой`` but not ``мировой``);
acronyms (``КНБ``) match whole, with a hyphenated ending (``КНБ-ның``). Longer entries win
over shorter ones that overlap them. A ``NAME`` of several words also redacts each word
alone (people are called by their first name or surname). Invisible characters inside
a name (soft hyphens, zero-width spaces and joiners, combining stress accents: see
:mod:`exports.invisible_chars`) are looked through, and ``_`` separates words as ``-``
and spaces do, so ``interview_Жанбыршыкова`` and ``Жан\u00adбыршы\u0301кова`` are
found; the replaced span covers the invisible characters too. This errs on the side of
redacting too much; the report lists every form that was replaced so that a person can
check it.

Everything here is a pure function of its input: :meth:`Redactor.apply` returns new text
and what it replaced; stored transcripts are never changed.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from exports.invisible_chars import original_span, without_invisible
from exports.spreadsheet_text import inert_row
from storage.errors import N_, InputError
from storage.models import Attribute, Participant

DEFAULT_KIND = "REDACTED"
KINDS = ("NAME", "PLACE", "ORG")
"""The usual kinds; any word in capitals is accepted."""
MAX_SUFFIX = 10
"""Letters a word may have beyond a long stem (Kazakh stacks several endings)."""
SHORT_STEM = 4

_NOMINATIVE_ENDINGS = (
    # adjectives and adjectival surnames (Алматинский, Алматинская, Кордайское…)
    "ский", "ская", "ское", "ские", "цкий", "цкая",
    "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ья", "ье", "ьи",
    # nouns
    "а", "я", "ы", "и", "о", "е", "у", "ю", "ь", "й",
    # Latin transliterations (Almaty, Astana)
    "a", "e", "i", "o", "u", "y",
)  # fmt: skip
_ADJECTIVE_STEMS = ("ский", "ская", "ское", "ские", "цкий", "цкая")
_CASE_ENDINGS = (
    # Russian
    "а", "я", "ы", "и", "у", "ю", "е", "о", "ой", "ей", "ою", "ею", "ом", "ем", "ам", "ям",
    "ами", "ями", "ах", "ях", "ов", "ев", "ий", "ый", "ая", "ую", "ого", "его", "ому", "ему",
    "ым", "им", "ых", "их",
    # Kazakh
    "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "да", "де",
    "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "ды", "ді", "ты", "ті",
    "ны", "ні", "мен", "бен", "пен", "дағы", "дегі", "тағы", "тегі",
    # English possessive
    "s", "'s", "’s",
)  # fmt: skip
_KIND = re.compile(r"^\s*([^\W\d_][\w-]*)\s*:\s*(.*)$")
_WORD = re.compile(r"[^\W_]+")
"""A word: letters and digits (``_`` joins words in file names: ``interview_Жанбыршыкова``)."""
_BEFORE = r"(?<![^\W_])"
"""No letter or digit just before a match (``_``, ``-``, spaces and punctuation may be)."""
_AFTER = r"(?![^\W_])"


@dataclass(frozen=True)
class RedactionEntry:
    """One thing to redact: the term as written, its kind, and an optional replacement."""

    term: str
    kind: str = DEFAULT_KIND
    replacement: str | None = None

    @property
    def placeholder(self) -> str:
        """What the term becomes: the replacement, or ``[KIND]``."""
        return self.replacement if self.replacement is not None else f"[{self.kind}]"


@dataclass(frozen=True)
class Replacement:
    """One redacted occurrence: which entry, the text found, where (code points), and
    the placeholder put there."""

    term: str
    kind: str
    found: str
    start: int
    end: int
    placeholder: str


@dataclass(frozen=True)
class ReportRow:
    """A line of the redaction report: in which document, which entry, which form, how often."""

    document: str
    kind: str
    term: str
    found: str
    count: int


# -- building the patterns ---------------------------------------------------------------


def _letters(text: str) -> str:
    """A regex for ``text`` matching ``е`` and ``ё`` alike (case is handled by the flag)."""
    out = []
    for char in text:
        if char in "еёЕЁ":
            out.append("[еёЕЁ]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def stem(word: str) -> str:
    """``word`` without its nominative ending, keeping at least three letters."""
    folded = word.casefold()
    for ending in _NOMINATIVE_ENDINGS:
        if folded.endswith(ending) and len(word) - len(ending) >= 3:
            if ending in _ADJECTIVE_STEMS:  # keep "Алматинск" of "Алматинский"
                return word[: len(word) - len(ending) + 3]
            return word[: len(word) - len(ending)]
    return word


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def word_pattern(word: str) -> str:
    """A regex for one word of a term, in any case and (Cyrillic) grammatical form."""
    if _is_acronym(word) or len(word) <= 3:
        return _letters(word) + r"(?:[-‐‑](?:" + "|".join(map(re.escape, _CASE_ENDINGS)) + "))?"
    root = stem(word)
    if len(root) < SHORT_STEM:
        own = word[len(root) :].casefold()
        endings = sorted({own, *_CASE_ENDINGS} - {""}, key=len, reverse=True)
        # "Мира" needs an ending (so "мир" stays), "Ян" as written may stand alone
        optional = "" if own else "?"
        return _letters(root) + "(?:" + "|".join(_letters(e) for e in endings) + ")" + optional
    return _letters(root) + rf"[^\W_]{{0,{MAX_SUFFIX}}}"


def term_pattern(term: str) -> str:
    """A regex for a whole term: its words in order, separated by spaces or hyphens."""
    words = _WORD.findall(visible_term(term))
    if not words:
        raise ValueError(f"nothing to match in {term!r}")
    separator = r"(?:\s*[-‐‑–_]\s*|\s+)"
    return _BEFORE + separator.join(word_pattern(w) for w in words) + _AFTER


def visible_term(term: str) -> str:
    """``term`` in NFC without invisible characters or combining accents, trimmed."""
    return without_invisible(unicodedata.normalize("NFC", term))[0].strip()


# -- the redactor ------------------------------------------------------------------------


class Redactor:
    """Replaces the entries of a redaction list in text; see the module docstring."""

    def __init__(self, entries: Iterable[RedactionEntry]) -> None:
        unique: dict[str, RedactionEntry] = {}
        for entry in _with_name_parts(entries):
            term = visible_term(entry.term)
            if _WORD.search(term) and term.casefold() not in unique:
                unique[term.casefold()] = RedactionEntry(term, entry.kind, entry.replacement)
        # longer terms first: "Акимат города Алматы" wins over "Алматы"
        self.entries: tuple[RedactionEntry, ...] = tuple(
            sorted(unique.values(), key=lambda e: (-len(e.term), e.term))
        )
        self._pattern: re.Pattern[str] | None = None
        if self.entries:
            self._pattern = _alternation(self.entries, range(len(self.entries)))
        # A match starts at a word whose first letters are those of an entry's first word:
        # index the entries by them, so that only the entries that can match a word are
        # tried there (one big alternation tried at every position is slow with many names).
        self._by_head: dict[str, list[int]] = {}
        for index, entry in enumerate(self.entries):
            first = _WORD.findall(entry.term)[0]
            self._by_head.setdefault(_head(first), []).append(index)
        self._head_lengths = sorted({len(h) for h in self._by_head})
        heads = sorted(self._by_head, key=lambda h: (-len(h), h))
        self._heads = re.compile(
            _BEFORE + "(?:" + "|".join(map(_letters, heads)) + ")", re.IGNORECASE
        )
        self._tried: dict[tuple[int, ...], re.Pattern[str]] = {}

    @classmethod
    def from_file(cls, path: str | Path) -> Redactor:
        """Read a redaction list (text or ``.csv``, UTF-8); :class:`InputError` names the line."""
        target = Path(path)
        try:
            raw = target.read_bytes()
        except OSError as error:
            raise InputError(
                N_("Cannot read {file}: {reason}"),
                file=str(target),
                reason=error.strerror or str(error),
            ) from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(
                N_("{file} is not UTF-8 text; save the redaction list as UTF-8"), file=str(target)
            ) from None
        if target.suffix.lower() == ".csv":
            return cls(parse_redaction_csv(text, file=str(target)))
        return cls(parse_redaction_list(text, file=str(target)))

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def apply(self, text: str) -> tuple[str, list[Replacement]]:
        """``text`` with every entry replaced, and the replacements in text order."""
        if self._pattern is None or not text:
            return text, []
        replacements: list[Replacement] = []
        pieces: list[str] = []
        last = 0
        # matched without invisible characters, so that "Жан\u00adбыр\u200bшыкова" and a
        # stress accent do not hide a name; spans are mapped back to ``text``
        visible, origin = without_invisible(text)
        for match in self._matches(visible):
            assert match.lastgroup is not None
            entry = self.entries[int(match.lastgroup[1:])]
            start, end = original_span(text, origin, match.start(), match.end())
            pieces.append(text[last:start])
            pieces.append(entry.placeholder)
            replacements.append(
                Replacement(entry.term, entry.kind, text[start:end], start, end, entry.placeholder)
            )
            last = end
        pieces.append(text[last:])
        return "".join(pieces), replacements

    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        """What ``self._pattern.finditer(text)`` finds, trying at each word only the entries
        whose first word begins as it does."""
        end = 0
        for found in self._heads.finditer(text):
            start = found.start()
            if start < end:
                continue
            word = _WORD.match(text, start)
            head = _head(word.group() if word is not None else "")
            candidates = sorted(
                {i for n in self._head_lengths for i in self._by_head.get(head[:n], ())}
            )
            if not candidates:
                continue
            key = tuple(candidates)
            pattern = self._tried.get(key)
            if pattern is None:
                pattern = self._tried[key] = _alternation(self.entries, key)
            match = pattern.match(text, start)
            if match is not None:
                end = match.end()
                yield match

    def redact(self, text: str) -> str:
        """Only the redacted text."""
        return self.apply(text)[0]

    def extended(self, entries: Iterable[RedactionEntry]) -> Redactor:
        """A redactor with these entries added (this one's win where terms repeat)."""
        return Redactor([*self.entries, *entries])


def _head(word: str) -> str:
    """The first three letters of a word, lower case, ``ё`` as ``е`` (the index key)."""
    return word[:3].lower().replace("ё", "е")


def _alternation(entries: Sequence[RedactionEntry], indices: Iterable[int]) -> re.Pattern[str]:
    """One regex trying these entries in order; group ``e<index>`` names the entry found."""
    return re.compile(
        "|".join(f"(?P<e{i}>{term_pattern(entries[i].term)})" for i in indices), re.IGNORECASE
    )


def _with_name_parts(entries: Iterable[RedactionEntry]) -> list[RedactionEntry]:
    """The entries, then each word (three letters or more) of every multi-word ``NAME``:
    people are called by their first name or surname alone too."""
    given = list(entries)
    parts = [
        RedactionEntry(word, entry.kind, entry.replacement)
        for entry in given
        if entry.kind == "NAME"
        for word in _WORD.findall(visible_term(entry.term))
        if len(word) >= 3 and word != visible_term(entry.term)
    ]
    return [*given, *parts]


def parse_redaction_list(text: str, *, file: str = "<list>") -> list[RedactionEntry]:
    """The entries of a text redaction list (``KIND: term => replacement`` lines)."""
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.strip()
        if not content or content.startswith("#"):
            continue
        kind = DEFAULT_KIND
        match = _KIND.match(content)
        if match and match[1].isupper():
            kind, content = match[1], match[2].strip()
        replacement = None
        if "=>" in content:
            content, _arrow, given = content.partition("=>")
            content, replacement = content.strip(), given.strip()
        if not _WORD.search(content):
            raise InputError(
                N_("{file}, line {line}: nothing to redact on this line"), file=file, line=number
            )
        entries.append(RedactionEntry(content, kind, replacement))
    return entries


def parse_redaction_csv(text: str, *, file: str = "<list>") -> list[RedactionEntry]:
    """The entries of a CSV redaction list with columns ``kind, term[, replacement]``."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return []
    header = [h.strip().casefold() for h in rows[0]]
    if "term" not in header:
        raise InputError(
            N_("{file}: the first row must name the columns kind, term and replacement"),
            file=file,
            line=1,
        )
    names: tuple[str, ...] = ("kind", "term", "replacement")
    column = {name: header.index(name) for name in names if name in header}
    entries = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(name: str, row: list[str] = row) -> str:
            index = column.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        term = cell("term")
        if not term:
            if any(c.strip() for c in row):
                raise InputError(N_("{file}, line {line}: no term"), file=file, line=number)
            continue
        kind = cell("kind").upper() or DEFAULT_KIND
        entries.append(RedactionEntry(term, kind, cell("replacement") or None))
    return entries


# -- entries from the project ------------------------------------------------------------


def participant_entries(participants: Iterable[Participant]) -> list[RedactionEntry]:
    """Each participant's real name (and so each part of it) replaced by their pseudonym."""
    return [
        RedactionEntry(person.real_name.strip(), "NAME", person.code)
        for person in participants
        if person.real_name and person.real_name.strip()
    ]


def sensitive_attribute_entries(
    participants: Iterable[Participant], attributes: Iterable[Attribute]
) -> list[RedactionEntry]:
    """The values of attributes marked sensitive, replaced by ``[attribute name]``."""
    sensitive = [a.name for a in attributes if a.sensitive]
    entries = []
    for person in participants:
        for name in sensitive:
            value = person.attributes.get(name, "").strip()
            if len(value) >= 3 and _WORD.search(value) and not value.isdigit():
                entries.append(RedactionEntry(value, "ATTRIBUTE", f"[{name}]"))
    return entries


# -- offsets and the report --------------------------------------------------------------


def map_offset(replacements: Sequence[Replacement], offset: int, *, end: bool = False) -> int:
    """Where code-point ``offset`` of the original text is in the redacted text.

    An offset inside a replaced span moves to the start of its placeholder, or to its
    end when ``end`` is true (so a coded span that covers a name covers its placeholder).
    """
    shift = 0
    for item in replacements:
        if offset <= item.start or (not end and offset == item.start):
            break
        if offset < item.end:
            base = item.start + shift
            return base + len(item.placeholder) if end else base
        shift += len(item.placeholder) - (item.end - item.start)
    return offset + shift


def redaction_report(
    by_document: Mapping[str, Sequence[Replacement]],
) -> list[ReportRow]:
    """One row per document, entry and form found, with its count, in a stable order."""
    rows = []
    for document, replacements in by_document.items():
        counts = Counter((r.kind, r.term, r.found) for r in replacements)
        for (kind, term, found), count in counts.items():
            rows.append(ReportRow(document, kind, term, found, count))
    rows.sort(key=lambda r: (r.document, r.kind, r.term.casefold(), r.found.casefold()))
    return rows


REPORT_COLUMNS = ("document", "kind", "term", "found", "count")


def report_csv(rows: Iterable[ReportRow]) -> str:
    """The report as CSV text (UTF-8 when written, ``\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for row in rows:
        text = inert_row([row.document, row.kind, row.term, row.found])
        writer.writerow([*text, row.count])
    return buffer.getvalue()
