"""Time-ordered UUIDs for bulk inserts are valid UUIDv7s, unique and in insertion order."""

from __future__ import annotations

import time
import uuid

from storage.uuid7 import ordered_uuids


def test_ordered_uuids_are_version_7_and_rfc_variant() -> None:
    for text in ordered_uuids(50):
        value = uuid.UUID(text)
        assert value.version == 7
        assert value.variant == uuid.RFC_4122
        assert str(value) == text


def test_ordered_uuids_sort_in_the_order_they_were_made() -> None:
    first = ordered_uuids(1000)
    time.sleep(0.002)
    second = ordered_uuids(1000)
    made = first + second
    assert len(set(made)) == len(made)
    assert made == sorted(made)


def test_ordered_uuids_carry_the_time_they_were_made() -> None:
    before = int(time.time() * 1000)
    (text,) = ordered_uuids(1)
    after = int(time.time() * 1000)
    stamp = int(text.replace("-", "")[:12], 16)
    assert before <= stamp <= after
