"""Participants and their typed attributes."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date

from storage.base import Database, Part, new_uuid
from storage.codes_store import MemosPart
from storage.errors import N_, ConflictError, NotFoundError, ValidationError
from storage.models import ATTRIBUTE_TYPES, Attribute, AttributeType, Participant
from storage.participant_names import ParticipantNames
from storage.text import normalize

_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$"),
)


def parse_date(value: str) -> str:
    """Validate a date (``YYYY-MM-DD`` or ``DD.MM.YYYY``) and return it as ISO text."""
    for pattern in _DATE_FORMATS:
        m = pattern.match(value.strip())
        if m:
            try:
                return date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError:
                break
    raise ValidationError(N_("{value!r} is not a valid date"), value=value)


def coerce_value(attribute: Attribute, value: str) -> str:
    """Check ``value`` against the attribute's type and return its canonical text.

    Raises :class:`ValidationError` with a message naming the attribute.
    """
    value = normalize(value).strip()
    if value == "":
        return ""
    kind = attribute.type
    try:
        if kind == "integer":
            return str(int(value.replace(" ", "")))
        if kind == "float":
            return repr(float(value.replace(" ", "").replace(",", ".")))
        if kind == "date":
            return parse_date(value)
    except (ValueError, ValidationError):
        raise ValidationError(
            N_("{attribute}: {value!r} is not a valid {type}"),
            attribute=attribute.name,
            value=value,
            type=kind,
        ) from None
    if kind == "category" and attribute.allowed and value not in attribute.allowed:
        raise ValidationError(
            N_("{attribute}: {value!r} is not one of {allowed}"),
            attribute=attribute.name,
            value=value,
            allowed=", ".join(attribute.allowed),
        )
    return value


class ParticipantsPart(Part):
    """Participant profiles and attribute definitions.

    The one writer of ``attribute``, ``participant`` and ``participant_value``.
    """

    def __init__(self, db: Database, memos: MemosPart) -> None:
        super().__init__(db)
        self._memos = memos

    # -- attributes ----------------------------------------------------------------------

    def attributes(self) -> list[Attribute]:
        """All attribute definitions in display order."""
        rows = self.conn.execute(
            "SELECT id, uuid, name, type, allowed, sensitive, position FROM attribute"
            " ORDER BY position, id"
        ).fetchall()
        return [_attribute(r) for r in rows]

    def attribute(self, name: str) -> Attribute:
        """The attribute called ``name``."""
        for a in self.attributes():
            if a.name == name:
                return a
        raise NotFoundError(N_("No attribute named {name!r}"), name=name)

    def add_attribute(
        self,
        name: str,
        type: AttributeType = "text",
        allowed: tuple[str, ...] | list[str] = (),
        *,
        sensitive: bool = False,
        uuid: str | None = None,
    ) -> Attribute:
        """Define a new participant attribute."""
        name = normalize(name).strip()
        if not name:
            raise ValidationError(N_("An attribute needs a name"))
        if type not in ATTRIBUTE_TYPES:
            raise ValidationError(N_("Unknown attribute type {type!r}"), type=type)
        with self.transaction():
            (position,) = self.conn.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM attribute"
            ).fetchone()
            try:
                cur = self.conn.execute(
                    "INSERT INTO attribute (uuid, name, type, allowed, sensitive, position)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        uuid or new_uuid(),
                        name,
                        type,
                        json.dumps(list(allowed), ensure_ascii=False),
                        int(sensitive),
                        position,
                    ),
                )
            except sqlite3.IntegrityError:
                raise ConflictError(N_("An attribute named {name!r} exists"), name=name) from None
            self._audit("add", "attribute", None, name=name)
        return self._attribute_by_id(int(cur.lastrowid or 0))

    def update_attribute(
        self,
        attribute_id: int,
        *,
        name: str | None = None,
        type: AttributeType | None = None,
        allowed: tuple[str, ...] | list[str] | None = None,
        sensitive: bool | None = None,
    ) -> Attribute:
        """Change an attribute's definition; existing values must still fit its type."""
        old = self._attribute_by_id(attribute_id)
        new = Attribute(
            id=old.id,
            uuid=old.uuid,
            name=normalize(name).strip() if name is not None else old.name,
            type=type or old.type,
            allowed=tuple(allowed) if allowed is not None else old.allowed,
            sensitive=old.sensitive if sensitive is None else sensitive,
            position=old.position,
        )
        with self.transaction():
            values = self.conn.execute(
                "SELECT participant_id, value FROM participant_value WHERE attribute_id = ?",
                (attribute_id,),
            ).fetchall()
            for pid, value in values:
                self.conn.execute(
                    "UPDATE participant_value SET value = ? WHERE participant_id = ?"
                    " AND attribute_id = ?",
                    (coerce_value(new, value), pid, attribute_id),
                )
            try:
                self.conn.execute(
                    "UPDATE attribute SET name = ?, type = ?, allowed = ?, sensitive = ?"
                    " WHERE id = ?",
                    (
                        new.name,
                        new.type,
                        json.dumps(list(new.allowed), ensure_ascii=False),
                        int(new.sensitive),
                        attribute_id,
                    ),
                )
            except sqlite3.IntegrityError:
                raise ConflictError(
                    N_("An attribute named {name!r} exists"), name=new.name
                ) from None
            self._audit("update", "attribute", old.uuid, name=new.name)
        return new

    def delete_attribute(self, attribute_id: int) -> None:
        """Delete an attribute definition and every participant's value for it."""
        with self.transaction():
            self.conn.execute("DELETE FROM attribute WHERE id = ?", (attribute_id,))
            self._audit("delete", "attribute", None, id=attribute_id)

    def _attribute_by_id(self, attribute_id: int) -> Attribute:
        row = self.conn.execute(
            "SELECT id, uuid, name, type, allowed, sensitive, position FROM attribute WHERE id = ?",
            (attribute_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No attribute with id {id}"), id=attribute_id)
        return _attribute(row)

    # -- participants --------------------------------------------------------------------

    def all(self) -> list[Participant]:
        """All participants, in the order they were added."""
        return self._participants_where("", ())

    def get(self, participant_id: int) -> Participant:
        """One participant by id."""
        found = self._participants_where("WHERE id = ?", (participant_id,))
        if not found:
            raise NotFoundError(N_("No participant with id {id}"), id=participant_id)
        return found[0]

    def _participants_where(self, where: str, args: tuple[object, ...]) -> list[Participant]:
        rows = self.conn.execute(
            f"SELECT id, uuid, code, real_name, notes FROM participant {where} ORDER BY id", args
        ).fetchall()
        # Values in primary-key order (no join, no sort), then each participant's put in
        # attribute display order: twice as fast as sorting the joined rows in SQLite.
        names = self.conn.execute("SELECT id, name FROM attribute ORDER BY position, id").fetchall()
        by_id: dict[int, dict[int, str]] = {}
        value_filter = "WHERE participant_id = ?" if where else ""
        for pid, attribute_id, value in self.conn.execute(
            f"SELECT participant_id, attribute_id, value FROM participant_value {value_filter}",
            args if where else (),
        ):
            by_id.setdefault(pid, {})[attribute_id] = value
        values = {
            pid: {name: own[aid] for aid, name in names if aid in own} for pid, own in by_id.items()
        }
        return [Participant(r[0], r[1], r[2], r[3], values.get(r[0], {}), r[4] or "") for r in rows]

    def names(self) -> ParticipantNames:
        """Every participant by pseudonym and real name, for many look-ups (an import)."""
        return ParticipantNames(self.all(), self.attributes())

    def find(self, name: str) -> Participant | None:
        """The participant whose pseudonym or real name is ``name`` (case-insensitive).

        This reads every participant: for many look-ups use :meth:`names`.
        """
        wanted = normalize(name).strip().casefold()
        for p in self.all():
            if p.code.casefold() == wanted or (p.real_name or "").casefold() == wanted:
                return p
        return None

    def add(
        self,
        code: str,
        *,
        real_name: str | None = None,
        attributes: dict[str, str] | None = None,
        notes: str = "",
        uuid: str | None = None,
        known: ParticipantNames | None = None,
    ) -> Participant:
        """Add a participant; attribute values are validated against their definitions.

        ``known`` (from :meth:`names`), when given, supplies the attribute definitions
        and records the new participant, so that adding many stays linear. Inside a
        caller's transaction it also defers the checks of foreign keys to that
        transaction's commit, so that each participant's values can be written before
        its row (see :meth:`_values_first`).
        """
        code = normalize(code).strip()
        if not code:
            raise ValidationError(N_("A participant needs a pseudonym"))
        by_name = known.attributes if known is not None else self._attributes_by_name()
        uuid = uuid or new_uuid()
        with self.transaction():
            values = self._coerced(attributes or {}, by_name)
            if self._values_first(many=known is not None):
                (pid,) = self.conn.execute(
                    "SELECT COALESCE(MAX(id), 0) + 1 FROM participant"
                ).fetchone()
                self._write_values(pid, values)
                self._insert(pid, uuid, code, real_name, notes)
            else:
                pid = self._insert(None, uuid, code, real_name, notes)
                self._write_values(pid, values)
            self._audit("add", "participant", None, code=code)
        ordered = sorted(
            (a for a in by_name.values() if values.get(a.id)), key=lambda a: (a.position, a.id)
        )
        participant = Participant(
            pid, uuid, code, real_name, {a.name: values[a.id] for a in ordered}, notes or ""
        )
        if known is not None:
            known.record(participant)
        return participant

    def _insert(
        self, pid: int | None, uuid: str, code: str, real_name: str | None, notes: str
    ) -> int:
        try:
            cur = self.conn.execute(
                "INSERT INTO participant (id, uuid, code, real_name, notes) VALUES (?, ?, ?, ?, ?)",
                (pid, uuid, code, real_name, notes),
            )
        except sqlite3.IntegrityError:
            raise ConflictError(
                N_("A participant with pseudonym {code!r} exists"), code=code
            ) from None
        return int(cur.lastrowid or 0)

    def _values_first(self, *, many: bool) -> bool:
        """Whether a new participant's values can go in before its row.

        A trigger gives the participant a new revision (with its whole state) for its
        row and again for each value written after it (see :mod:`storage.schema`);
        values written first, with foreign keys deferred, leave one revision that
        already holds them, which is several times faster. Turning the deferral on
        makes SQLite recompile every statement, so it is turned on once, for the rest
        of the caller's transaction (``many``: the caller adds many participants in
        one), and SQLite turns it off at the commit.
        """
        (deferred,) = self.conn.execute("PRAGMA defer_foreign_keys").fetchone()
        if not deferred and many and self.db.depth > 1:
            self.conn.execute("PRAGMA defer_foreign_keys = ON")
            deferred = 1
        return bool(deferred)

    def update(
        self,
        participant_id: int,
        *,
        code: str | None = None,
        real_name: str | None = None,
        attributes: dict[str, str] | None = None,
        notes: str | None = None,
        known: ParticipantNames | None = None,
    ) -> Participant:
        """Change a participant; only the given fields and attributes change.

        ``known``: as for :meth:`add`.
        """
        old = self.get(participant_id)
        by_name = known.attributes if known is not None else self._attributes_by_name()
        with self.transaction():
            new_code = normalize(code).strip() if code is not None else old.code
            if not new_code:
                raise ValidationError(N_("A participant needs a pseudonym"))
            try:
                self.conn.execute(
                    "UPDATE participant SET code = ?, real_name = ?, notes = ? WHERE id = ?",
                    (
                        new_code,
                        real_name if real_name is not None else old.real_name,
                        notes if notes is not None else old.notes,
                        participant_id,
                    ),
                )
            except sqlite3.IntegrityError:
                raise ConflictError(
                    N_("A participant with pseudonym {code!r} exists"), code=new_code
                ) from None
            self._write_values(participant_id, self._coerced(attributes or {}, by_name))
            self._audit("update", "participant", old.uuid, code=new_code)
        participant = self.get(participant_id)
        if known is not None:
            known.record(participant)
        return participant

    def delete(self, participant_id: int) -> None:
        """Delete a participant; their utterances keep the speaker label."""
        with self.transaction():
            self._memos.delete_attached("participant", [participant_id])
            self.conn.execute("DELETE FROM participant WHERE id = ?", (participant_id,))
            self._audit("delete", "participant", None, id=participant_id)

    def _attributes_by_name(self) -> dict[str, Attribute]:
        return {a.name: a for a in self.attributes()}

    def _coerced(self, values: dict[str, str], by_name: dict[str, Attribute]) -> dict[int, str]:
        """Attribute id → checked value ("" to clear); unknown names become text attributes.

        ``by_name`` gains the attributes made here.
        """
        coerced: dict[int, str] = {}
        for name, raw in values.items():
            attribute = by_name.get(name)
            if attribute is None:
                attribute = self.add_attribute(name, "text")
                by_name[name] = attribute
            coerced[attribute.id] = coerce_value(attribute, str(raw))
        return coerced

    def _write_values(self, participant_id: int, values: dict[int, str]) -> None:
        for attribute_id, value in values.items():
            if value == "":
                self.conn.execute(
                    "DELETE FROM participant_value WHERE participant_id = ? AND attribute_id = ?",
                    (participant_id, attribute_id),
                )
            else:
                self.conn.execute(
                    "INSERT INTO participant_value (participant_id, attribute_id, value)"
                    " VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
                    (participant_id, attribute_id, value),
                )


def _attribute(row: tuple[object, ...]) -> Attribute:
    allowed = json.loads(str(row[4]))
    return Attribute(
        id=int(str(row[0])),
        uuid=str(row[1]),
        name=str(row[2]),
        type=str(row[3]),  # type: ignore[arg-type]
        allowed=tuple(allowed),
        sensitive=bool(row[5]),
        position=int(str(row[6])),
    )
