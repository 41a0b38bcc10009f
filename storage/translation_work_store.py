"""Translation work marked on utterances and codes: drafts being typed and marks.

The one writer of ``translation_draft`` (text typed into a translation but not saved
yet, per layer and utterance), ``translation_mark`` (utterances marked as needing
translation) and ``translation_mark_code`` (codes whose passages all need it).
:class:`storage.translations_store.TranslationsPart` reads and writes them through this
part; :class:`storage.transcripts_store.TranscriptsPart` calls it when an utterance is
split or two are joined, so that a mark and a draft follow their words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from storage.base import Part, utc_now
from storage.utterance_cuts import join_separator


class TranslationWorkPart(Part):
    """Drafts and marks of utterances: see the module docstring."""

    def drafts(self, layer_id: int) -> dict[int, str]:
        """Text typed but not yet saved, per utterance id."""
        return {
            int(u): str(t)
            for u, t in self.conn.execute(
                "SELECT utterance_id, text FROM translation_draft WHERE layer_id = ?", (layer_id,)
            )
        }

    def set_draft(self, layer_id: int, utterance_id: int, text: str) -> None:
        """Store the translation being typed (called on every keystroke; one statement)."""
        self.conn.execute(
            "INSERT INTO translation_draft (layer_id, utterance_id, text, updated)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET text = excluded.text,"
            " updated = excluded.updated",
            (layer_id, utterance_id, text, utc_now()),
        )

    def discard_draft(self, layer_id: int, utterance_id: int) -> None:
        """Forget the text typed for an utterance."""
        self.conn.execute(
            "DELETE FROM translation_draft WHERE layer_id = ? AND utterance_id = ?",
            (layer_id, utterance_id),
        )

    def mark(self, utterance_ids: Iterable[int], marked: bool = True) -> None:
        """Mark utterances as needing translation (or take the mark off)."""
        self._set_marks("translation_mark", "utterance_id", utterance_ids, marked)

    def mark_codes(self, code_ids: Iterable[int], marked: bool = True) -> None:
        """Mark (or unmark) codes whose coded passages all need translation."""
        self._set_marks("translation_mark_code", "code_id", code_ids, marked)

    def _set_marks(self, table: str, column: str, ids: Iterable[int], marked: bool) -> None:
        """Put rows for ``ids`` into the mark ``table`` (or take them out), in one transaction."""
        rows = [(int(i),) for i in ids]
        with self.transaction():
            if marked:
                self.conn.executemany(f"INSERT OR IGNORE INTO {table} ({column}) VALUES (?)", rows)
            else:
                self.conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", rows)

    def marked(self, transcript_id: int | None = None) -> set[int]:
        """Utterances marked one by one (of one transcript, or all)."""
        sql = "SELECT m.utterance_id FROM translation_mark m"
        args: tuple[int, ...] = ()
        if transcript_id is not None:
            sql += " JOIN utterance u ON u.id = m.utterance_id WHERE u.transcript_id = ?"
            args = (transcript_id,)
        return {int(r[0]) for r in self.conn.execute(sql, args)}

    def follow_split(self, utterance_id: int, new_id: int) -> None:
        """A split's new utterance needs translation if the one it came from did."""
        self.conn.execute(
            "INSERT OR IGNORE INTO translation_mark (utterance_id)"
            " SELECT ? FROM translation_mark WHERE utterance_id = ?",
            (new_id, utterance_id),
        )

    def fold_join(
        self, first_id: int, second_id: int, texts: Mapping[int, tuple[str, str]]
    ) -> None:
        """Before a join removes the second utterance, give its mark and drafts to the first.

        ``texts``: layer id → the first's and the second's text in that layer before the
        join. Where either has a draft, the joined one has a draft of both parts, each
        part its draft or, without one, its saved text, joined as the texts are.
        """
        self.conn.execute(
            "INSERT OR IGNORE INTO translation_mark (utterance_id)"
            " SELECT ? FROM translation_mark WHERE utterance_id = ?",
            (first_id, second_id),
        )
        drafted = self.conn.execute(
            "SELECT layer_id, utterance_id, text FROM translation_draft"
            " WHERE utterance_id IN (?, ?)",
            (first_id, second_id),
        ).fetchall()
        drafts: dict[int, dict[int, str]] = {}
        for layer_id, utterance_id, text in drafted:
            drafts.setdefault(int(layer_id), {})[int(utterance_id)] = str(text)
        for layer_id, typed in drafts.items():
            first_text, second_text = texts.get(layer_id, ("", ""))
            first = typed.get(first_id, first_text)
            second = typed.get(second_id, second_text)
            self.set_draft(layer_id, first_id, first + join_separator(first, second) + second)
