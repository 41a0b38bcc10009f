"""Code names by parent, case-folded: finding and adding many codes without rereading the tree.

An import of a codebook or a REFI-QDA project looks up every code it reads by name
under its parent and adds the missing ones. Asking the database each time reads
every sibling (or the whole tree) per code, which makes big codebooks quadratic;
a :class:`CodeNames` built once from :meth:`CodesPart.all` answers each question
in constant time. It knows the codes it was built from and those added through
:meth:`CodesPart.add` with it; renames made elsewhere are not seen.
"""

from __future__ import annotations

from collections.abc import Iterable

from storage.models import Code
from storage.text import normalize


class CodeNames:
    """Every code's names under each parent, case-folded, in tree order."""

    def __init__(self, codes: Iterable[Code] = ()) -> None:
        self._first: dict[tuple[int | None, str], int] = {}
        """(parent id, folded name in any language) → the first such code's id."""
        self._per_language: set[tuple[int | None, str, str]] = set()
        """(parent id, language, folded name) of every code."""
        self._under: dict[int | None, set[str]] = {}
        """Parent id → the folded names (all languages) of its children."""
        self.count = 0
        """How many codes there are."""
        for code in codes:
            self.add(code)

    def add(self, code: Code) -> None:
        """Record ``code`` (added after every code already recorded)."""
        self.count += 1
        under = self._under.setdefault(code.parent_id, set())
        for language, name in code.names.items():
            if name:
                folded = name.casefold()
                self._first.setdefault((code.parent_id, folded), code.id)
                self._per_language.add((code.parent_id, language, folded))
                under.add(folded)

    def find(self, name: str, parent_id: int | None) -> int | None:
        """The id of the first code under ``parent_id`` with ``name`` in any language."""
        return self._first.get((parent_id, normalize(name).strip().casefold()))

    def clashes(self, names: dict[str, str], parent_id: int | None) -> bool:
        """True if a code under ``parent_id`` has one of ``names`` in the same language."""
        return any(
            (parent_id, language, name.casefold()) in self._per_language
            for language, name in names.items()
            if name
        )

    def under(self, parent_id: int | None) -> set[str]:
        """A copy of the folded names of the codes directly under ``parent_id``."""
        return set(self._under.get(parent_id, ()))
