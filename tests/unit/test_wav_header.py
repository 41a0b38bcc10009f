"""A WAV's header against its bytes: cut copies are found, unfinished headers left alone."""

from __future__ import annotations

import struct
import wave
from pathlib import Path

from exports.media.wav_header import wav_shortfall


def _wav(path: Path, seconds: int) -> bytes:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\x01\x02" * 16000 * seconds)
    return path.read_bytes()


def test_a_cut_copy_reports_what_it_holds_and_what_its_header_states(tmp_path: Path) -> None:
    data = _wav(tmp_path / "whole.wav", 10)
    assert wav_shortfall(tmp_path / "whole.wav") is None
    (tmp_path / "cut.wav").write_bytes(data[: 44 + 32000 * 3])
    assert wav_shortfall(tmp_path / "cut.wav") == (3000, 10000)
    (tmp_path / "nearly.wav").write_bytes(data[:-100])  # a few ms short: padding, not a cut
    assert wav_shortfall(tmp_path / "nearly.wav") is None


def test_unfinished_headers_and_other_files_are_not_judged(tmp_path: Path) -> None:
    data = bytearray(_wav(tmp_path / "whole.wav", 2))
    data[40:44] = struct.pack("<I", 0xFFFFFFFF)  # a recorder that never wrote the size
    (tmp_path / "streaming.wav").write_bytes(bytes(data))
    assert wav_shortfall(tmp_path / "streaming.wav") is None
    (tmp_path / "short.wav").write_bytes(b"RIFF")
    assert wav_shortfall(tmp_path / "short.wav") is None
    (tmp_path / "notes.txt").write_text("RIFF? no.", encoding="utf-8")
    assert wav_shortfall(tmp_path / "notes.txt") is None
