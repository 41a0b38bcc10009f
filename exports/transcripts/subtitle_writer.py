"""A transcript layer as WebVTT (``<v Speaker>`` voice spans) or SRT (``Speaker: text``)."""

from __future__ import annotations

from exports.transcripts.timed_turns import TimedTurn


def _stamp(ms: int, separator: str) -> str:
    seconds, millis = divmod(max(ms, 0), 1000)
    return (
        f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}{separator}{millis:03d}"
    )


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def vtt_text(turns: list[TimedTurn], language: str, title: str = "") -> str:
    """WebVTT captions of one layer; each cue names its speaker in a voice span."""
    lines = ["WEBVTT" + (f" - {title}" if title else ""), ""]
    for number, turn in enumerate(turns, 1):
        text = turn.texts.get(language, "")
        if not text:
            continue
        voice = f"<v {_escape_vtt(turn.speaker)}>" if turn.speaker else ""
        lines += [
            str(number),
            f"{_stamp(turn.start_ms, '.')} --> {_stamp(turn.end_ms, '.')}",
            voice + _escape_vtt(text),
            "",
        ]
    return "\n".join(lines)


def srt_text(turns: list[TimedTurn], language: str) -> str:
    """SRT subtitles of one layer; the speaker leads each cue as ``Speaker: text``."""
    lines: list[str] = []
    number = 0
    for turn in turns:
        text = turn.texts.get(language, "")
        if not text:
            continue
        number += 1
        lines += [
            str(number),
            f"{_stamp(turn.start_ms, ',')} --> {_stamp(turn.end_ms, ',')}",
            f"{turn.speaker}: {text}" if turn.speaker else text,
            "",
        ]
    return "\n".join(lines)
