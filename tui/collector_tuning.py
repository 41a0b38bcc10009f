"""Garbage-collector settings for the interactive app.

Python's cyclic collector walks every tracked object of the older generations from
time to time. Once Textual, Rich, Babel and the app are imported and the first screen is
built, that is a few hundred thousand objects that live as long as the app, and opening
a screen (thousands of new widgets, styles and table cells) triggered full collections
costing 150–350 ms of a 600 ms first open. :func:`settle_collector` collects once, then
freezes the survivors (``gc.freeze``: later collections skip them) and lets the youngest
generation grow larger before it is collected. Objects are still freed by reference
counting as usual; only cycles among the frozen objects would wait for the app to exit.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 5000
"""New container objects before a young collection (Python's default is 700)."""


def settle_collector() -> None:
    """Collect, freeze the long-lived objects, and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
