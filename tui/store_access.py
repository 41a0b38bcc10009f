"""How screens reach the app's Store without importing the app module (no cycles)."""

from __future__ import annotations

from typing import Protocol

from textual.dom import DOMNode

from storage import Store


class _HasStore(Protocol):
    store: Store
    coder_name: str | None


def app_store(node: DOMNode) -> Store:
    """The Store of the app that ``node`` belongs to (UI thread only)."""
    app: _HasStore = node.app  # type: ignore[assignment]
    return app.store
