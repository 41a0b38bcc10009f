"""The codebook (code tree), coders, codings and memos."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection, Sequence
from typing import Any, Literal

from storage.base import Database, Part, new_uuid, utc_now
from storage.code_names import CodeNames
from storage.errors import N_, ConflictError, NotFoundError, ValidationError
from storage.models import Code, Coder, Coding, Memo, MemoTarget
from storage.name_language import name_language
from storage.refi_store import CodingRow
from storage.text import normalize, snap_to_graphemes
from storage.text_edits import map_end, map_start
from storage.valence import SCALE_SETTING, ValenceScale, check_valence, scale_from_setting

_PARKED = 1 << 40
"""Offsets are parked this far out while codings move, so no two collide on the way."""

_CODE_COLUMNS = (
    "id, uuid, parent_id, names, description, inclusion, exclusion, example, color,"
    " is_codable, position"
)
_CODING_COLUMNS = 'id, uuid, code_id, layer_id, start, "end", coder_id, created, memo, valence'
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)


class CodesPart(Part):
    """The codebook: a tree of codes (the one writer of ``code``).

    Deleting a code deletes its subtree and codings (by foreign key) and, through
    the memos part, the memos attached to them.
    """

    def __init__(self, db: Database, memos: MemosPart) -> None:
        super().__init__(db)
        self._memos = memos

    # -- codes ---------------------------------------------------------------------------

    def all(self) -> list[Code]:
        """Every code, parents before children, siblings in order."""
        rows = self.conn.execute(
            f"SELECT {_CODE_COLUMNS} FROM code ORDER BY position, id"
        ).fetchall()
        by_parent: dict[int | None, list[Code]] = {}
        for r in rows:
            code = _code(r)
            by_parent.setdefault(code.parent_id, []).append(code)
        # A stack, not a nested function calling itself: such a closure is a reference
        # cycle that keeps every code alive until the cyclic collector runs, and imports
        # pause that collector.
        ordered: list[Code] = []
        stack = list(reversed(by_parent.get(None, [])))
        while stack:
            code = stack.pop()
            ordered.append(code)
            stack.extend(reversed(by_parent.get(code.id, [])))
        return ordered

    def names(self) -> CodeNames:
        """Every code's names by parent, for finding and adding many codes (an import)."""
        return CodeNames(self.all())

    def get(self, code_id: int) -> Code:
        """One code by id."""
        row = self.conn.execute(
            f"SELECT {_CODE_COLUMNS} FROM code WHERE id = ?", (code_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No code with id {id}"), id=code_id)
        return _code(row)

    def path(self, code_id: int, language: str | None = None) -> list[str]:
        """Names from the root theme down to this code."""
        by_id = {c.id: c for c in self.all()}
        path: list[str] = []
        current: int | None = code_id
        while current is not None and current in by_id:
            path.append(by_id[current].name(language))
            current = by_id[current].parent_id
        return path[::-1]

    def find(self, name: str, parent_id: int | Literal["any"] | None = "any") -> Code | None:
        """A code by name in any language (or by ``Theme/Code`` path), case-insensitive.

        ``parent_id`` limits the search to one level (None: top level); "any" searches all.
        """
        wanted = normalize(name).strip()
        if "/" in wanted and parent_id == "any":
            parent: Code | None = None
            for part in wanted.split("/"):
                parent = self.find(part, parent.id if parent else None)
                if parent is None:
                    return None
            return parent
        key = wanted.casefold()
        candidates = self.all() if parent_id == "any" else self._children(parent_id)
        for code in candidates:
            if any(n.casefold() == key for n in code.names.values()):
                return code
        return None

    def _children(self, parent_id: int | None) -> list[Code]:
        """The codes directly under ``parent_id``, in order."""
        rows = self.conn.execute(
            f"SELECT {_CODE_COLUMNS} FROM code WHERE parent_id IS ? ORDER BY position, id",
            (parent_id,),
        )
        return [_code(r) for r in rows]

    def add(
        self,
        names: dict[str, str] | str,
        *,
        parent_id: int | None = None,
        description: str = "",
        inclusion: str = "",
        exclusion: str = "",
        example: str = "",
        color: str | None = None,
        is_codable: bool = True,
        uuid: str | None = None,
        known: CodeNames | None = None,
    ) -> Code:
        """Add a code under ``parent_id``; ``names`` maps language → name (or one name).

        ``known`` (from :meth:`names`), when given, answers whether a sibling has the
        same name and records the new code, so that adding many codes stays linear.
        """
        if isinstance(names, str):
            # A bare name is filed under the language it is written in (its script).
            languages = self._languages()
            names = {name_language(names, languages, languages[0]): names}
        clean = _clean_names(names, "")
        with self.transaction():
            if known is not None:
                clash = known.clashes(clean, parent_id)
            else:
                clash = any(_same_name(c.names, clean) for c in self._children(parent_id))
            if clash:
                raise ConflictError(
                    N_("A code named {name!r} exists here"), name=next(iter(clean.values()))
                )
            (position,) = self.conn.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM code WHERE parent_id IS ?",
                (parent_id,),
            ).fetchone()
            if known is not None:
                count = known.count
            else:
                (count,) = self.conn.execute("SELECT COUNT(*) FROM code").fetchone()
            code_uuid = uuid or new_uuid()
            texts = (normalize(description), normalize(inclusion), normalize(exclusion))
            example = normalize(example)
            colour = _check_color(color) if color else PALETTE[count % len(PALETTE)]
            cur = self.conn.execute(
                "INSERT INTO code (uuid, parent_id, names, description, inclusion, exclusion,"
                " example, color, is_codable, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    code_uuid,
                    parent_id,
                    json.dumps(clean, ensure_ascii=False),
                    *texts,
                    example,
                    colour,
                    int(is_codable),
                    position,
                ),
            )
            self._audit("add", "code", None, names=clean)
            code = Code(
                int(cur.lastrowid or 0),
                code_uuid,
                parent_id,
                clean,
                *texts,
                example,
                colour,
                is_codable,
                position,
            )
        if known is not None:
            known.add(code)
        return code

    def update(self, code_id: int, **fields: Any) -> Code:
        """Change a code: ``names`` (merged per language), description, criteria, colour…"""
        old = self.get(code_id)
        values: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "names":
                merged = dict(old.names)
                merged.update(_clean_names(value, self._default_language(), allow_empty=True))
                merged = {k: v for k, v in merged.items() if v}
                if not merged:
                    raise ValidationError(N_("A code needs a name"))
                values["names"] = json.dumps(merged, ensure_ascii=False)
            elif key in ("description", "inclusion", "exclusion", "example"):
                values[key] = normalize(str(value))
            elif key == "color":
                values[key] = _check_color(str(value))
            elif key == "is_codable":
                values[key] = int(bool(value))
            elif key == "parent_id":
                self._check_not_own_descendant(code_id, value)
                values[key] = value
            elif key == "position":
                values[key] = int(value)
            else:
                raise ValidationError(N_("Unknown code field {field!r}"), field=key)
        if not values:
            return old
        with self.transaction():
            sets = ", ".join(f"{k} = ?" for k in values)
            self.conn.execute(f"UPDATE code SET {sets} WHERE id = ?", (*values.values(), code_id))
            self._audit("update", "code", old.uuid, fields=sorted(values))
        return self.get(code_id)

    def move(self, code_id: int, parent_id: int | None) -> Code:
        """Move a code (with its subtree) under another parent (None: top level)."""
        with self.transaction():
            (position,) = self.conn.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM code WHERE parent_id IS ?",
                (parent_id,),
            ).fetchone()
            return self.update(code_id, parent_id=parent_id, position=position)

    def delete(self, code_id: int) -> tuple[int, int]:
        """Delete a code with its subtree; return (codes, codings) deleted."""
        codes, codings = self.delete_counts(code_id)
        ids = self._subtree(code_id)
        with self.transaction():
            self._memos.delete_attached("coding", self._coding_ids(ids))
            self._memos.delete_attached("code", ids)
            self.conn.execute("DELETE FROM code WHERE id = ?", (code_id,))
            self._audit("delete", "code", None, id=code_id, codes=codes, codings=codings)
        return codes, codings

    def delete_counts(self, code_id: int) -> tuple[int, int]:
        """How many codes and codings deleting ``code_id`` would remove."""
        ids = self._subtree(code_id)
        marks = ",".join("?" for _ in ids)
        (codings,) = self.conn.execute(
            f"SELECT COUNT(*) FROM coding WHERE code_id IN ({marks})", ids
        ).fetchone()
        return len(ids), int(codings)

    def merge(self, source_id: int, target_id: int) -> int:
        """Move every coding of ``source`` to ``target`` (duplicates collapse), then delete it.

        Children of ``source`` move under ``target``. Returns how many codings moved.
        """
        if source_id == target_id:
            raise ValidationError(N_("A code cannot be merged into itself"))
        self._check_not_own_descendant(source_id, target_id)
        with self.transaction():
            moved = self.conn.execute(
                "UPDATE OR IGNORE coding SET code_id = ? WHERE code_id = ?", (target_id, source_id)
            ).rowcount
            self.conn.execute(
                "UPDATE code SET parent_id = ? WHERE parent_id = ?", (target_id, source_id)
            )
            self._memos.move_attached("code", source_id, target_id)
            self._memos.delete_attached("coding", self._coding_ids([source_id]))
            self.conn.execute("DELETE FROM code WHERE id = ?", (source_id,))
            self._audit("merge", "code", None, source=source_id, target=target_id)
        return int(moved)

    def _coding_ids(self, code_ids: Sequence[int]) -> list[int]:
        marks = ",".join("?" for _ in code_ids)
        rows = self.conn.execute(f"SELECT id FROM coding WHERE code_id IN ({marks})", code_ids)
        return [int(r[0]) for r in rows]

    def _subtree(self, code_id: int) -> list[int]:
        rows = self.conn.execute(
            "WITH RECURSIVE t(id) AS (SELECT ? UNION ALL SELECT c.id FROM code c JOIN t"
            " ON c.parent_id = t.id) SELECT id FROM t",
            (code_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def _check_not_own_descendant(self, code_id: int, parent_id: int | None) -> None:
        if parent_id is not None and parent_id in self._subtree(code_id):
            raise ValidationError(N_("A code cannot be moved under itself"))

    def _languages(self) -> list[str]:
        row = self.conn.execute("SELECT languages FROM project").fetchone()
        return str(row[0]).split(",") if row else ["en"]

    def _default_language(self) -> str:
        row = self.conn.execute("SELECT languages FROM project").fetchone()
        return str(row[0]).split(",")[0] if row else "en"

    def set_codable(self, code_id: int) -> None:
        """Make a folder code codable (an imported project applied it to text)."""
        with self.transaction():
            self.conn.execute("UPDATE code SET is_codable = 1 WHERE id = ?", (code_id,))
            self._audit("update", "code", self.get(code_id).uuid, fields=["is_codable"])


class CodersPart(Part):
    """Coders (the one writer of ``coder``)."""

    def all(self) -> list[Coder]:
        """Every coder."""
        return [
            Coder(*r) for r in self.conn.execute("SELECT id, uuid, name FROM coder ORDER BY id")
        ]

    def get(self, name: str, *, uuid: str | None = None) -> Coder:
        """The coder called ``name``, created if new."""
        name = normalize(name).strip()
        if not name:
            raise ValidationError(N_("A coder needs a name"))
        row = self.conn.execute(
            "SELECT id, uuid, name FROM coder WHERE name = ?", (name,)
        ).fetchone()
        if row:
            return Coder(*row)
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO coder (uuid, name) VALUES (?, ?)", (uuid or new_uuid(), name)
            )
        return Coder(int(cur.lastrowid or 0), uuid or "", name) if uuid else self.get(name)


def _coder_filter(coder_ids: Collection[int] | None) -> tuple[str, tuple[int, ...]]:
    """A ``WHERE`` clause keeping the codings (``c``) of these coders (None: every coder)."""
    if coder_ids is None:
        return "", ()
    ids = tuple(sorted(set(coder_ids)))
    return f"WHERE c.coder_id IN ({', '.join('?' * len(ids))})", ids


class CodingsPart(Part):
    """Codings: a code applied by a coder to a range of a layer (the one writer of ``coding``)."""

    def __init__(self, db: Database, codes: CodesPart, memos: MemosPart) -> None:
        super().__init__(db)
        self._codes = codes
        self._memos = memos

    def all(
        self,
        *,
        layer_id: int | None = None,
        code_id: int | None = None,
        coder_id: int | None = None,
    ) -> list[Coding]:
        """Codings, filtered, in text order."""
        clauses, args = [], []
        for column, value in (("layer_id", layer_id), ("code_id", code_id), ("coder_id", coder_id)):
            if value is not None:
                clauses.append(f"{column} = ?")
                args.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.conn.execute(
            f'SELECT {_CODING_COLUMNS} FROM coding {where} ORDER BY layer_id, start, "end", id',
            args,
        )
        return [Coding(*r) for r in rows]

    def get(self, coding_id: int) -> Coding:
        """One coding by id."""
        row = self.conn.execute(
            f"SELECT {_CODING_COLUMNS} FROM coding WHERE id = ?", (coding_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No coding with id {id}"), id=coding_id)
        return Coding(*row)

    def add(
        self,
        code_id: int,
        layer_id: int,
        start: int,
        end: int,
        coder_id: int,
        *,
        memo: str = "",
        snap: bool = True,
        uuid: str | None = None,
        created: str | None = None,
    ) -> Coding:
        """Code ``[start, end)`` of a layer (snapped to grapheme clusters)."""
        start, end = self._checked_range(layer_id, start, end, snap)
        if not self._codes.get(code_id).is_codable:
            raise ValidationError(N_("This code is a folder and cannot be applied"))
        with self.transaction():
            try:
                cur = self.conn.execute(
                    'INSERT INTO coding (uuid, code_id, layer_id, start, "end", coder_id, created,'
                    " memo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        uuid or new_uuid(),
                        code_id,
                        layer_id,
                        start,
                        end,
                        coder_id,
                        created or utc_now(),
                        normalize(memo),
                    ),
                )
            except sqlite3.IntegrityError:
                raise ConflictError(
                    N_("This coder already applied this code to this exact text")
                ) from None
            self._audit("add", "coding", None, code=code_id, layer=layer_id, start=start, end=end)
        return self.get(int(cur.lastrowid or 0))

    def update(
        self,
        coding_id: int,
        *,
        code_id: int | None = None,
        start: int | None = None,
        end: int | None = None,
        memo: str | None = None,
    ) -> Coding:
        """Recode, resize or annotate a coding."""
        old = self.get(coding_id)
        new_start, new_end = self._checked_range(
            old.layer_id,
            old.start if start is None else start,
            old.end if end is None else end,
            True,
        )
        with self.transaction():
            try:
                self.conn.execute(
                    'UPDATE coding SET code_id = ?, start = ?, "end" = ?, memo = ? WHERE id = ?',
                    (
                        old.code_id if code_id is None else code_id,
                        new_start,
                        new_end,
                        old.memo if memo is None else normalize(memo),
                        coding_id,
                    ),
                )
            except sqlite3.IntegrityError:
                raise ConflictError(
                    N_("This coder already applied this code to this exact text")
                ) from None
            self._audit("update", "coding", old.uuid)
        return self.get(coding_id)

    def valence_scale(self) -> ValenceScale:
        """The project's valence scale: 3 (negative/neutral/positive) or 5 (−2…+2)."""
        return scale_from_setting(self.db.get_setting(SCALE_SETTING))

    def valence_counts(
        self, coder_ids: Collection[int] | None = None, session_kind: str | None = None
    ) -> dict[int, dict[int | None, int]]:
        """Code id → valence (None: not rated) → its number of codings, by these coders
        (default: all) in sessions of this kind (default: any): the code × valence counts."""
        where, ids = _coder_filter(coder_ids)
        args: tuple[object, ...] = ids
        join = ""
        if session_kind is not None:
            join = (
                " JOIN layer l ON l.id = c.layer_id JOIN transcript t ON t.id = l.transcript_id"
                " JOIN session s ON s.id = t.session_id"
            )
            where = f"{where} AND s.kind = ?" if where else "WHERE s.kind = ?"
            args = (*args, session_kind)
        counts: dict[int, dict[int | None, int]] = {}
        # (valence is in no index: a pass over the table beats one through an index)
        for code_id, valence, number in self.conn.execute(
            f"SELECT c.code_id, c.valence, COUNT(*) FROM coding c NOT INDEXED{join} {where}"
            " GROUP BY 1, 2",
            args,
        ):
            counts.setdefault(code_id, {})[valence] = number
        return counts

    def counts_by_layer(
        self, coder_ids: Collection[int] | None = None
    ) -> list[tuple[int, int, int]]:
        """``(code, layer, codings)`` for each code and layer with codings by these coders
        (default: all), read from an index alone."""
        where, args = _coder_filter(coder_ids)
        return self.conn.execute(
            f"SELECT c.code_id, c.layer_id, COUNT(*) FROM coding c {where} GROUP BY 1, 2", args
        ).fetchall()

    def segments(self, coder_ids: Collection[int] | None = None) -> list[tuple[int, int, int, int]]:
        """``(code, layer, start, end)`` of each segment coded with a code by these coders
        (default: all), each once, read from an index alone."""
        where, args = _coder_filter(coder_ids)
        return self.conn.execute(
            f'SELECT DISTINCT c.code_id, c.layer_id, c.start, c."end" FROM coding c {where}', args
        ).fetchall()

    def set_valence_scale(self, scale: int) -> None:
        """Choose the project's valence scale; refused while codings use values it lacks."""
        if scale not in (3, 5):
            raise ValidationError(
                N_("The valence scale is 3 or 5 points, not {scale}"), scale=scale
            )
        if scale == 3:
            (wide,) = self.conn.execute(
                "SELECT COUNT(*) FROM coding WHERE abs(valence) = 2"
            ).fetchone()
            if wide:
                raise ConflictError(
                    N_(
                        "{count} codings have valence −2 or +2: change them before choosing"
                        " 3 points"
                    ),
                    count=wide,
                )
        self.db.set_setting(SCALE_SETTING, str(scale))

    def set_valence(self, coding_id: int, valence: int | None) -> Coding:
        """Give a coding a valence on the project's scale (None clears it)."""
        old = self.get(coding_id)
        value = check_valence(valence, self.valence_scale())
        with self.transaction():
            self.conn.execute("UPDATE coding SET valence = ? WHERE id = ?", (value, coding_id))
            self._audit("update", "coding", old.uuid, valence=value)
        return self.get(coding_id)

    def take_valences(self, valences: dict[int, int]) -> None:
        """Set many codings' valences at once (an import); ±2 widens the scale to 5 points."""
        if not valences:
            return
        for value in valences.values():
            check_valence(value, 5)
        with self.transaction():
            if any(abs(v) == 2 for v in valences.values()):
                self.db.set_setting(SCALE_SETTING, "5")
            self.conn.executemany(
                "UPDATE coding SET valence = ? WHERE id = ?",
                [(value, coding_id) for coding_id, value in valences.items()],
            )
            self._audit("import", "coding", None, valences=len(valences))

    def delete(self, coding_id: int) -> None:
        """Remove a coding."""
        with self.transaction():
            self._memos.delete_attached("coding", [coding_id])
            self.conn.execute("DELETE FROM coding WHERE id = ?", (coding_id,))
            self._audit("delete", "coding", None, id=coding_id)

    def delete_of_layer(self, layer_id: int) -> None:
        """Delete a layer's codings and their memos (called by the transcripts part)."""
        ids = [
            int(r[0])
            for r in self.conn.execute("SELECT id FROM coding WHERE layer_id = ?", (layer_id,))
        ]
        with self.transaction():
            self._memos.delete_attached("coding", ids)
            self.conn.execute("DELETE FROM coding WHERE layer_id = ?", (layer_id,))

    def _checked_range(self, layer_id: int, start: int, end: int, snap: bool) -> tuple[int, int]:
        row = self.conn.execute("SELECT text FROM layer WHERE id = ?", (layer_id,)).fetchone()
        if row is None:
            raise NotFoundError(N_("No layer with id {id}"), id=layer_id)
        text: str = row[0]
        if not 0 <= start < end <= len(text):
            raise ValidationError(
                N_("Range {start}–{end} is outside the text (0–{length})"),
                start=start,
                end=end,
                length=len(text),
            )
        return snap_to_graphemes(text, start, end) if snap else (start, end)

    def add_bulk(self, rows: Sequence[CodingRow]) -> int:
        """Insert codings; exact duplicates (same UUID, or same code/range/coder) are skipped.

        Returns how many were inserted. Every range must lie inside its layer.
        """
        if not rows:
            return 0
        lengths: dict[int, int] = {}
        for layer_id in {r.layer_id for r in rows}:
            found = self.conn.execute(
                "SELECT length(text) FROM layer WHERE id = ?", (layer_id,)
            ).fetchone()
            if found is None:
                raise NotFoundError(N_("No layer with id {id}"), id=layer_id)
            lengths[layer_id] = int(found[0])
        bad = next((r for r in rows if not 0 <= r.start < r.end <= lengths[r.layer_id]), None)
        if bad is not None:
            raise ValidationError(
                N_("Range {start}–{end} is outside the text (0–{length})"),
                start=bad.start,
                end=bad.end,
                length=lengths[bad.layer_id],
            )
        now = utc_now()
        with self.transaction():
            # The cursor's row count, not total_changes: that also counts trigger writes.
            added = self.conn.executemany(
                'INSERT OR IGNORE INTO coding (uuid, code_id, layer_id, start, "end", coder_id,'
                " created, memo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(*r[:6], r.created or now, r.memo) for r in rows],
            ).rowcount
            self._audit("import", "coding", None, count=added)
        return added

    def follow_edit(self, layer_id: int, start: int, end: int, length: int) -> tuple[int, int]:
        """Move a layer's codings when its ``[start, end)`` became ``length`` code points.

        Called by the transcripts part inside its edit transaction; returns how many
        codings moved and how many were removed (their text was deleted entirely).
        """
        rows = self.conn.execute(
            'SELECT id, code_id, coder_id, start, "end" FROM coding WHERE layer_id = ? ORDER BY id',
            (layer_id,),
        ).fetchall()
        seen: set[tuple[int, int, int, int]] = set()
        moves: list[tuple[int, int, int]] = []
        removed: list[int] = []
        for coding_id, code_id, coder_id, old_start, old_end in rows:
            new_start = map_start(old_start, start, end, length)
            new_end = map_end(old_end, start, end, length)
            key = (code_id, coder_id, new_start, new_end)
            if new_start >= new_end or key in seen:
                removed.append(coding_id)
                continue
            seen.add(key)
            if (new_start, new_end) != (old_start, old_end):
                moves.append((coding_id, new_start, new_end))
        self._memos.delete_attached("coding", removed)
        self.conn.executemany("DELETE FROM coding WHERE id = ?", [(i,) for i in removed])
        self.conn.executemany(
            'UPDATE coding SET start = ?, "end" = ? WHERE id = ?',
            [(s + _PARKED, e + _PARKED, i) for i, s, e in moves],
        )
        self.conn.executemany(
            'UPDATE coding SET start = ?, "end" = ? WHERE id = ?', [(s, e, i) for i, s, e in moves]
        )
        return len(moves), len(removed)

    def divide_at(self, layer_id: int, cut: int) -> int:
        """Cut the codings that cover the line break at ``cut`` (an utterance split) in two.

        Each part keeps the code, coder, time, memo and valence; the second part is a new
        coding with copies of the first's memos. A part that would be empty (the coding
        ended or began at the break) is dropped, and so is a part identical to another
        coding. Called by the transcripts part inside its split transaction; returns how
        many codings were cut in two.
        """
        rows = self.conn.execute(
            'SELECT id, code_id, coder_id, start, "end", created, memo, valence FROM coding'
            ' WHERE layer_id = ? AND start <= ? AND "end" > ? ORDER BY id',
            (layer_id, cut, cut),
        ).fetchall()
        taken = {
            tuple(r)
            for r in self.conn.execute(
                'SELECT code_id, coder_id, start, "end" FROM coding WHERE layer_id = ?',
                (layer_id,),
            )
        }
        divided = 0
        for coding_id, code_id, coder_id, start, end, created, memo, valence in rows:
            parts = [
                (s, e)
                for s, e in ((start, cut), (cut + 1, end))
                if s < e and (code_id, coder_id, s, e) not in taken
            ]
            if not parts:
                self._memos.delete_attached("coding", [coding_id])
                self.conn.execute("DELETE FROM coding WHERE id = ?", (coding_id,))
                continue
            (first_start, first_end), *rest = parts
            self.conn.execute(
                'UPDATE coding SET start = ?, "end" = ? WHERE id = ?',
                (first_start, first_end, coding_id),
            )
            for second_start, second_end in rest:
                cur = self.conn.execute(
                    'INSERT INTO coding (uuid, code_id, layer_id, start, "end", coder_id, created,'
                    " memo, valence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        new_uuid(),
                        code_id,
                        layer_id,
                        second_start,
                        second_end,
                        coder_id,
                        created,
                        memo,
                        valence,
                    ),
                )
                for note in self._memos.all("coding", coding_id):
                    self._memos.add("coding", cur.lastrowid, note.text, author=note.author)
                divided += 1
        return divided


class MemosPart(Part):
    """Memos on the project, sessions, codes, codings and participants (writes ``memo``)."""

    def all(self, target: MemoTarget | None = None, target_id: int | None = None) -> list[Memo]:
        """Memos on a target (or all)."""
        sql = "SELECT id, uuid, target, target_id, text, author, created, updated FROM memo"
        args: list[Any] = []
        if target is not None:
            sql += " WHERE target = ? AND target_id IS ?"
            args = [target, target_id]
        return [Memo(*r) for r in self.conn.execute(sql + " ORDER BY id", args)]

    def targets(self, target: MemoTarget) -> set[int]:
        """The ids of the ``target`` rows (codes, sessions, …) that have a memo."""
        rows = self.conn.execute(
            "SELECT DISTINCT target_id FROM memo WHERE target = ? AND target_id IS NOT NULL",
            (target,),
        )
        return {int(r[0]) for r in rows}

    def add(
        self,
        target: MemoTarget,
        target_id: int | None,
        text: str,
        *,
        author: str | None = None,
        uuid: str | None = None,
    ) -> Memo:
        """Attach a memo."""
        now = utc_now()
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO memo (uuid, target, target_id, text, author, created, updated)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (uuid or new_uuid(), target, target_id, normalize(text), author, now, now),
            )
        return self.get(int(cur.lastrowid or 0))

    def get(self, memo_id: int) -> Memo:
        """One memo by id."""
        row = self.conn.execute(
            "SELECT id, uuid, target, target_id, text, author, created, updated FROM memo"
            " WHERE id = ?",
            (memo_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No memo with id {id}"), id=memo_id)
        return Memo(*row)

    def update(self, memo_id: int, text: str) -> Memo:
        """Replace a memo's text."""
        with self.transaction():
            self.conn.execute(
                "UPDATE memo SET text = ?, updated = ? WHERE id = ?",
                (normalize(text), utc_now(), memo_id),
            )
        return self.get(memo_id)

    def delete(self, memo_id: int) -> None:
        """Delete a memo."""
        with self.transaction():
            self.conn.execute("DELETE FROM memo WHERE id = ?", (memo_id,))

    def delete_attached(self, target: MemoTarget, ids: Sequence[int]) -> None:
        """Delete the memos on these rows (called by the part that deletes the rows)."""
        self.conn.executemany(
            "DELETE FROM memo WHERE target = ? AND target_id = ?", [(target, i) for i in ids]
        )

    def move_attached(self, target: MemoTarget, source_id: int, target_id: int) -> None:
        """Re-attach the memos of one row to another (a code merged into another)."""
        self.conn.execute(
            "UPDATE memo SET target_id = ? WHERE target = ? AND target_id = ?",
            (target_id, target, source_id),
        )


def _code(r: tuple[Any, ...]) -> Code:
    return Code(
        id=r[0],
        uuid=r[1],
        parent_id=r[2],
        names=json.loads(r[3]),
        description=r[4],
        inclusion=r[5],
        exclusion=r[6],
        example=r[7],
        color=r[8],
        is_codable=bool(r[9]),
        position=r[10],
    )


def _clean_names(
    names: dict[str, str] | str, default_language: str, *, allow_empty: bool = False
) -> dict[str, str]:
    raw = {default_language: names} if isinstance(names, str) else dict(names)
    clean = {k: normalize(v).strip() for k, v in raw.items() if v is not None}
    if any("/" in v for v in clean.values()):
        raise ValidationError(N_("A code name cannot contain '/'"))
    if not allow_empty:
        clean = {k: v for k, v in clean.items() if v}
        if not clean:
            raise ValidationError(N_("A code needs a name"))
    return clean


def _same_name(a: dict[str, str], b: dict[str, str]) -> bool:
    return any(a.get(lang, "").casefold() == name.casefold() for lang, name in b.items() if name)


def _check_color(color: str) -> str:
    if not _COLOR.match(color):
        raise ValidationError(N_("{color!r} is not a colour like #4e79a7"), color=color)
    return color.lower()
