"""A recording as a stream of 16-bit mono PCM from any position, at any speed (PyAV).

Decoding streams (a 2-hour recording is never held in memory); speeds other than 1×
go through FFmpeg's ``atempo`` filter, which changes tempo without changing pitch.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import av.filter

SAMPLE_RATE = 48000
BYTES_PER_FRAME = 2
MIN_SPEED, MAX_SPEED = 0.5, 2.0


def pcm_chunks(path: Path, start_ms: int = 0, speed: float = 1.0) -> Iterator[bytes]:
    """16-bit mono PCM at :data:`SAMPLE_RATE` from ``start_ms``, played at ``speed``."""
    import av

    speed = min(max(speed, MIN_SPEED), MAX_SPEED)
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        if start_ms > 0:
            container.seek(start_ms * 1000, any_frame=False, backward=True)
        graph = av.filter.Graph()
        chain = [graph.add_abuffer(template=stream)]
        if abs(speed - 1.0) > 1e-3:
            chain.append(graph.add("atempo", f"{speed:.3f}"))
        chain.append(
            graph.add("aformat", f"sample_fmts=s16:channel_layouts=mono:sample_rates={SAMPLE_RATE}")
        )
        chain.append(graph.add("abuffersink"))
        for left, right in pairwise(chain):
            left.link_to(right)
        graph.configure()
        skip_s = start_ms / 1000
        for frame in container.decode(stream):
            if frame.time is not None and skip_s > 0:
                end = frame.time + frame.samples / (frame.sample_rate or SAMPLE_RATE)
                if end <= skip_s:
                    continue  # before the seek target: seeking lands on the key frame before it
            graph.push(frame)
            yield from _pull(graph)
        graph.push(None)
        yield from _pull(graph)


def _pull(graph: av.filter.Graph) -> Iterator[bytes]:
    """Every converted frame the filter graph has ready."""
    import av

    while True:
        try:
            out = graph.pull()
            assert isinstance(out, av.AudioFrame)
        except (av.error.BlockingIOError, av.error.EOFError):
            return
        yield bytes(out.planes[0])[: out.samples * BYTES_PER_FRAME]
