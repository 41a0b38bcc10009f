"""Words that mix Cyrillic and Latin letters (``соглаcование`` with a Latin ``c``).

Search already finds them (look-alike letters are undone in the word-form index);
``suhbat check`` lists them as warnings so that the transcript can be corrected.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from storage.scripts import is_cyrillic, is_latin, is_mixed
from storage.word_forms import words


@dataclass(frozen=True)
class MixedWord:
    """One mixed-script word: where it is and how it is written."""

    transcript: str
    language: str
    position: int
    """The utterance's number in its transcript, from 1."""
    word: str


def mixed_script_words(conn: sqlite3.Connection) -> list[MixedWord]:
    """Every word with both Cyrillic and Latin letters, in transcript and utterance order."""
    found: list[MixedWord] = []
    layers = conn.execute(
        "SELECT l.id, l.text, l.language, t.title FROM layer l"
        " JOIN transcript t ON t.id = l.transcript_id ORDER BY t.id, l.id"
    ).fetchall()
    for layer_id, text, language, title in layers:
        if not (is_cyrillic(text) and is_latin(text)):
            continue
        spans = conn.execute(
            'SELECT u.position, s.start, s."end" FROM span s JOIN utterance u'
            " ON u.id = s.utterance_id WHERE s.layer_id = ? ORDER BY u.position",
            (layer_id,),
        ).fetchall()
        for position, start, end in spans:
            found += [
                MixedWord(title, language, position + 1, m.group())
                for m in words(text[start:end])
                if is_mixed(m.group())
            ]
    return found
