"""Worker processes that die with the process that started them.

A worker of a :class:`concurrent.futures.ProcessPoolExecutor` waits for work on a
pipe whose writing end it holds itself, so when its parent is killed (``kill -9``,
a closed terminal) it waits for ever. :func:`die_with_parent` runs first in every
worker: on Linux the kernel sends the worker ``SIGKILL`` when the parent ends
(``PR_SET_PDEATHSIG``); elsewhere a thread checks every half second whether the
parent is still there.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
"""``prctl`` option: the signal this process gets when its parent ends (Linux)."""

POLL_SECONDS = 0.5


def start_method() -> str:
    """How to start a worker: ``fork`` (cheapest) unless other threads run, then ``spawn``.

    A child forked while another thread holds a lock (any lock of the interpreter or a
    library) could wait for it for ever. ``spawn`` also makes the worker a direct child
    of this process, so it can die with it.
    """
    return "fork" if threading.active_count() == 1 else "spawn"


def die_with_parent(parent: int) -> None:
    """End this (worker) process as soon as process ``parent`` ends.

    Meant as a pool's ``initializer`` with ``initargs=(os.getpid(),)`` of the parent.
    """
    if not _parent_death_signal():
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent ended before the signal was set up
        os._exit(1)


def _parent_death_signal() -> bool:
    """Ask Linux to kill this process when its parent ends; whether that worked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    """Poll until ``parent`` is no longer this process's parent, then end the process."""
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)
