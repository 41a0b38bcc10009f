"""A rule-based Kazakh stemmer: strips predicate, case, possessive and plural suffixes.

Kazakh has no Snowball stemmer. A Kazakh noun is ``stem + plural + possessive + case
(+ predicate)``: ``әкімдіктеріміздің`` is ``әкімдік + тер + іміз + дің``. The stripper
takes the slots from the outside in, at most one suffix per slot, the longest that
fits, and keeps a suffix only when

* the stem left has at least :data:`MIN_STEM` letters and a vowel,
* the suffix's vowels agree with the stem's last vowel (back ``а о ұ ы`` with back,
  front ``ә ө ү і е`` with front; ``и у ю я э`` go with either), and
* the suffix's first letter is the variant the stem's last letter calls for
  (``-лар`` after a vowel, ``-дар`` after ``л м н ң з ж``, ``-тар`` after a voiceless
  consonant; ``-сы`` after a vowel, ``-ы`` after a consonant…), and
* a case ending that only follows a possessive (``облыс-ы-на``, ``үй-ім-е``) has one.

A stem ending in ``б г ғ`` is given back its dictionary ending ``п к қ`` (``кітабы``
→ ``кітап``, ``жүрегі`` → ``жүрек``). Figures against a hand-made list of word forms
are in docs/decisions.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MIN_STEM = 3
"""The fewest letters a stem keeps (``ауданға`` → ``аудан``, never ``ау``), but for
two-letter stems ending in a consonant (``үй``, ``ел``)."""

OWN_I_ENDINGS = ("шы", "ші", "қаржы")
"""Stem endings in ``ы``/``і`` that are not a possessive (``басшы``, ``қаржы``)."""

OWN_N_WORDS = ("тұрғын", "ақын", "жиын", "келін", "түйін", "ағын")
"""Frequent nouns ending in ``-ын``/``-ін`` that read like ``-ы-н`` (possessive and
accusative, ``жұмыс-ы-н``): their ``-н`` is never stripped."""

_BACK = frozenset("аоұы")
_FRONT = frozenset("әөүіе")
VOWELS = frozenset("аоұыәөүіеиуюяэ")
_VOICELESS = frozenset("птқксшщчцфхһбвгдғ")
_AFTER_VOWEL = VOWELS
_AFTER_SONORANT = VOWELS | frozenset("руй")
_AFTER_VOICED = VOWELS | frozenset("лмнңрйзж")
_AFTER_LZ = frozenset("лрйзж")
_AFTER_NASAL = frozenset("мнң")
_AFTER_CONSONANT = frozenset("бвгғджзйклмнңпрстфхһцчшщқ")


@dataclass(frozen=True)
class Suffix:
    """One spelling of a suffix and where it may stand."""

    text: str
    after: frozenset[str]
    """Letters the stem may end in before it."""
    needs_possessive: bool = False
    """Whether it only follows a possessive ending (``-на`` of ``облысына``)."""
    harmonic: bool = True
    """Whether its vowel follows the stem's (the instrumental ``-мен`` does not)."""


def _rules(
    templates: tuple[tuple[str, frozenset[str]], ...],
    *,
    needs_possessive: bool = False,
    harmonic: bool = True,
) -> tuple[Suffix, ...]:
    """Suffix spellings from templates with back/front letters ``A`` (а/е), ``I`` (ы/і),
    ``G`` (ғ/г) and ``Q`` (қ/к), longest first."""
    out: dict[str, Suffix] = {}
    for template, after in templates:
        for a, i, g, q in (("а", "ы", "ғ", "қ"), ("е", "і", "г", "к")):
            text = template.replace("A", a).replace("I", i).replace("G", g).replace("Q", q)
            out[text] = Suffix(text, after, needs_possessive, harmonic)
    return _longest_first(out.values())


def _longest_first(rules: Iterable[Suffix]) -> tuple[Suffix, ...]:
    return tuple(sorted(rules, key=lambda s: len(s.text), reverse=True))


_NOT_I = _AFTER_VOICED - frozenset("ыі")
"""Predicate endings never follow ``ы``/``і`` here: ``шешімін`` is no ``шеші-мін``."""

PREDICATE = _rules(
    (
        ("мIн", _NOT_I),
        ("бIн", frozenset("зж")),
        ("пIн", _VOICELESS),
        ("сIң", _NOT_I | _AFTER_CONSONANT),
        ("сIз", _NOT_I | _AFTER_CONSONANT),
        ("мIз", _NOT_I),
        ("бIз", frozenset("зж")),
        ("пIз", _VOICELESS),
    )
)
"""Personal (predicate) endings: ``азаматпын`` "I am a citizen"."""

CASE = _longest_first(
    _rules(
        (
            # genitive
            ("нIң", _AFTER_VOWEL | _AFTER_NASAL),
            ("дIң", _AFTER_LZ | frozenset("у")),
            ("тIң", _VOICELESS),
            # dative
            ("GA", _AFTER_VOICED),
            ("QA", _VOICELESS),
            # accusative
            ("нI", _AFTER_VOWEL),
            ("дI", _AFTER_LZ | _AFTER_NASAL | frozenset("у")),
            ("тI", _VOICELESS),
            # locative and its attributive form
            ("дA", _AFTER_VOICED),
            ("тA", _VOICELESS),
            ("дAGI", _AFTER_VOICED),
            ("тAGI", _VOICELESS),
            # ablative
            ("дAн", _AFTER_VOWEL | _AFTER_LZ),
            ("нAн", _AFTER_NASAL),
            ("тAн", _VOICELESS),
        )
    )
    # instrumental
    + _rules(
        (
            ("мен", _AFTER_SONORANT | _AFTER_NASAL | frozenset("л")),
            ("бен", frozenset("зж")),
            ("пен", _VOICELESS),
        ),
        harmonic=False,
    )
    # after a possessive: облыс-ы-на, облыс-ы-нда, үй-ім-е, жоба-сы-н
    + _rules(
        (
            ("нA", _AFTER_VOWEL),
            ("н", frozenset("ыі")),
            ("A", frozenset("мң")),
            ("ндA", _AFTER_VOWEL),
            ("ндAGI", _AFTER_VOWEL),
            ("нAн", _AFTER_VOWEL),
        ),
        needs_possessive=True,
    )
)
"""Case endings (genitive, dative, accusative, locative, ablative, instrumental)."""

POSSESSIVE = _rules(
    (
        ("IмIз", _AFTER_CONSONANT),
        ("мIз", _AFTER_VOWEL),
        ("IңIз", _AFTER_CONSONANT),
        ("ңIз", _AFTER_VOWEL),
        ("IңдAр", _AFTER_CONSONANT),
        ("ңдAр", _AFTER_VOWEL),
        ("Iм", _AFTER_CONSONANT),
        ("м", _AFTER_VOWEL),
        ("Iң", _AFTER_CONSONANT),
        ("ң", _AFTER_VOWEL),
        ("сI", _AFTER_VOWEL),
        ("I", _AFTER_CONSONANT),
    )
)
"""Possessive endings (my, your, your polite, his/her/its/their, our, your plural)."""

_VOWEL_POSSESSIVES = frozenset(rule for rule in POSSESSIVE if rule.after is _AFTER_VOWEL)

NOUN_ENDING = _rules((("Iм", _AFTER_CONSONANT),))
"""The noun-forming ``-ым``/``-ім`` (``шешім``, ``білім``, ``өнім``), which reads like a
possessive: stripped too, so that ``шешім`` and ``шешімі`` share the stem ``шеш``."""

PLURAL = _rules(
    (
        ("лAр", _AFTER_SONORANT),
        ("дAр", frozenset("лмнңзж")),
        ("тAр", _VOICELESS),
    )
)
"""Plural endings."""

_DEVOICED = {"б": "п", "г": "к", "ғ": "қ"}


def _harmony(stem: str, suffix: str) -> bool:
    """Whether ``suffix``'s vowels may follow ``stem`` under vowel harmony."""
    last = next((ch for ch in reversed(stem) if ch in VOWELS), "")
    if not last:
        return False
    if last in _BACK:
        return not any(ch in _FRONT for ch in suffix)
    if last in _FRONT:
        return not any(ch in _BACK for ch in suffix)
    return True


def _strip(word: str, rules: tuple[Suffix, ...]) -> tuple[str, Suffix | None]:
    """``(stem, rule)`` for the longest suffix that leaves a fitting stem, else ``(word, None)``."""
    for rule in rules:
        if not word.endswith(rule.text):
            continue
        stem = word[: -len(rule.text)]
        if len(stem) < MIN_STEM and (len(stem) < 2 or stem[-1] in VOWELS):
            continue
        if rule.text in ("ы", "і") and word.endswith(OWN_I_ENDINGS):
            continue
        if rule.text == "н" and word.endswith(OWN_N_WORDS):
            continue
        if rule in _VOWEL_POSSESSIVES and stem[-1] in "ыі" and not stem.endswith(OWN_I_ENDINGS):
            continue  # ``облысы`` is ``облыс + ы``, not ``облы + сы``; ``мұғалім`` is no ``-м``
        if stem[-1] not in rule.after or (rule.harmonic and not _harmony(stem, rule.text)):
            continue
        if rule.needs_possessive and _strip(stem, POSSESSIVE)[1] is None:
            continue
        return stem, rule
    return word, None


def stem(word: str) -> str:
    """The stem of a folded Kazakh Cyrillic word (``облыстарымызда`` → ``облыс``)."""
    if len(word) <= MIN_STEM:
        return word
    for rules in (PREDICATE, CASE, POSSESSIVE, PLURAL, NOUN_ENDING):
        word, _rule = _strip(word, rules)
    last = word[-1]
    return word[:-1] + _DEVOICED[last] if last in _DEVOICED else word
