"""The one ``hh:mm:ss`` formatter of media times (storage.media_time)."""

from __future__ import annotations

from storage.media_time import clock


def test_media_times_read_as_clock_time() -> None:
    assert clock(0) == "00:00:00"
    assert clock(41_999) == "00:00:41"
    assert clock(3_723_000) == "01:02:03"
    assert clock(36_000_000 * 3) == "30:00:00"
    assert clock(41_000, hour_digits=1) == "0:00:41"


def test_unknown_and_negative_times() -> None:
    assert clock(None) == ""
    assert clock(-500) == "00:00:00"
