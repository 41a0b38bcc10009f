"""The parts of a Store, each made when it is first used.

A command that only counts rows (``suhbat info``) or searches should not import and
build the live-session, translation, media and history code: importing every part took
most of the time such a command spends in suhbat itself. :class:`StoreParts` builds a part
on first use, from the other parts as they were first built, so a Store that shows
another object under a part's name (the redacted view) never changes what the other
parts were built on.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.base import Database
    from storage.code_counts_store import CodeCountsPart
    from storage.codes_store import CodersPart, CodesPart, CodingsPart, MemosPart
    from storage.guides_store import GuidesPart
    from storage.history_store import HistoryPart
    from storage.live_store import LivePart
    from storage.media_store import MediaPart
    from storage.participants_store import ParticipantsPart
    from storage.refi_store import BulkPart
    from storage.search import SearchPart
    from storage.sessions_store import SessionsPart
    from storage.span_index import SpanIndex
    from storage.transcripts_store import TranscriptsPart
    from storage.translation_work_store import TranslationWorkPart
    from storage.translations_store import TranslationsPart


class StoreParts:
    """Every part of one Store over one :class:`~storage.base.Database`, made on first use."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @cached_property
    def index(self) -> SpanIndex:
        """The search index of spans, shared by transcripts, search and history."""
        from storage.span_index import SpanIndex

        return SpanIndex(self.db)

    @cached_property
    def memos(self) -> MemosPart:
        """Memos."""
        from storage.codes_store import MemosPart

        return MemosPart(self.db)

    @cached_property
    def participants(self) -> ParticipantsPart:
        """Participants and their attributes."""
        from storage.participants_store import ParticipantsPart

        return ParticipantsPart(self.db, self.memos)

    @cached_property
    def guides(self) -> GuidesPart:
        """Interview guides and their questions."""
        from storage.guides_store import GuidesPart

        return GuidesPart(self.db)

    @cached_property
    def codes(self) -> CodesPart:
        """The codebook."""
        from storage.codes_store import CodesPart

        return CodesPart(self.db, self.memos)

    @cached_property
    def coders(self) -> CodersPart:
        """Coders."""
        from storage.codes_store import CodersPart

        return CodersPart(self.db)

    @cached_property
    def codings(self) -> CodingsPart:
        """Codings."""
        from storage.codes_store import CodingsPart

        return CodingsPart(self.db, self.codes, self.memos)

    @cached_property
    def media(self) -> MediaPart:
        """Recordings linked to sessions and transcripts."""
        from storage.media_store import MediaPart

        return MediaPart(self.db)

    @cached_property
    def translation_work(self) -> TranslationWorkPart:
        """Translation drafts and marks of utterances."""
        from storage.translation_work_store import TranslationWorkPart

        return TranslationWorkPart(self.db)

    @cached_property
    def transcripts(self) -> TranscriptsPart:
        """Transcripts, layers and utterances."""
        from storage.transcripts_store import TranscriptsPart

        return TranscriptsPart(
            self.db, self.index, self.codings, self.memos, self.media, self.translation_work
        )

    @cached_property
    def sessions(self) -> SessionsPart:
        """Sessions."""
        from storage.sessions_store import SessionsPart

        return SessionsPart(self.db, self.transcripts, self.memos)

    @cached_property
    def live(self) -> LivePart:
        """Live interviews."""
        from storage.live_store import LivePart

        return LivePart(self.db, self.sessions, self.transcripts)

    @cached_property
    def counts(self) -> CodeCountsPart:
        """Code counts."""
        from storage.code_counts_store import CodeCountsPart

        return CodeCountsPart(self.db)

    @cached_property
    def search(self) -> SearchPart:
        """Search."""
        from storage.search import SearchPart

        return SearchPart(self.db, self.index)

    @cached_property
    def history(self) -> HistoryPart:
        """Undo and redo."""
        from storage.history_store import HistoryPart

        return HistoryPart(self.db, self.index)

    @cached_property
    def bulk(self) -> BulkPart:
        """Bulk reads and writes (REFI-QDA)."""
        from storage.refi_store import BulkPart

        return BulkPart(self.db)

    @cached_property
    def translations(self) -> TranslationsPart:
        """Translation layers and their review."""
        from storage.translations_store import TranslationsPart

        return TranslationsPart(self.db, self.transcripts, self.translation_work)
